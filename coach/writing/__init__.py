"""The writing coach: findings on a free-text answer as it is written (``check``), in English, Russian and
Chinese, with the word lists and patterns of each language kept as data in ``lexicon/``. It reads nothing but the
text (and the rating given with it), so any app above the coach may use it: reviews does."""

from .detect import detect_language
from .engine import DEFAULT_SCALE, RULE_LABELS, RULES, SPECIFICITY_RULES, Finding, check, is_specific

LANGUAGES = ("en", "ru", "zh-hans")

__all__ = ["DEFAULT_SCALE", "LANGUAGES", "RULES", "RULE_LABELS", "SPECIFICITY_RULES", "Finding", "check",
           "detect_language", "is_specific"]
