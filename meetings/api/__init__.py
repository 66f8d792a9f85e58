"""The meetings API: series, meetings (agenda and invite), talking points, action items and notes."""
