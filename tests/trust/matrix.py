"""The permission matrix: every route × every persona → the status it must answer.

One row per (route, method): the channel, the object it acts on (built from the scenario), the body, and
the answer of each persona. Personas not named answer 404 (the object is not theirs to see); ``inactive``
(a logged-in user who has been deactivated) and ``anonymous`` answer 401 on the API and are sent to the
login page (302) elsewhere. test_coverage.py fails for any route with neither a row here nor a reason in
NOT_COVERED.

The cast (tests/conftest.py + scenario.py): the employee owns everything the rows act on, unless the row
says otherwise; manager and skip are their management chain; respondent is the peer who gave feedback
on the review; hr_partner is HR partner of Engineering (the employee's units), hr_partner_out of Sales;
outsider works in Sales.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

PAGE, API_DETAIL, API_LIST, API_ACTION, EXPORT, PDF = "page", "api detail", "api list", "api action", "export", "pdf"
API_CHANNELS = {API_DETAIL, API_LIST, API_ACTION}

PERSONAS = ("employee", "manager", "skip", "respondent", "hr_partner", "hr_partner_out", "hr_admin", "outsider",
            "inactive", "anonymous")
MEMBERS = frozenset(PERSONAS[:8])                     # every active, logged-in persona
CHAIN = frozenset({"employee", "manager", "skip"})    # the employee and their management chain
SCOPE = CHAIN | {"hr_partner", "hr_admin"}            # who reads the employee's private records
HR = frozenset({"hr_admin"})
ONE_ON_ONE = frozenset({"employee", "manager"})       # the only two who may know their one-on-one exists
SILENCERS = frozenset({"employee", "manager", "skip", "hr_admin"})  # the owner, their chain, HR admin
RETRO = frozenset({"employee", "manager", "skip", "respondent", "hr_partner", "hr_admin"})  # Platform's
PARTNERS = frozenset({"hr_partner", "hr_partner_out"})
MANAGER_SIDE = frozenset({"manager", "skip", "hr_partner", "hr_admin"})  # who reads a conversation's private notes


@dataclass(frozen=True)
class Row:
    route: str                                   # URL name, as reverse() takes it
    method: str
    channel: str
    args: Callable = lambda s: []                # scenario → reverse() args
    answers: dict = field(default_factory=dict)  # status → personas; everyone else active answers 404
    body: Callable | None = None                 # scenario → request body (form data for pages, JSON for the API)
    query: Callable | None = None                # scenario → query string parameters
    sees: frozenset | None = None                # list rows: who finds ``shows(s)`` among the results
    shows: Callable | None = None                # list rows: scenario → the id that must (not) be listed
    reveals: tuple | None = None                 # (secret, personas): whose 200 answer contains that secret
    note: str = ""

    @property
    def api(self) -> bool:
        """Routes of the API (router names and ``api-…``) authenticate by token; the rest are pages."""
        return ":" not in self.route

    def expected(self) -> dict[str, int]:
        out = {p: 404 for p in MEMBERS}
        for status, personas in self.answers.items():
            for p in personas:
                out[p] = status
        gone = 401 if self.api else 302
        out["inactive"] = out["anonymous"] = gone
        return out

    @property
    def id(self) -> str:
        return f"{self.method} {self.route}" + (f" {self.note}" if self.note else "")


# The secrets ``reveals`` looks for in an answer (scenario.py writes them).
SECRETS = {"name": "Emil Employee", "private_notes": "Flight risk"}


def R(route, method, channel, args=None, answers=None, **kw) -> Row:
    return Row(route, method, channel, args or (lambda s: []), answers or {}, **kw)


def everyone(status: int = 200) -> dict:
    return {status: MEMBERS}


def but(ok: frozenset | set, status: int = 200, others: int = 403) -> dict:
    """``ok`` answer ``status``; every other member sees the object and answers ``others``."""
    return {others: MEMBERS - set(ok), status: ok}


def scoped(ok: frozenset | set, status: int = 200, visible: frozenset | set = SCOPE, others: int = 403) -> dict:
    """``ok`` answer ``status``; the rest of ``visible`` answers ``others`` (403); the remaining members 404."""
    return {others: set(visible) - set(ok), status: set(ok)}


# Objects the rows act on.
ME = lambda s: [s.people["employee"].pk]           # noqa: E731
UNIT = lambda s: [s.org.platform.pk]               # noqa: E731
OBJ = lambda s: [s.objective.pk]                   # noqa: E731
PRIV = lambda s: [s.private_objective.pk]          # noqa: E731
TEAM = lambda s: [s.team_objective.pk]             # noqa: E731
KR = lambda s: [s.key_result.pk]                   # noqa: E731
PKR = lambda s: [s.private_key_result.pk]          # noqa: E731
DEP = lambda s: [s.dependency.pk]                  # noqa: E731
DEV = lambda s: [s.development_goal.pk]            # noqa: E731
CYCLE = lambda s: [s.cycle.pk]                     # noqa: E731
REVIEW = lambda s: [s.review.pk]                   # noqa: E731
REQUEST = lambda s: [s.request.pk]                 # noqa: E731
CONV = lambda s: [s.conversation.pk]               # noqa: E731
BATCH = lambda s: [s.batch.pk]                     # noqa: E731
SERIES = lambda s: [s.series.pk]                   # noqa: E731
MEETING = lambda s: [s.meeting.pk]                 # noqa: E731
SILENCE = lambda s: [s.silence.pk]                 # noqa: E731


def _t(target, name):
    return lambda s: [*target(s), name]


TABLE: list[Row] = [
    # --- people -------------------------------------------------------------------------------------------
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
    # --- goals: objectives ---------------------------------------------------------------------------------
    R("okrs:my_goals", "GET", PAGE, answers=everyone()),
    R("okrs:team_goals", "GET", PAGE, answers=everyone()),
    R("okrs:person_goals", "GET", PAGE, ME, everyone()),
    R("okrs:unit_goals", "GET", PAGE, UNIT, everyone()),
    R("okrs:tree", "GET", PAGE, answers=everyone()),
    R("okrs:tree_children", "GET", PAGE, TEAM, everyone()),
    R("okrs:objective_new", "GET", PAGE, answers=everyone()),
    R("okrs:objective", "GET", PAGE, OBJ, everyone(), note="public"),
    R("okrs:objective", "GET", PAGE, PRIV, {200: SCOPE}, note="private"),
    # Personal objectives are written by their owner and HR admin; the chain reads them (DESIGN §5: OKRs).
    R("okrs:objective_edit", "GET", PAGE, OBJ, but({"employee", "hr_admin"})),
    R("okrs:objective_edit", "GET", PAGE, PRIV, scoped({"employee", "hr_admin"}), note="private"),
    R("okrs:objective_transition", "POST", PAGE, _t(OBJ, "submit"), but({"employee", "hr_admin"}, 302)),
    R("objective-list", "GET", API_LIST, answers=everyone(), sees=SCOPE, shows=lambda s: s.private_objective.pk),
    R("objective-list", "POST", API_LIST, answers=but({"employee", "hr_admin"}, 201),
      body=lambda s: {"title": "Write the docs", "level": "personal", "owner": s.people["employee"].pk,
                      "period": s.objective.period_id}),
    R("objective-detail", "GET", API_DETAIL, OBJ, everyone(), note="public"),
    R("objective-detail", "GET", API_DETAIL, PRIV, {200: SCOPE}, note="private"),
    R("objective-detail", "PATCH", API_DETAIL, PRIV, scoped({"employee", "hr_admin"}),
      body=lambda s: {"title": "Renamed"}, note="private"),
    R("objective-transitions", "POST", API_ACTION, _t(OBJ, "submit"), but({"employee", "hr_admin"})),
    # --- goals: key results and check-ins ------------------------------------------------------------------
    # Team objectives are written by the leads of the team and of the units above it, and HR admin; HR partners read.
    R("okrs:key_result_new", "GET", PAGE, TEAM, but({"manager", "skip", "hr_admin"})),
    R("okrs:key_result", "GET", PAGE, KR, everyone()),
    R("okrs:key_result", "GET", PAGE, PKR, {200: SCOPE}, note="private"),
    R("okrs:key_result_edit", "GET", PAGE, KR, but({"manager", "skip", "hr_admin"})),
    # Check-ins: the key result's owner, the team's lead, HR admin.
    R("okrs:check_in", "POST", PAGE, KR, but({"employee", "manager", "hr_admin"}, 302),
      body=lambda s: {"value": "10", "confidence": "6", "note": "Better"}),
    R("key-result-list", "GET", API_LIST, answers=everyone(), sees=SCOPE, shows=lambda s: s.private_key_result.pk),
    # A body naming an objective the caller may not see is invalid input, as for a missing one (no leak).
    R("key-result-list", "POST", API_LIST,
      answers={201: {"employee", "hr_admin"}, 403: {"manager", "skip", "hr_partner"},
               400: {"respondent", "hr_partner_out", "outsider"}},
      body=lambda s: {"objective": s.private_objective.pk, "title": "Ship", "kind": "boolean"}),
    R("key-result-detail", "GET", API_DETAIL, PKR, {200: SCOPE}, note="private"),
    R("key-result-detail", "PATCH", API_DETAIL, PKR, scoped({"employee", "hr_admin"}),
      body=lambda s: {"title": "Lead two"}, note="private"),
    R("key-result-check-ins", "GET", API_DETAIL, PKR, {200: SCOPE}, note="private"),
    R("key-result-check-ins", "POST", API_ACTION, PKR, scoped({"employee", "hr_admin"}, 201),
      body=lambda s: {"value": 1, "confidence": 8},
      note="private"),
    # --- goals: alignment, boards, development -------------------------------------------------------------
    R("okrs:dependency_new", "GET", PAGE, TEAM, but({"manager", "skip", "hr_admin"})),
    R("okrs:dependency_transition", "POST", PAGE, _t(DEP, "accept"), but({"skip", "hr_admin"}, 302)),
    R("dependency-list", "GET", API_LIST, answers=everyone(), sees=MEMBERS, shows=lambda s: s.dependency.pk),
    R("dependency-list", "POST", API_LIST, answers=but({"manager", "skip", "hr_admin"}, 201),
      body=lambda s: {"objective": s.team_objective.pk, "to_unit": s.org.sales.pk, "message": "Help"}),
    R("dependency-detail", "GET", API_DETAIL, DEP, everyone()),
    R("dependency-transitions", "POST", API_ACTION, _t(DEP, "accept"), but({"skip", "hr_admin"})),
    R("okrs:my_board", "GET", PAGE, answers=everyone(302), note="redirects to the caller's board"),
    R("okrs:unit_board", "GET", PAGE, UNIT, everyone()),
    # A person's weekly board (health notes) is theirs, their chain's and HR's.
    R("okrs:person_board", "GET", PAGE, ME, {200: SCOPE}),
    R("okrs:development", "GET", PAGE, ME, {200: SCOPE}),
    # Development goals: read by SCOPE, written by the person, their direct manager and HR admin.
    R("okrs:development_new", "GET", PAGE, ME, scoped({"employee", "manager", "hr_admin"})),
    R("okrs:development_edit", "GET", PAGE, DEV, scoped({"employee", "manager", "hr_admin"})),
    R("development-goal-list", "GET", API_LIST, answers=everyone(), sees=SCOPE,
      shows=lambda s: s.development_goal.pk),
    R("development-goal-list", "POST", API_LIST, answers=but({"employee", "manager", "hr_admin"}, 201),
      body=lambda s: {"person": s.people["employee"].pk, "title": "Mentoring"}),
    R("development-goal-detail", "GET", API_DETAIL, DEV, {200: SCOPE}),
    R("development-goal-detail", "PATCH", API_DETAIL, DEV, scoped({"employee", "manager", "hr_admin"}),
      body=lambda s: {"status": "in_progress"}),
    # --- cycles --------------------------------------------------------------------------------------------
    # A cycle's configuration is public inside the organisation; only HR admin writes it.
    R("cycles:list", "GET", PAGE, answers=everyone()),
    R("cycles:new", "GET", PAGE, answers=but(HR)),
    R("cycles:detail", "GET", PAGE, CYCLE, everyone()),
    R("cycles:edit", "GET", PAGE, CYCLE, but(HR)),
    R("cycles:copy", "POST", PAGE, CYCLE, but(HR, 302)),
    R("cycles:transition", "POST", PAGE, _t(CYCLE, "close"), but(HR, 302)),
    R("cycle-list", "GET", API_LIST, answers=everyone()),
    R("cycle-list", "POST", API_LIST, answers=but(HR, 201),
      body=lambda s: {"name": "Autumn", "periods": [s.objective.period_id], "participant_units": [s.org.acme.pk]}),
    R("cycle-detail", "GET", API_DETAIL, CYCLE, everyone()),
    R("cycle-detail", "PATCH", API_DETAIL, CYCLE, but(HR), body=lambda s: {"name": "Renamed"}),
    R("cycle-copy", "POST", API_ACTION, CYCLE, but(HR, 201)),
    # Counts of the reviews the caller may see (scoped, so an employee counts only their own).
    R("cycle-progress", "GET", API_DETAIL, CYCLE, everyone()),
    R("cycle-sync", "POST", API_ACTION, CYCLE, but(HR)),
    R("cycle-transitions", "POST", API_ACTION, _t(CYCLE, "close"), but(HR)),
    # --- reviews -------------------------------------------------------------------------------------------
    R("reviews:tasks", "GET", PAGE, answers=everyone()),
    R("reviews:review", "GET", PAGE, REVIEW, {200: SCOPE}),
    R("reviews:self_review", "POST", PAGE, REVIEW, scoped({"employee"}, 409), body=lambda s: {}),
    R("reviews:manager_review", "POST", PAGE, REVIEW, scoped({"manager"}, 409), body=lambda s: {}),
    R("reviews:nominate", "POST", PAGE, REVIEW, scoped({"employee", "manager", "hr_admin"}, 409),
      body=lambda s: {"respondent": s.people["outsider"].pk, "group": "peer"}),
    R("reviews:respondent_search", "GET", PAGE, REVIEW, {200: SCOPE}),
    R("reviews:transition", "POST", PAGE, _t(REVIEW, "acknowledge"), scoped({"employee"}, 302)),
    R("review-list", "GET", API_LIST, answers=everyone(), sees=SCOPE, shows=lambda s: s.review.pk),
    R("review-detail", "GET", API_DETAIL, REVIEW, {200: SCOPE}),
    R("review-self-review", "PUT", API_ACTION, REVIEW, scoped({"employee"}, 409), body=lambda s: {"answers": []}),
    R("review-manager-review", "PUT", API_ACTION, REVIEW, scoped({"manager"}, 409), body=lambda s: {"answers": []}),
    R("review-transitions", "POST", API_ACTION, _t(REVIEW, "acknowledge"), scoped({"employee"})),
    R("review-transitions", "POST", API_ACTION, _t(REVIEW, "submit_self_review"), scoped({"employee"}, 409),
      note="wrong state"),
    R("api-review-summary-pdf", "GET", PDF, REVIEW, {200: SCOPE}),
    R("documents:review_summary", "GET", PDF, REVIEW, {200: SCOPE}),
    # --- feedback requests ---------------------------------------------------------------------------------
    # A request is seen by its respondent and by those who see the review (who nominate and approve);
    # the respondent alone answers; the manager and HR admin cancel (409: it is already submitted).
    R("reviews:request", "GET", PAGE, REQUEST, {200: SCOPE | {"respondent"}}),
    R("reviews:request_answers", "POST", PAGE, REQUEST, scoped({"respondent"}, 409, SCOPE | {"respondent"}),
      body=lambda s: {}),
    R("reviews:request_transition", "POST", PAGE, _t(REQUEST, "cancel"),
      scoped({"manager", "hr_admin"}, 409, SCOPE | {"respondent"})),
    R("feedback-request-list", "GET", API_LIST, answers=everyone(), sees=SCOPE | {"respondent"},
      shows=lambda s: s.request.pk),
    R("feedback-request-list", "POST", API_LIST, answers=scoped({"employee", "manager", "hr_admin"}, 409),
      body=lambda s: {"review": s.review.pk, "respondent": s.people["outsider"].pk, "group": "peer"},
      note="after release"),
    R("feedback-request-detail", "GET", API_DETAIL, REQUEST, {200: SCOPE | {"respondent"}}),
    R("feedback-request-answers", "PUT", API_ACTION, REQUEST, scoped({"respondent"}, 409, SCOPE | {"respondent"}),
      body=lambda s: {"answers": []}),
    R("feedback-request-transitions", "POST", API_ACTION, _t(REQUEST, "cancel"),
      scoped({"manager", "hr_admin"}, 409, SCOPE | {"respondent"})),
    # --- results conversations -----------------------------------------------------------------------------
    # The review has its conversation already: whoever sees the review is taken to it.
    R("reviews:conversation_start", "POST", PAGE, REVIEW, {302: SCOPE}),
    R("reviews:conversation", "GET", PAGE, CONV, {200: SCOPE}, reveals=("private_notes", MANAGER_SIDE)),
    R("reviews:conversation_save", "POST", PAGE, CONV, scoped({"employee", "manager", "hr_admin"}, 302),
      body=lambda s: {"notes": "More notes"}),
    R("reviews:conversation_goal", "POST", PAGE, CONV, scoped({"manager", "hr_admin"}, 302),
      body=lambda s: {"title": "Lead a guild"}),
    R("reviews:conversation_invite", "GET", PAGE, CONV, {200: SCOPE}),
    R("reviews:conversation_transition", "POST", PAGE, _t(CONV, "hold"), scoped({"manager", "hr_admin"}, 302),
      body=lambda s: {"notes": "Held"}),
    R("conversation-list", "GET", API_LIST, answers=everyone(), sees=SCOPE, shows=lambda s: s.conversation.pk),
    R("conversation-list", "POST", API_LIST, answers=scoped({"manager", "hr_admin"}, 409),
      body=lambda s: {"review": s.review.pk}),
    R("conversation-detail", "GET", API_DETAIL, CONV, {200: SCOPE}, reveals=("private_notes", MANAGER_SIDE)),
    R("conversation-detail", "PATCH", API_DETAIL, CONV, scoped({"employee", "manager", "hr_admin"}),
      body=lambda s: {"notes": "More notes"}),
    R("conversation-transitions", "POST", API_ACTION, _t(CONV, "hold"), scoped({"manager", "hr_admin"}),
      body=lambda s: {"notes": "Held"}),
    R("conversation-transitions", "POST", API_ACTION, _t(CONV, "acknowledge"), scoped({"employee", "manager"}, 409),
      note="wrong state"),
    R("api-conversation-invite", "GET", API_DETAIL, CONV, {200: SCOPE}),
    # --- calibration, dashboard, exports ------------------------------------------------------------------
    # HR admin and HR partners calibrate and watch the cycle, each partner over their own units only.
    R("reviews:calibration", "GET", PAGE, CYCLE, {200: HR | PARTNERS}, reveals=("name", HR | {"hr_partner"})),
    R("reviews:calibration_session_add", "POST", PAGE, CYCLE, {302: HR, 403: PARTNERS},
      body=lambda s: {"name": "Engineering", "units": [s.org.engineering.pk]}),
    R("reviews:calibration_calibrate", "POST", PAGE, REVIEW, {409: HR | {"hr_partner"}},
      body=lambda s: {"final_rating": 3, "reason": "x"}, note="after release"),
    R("reviews:dashboard", "GET", PAGE, CYCLE, {200: HR | PARTNERS}),
    R("reviews:dashboard_remind", "POST", PAGE, CYCLE, {302: HR | PARTNERS}),
    R("reviews:dashboard_export", "GET", EXPORT, _t(CYCLE, "csv"), {200: HR | PARTNERS}, note="csv",
      reveals=("name", HR | {"hr_partner"})),
    R("reviews:dashboard_export", "GET", EXPORT, _t(CYCLE, "xlsx"), {200: HR | PARTNERS}, note="xlsx",
      reveals=("name", HR | {"hr_partner"})),
    # --- documents -----------------------------------------------------------------------------------------
    R("documents:unit_report", "GET", PDF, UNIT, everyone()),
    R("documents:cycle_report", "GET", PDF, CYCLE, {200: HR | PARTNERS}),
    R("documents:batches", "GET", PAGE, answers={200: HR | PARTNERS}),
    R("documents:batch", "GET", PAGE, BATCH, {200: HR}),
    R("documents:batch_progress", "GET", PAGE, BATCH, {200: HR}),
    R("documents:batch_zip", "GET", EXPORT, BATCH, {200: HR}),
    # --- meetings: the manager's one-on-one with the employee (HR does not see it at all) -----------------
    R("meetings:home", "GET", PAGE, answers=everyone()),
    R("meetings:meeting", "GET", PAGE, MEETING, {200: ONE_ON_ONE}),
    R("meetings:invite", "GET", PAGE, MEETING, {200: ONE_ON_ONE}),
    R("meetings:point_add", "POST", PAGE, MEETING, {302: ONE_ON_ONE}, body=lambda s: {"text": "Feedback"}),
    R("meetings:point_toggle", "POST", PAGE, lambda s: [s.meeting.pk, s.point.pk], {302: ONE_ON_ONE}),
    R("meetings:note_add", "POST", PAGE, MEETING, {302: ONE_ON_ONE}, body=lambda s: {"kind": "note", "text": "Ok"}),
    R("meetings:action_add", "POST", PAGE, MEETING, {302: ONE_ON_ONE},
      body=lambda s: {"text": "Read a book", "owner": s.people["employee"].pk}),
    R("meetings:action_toggle", "POST", PAGE, lambda s: [s.meeting.pk, s.action.pk], {302: ONE_ON_ONE}),
    # The settings form shows to every member (the directory is public); creating checks change_series.
    R("meetings:series_new", "GET", PAGE, answers=everyone(),
      query=lambda s: {"kind": "one_on_one", "report": s.people["respondent"].pk}, note="the manager's other report"),
    R("meetings:series_edit", "GET", PAGE, SERIES, scoped({"manager"}, visible=ONE_ON_ONE)),
    R("meeting-series-list", "GET", API_LIST, answers=everyone(), sees=ONE_ON_ONE, shows=lambda s: s.series.pk),
    R("meeting-series-list", "POST", API_LIST, answers={201: {"manager"}, 400: MEMBERS - {"manager"}},
      body=lambda s: {"kind": "one_on_one", "report": s.people["respondent"].pk}, note="the manager's other report"),
    R("meeting-series-detail", "GET", API_DETAIL, SERIES, {200: ONE_ON_ONE}),
    R("meeting-series-detail", "PATCH", API_DETAIL, SERIES, scoped({"manager"}, visible=ONE_ON_ONE),
      body=lambda s: {"active": False}),
    R("meeting-list", "GET", API_LIST, answers=everyone(), sees=ONE_ON_ONE, shows=lambda s: s.meeting.pk),
    R("meeting-detail", "GET", API_DETAIL, MEETING, {200: ONE_ON_ONE}),
    R("api-meeting-invite", "GET", API_DETAIL, MEETING, {200: ONE_ON_ONE}),
    # A body naming a meeting the caller may not see is invalid input (400 on ``meeting``), as for a missing one.
    R("talking-point-list", "GET", API_LIST, answers=everyone(), sees=ONE_ON_ONE, shows=lambda s: s.point.pk),
    R("talking-point-list", "POST", API_LIST, answers={201: ONE_ON_ONE, 400: MEMBERS - ONE_ON_ONE},
      body=lambda s: {"meeting": s.meeting.pk, "text": "Promotion"}),
    R("talking-point-detail", "GET", API_DETAIL, lambda s: [s.point.pk], {200: ONE_ON_ONE}),
    R("talking-point-detail", "PATCH", API_DETAIL, lambda s: [s.point.pk], scoped({"employee"}, visible=ONE_ON_ONE),
      body=lambda s: {"text": "Career path, again"}, note="text: its author"),
    R("action-item-list", "GET", API_LIST, answers=everyone(), sees=ONE_ON_ONE, shows=lambda s: s.action.pk),
    R("action-item-list", "POST", API_LIST, answers={201: ONE_ON_ONE, 400: MEMBERS - ONE_ON_ONE},
      body=lambda s: {"meeting": s.meeting.pk, "text": "Pair", "owner": s.people["employee"].pk}),
    R("action-item-detail", "GET", API_DETAIL, lambda s: [s.action.pk], {200: ONE_ON_ONE}),
    R("action-item-detail", "PATCH", API_DETAIL, lambda s: [s.action.pk], {200: ONE_ON_ONE},
      body=lambda s: {"done": True}),
    R("meeting-note-list", "GET", API_LIST, answers=everyone(), sees=ONE_ON_ONE, shows=lambda s: s.note.pk),
    R("meeting-note-list", "POST", API_LIST, answers={201: ONE_ON_ONE, 400: MEMBERS - ONE_ON_ONE},
      body=lambda s: {"meeting": s.meeting.pk, "kind": "decision", "text": "Go"}),
    R("meeting-note-detail", "GET", API_DETAIL, lambda s: [s.note.pk], {200: ONE_ON_ONE}),
    R("meeting-note-detail", "PATCH", API_DETAIL, lambda s: [s.note.pk], scoped({"manager"}, visible=ONE_ON_ONE),
      body=lambda s: {"text": "Edited"}, note="text: its author"),
    # --- the OKR coach and retrospectives ------------------------------------------------------------------
    R("coach:home", "GET", PAGE, answers=everyone(302), note="redirects to the caller's unit"),
    R("coach:objective", "GET", PAGE, PRIV, {200: SCOPE}, note="private"),
    R("coach:silence_new", "POST", PAGE, PRIV, scoped(SILENCERS, 302), note="private",
      body=lambda s: {"rule": "too_many_objectives", "reason": "Stretch quarter"}),
    R("coach:silence_delete", "POST", PAGE, SILENCE, scoped(SILENCERS, 302)),
    R("coach:unit_summary", "GET", PAGE, UNIT, everyone()),
    R("coach:rules", "GET", PAGE, answers={200: HR}),
    R("coach:retrospective", "GET", PAGE, UNIT, {200: RETRO}),
    R("documents:retrospective_pdf", "GET", PDF, UNIT, {200: RETRO}),
    R("coach:company_retrospective", "GET", PAGE, answers={200: HR}),
    R("documents:company_retrospective_pdf", "GET", PDF, answers={200: HR}),
    R("coach-rule-list", "GET", API_LIST, answers=everyone()),
    R("coach-rule-detail", "GET", API_DETAIL, lambda s: ["too_many_objectives"], everyone()),
    R("coach-rule-detail", "PATCH", API_DETAIL, lambda s: ["too_many_objectives"], but(HR),
      body=lambda s: {"enabled": False}),
    R("coach-silence-list", "GET", API_LIST, answers=everyone(), sees=SCOPE, shows=lambda s: s.silence.pk),
    R("coach-silence-list", "POST", API_LIST, answers={201: SILENCERS, 403: {"hr_partner"},
                                                        400: MEMBERS - SCOPE},
      body=lambda s: {"objective": s.private_objective.pk, "rule": "too_many_objectives", "reason": "Stretch"}),
    R("coach-silence-detail", "GET", API_DETAIL, SILENCE, {200: SCOPE}),
    R("coach-silence-detail", "DELETE", API_DETAIL, SILENCE, scoped(SILENCERS, 204)),
    R("api-coach-unit-findings", "GET", API_DETAIL, UNIT, everyone()),
    R("api-retrospective", "GET", API_DETAIL, answers={200: HR}, note="the company"),
    # --- privacy: HR admin only, 404 for everyone else -----------------------------------------------------
    R("privacy:overview", "GET", PAGE, answers={200: HR}),
    R("privacy:person", "GET", PAGE, ME, {200: HR}),
    R("privacy:export", "POST", EXPORT, ME, {200: HR}),
    R("privacy:erase", "POST", PAGE, ME, {400: HR}, body=lambda s: {"reason": "Left"}, note="unconfirmed"),
    R("api-person-export", "POST", EXPORT, ME, {200: HR}),
    R("api-person-erase", "POST", API_ACTION, ME, {409: HR}, body=lambda s: {"confirm": True, "reason": "x"},
      note="not due: still active"),
    # --- notifications: the caller's own settings ----------------------------------------------------------
    R("notifications:settings", "GET", PAGE, answers=everyone()),
    R("notifications:test", "POST", PAGE, answers=everyone(302), note="a test message to the caller"),
    R("api-notification-settings", "GET", API_DETAIL, answers=everyone()),
]

# Routes with no row, and why: none of them shows or changes an object of the organisation.
NOT_COVERED = {
    "healthz": "public health check (CONTRACT: no login)",
    "login": "the login form itself (public)",
    "logout": "ends the caller's own session",
    "password_change": "the caller's own password (Django auth)",
    "password_change_done": "static confirmation",
    "password_reset": "Django auth, by e-mail token",
    "password_reset_done": "static confirmation",
    "password_reset_confirm": "Django auth, by e-mail token",
    "password_reset_complete": "static confirmation",
    "set_language": "the caller's own language (public, the login page offers it)",
    "oidc_authentication_init": "single sign-on: starts the login at the identity provider (public)",
    "oidc_authentication_callback": "single sign-on: the provider's answer, checked by state and nonce (public)",
    "oidc_logout": "ends the caller's own session",
}
NOT_COVERED_PREFIXES = {
    "admin/": "the Django admin site: staff only, guarded by the model permissions it is built on",
    "favicon.ico": "the site's icon, a static file (public)",
}
