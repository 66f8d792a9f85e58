"""People, units, periods and the API's own pages."""

from .terms import API_ACTION, API_DETAIL, API_LIST, HR, ME, MEMBERS, PAGE, UNIT, R, Row, but, everyone

ROWS: list[Row] = [
    R("people:home", "GET", PAGE, answers=everyone(302), note="redirects to the goals"),
    R("people:org_chart", "GET", PAGE, answers=everyone()),
    R("people:org_chart_person", "GET", PAGE, ME, everyone()),
    R("people:import_org", "GET", PAGE, answers={200: HR}),
    R("api-me", "GET", API_DETAIL, answers=everyone()),
    R("person-list", "GET", API_LIST, answers=everyone(), sees=MEMBERS, shows=lambda s: s.people["employee"].pk),
    R("person-detail", "GET", API_DETAIL, ME, everyone()),
    R("person-transitions", "POST", API_ACTION, lambda s: [s.people["outsider"].pk, "deactivate"],
      but(HR), note="deactivate"),
    R("unit-list", "GET", API_LIST, answers=everyone(), sees=MEMBERS, shows=lambda s: s.org.platform.pk),
    R("unit-detail", "GET", API_DETAIL, UNIT, everyone()),
    R("period-list", "GET", API_LIST, answers=everyone()),
    R("period-detail", "GET", API_DETAIL, lambda s: [s.objective.period_id], everyone()),
    R("api-schema", "GET", API_DETAIL, answers=everyone()),
    R("api-docs", "GET", API_DETAIL, answers=everyone()),
]
