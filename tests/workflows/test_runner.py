"""The transition runner, proven on the person lifecycle (PersonFlow)."""

import threading

import pytest
from django.db import close_old_connections, connection

from common.signals import transition_committed
from people.models import Person, User
from workflows.errors import TransitionConflict, TransitionForbidden, UnknownTransition
from workflows.models import TransitionLog
from workflows.person import people_set_active
from workflows.runner import available_transitions, run_transition

pytestmark = pytest.mark.django_db


def logs_for(person: Person) -> list[TransitionLog]:
    return list(TransitionLog.objects.filter(object_id=person.pk, content_type__model="person").order_by("pk"))


def test_hr_admin_deactivates_a_person_and_the_change_is_logged(org):
    person = run_transition(org.employee, "deactivate", by=org.hr_admin.user, reason="left the company")
    assert person.state == Person.State.INACTIVE
    assert Person.objects.get(pk=org.employee.pk).state == Person.State.INACTIVE
    assert not User.objects.get(pk=org.employee.user_id).is_active
    [log] = logs_for(org.employee)
    assert (log.transition, log.source, log.target, log.by, log.reason) == (
        "deactivate", "active", "inactive", org.hr_admin.user, "left the company"
    )


def test_it_refuses_a_transition_without_permission_and_changes_nothing(org):
    with pytest.raises(TransitionForbidden):
        run_transition(org.employee, "deactivate", by=org.manager.user)
    assert Person.objects.get(pk=org.employee.pk).state == Person.State.ACTIVE
    assert logs_for(org.employee) == []


def test_it_answers_conflict_with_the_current_state_when_the_state_is_wrong(org):
    with pytest.raises(TransitionConflict) as caught:
        run_transition(org.inactive, "deactivate", by=org.hr_admin.user)
    assert caught.value.state == "inactive"
    assert logs_for(org.inactive) == []


def test_an_unknown_or_private_name_is_not_a_transition(org):
    for name in ("explode", "_set", "transition_done", "state"):
        with pytest.raises(UnknownTransition):
            run_transition(org.employee, name, by=org.hr_admin.user)


def test_it_checks_the_state_of_the_row_in_the_database_not_the_stale_object(org):
    stale = Person.objects.get(pk=org.employee.pk)
    run_transition(org.employee, "deactivate", by=org.hr_admin.user)
    with pytest.raises(TransitionConflict):
        run_transition(stale, "deactivate", by=org.hr_admin.user)
    assert len(logs_for(org.employee)) == 1


def test_available_transitions_depend_on_state_and_permission(org):
    assert available_transitions(org.employee, org.hr_admin.user) == ["deactivate"]
    assert available_transitions(org.inactive, org.hr_admin.user) == ["reactivate"]
    assert available_transitions(org.employee, org.manager.user) == []


def test_notifications_hook_fires_after_commit_only(org, django_capture_on_commit_callbacks):
    received = []

    def receiver(**kwargs):
        received.append((kwargs["transition"], kwargs["source"], kwargs["target"]))

    transition_committed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            run_transition(org.employee, "deactivate", by=org.hr_admin.user)
        assert received == []
        for callback in callbacks:
            callback()
        assert received == [("deactivate", "active", "inactive")]
    finally:
        transition_committed.disconnect(receiver)


def test_a_failing_transition_rolls_back_the_whole_change(org, monkeypatch):
    from workflows.base import Flow

    def boom(self, *args, **kwargs):
        raise RuntimeError("log write failed")

    monkeypatch.setattr(Flow, "transition_done", boom)
    with pytest.raises(RuntimeError):
        run_transition(org.employee, "deactivate", by=org.hr_admin.user)
    assert Person.objects.get(pk=org.employee.pk).state == Person.State.ACTIVE
    assert User.objects.get(pk=org.employee.user_id).is_active


def test_bulk_deactivation_moves_only_rows_in_the_source_state_and_logs_each(org, django_assert_max_num_queries):
    targets = Person.objects.filter(unit=org.platform)
    with django_assert_max_num_queries(12):
        moved = people_set_active(targets, active=False, by=org.hr_admin.user, reason="reorganisation")
    assert sorted(moved) == sorted([org.manager.pk, org.employee.pk, org.peer.pk])  # inactive was already
    assert not Person.objects.filter(unit=org.platform, state=Person.State.ACTIVE).exists()
    assert not User.objects.filter(person__unit=org.platform, is_active=True).exists()
    assert TransitionLog.objects.filter(transition="deactivate", reason="reorganisation").count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_of_concurrent_transitions_exactly_one_wins(org):
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt():
        try:
            barrier.wait()
            run_transition(Person.objects.get(pk=org.employee.pk), "deactivate", by=org.hr_admin.user)
            result = "won"
        except TransitionConflict:
            result = "conflict"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    close_old_connections()
    threads = [threading.Thread(target=attempt) for _ in range(threads_count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * (threads_count - 1) + ["won"]
    assert len(logs_for(org.employee)) == 1
