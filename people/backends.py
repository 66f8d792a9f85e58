"""The authentication backend that answers the project's one policy (each app's ``rules.py``)."""

from rules.permissions import ObjectPermissionBackend


class PolicyBackend(ObjectPermissionBackend):
    """django-rules' backend, with one rule more: a rule about an object answers only about an object.

    Asked without one (``user.has_perm("reviews.view_review")``, as the admin site asks), a rule whose
    predicates read the object cannot answer; it says no and leaves the answer to the model permissions
    of ModelBackend (the HR admin group's), instead of failing on ``None``.
    """

    def has_perm(self, user, perm, *args, **kwargs):
        obj = args[0] if args else kwargs.get("obj")
        if obj is not None:
            return super().has_perm(user, perm, *args, **kwargs)
        try:
            return super().has_perm(user, perm, *args, **kwargs)
        except (AttributeError, TypeError):
            return False
