"""The goals pages: my goals, a team's and a unit's goals, the alignment tree, objectives and key results,
the weekly board and development plans. Views stay short: an access-checked fetch (404 when invisible),
a form, one service or transition call, then a redirect or a render."""
