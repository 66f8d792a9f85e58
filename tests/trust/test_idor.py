"""IDOR sweep: every path of the OpenAPI schema that takes an object id, tried with other people's ids.

Generic over the schema, so a new endpoint is swept without a line here. For each such path, its
collection (the path up to the id) tells which ids exist (the union of every persona's list: HR admin
does not see one-on-ones) and which a persona may see (its own list). An id missing from a persona's
list must answer 404 to that persona on every method of every path under it (never 200 with data,
never 500); an id in the list must not.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from drf_spectacular.generators import SchemaGenerator

from .conftest import undone

ID_PARAM = re.compile(r"\{(id|pk|[a-z_]+_id)\}")
OTHER_PARAM = re.compile(r"\{[a-z_]+\}")
INTRUDERS = ("outsider", "employee", "respondent", "hr_partner_out", "hr_admin")
EVERYONE = ("employee", "manager", "skip", "respondent", "hr_partner", "hr_partner_out", "hr_admin", "outsider")
HIDDEN_PER_COLLECTION = 4  # ids each intruder is tried with, per collection: enough to meet every kind of owner


def detail_paths(schema: dict) -> dict[str, list[tuple[str, list[str]]]]:
    """collection path → [(path under one of its objects, its methods)]: paths with exactly one id."""
    out: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for path, operations in schema["paths"].items():
        ids = ID_PARAM.findall(path)
        if len(ids) != 1:
            continue
        collection = path[: path.index("{")]
        methods = [m.upper() for m in operations if m in {"get", "put", "patch", "post", "delete"}]
        out[collection].append((path, methods))
    return out


@pytest.fixture(scope="module")
def schema(scenario) -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def listed_ids(client, collection: str) -> set | None:
    response = client.get(collection, {"page_size": 500})
    if response.status_code != 200:
        return set()
    body = response.json()
    rows = body["results"] if isinstance(body, dict) and "results" in body else body
    if not isinstance(rows, list):
        return None
    return {row["id"] for row in rows if isinstance(row, dict) and "id" in row}


def concrete(path: str, pk) -> str:
    return OTHER_PARAM.sub("close", ID_PARAM.sub(str(pk), path))


def test_the_sweep_reaches_every_object_kind(schema):
    collections = detail_paths(schema)
    for expected in ("/api/reviews/", "/api/objectives/", "/api/conversations/", "/api/feedback-requests/",
                     "/api/development-goals/", "/api/key-results/", "/api/cycles/"):
        assert expected in collections, expected


def test_nobody_reaches_an_object_missing_from_their_own_list(schema, world, clients):
    leaks, unreachable, swept = [], [], 0
    for collection, paths in sorted(detail_paths(schema).items()):
        lists = {persona: listed_ids(clients(persona, True), collection) or set() for persona in EVERYONE}
        every = set().union(*lists.values())
        if not every:
            continue  # no list to learn ids from (or nothing in it): the matrix covers these paths
        for persona in INTRUDERS:
            client = clients(persona, True)
            theirs = lists[persona]
            hidden = sorted(every - theirs)[:HIDDEN_PER_COLLECTION]
            for pk in hidden:
                for path, methods in paths:
                    for method in methods:
                        url = concrete(path, pk)
                        status = undone(lambda c=client, m=method, u=url: getattr(c, m.lower())(u, {}, format="json")
                                        .status_code)
                        swept += 1
                        if status != 404:
                            leaks.append(f"{persona} {method} {url} → {status}")
            for pk in sorted(theirs)[:2]:
                detail = next((p for p, methods in paths if "GET" in methods and p.endswith("}/")), None)
                if detail is not None:
                    status = client.get(concrete(detail, pk)).status_code
                    if status == 404:
                        unreachable.append(f"{persona} GET {concrete(detail, pk)} → 404, yet listed")
    assert swept > 100, swept
    assert not leaks, "reached objects missing from the caller's list:\n" + "\n".join(leaks)
    assert not unreachable, "\n".join(unreachable)
