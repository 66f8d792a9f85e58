from people.roles import roles_of


def navigation(request) -> dict:
    """The roles the base layout needs to draw the navigation (no query beyond the cached roles)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"roles": roles_of(user)}
