"""Reads of praise, feedback, asks and notes, always scoped to the reader, one module per concept."""

from .feedback import (
    ask_detail,
    asks_visible_to,
    attach_answers,
    feedback_about,
    feedback_detail,
    feedback_inbox,
    feedback_visible_to,
    respondents_shown,
)
from .notes import note_detail, note_subjects, notes_by, notes_search, notes_visible_to
from .praise import (
    attach,
    praise_detail,
    praise_filter,
    praise_received,
    praise_visible_to,
    praise_wall,
    values_offered,
)

__all__ = [
    "ask_detail", "asks_visible_to", "attach", "attach_answers", "feedback_about", "feedback_detail",
    "feedback_inbox", "feedback_visible_to", "note_detail", "note_subjects", "notes_by", "notes_search",
    "notes_visible_to", "praise_detail", "praise_filter", "praise_received", "praise_visible_to", "praise_wall",
    "respondents_shown", "values_offered",
]
