"""People who join, leave or change manager mid-cycle: ``cycle_sync_participants`` is idempotent."""

import pytest

from people.models import Person
from reviews.models import FeedbackRequest, Review
from tests.cycles.factories import advance, nominate, review_of
from tests.factories import PersonFactory
from workflows.models import TransitionLog
from workflows.participants import cycle_sync_participants
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db


def test_a_joiner_gets_a_review_and_a_second_sync_changes_nothing(org, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    joiner = PersonFactory(unit=org.platform, manager=org.manager)
    assert cycle_sync_participants(cycle, by=org.hr_admin.user)["created"] == 1
    review = review_of(cycle, joiner)
    assert (review.state, review.manager) == ("goals_draft", org.manager)
    assert cycle_sync_participants(cycle) == {"created": 0, "reassigned": 0, "withdrawn": 0, "cancelled": 0}


def test_a_leaver_is_withdrawn_with_their_open_requests_and_kept_for_audit(org, cycle):
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    leaving_review = review_of(cycle, org.employee)
    [theirs] = nominate(leaving_review, org.skip)
    [asked_of_them] = nominate(review_of(cycle, org.outsider), org.employee, group="customer")
    Person.objects.filter(pk=org.employee.pk).update(state=Person.State.INACTIVE)
    result = cycle_sync_participants(cycle, by=org.hr_admin.user)
    assert (result["withdrawn"], result["cancelled"]) == (1, 2)
    assert Review.objects.get(pk=leaving_review.pk).state == "withdrawn"
    lapsed = FeedbackRequest.objects.filter(pk__in=[theirs.pk, asked_of_them.pk])
    assert set(lapsed.values_list("state", flat=True)) == {"cancelled"}
    [log] = TransitionLog.objects.filter(
        content_type__model="review", object_id=leaving_review.pk, transition="withdraw"
    )
    assert (log.transition, log.source, log.target, log.reason) == ("withdraw", "self_review", "withdrawn",
                                                                    "left the cycle")
    assert cycle_sync_participants(cycle)["withdrawn"] == 0


def test_deactivating_a_person_withdraws_their_review_once_the_change_commits(org, cycle,
                                                                              django_capture_on_commit_callbacks):
    advance(cycle, "launch", by=org.hr_admin)
    with django_capture_on_commit_callbacks(execute=True):
        run_transition(org.peer, "deactivate", by=org.hr_admin.user, reason="left the company")
    assert review_of(cycle, org.peer).state == "withdrawn"


def test_a_new_manager_takes_over_the_open_manager_tasks(org, api, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    run_transition(review, "submit_goals", by=org.employee.user)
    Person.objects.filter(pk=org.employee.pk).update(manager=org.skip)
    assert cycle_sync_participants(cycle)["reassigned"] == 1
    review.refresh_from_db()
    assert review.manager == org.skip
    url = f"/api/reviews/{review.pk}/transitions/agree_goals/"
    assert api(org.manager).post(url).status_code in (403, 404)
    assert api(org.skip).post(url).json()["state"] == "goals_agreed"


def test_sync_does_nothing_before_launch(org, cycle):
    assert cycle_sync_participants(cycle)["created"] == 0
    assert not Review.objects.filter(cycle=cycle).exists()


def test_hr_admin_runs_the_sync_over_the_api(org, api, cycle):
    advance(cycle, "launch", by=org.hr_admin)
    PersonFactory(unit=org.sales, manager=org.ceo)
    assert api(org.employee).post(f"/api/cycles/{cycle.pk}/sync/").status_code == 403
    assert api(org.hr_admin).post(f"/api/cycles/{cycle.pk}/sync/").json()["created"] == 1


def test_a_joiner_during_the_self_review_starts_in_the_self_review(org, cycle):
    advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    joiner = PersonFactory(unit=org.platform, manager=org.manager)
    cycle_sync_participants(cycle)
    review = review_of(cycle, joiner)
    assert review.state == "self_review"
    assert review.skipped_steps == ["goals"]  # missed, never "agreed"
    logs = TransitionLog.objects.filter(content_type__model="review", object_id=review.pk).order_by("pk")
    assert [(log.transition, log.reason) for log in logs] == [("skip_goals", "joined mid-cycle"),
                                                              ("open_self_review", "joined mid-cycle")]


def test_a_joiner_during_the_manager_review_can_be_reviewed_by_their_manager(org, cycle):
    advance(cycle, "launch", "open_self_review", "open_feedback", "open_manager_review", by=org.hr_admin)
    joiner = PersonFactory(unit=org.platform, manager=org.manager)
    cycle_sync_participants(cycle)
    review = review_of(cycle, joiner)
    assert review.state == "respondents_approved"
    assert review.skipped_steps == ["goals", "self_review", "feedback"]


def test_an_import_brings_its_joiners_into_a_running_cycle(org, cycle, django_capture_on_commit_callbacks):
    from workflows.org_import import import_org

    advance(cycle, "launch", by=org.hr_admin)
    data = (
        b"email,full_name,title,unit_path,manager_email,hire_date\n"
        b"newcomer@example.com,Nora Newcomer,Engineer,Acme/Engineering/Platform,manager@example.com,\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = import_org(data, filename="org.csv", by=org.hr_admin.user)
    assert result.ok and result.created == 1
    newcomer = Person.objects.get(user__email="newcomer@example.com")
    assert review_of(cycle, newcomer).manager == org.manager


def test_a_dry_run_import_queues_no_sync(org, cycle, django_capture_on_commit_callbacks):
    from workflows.org_import import import_org

    advance(cycle, "launch", by=org.hr_admin)
    data = (
        b"email,full_name,title,unit_path,manager_email,hire_date\n"
        b"newcomer@example.com,Nora Newcomer,Engineer,Acme/Engineering/Platform,manager@example.com,\n"
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        import_org(data, filename="org.csv", by=org.hr_admin.user, dry_run=True)
    assert callbacks == []
