"""Demo OKRs, a step of ``seed_demo``: the step in ``steps.py``, its words in ``texts.py``, fast inserts in
``copy.py``. Importing the package (``autodiscover_modules("demo")`` does) registers the step."""

from .steps import okrs_demo

__all__ = ["okrs_demo"]
