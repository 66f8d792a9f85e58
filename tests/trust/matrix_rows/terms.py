"""The words the permission matrix's rows are written in: channels, personas and groups of them, the row
itself, shorthands for the answers, and the objects rows act on (tests/trust/matrix.py introduces the cast)."""

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


def then(target, name):
    """The target's reverse() args, then a name: a transition, or an export's format."""
    return lambda s: [*target(s), name]
