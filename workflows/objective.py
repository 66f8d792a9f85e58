"""ObjectiveFlow: draft → proposed → agreed (or returned → draft) → active → closed (graded).

Who runs what (``okrs/rules.py``; every caller must also see the objective):
- ``submit`` (draft → proposed): the owner, its creator, or anyone who may edit it; 409 while the objective
  has no key result. It clears ``return_reason``.
- ``agree`` (proposed → agreed) and ``return`` (proposed → draft): the supervisor — the owner's manager for a
  personal objective, the manager of the unit's lead for a unit or team objective — and HR admin always (the
  only one for a company objective). ``return`` needs a reason (400), kept in ``return_reason``; its method is
  ``return_``, and the runner maps the keyword, so callers, ``transitions`` and the log say ``return``.
- ``activate`` (agreed → active) and ``close`` (active → closed): the owner, anyone who may edit it, or the
  supervisor. ``close`` takes ``grades`` (``[{"key_result", "grade", "comment"}]``); a key result without one
  is graded at its progress.

Once agreed the wording is locked (``okrs.services.objective_update``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from viewflow.fsm.base import State

from okrs.models import Objective
from okrs.services import key_results_grade

from .base import Flow, flow_state, may
from .models import TransitionLog
from .registry import register
from .runner import api_name

S = Objective.State



def _has_key_results(flow: ObjectiveFlow) -> State.CONDITION:
    # Read from the prefetched key results when a list loaded them, so listing costs no query per row.
    cache = getattr(flow.obj, "_prefetched_objects_cache", {})
    count = len(cache["key_results"]) if "key_results" in cache else flow.obj.key_results.count()
    return State.CONDITION(count > 0, "An objective needs at least one key result before it is proposed.")


@register
class ObjectiveFlow(Flow):
    model = Objective
    state = flow_state(S, default=S.DRAFT)

    def transition_done(self, descriptor, source, target, *, field, data) -> None:
        super().transition_done(descriptor, source, target, field=field, data=data)
        # The log names transitions as callers do: "return", not the method's "return_".
        if self.log is not None and api_name(self.log.transition) != self.log.transition:
            self.log.transition = api_name(self.log.transition)
            TransitionLog.objects.filter(pk=self.log.pk).update(transition=self.log.transition)

    @state.transition(
        source=S.DRAFT, target=S.PROPOSED, label=_("Propose"), conditions=[_has_key_results],
        permission=may("okrs.submit_objective"),
    )
    def submit(self) -> None:
        self.obj.return_reason = ""
        self.extra_update_fields.add("return_reason")

    @state.transition(source=S.PROPOSED, target=S.AGREED, label=_("Agree"), permission=may("okrs.agree_objective"))
    def agree(self) -> None:
        """Agreed: from now on the wording is locked and key results change only by logged adjustments."""

    @state.transition(source=S.PROPOSED, target=S.DRAFT, label=_("Return"), permission=may("okrs.return_objective"))
    def return_(self) -> None:
        if not self.reason.strip():
            raise ValidationError({"reason": ["Say why the objective goes back, so the owner can rework it."]})
        self.obj.return_reason = self.reason.strip()
        self.extra_update_fields.add("return_reason")

    @state.transition(
        source=S.AGREED, target=S.ACTIVE, label=_("Activate"), permission=may("okrs.activate_objective")
    )
    def activate(self) -> None:
        """Tracking starts: check-ins move the score."""

    @state.transition(source=S.ACTIVE, target=S.CLOSED, label=_("Close"), permission=may("okrs.close_objective"))
    def close(self, grades: list[dict] | None = None) -> None:
        key_results_grade(objective=self.obj, grades=grades)
