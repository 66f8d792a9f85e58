"""Every route of the project has a row in the permission matrix, or a reason in NOT_COVERED."""

from django.urls import URLPattern, URLResolver, get_resolver

from .matrix import NOT_COVERED, NOT_COVERED_PREFIXES, TABLE


def routes(resolver=None, prefix: str = "", namespace: str = ""):
    """(route, URL name) of every pattern, walking includes; format-suffix twins of API routes are skipped."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and "(?P<format>" not in str(pattern.pattern):
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}" if pattern.name else ""


def test_every_route_has_a_row_or_a_reason():
    named = {row.route for row in TABLE}
    missing = sorted(
        f"{route} (name {name or '-'})"
        for route, name in routes()
        if name not in named and name not in NOT_COVERED
        and not any(route.startswith(p) for p in NOT_COVERED_PREFIXES)
        and not (name == "" and route.rstrip("/") in {r.rstrip("/") for r, n in routes() if n in NOT_COVERED})
    )
    assert not missing, "routes with no row in tests/trust/matrix.py:\n" + "\n".join(missing)


def test_every_row_names_a_route():
    names = {name for _, name in routes()}
    assert not [row.id for row in TABLE if row.route not in names]
