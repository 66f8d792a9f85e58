"""The coach's rules: pure functions over an objective and the facts loaded for a whole batch.

Nothing here queries the database. ``coach.selectors.findings_for`` loads every fact a batch of objectives
needs in a fixed number of queries (``Facts``) and calls ``evaluate``; each rule sees one objective, its
prefetched key results and the facts, and answers its findings with a one-line why and a fix.

Each rule's thresholds are data (``RuleSpec.defaults``, overridden per company by ``CoachRule.params``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from okrs.models import KeyResult, Objective

from . import language
from .models import Rule

OwnerKey = tuple[str, int | None]


def owner_key(objective: Objective) -> OwnerKey:
    """Objectives are counted per owner: a person's personal ones, or a unit's (any unit level)."""
    if objective.level == Objective.Level.PERSONAL:
        return ("person", objective.owner_id)
    return ("unit", objective.unit_id)


@dataclass(frozen=True)
class Finding:
    rule: str
    objective_id: int
    target: str | int  # "objective" or a key result's id
    why: str
    fix: str
    silenced: bool = False
    reason: str = ""

    @property
    def message(self) -> str:
        return f"{self.why} {self.fix}"

    @property
    def label(self) -> str:
        return Rule(self.rule).label

    def as_contract(self) -> dict:
        return {"rule": self.rule, "message": self.message, "target": self.target}


@dataclass
class Facts:
    """What the rules read beyond the objective itself, loaded once for a batch."""

    today: dt.date
    # Objectives per (owner key, period id).
    counts: dict[tuple[OwnerKey, int], int] = field(default_factory=dict)
    # The latest check-in per key result.
    last_check_in: dict[int, dt.datetime] = field(default_factory=dict)
    # The periods of the same kind before each period, newest first.
    previous_periods: dict[int, list] = field(default_factory=dict)
    # Titles per (owner key, period id), for the periods before.
    titles: dict[tuple[OwnerKey, int], list[str]] = field(default_factory=dict)
    # Mean score of the closed objectives per (owner key, period id).
    closed_mean: dict[tuple[OwnerKey, int], Decimal] = field(default_factory=dict)
    # Objectives something serves: a child objective, or a contribution request not declined.
    served: set[int] = field(default_factory=set)


Check = Callable[[Objective, Facts, dict], list[Finding]]


@dataclass(frozen=True)
class RuleSpec:
    code: str
    check: Check
    defaults: dict
    # name → (minimum, maximum) accepted for each threshold.
    bounds: dict
    # What the rule checks, in a line, for the settings page.
    summary: str = ""


def _objective_finding(rule: str, objective: Objective, why: str, fix: str) -> Finding:
    return Finding(rule=rule, objective_id=objective.pk, target="objective", why=why, fix=fix)


def _kr_finding(rule: str, kr: KeyResult, why: str, fix: str) -> Finding:
    return Finding(rule=rule, objective_id=kr.objective_id, target=kr.pk, why=why, fix=fix)


def too_many_objectives(objective: Objective, facts: Facts, params: dict) -> list[Finding]:
    count = facts.counts.get((owner_key(objective), objective.period_id), 1)
    if count <= params["max"]:
        return []
    return [_objective_finding(
        Rule.TOO_MANY_OBJECTIVES, objective,
        _("%(n)s objectives for this owner in %(period)s: more than %(max)s splits the focus.")
        % {"n": count, "period": objective.period.code, "max": params["max"]},
        _("Keep the ones that matter most; turn the rest into key results or move them to a later period."),
    )]


def too_many_key_results(objective: Objective, facts: Facts, params: dict) -> list[Finding]:
    count = len(objective.key_results.all())
    if count <= params["max"]:
        return []
    return [_objective_finding(
        Rule.TOO_MANY_KEY_RESULTS, objective,
        _("%(n)s key results: more than %(max)s and none of them gets the attention it needs.")
        % {"n": count, "max": params["max"]},
        _("Keep the few that prove the objective is reached; the rest are tasks for the plan."),
    )]


def figures_in_objective(objective: Objective, facts: Facts, params: dict) -> list[Finding]:
    figure = language.figure_in(objective.title)
    if figure is None:
        return []
    return [_objective_finding(
        Rule.FIGURES_IN_OBJECTIVE, objective,
        _("The objective holds a figure (“%(figure)s”): objectives say what and why in words, key results "
          "carry the numbers.") % {"figure": figure},
        _("Move the number into a key result and word the objective as the change you want."),
    )]


def _looks_binary(kr: KeyResult) -> bool:
    if kr.kind == KeyResult.Kind.BOOLEAN:
        return True
    # 0 → 1 with no unit is a yes/no in disguise.
    return kr.start == 0 and kr.target == 1 and not kr.unit_label.strip()


def kr_not_measurable(objective: Objective, facts: Facts, params: dict) -> list[Finding]:
    return [
        _kr_finding(
            Rule.KR_NOT_MEASURABLE, kr,
            _("“%(kr)s” is done or not done: there is no measure that shows how far it got.") % {"kr": kr.title},
            _("Name a number that moves with the outcome (from X to Y), or silence this with the reason a "
              "yes/no is the result."),
        )
        for kr in objective.key_results.all()
        if _looks_binary(kr) and language.figure_in(kr.title) is None
    ]


def kr_is_a_task(objective: Objective, facts: Facts, params: dict) -> list[Finding]:
    findings = []
    for kr in objective.key_results.all():
        verb = language.task_word_in(kr.title)
        if verb is None or language.outcome_word_in(kr.title) is not None:
            continue
        findings.append(_kr_finding(
            Rule.KR_IS_A_TASK, kr,
            _("“%(kr)s” opens with “%(verb)s”: it names work to do, not the result the work should bring.")
            % {"kr": kr.title, "verb": verb},
            _("Say what changes once it is done — who does what differently, and by how much."),
        ))
    return findings


def no_recent_check_in(objective: Objective, facts: Facts, params: dict) -> list[Finding]:
    period = objective.period
    if objective.state != Objective.State.ACTIVE or not (period.start <= facts.today <= period.end):
        return []
    findings = []
    for kr in objective.key_results.all():
        last = facts.last_check_in.get(kr.pk)
        since = last.date() if last else max(period.start, kr.created_at.date())
        days = (facts.today - since).days
        if days < params["days"]:
            continue
        why = (_("No check-in for %(n)s days: written and forgotten?") % {"n": days} if last
               else _("No check-in since it started %(n)s days ago: written and forgotten?") % {"n": days})
        findings.append(_kr_finding(
            Rule.NO_RECENT_CHECK_IN, kr, why,
            _("Record the current value and your confidence, even when nothing moved."),
        ))
    return findings


def carried_over(objective: Objective, facts: Facts, params: dict) -> list[Finding]:
    previous = facts.previous_periods.get(objective.period_id, [])[:1]
    for period in previous:
        for title in facts.titles.get((owner_key(objective), period.pk), []):
            if language.same_wording(title, objective.title):
                return [_objective_finding(
                    Rule.CARRIED_OVER, objective,
                    _("The same objective was set in %(period)s and is carried over unchanged.")
                    % {"period": period.code},
                    _("Say what is different this time and rewrite it, or let it go if it no longer matters."),
                )]
    return []


def _run_of_means(objective: Objective, facts: Facts, periods: int) -> list[tuple[object, Decimal]] | None:
    previous = facts.previous_periods.get(objective.period_id, [])[:periods]
    if len(previous) < periods:
        return None
    means = [(p, facts.closed_mean.get((owner_key(objective), p.pk))) for p in previous]
    if any(mean is None for _, mean in means):
        return None
    return means[::-1]


def _scores_text(means) -> str:
    return ", ".join(f"{p.code}: {mean:.2f}" for p, mean in means)


def too_safe(objective: Objective, facts: Facts, params: dict) -> list[Finding]:
    means = _run_of_means(objective, facts, params["periods"])
    if not means or any(mean < Decimal(str(params["at_least"])) for _, mean in means):
        return []
    return [_objective_finding(
        Rule.TOO_SAFE, objective,
        _("This owner's objectives closed at %(scores)s: %(n)s periods running at %(at)s or more — "
          "the goals were safe bets.") % {"scores": _scores_text(means), "n": len(means), "at": params["at_least"]},
        _("Stretch the targets until reaching them is uncertain; about 0.7 is a good result for an OKR."),
    )]


def too_far(objective: Objective, facts: Facts, params: dict) -> list[Finding]:
    means = _run_of_means(objective, facts, params["periods"])
    if not means or any(mean > Decimal(str(params["at_most"])) for _, mean in means):
        return []
    return [_objective_finding(
        Rule.TOO_FAR, objective,
        _("This owner's objectives closed at %(scores)s: %(n)s periods running at %(at)s or less — "
          "the goals were out of reach.") % {"scores": _scores_text(means), "n": len(means), "at": params["at_most"]},
        _("Set fewer and nearer targets, and name what blocked the last ones."),
    )]


ALIGNED_LEVELS = (Objective.Level.COMPANY, Objective.Level.UNIT)


def not_aligned(objective: Objective, facts: Facts, params: dict) -> list[Finding]:
    if objective.level not in ALIGNED_LEVELS or objective.pk in facts.served:
        return []
    days = (facts.today - objective.period.start).days
    if days < params["after_days"]:
        return []
    return [_objective_finding(
        Rule.NOT_ALIGNED, objective,
        _("%(n)s days into %(period)s, no objective serves it and no unit was asked to contribute.")
        % {"n": days, "period": objective.period.code},
        _("Ask the teams below to set objectives that serve it, or ask another unit to contribute."),
    )]


RULES: dict[str, RuleSpec] = {spec.code: spec for spec in (
    RuleSpec(Rule.TOO_MANY_OBJECTIVES, too_many_objectives, {"max": 3}, {"max": (1, 20)},
             gettext_lazy("More objectives than this for one owner in a period.")),
    RuleSpec(Rule.TOO_MANY_KEY_RESULTS, too_many_key_results, {"max": 5}, {"max": (1, 20)},
             gettext_lazy("More key results than this on one objective.")),
    RuleSpec(Rule.FIGURES_IN_OBJECTIVE, figures_in_objective, {}, {},
             gettext_lazy("Numbers or money in an objective's title (English, Russian, Chinese).")),
    RuleSpec(Rule.KR_NOT_MEASURABLE, kr_not_measurable, {}, {},
             gettext_lazy("A done / not done key result that names no figure.")),
    RuleSpec(Rule.KR_IS_A_TASK, kr_is_a_task, {}, {},
             gettext_lazy("A key result that starts with a task verb and names no outcome.")),
    RuleSpec(Rule.NO_RECENT_CHECK_IN, no_recent_check_in, {"days": 14}, {"days": (1, 365)},
             gettext_lazy("An active key result without a check-in for this many days.")),
    RuleSpec(Rule.CARRIED_OVER, carried_over, {}, {},
             gettext_lazy("The same objective as the owner's in the period before.")),
    RuleSpec(Rule.TOO_SAFE, too_safe, {"at_least": 0.95, "periods": 2}, {"at_least": (0, 1), "periods": (1, 8)},
             gettext_lazy("The owner's closed objectives scored this high or more, periods running.")),
    RuleSpec(Rule.TOO_FAR, too_far, {"at_most": 0.2, "periods": 2}, {"at_most": (0, 1), "periods": (1, 8)},
             gettext_lazy("The owner's closed objectives scored this low or less, periods running.")),
    RuleSpec(Rule.NOT_ALIGNED, not_aligned, {"after_days": 14}, {"after_days": (0, 365)},
             gettext_lazy("A company or unit objective nothing serves and no unit was asked for, after these days.")),
)}


def evaluate(objective: Objective, facts: Facts, settings: dict[str, dict],
             silences: dict[tuple[int | None, str], str] | None = None) -> list[Finding]:
    """Every finding of the enabled rules (``settings``: code → params) on one objective.

    A closed objective is past coaching. ``silences`` maps ``(key result id or None, rule)`` to the reason;
    a silenced finding comes back marked, so a page can still show it and why it was silenced."""
    if objective.state == Objective.State.CLOSED:
        return []
    silences = silences or {}
    findings = []
    for code, params in settings.items():
        for finding in RULES[code].check(objective, facts, params):
            kr_id = finding.target if finding.target != "objective" else None
            reason = silences.get((kr_id, code))
            if reason is not None:
                finding = Finding(**{**finding.__dict__, "silenced": True, "reason": reason})
            findings.append(finding)
    return findings
