"""Concurrent check-ins on one objective serialise on its row: the stored score matches the rows after all."""

import threading

import pytest
from django.db import connection

from okrs.models import Objective
from okrs.selectors import scores_from_rows
from okrs.services import check_in_create

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_check_ins_leave_the_stored_score_equal_to_the_recomputation(org, make_objective):
    objective = make_objective(state="active", krs=3)
    krs = list(objective.key_results.order_by("position"))
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []

    def check_in(index: int) -> None:
        try:
            barrier.wait()
            check_in_create(key_result=krs[index % 3], by=org.employee.user, value=10 * (index + 1), confidence=5)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=check_in, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    currents, progresses, scores = scores_from_rows([objective.pk])
    for kr in objective.key_results.all():
        assert (kr.current, kr.progress) == (currents[kr.pk], progresses[kr.pk])
    assert Objective.objects.get(pk=objective.pk).score == scores[objective.pk]
