"""The one check of a cycle's configuration, shared by the page (``CycleForm.clean``), the API (the
serializer's ``validate``) and the services that save: every problem found at once, each named by its field
and, for deadlines and weights, by the phase or group inside it, so a page puts each message beside its
own field and the API answers the same messages as ``{"field": [...]}``.
"""

from __future__ import annotations

import copy as copying
import datetime
from typing import Any, NamedTuple

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import RatingScale, ReviewCycle, ReviewTemplate

# What HR may change once the cycle is launched: the reviews were built on the rest.
LOCKED_AFTER_LAUNCH = ("template", "final_scale", "periods")
# Who reads feedback with names, which groups are withheld and what the overall score weighs: respondents answer
# under these, so a change once the cycle runs would reveal what they were promised to keep hidden.
ANONYMITY_LOCKED = ("anonymity", "anonymity_threshold", "group_weights")
M2M_FIELDS = ("periods", "participant_units")
LIMITS = (("anonymity_threshold", 1, 100), ("min_respondents", 0, 100), ("max_respondents", 0, 100),
          ("max_requests_per_respondent", 1, 1000))
TOO_LOW = {"anonymity_threshold": gettext_noop("The threshold is at least 1."),
           "max_requests_per_respondent": gettext_noop("Allow at least one request per respondent.")}


class Problem(NamedTuple):
    """One thing wrong with a configuration: the field, the phase or group inside it (deadlines, weights), why."""

    field: str
    part: str
    message: str


def default_template() -> ReviewTemplate | None:
    return ReviewTemplate.objects.filter(code="standard").first()


def default_scale(code: str) -> RatingScale | None:
    return RatingScale.objects.filter(code=code).first()


def phase_label(phase: str) -> str:
    return str(ReviewCycle.State(phase).label)


