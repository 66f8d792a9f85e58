"""DependencyFlow: requested → accepted | declined, answered by the asked unit's lead (or HR admin).

A decline needs a comment; the answer, who gave it and when are kept on the request, which stays
visible on both sides whatever the answer.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from okrs.models import Dependency
from people.roles import roles_of

from .base import Flow, flow_state, may
from .registry import register

S = Dependency.State


ANSWER = "okrs.change_dependency"  # the asked unit's lead answers


@register
class DependencyFlow(Flow):
    model = Dependency
    state = flow_state(S, default=S.REQUESTED)

    def _answer(self) -> None:
        self.obj.response = self.reason.strip()
        self.obj.responded_by = roles_of(self.by).person
        self.obj.responded_at = timezone.now()
        self.extra_update_fields.update({"response", "responded_by", "responded_at"})

    @state.transition(source=S.REQUESTED, target=S.ACCEPTED, label=_("Accept"), permission=may(ANSWER))
    def accept(self) -> None:
        self._answer()

    @state.transition(source=S.REQUESTED, target=S.DECLINED, label=_("Decline"), permission=may(ANSWER))
    def decline(self) -> None:
        if not self.reason.strip():
            raise ValidationError({"reason": ["Say why the request is declined; the asking unit will see it."]})
        self._answer()
