"""Demo review cycle, a step of ``seed_demo`` (``steps.py``). Importing the package
(``autodiscover_modules("demo")`` does) registers the step and its clean-up for ``seed_demo --reset``."""

from .steps import review_cycle, review_cycles_delete

__all__ = ["review_cycle", "review_cycles_delete"]
