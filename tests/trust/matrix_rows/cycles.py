"""Review cycles."""

from .terms import API_ACTION, API_DETAIL, API_LIST, CYCLE, HR, PAGE, R, Row, but, everyone, then

ROWS: list[Row] = [
    # A cycle's configuration is public inside the organisation; only HR admin writes it.
    R("cycles:list", "GET", PAGE, answers=everyone()),
    R("cycles:new", "GET", PAGE, answers=but(HR)),
    R("cycles:detail", "GET", PAGE, CYCLE, everyone()),
    R("cycles:edit", "GET", PAGE, CYCLE, but(HR)),
    R("cycles:copy", "POST", PAGE, CYCLE, but(HR, 302)),
    R("cycles:transition", "POST", PAGE, then(CYCLE, "close"), but(HR, 302)),
    R("cycle-list", "GET", API_LIST, answers=everyone()),
    R("cycle-list", "POST", API_LIST, answers=but(HR, 201),
      body=lambda s: {"name": "Autumn", "periods": [s.objective.period_id], "participant_units": [s.org.acme.pk]}),
    R("cycle-detail", "GET", API_DETAIL, CYCLE, everyone()),
    R("cycle-detail", "PATCH", API_DETAIL, CYCLE, but(HR), body=lambda s: {"name": "Renamed"}),
    R("cycle-copy", "POST", API_ACTION, CYCLE, but(HR, 201)),
    # Counts of the reviews the caller may see (scoped, so an employee counts only their own).
    R("cycle-progress", "GET", API_DETAIL, CYCLE, everyone()),
    R("cycle-sync", "POST", API_ACTION, CYCLE, but(HR)),
    R("cycle-transitions", "POST", API_ACTION, then(CYCLE, "close"), but(HR)),
]
