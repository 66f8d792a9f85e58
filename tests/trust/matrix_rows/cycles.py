"""Review cycles."""

from itertools import count

from tests.cycles.factories import make_cycle

from .terms import API_ACTION, API_DETAIL, API_LIST, CYCLE, HR, MEMBERS, PAGE, PARTNERS, R, Row, but, everyone, then

HR_STAFF = HR | PARTNERS  # who reads a draft cycle: HR's work in progress
DRAFTS = count(1)
SCALE = lambda s: [s.cycle.final_scale_id]      # noqa: E731
TEMPLATE = lambda s: [s.cycle.template_id]      # noqa: E731


def DRAFT(s) -> list[int]:  # noqa: N802 (named like the other targets)
    """A draft cycle, made afresh for each persona's call (and undone after it)."""
    # Named afresh too: cycle names are unique, and the browser tests keep each draft they open.
    s.draft_id = make_cycle(by=s.people["hr_admin"], units=[s.org.acme], name=f"Draft for the matrix {next(DRAFTS)}").pk
    return [s.draft_id]


ROWS: list[Row] = [
    # A launched cycle's configuration is public inside the organisation; only HR admin writes it. A draft is
    # read by HR only (404 to everyone else, on the list too).
    R("cycles:list", "GET", PAGE, answers=everyone()),
    R("cycles:new", "GET", PAGE, answers=but(HR)),
    R("cycles:detail", "GET", PAGE, CYCLE, everyone()),
    R("cycles:detail", "GET", PAGE, DRAFT, {200: HR_STAFF}, note="a draft"),
    R("cycles:edit", "GET", PAGE, CYCLE, but(HR)),
    R("cycles:edit", "GET", PAGE, DRAFT, {200: HR, 403: PARTNERS}, note="a draft"),
    R("cycles:copy", "POST", PAGE, CYCLE, but(HR, 302)),
    R("cycles:transition", "POST", PAGE, then(CYCLE, "close"), but(HR, 302)),
    R("cycles:transition", "GET", PAGE, then(CYCLE, "close"), but(HR), note="the confirmation"),
    # Deleting: a draft only (409 once launched), by HR admin only.
    R("cycles:delete", "GET", PAGE, DRAFT, {200: HR, 403: PARTNERS}, note="a draft"),
    R("cycles:delete", "POST", PAGE, DRAFT, {302: HR, 403: PARTNERS}, note="a draft"),
    R("cycles:delete", "GET", PAGE, CYCLE, but(HR, 409), note="launched"),
    R("cycles:delete", "POST", PAGE, CYCLE, but(HR, 409), note="launched"),
    # The people picker's choices: the directory every member reads.
    R("cycles:people_choices", "GET", PAGE, answers=everyone(), query=lambda s: {"q": "Em"}),
    R("cycle-list", "GET", API_LIST, answers=everyone()),
    R("cycle-list", "GET", API_LIST, lambda s: DRAFT(s) and [], everyone(), sees=HR_STAFF,
      shows=lambda s: s.draft_id, note="a draft"),
    R("cycle-list", "POST", API_LIST, answers=but(HR, 201),
      body=lambda s: {"name": "Autumn", "periods": [s.objective.period_id], "participant_units": [s.org.acme.pk]}),
    R("cycle-detail", "GET", API_DETAIL, CYCLE, everyone()),
    R("cycle-detail", "GET", API_DETAIL, DRAFT, {200: HR_STAFF}, note="a draft"),
    R("cycle-detail", "PATCH", API_DETAIL, CYCLE, but(HR), body=lambda s: {"name": "Renamed"}),
    R("cycle-detail", "DELETE", API_DETAIL, DRAFT, {204: HR, 403: PARTNERS}, note="a draft"),
    R("cycle-detail", "DELETE", API_DETAIL, CYCLE, {409: HR, 403: MEMBERS - HR}, note="launched"),
    R("cycle-copy", "POST", API_ACTION, CYCLE, but(HR, 201)),
    # Counts of the reviews the caller may see (scoped, so an employee counts only their own).
    R("cycle-progress", "GET", API_DETAIL, CYCLE, everyone()),
    # What a phase step would do: HR admin only (members who see the cycle: 403).
    R("cycle-preview", "GET", API_DETAIL, then(CYCLE, "close"), but(HR)),
    R("cycle-sync", "POST", API_ACTION, CYCLE, but(HR)),
    R("cycle-transitions", "POST", API_ACTION, then(CYCLE, "close"), but(HR)),
    # Templates and scales: every member reads the questions (they are no secret, so the builder's pages answer
    # 403, not 404); HR admin alone writes them.
    # The scenario's template is one a launched cycle uses: a PATCH answers its new version.
    R("scale-list", "GET", API_LIST, answers=everyone()),
    R("scale-list", "POST", API_LIST, answers=but(HR, 201),
      body=lambda s: {"name": {"en": "Matrix scale"}, "cant_judge": False,
                      "levels": [{"value": 1, "label": {"en": "Low"}}, {"value": 2, "label": {"en": "High"}}]}),
    R("scale-detail", "GET", API_DETAIL, SCALE, everyone()),
    R("template-list", "GET", API_LIST, answers=everyone()),
    R("template-list", "POST", API_LIST, answers=but(HR, 201), body=lambda s: {
        "name": {"en": "Matrix template"}, "questions": [
            {"section": "open", "kind": "text", "author": "self", "text": {"en": "What went well?"}, "scale": None,
             "required": False}]}),
    R("template-detail", "GET", API_DETAIL, TEMPLATE, everyone()),
    R("template-detail", "PATCH", API_DETAIL, TEMPLATE, but(HR), body=lambda s: {"name": {"en": "Renamed"}}),
    R("template-copy", "POST", API_ACTION, TEMPLATE, but(HR, 201)),
    R("cycles:template_list", "GET", PAGE, answers=but(HR)),
    R("cycles:template_new", "GET", PAGE, answers=but(HR)),
    R("cycles:template_edit", "GET", PAGE, TEMPLATE, but(HR)),
    R("cycles:template_preview", "GET", PAGE, TEMPLATE, but(HR)),
    R("cycles:template_copy", "POST", PAGE, TEMPLATE, but(HR, 302)),
]
