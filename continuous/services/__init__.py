"""Writes of praise, feedback, asks, notes and HR's settings: keyword-only, atomic, each checking the policy
(``continuous.rules``); bad input is a ``ValidationError`` with field messages, an action that is not the
caller's a ``PermissionDenied``."""

from .feedback import feedback_ask_create, feedback_create
from .notes import note_create, note_update
from .praise import praise_create, reaction_toggle
from .settings import company_value_save, feedback_settings_update

__all__ = ["company_value_save", "feedback_ask_create", "feedback_create", "feedback_settings_update", "note_create",
           "note_update", "praise_create", "reaction_toggle"]
