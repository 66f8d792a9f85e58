"""Signals every layer may listen to without importing the code that sends them."""

from django.dispatch import Signal

# Sent by the transition runner after the transaction that ran a transition commits: the hook for notifications
# and for work that follows a change (a cycle's participants following a (de)activated person).
# kwargs: obj, transition (name), source, target, by (user or None), reason, bulk (bool), object_ids (bulk)
transition_committed = Signal()
