"""The goals API: periods, objectives, key results and check-ins, dependencies, development goals."""

from .alignment import DependencyViewSet, DevelopmentGoalViewSet
from .objectives import KeyResultViewSet, ObjectiveViewSet, PeriodViewSet

__all__ = ["DependencyViewSet", "DevelopmentGoalViewSet", "KeyResultViewSet", "ObjectiveViewSet", "PeriodViewSet"]
