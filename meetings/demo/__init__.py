"""Demo meetings, a step of ``seed_demo`` (``steps.py``). Importing the package
(``autodiscover_modules("demo")`` does) registers the step."""

from .steps import meetings

__all__ = ["meetings"]
