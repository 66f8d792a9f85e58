from django.dispatch import Signal

# Sent after the transaction that ran a transition commits: the hook for notifications.
# kwargs: obj, transition (name), source, target, by (user or None), reason, bulk (bool), object_ids (bulk)
transition_committed = Signal()