def _day(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _clean_deadlines(value: Any, problems: list[Problem]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append(Problem("deadlines", "", _("Give an object of phase → date (YYYY-MM-DD).")))
        return {}
    clean = {}
    for phase, raw in value.items():
        if phase not in ReviewCycle.PHASES:
            problems.append(Problem("deadlines", "", _("Unknown phase “%(phase)s”; the phases are %(phases)s.") % {
                "phase": phase, "phases": ", ".join(ReviewCycle.PHASES)}))
        elif raw not in (None, ""):
            day = _day(raw)
            if day is None:
                problems.append(Problem("deadlines", phase, _("%(phase)s: “%(value)s” is not a date (YYYY-MM-DD).")
                                        % {"phase": phase_label(phase), "value": raw}))
            else:
                clean[phase] = day.isoformat()
    return clean


def _clean_weights(value: Any, problems: list[Problem]) -> dict[str, float]:
    if not isinstance(value, dict):
        problems.append(Problem("group_weights", "", _("Give an object of group → weight.")))
        return {}
    clean = {}
    for group, raw in value.items():
        if group not in ReviewCycle.GROUPS:
            problems.append(Problem("group_weights", "", _("Unknown group “%(group)s”; the groups are %(groups)s.")
                                    % {"group": group, "groups": ", ".join(ReviewCycle.GROUPS)}))
            continue
        try:
            weight = float(raw)
        except (TypeError, ValueError):
            weight = None
        if weight is None or isinstance(raw, bool) or not 0 <= weight <= 100:
            problems.append(Problem("group_weights", group, _("The weight of each group is a number from 0 to 100.")))
        else:
            clean[group] = weight
    return clean


def _deadline_order(cycle: ReviewCycle) -> list[Problem]:
    """Deadlines follow the phases: goal setting ≤ tracking ≤ self-review ≤ feedback ≤ manager review ≤
    calibration ≤ conversations, over the phases that are on and have a date."""
    off = {"feedback"} if not cycle.feedback_phase else set()
    off |= {"calibration"} if not cycle.calibration_phase else set()
    problems, earlier = [], None
    for phase in ReviewCycle.PHASES:
        day = _day(cycle.deadline(phase) or "") if phase not in off else None
        if day is None:
            continue
        if earlier is not None and day < earlier[1]:
            problems.append(Problem("deadlines", phase, _(
                "%(phase)s (%(day)s) comes before %(earlier)s (%(earlier_day)s): deadlines follow the order of "
                "the phases.") % {"phase": phase_label(phase), "day": date_format(day),
                                  "earlier": phase_label(earlier[0]), "earlier_day": date_format(earlier[1])}))
        else:
            earlier = (phase, day)
    return problems


def check_cycle(cycle: ReviewCycle, problems: list[Problem]) -> list[Problem]:
    """Every problem of ``cycle`` as it would be saved (on top of those found while cleaning)."""
    name = (cycle.name or "").strip()
    if not name:
        problems.append(Problem("name", "", _("Name the cycle.")))
    elif len(name) > 200:
        problems.append(Problem("name", "", _("A name has at most 200 characters.")))
    elif ReviewCycle.objects.filter(name__iexact=name).exclude(pk=cycle.pk).exists():
        problems.append(Problem("name", "", _("A cycle named “%(name)s” already exists: choose another name.")
                                % {"name": name}))
    numbers_ok = True
    for field, low, high in LIMITS:
        value = getattr(cycle, field)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            numbers_ok = False
            below = field in TOO_LOW and isinstance(value, int) and 0 <= value < low
            message = _(TOO_LOW[field]) if below else _("Give a whole number from %(low)s to %(high)s.") % {
                "low": low, "high": high}
            problems.append(Problem(field, "", message))
    if numbers_ok and cycle.min_respondents > cycle.max_respondents:
        problems.append(Problem("min_respondents", "", _("The minimum cannot exceed the maximum.")))
    if cycle.template_id is None:
        problems.append(Problem("template", "", _("Choose a template.")))
    if cycle.final_scale_id is None:
        problems.append(Problem("final_scale", "", _("Choose a final rating scale.")))
    problems.extend(_deadline_order(cycle))
    return problems


def prepared(cycle: ReviewCycle, fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], list[Problem]]:
    """``fields`` cleaned, the many-to-many values apart, and every problem of ``cycle`` as it would be with
    them (checked on a copy: nothing is changed or saved)."""
    problems: list[Problem] = []
    fields = dict(fields)
    m2m = {key: fields.pop(key) for key in M2M_FIELDS if key in fields}
    if "deadlines" in fields:
        fields["deadlines"] = _clean_deadlines(fields["deadlines"], problems)
    if "group_weights" in fields:
        fields["group_weights"] = _clean_weights(fields["group_weights"], problems)
    if "name" in fields:
        fields["name"] = str(fields["name"] or "").strip()
    candidate = copying.copy(cycle)
    for key, value in fields.items():
        setattr(candidate, key, value)
    return fields, m2m, check_cycle(candidate, problems)


def cycle_problems(*, cycle: ReviewCycle | None = None, **fields: Any) -> list[Problem]:
    """Every problem of a new cycle (``cycle`` None) or of ``cycle`` with ``fields`` changed; nothing saved."""
    if cycle is None:
        return prepared(new_cycle(fields), fields)[2]
    return locked_problems(cycle, fields) + prepared(cycle, fields)[2]


def new_cycle(fields: dict[str, Any]) -> ReviewCycle:
    defaults = {"template": default_template(), "final_scale": default_scale("final-rating"),
                "potential_scale": default_scale("potential")}
    return ReviewCycle(**{key: value for key, value in defaults.items() if key not in fields})


def locked_problems(cycle: ReviewCycle, changes: dict[str, Any]) -> list[Problem]:
    if cycle.state == ReviewCycle.State.CLOSED:
        return [Problem(NON_FIELD_ERRORS, "", _("A closed cycle cannot change."))]
    if cycle.state == ReviewCycle.State.DRAFT:
        return []
    problems = [Problem(key, "", _("This cannot change once the cycle is launched.")) for key in LOCKED_AFTER_LAUNCH
                if key in changes]
    problems += [Problem(key, "", _("The anonymity settings cannot change once the cycle is launched: respondents "
                                    "answer under them.")) for key in ANONYMITY_LOCKED
                 if key in changes and _changes_value(cycle, key, changes[key])]
    if "participant_units" in changes and not list(changes["participant_units"] or []):
        problems.append(Problem("participant_units", "", _(
            "A running cycle needs at least one participant unit: without one, everyone would leave it.")))
    return problems


def _changes_value(cycle: ReviewCycle, key: str, value: Any) -> bool:
    """Whether ``value`` differs from the cycle's ``key`` (a weight left out is 1; one unreadable differs)."""
    if key != "group_weights":
        return value != getattr(cycle, key)
    if not isinstance(value, dict):
        return True
    try:
        return any(float(value.get(group, 1)) != cycle.weight(group) for group in ReviewCycle.GROUPS) or any(
            group not in ReviewCycle.GROUPS for group in value)
    except (TypeError, ValueError):
        return True


def as_errors(problems: list[Problem]) -> dict[str, list[str]]:
    """The problems in the API's shape ``{"field": [messages]}`` (deadlines and weights under their field)."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        errors.setdefault(problem.field, []).append(problem.message)
    return errors


def refuse(problems: list[Problem]) -> None:
    """400 with every problem; one about the whole cycle (a closed one) is the body's ``detail``."""
    errors = as_errors(problems)
    if list(errors) == [NON_FIELD_ERRORS]:
        raise ValidationError(errors[NON_FIELD_ERRORS])
    if errors:
        raise ValidationError(errors)
