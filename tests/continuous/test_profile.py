"""The org chart card of a person shows the praise they received, and how to give them praise or feedback."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_card_loads_the_persons_praise_and_the_ways_to_give_more(org, world, web):
    card = web(org.manager).get(reverse("people:org_chart_person", args=[org.employee.pk])).content.decode()
    fragment = reverse("continuous:person_praise", args=[org.employee.pk])
    assert f'hx-get="{fragment}"' in card
    body = web(org.manager).get(fragment).content.decode()
    assert "Thanks for the late fix" in body and "1 praise" in body
    assert f"?to={org.employee.pk}#give" in body and f"?about={org.employee.pk}" in body


def test_nobody_is_offered_to_praise_themselves_and_an_unpraised_person_says_so(org, world, web):
    own = web(org.employee).get(reverse("continuous:person_praise", args=[org.employee.pk])).content.decode()
    assert "Thanks for the late fix" in own and "#give" not in own
    none = web(org.employee).get(reverse("continuous:person_praise", args=[org.outsider.pk])).content.decode()
    assert "No praise for" in none and "Thanks for the late fix" not in none


def test_an_unknown_person_is_a_404(org, world, web):
    assert web(org.employee).get(reverse("continuous:person_praise", args=[999999])).status_code == 404


def test_the_fragment_runs_the_same_queries_whatever_the_praise(org, world, web):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from continuous.services import praise_create

    client, url = web(org.manager), reverse("continuous:person_praise", args=[org.employee.pk])
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    one = count()
    for n in range(8):
        praise_create(by=org.peer.user, recipients=[org.employee.pk, org.outsider.pk], message=f"Thanks {n}",
                      value=None)
    assert count() == one
