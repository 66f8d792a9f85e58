"""My reviews (everyone's own reviews, current and past) and My team (a manager's reports in the current cycles):
what each lists, for whom, and a fixed number of queries whatever the team or the organisation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cycles.models import ReviewCycle
from reviews.models import CalibrationSession, Conversation, Review
from tests.cycles.factories import advance, make_cycle, review_of, walk
from tests.factories import PersonFactory, UnitFactory, build_org

pytestmark = pytest.mark.django_db

MINE, TEAM = reverse("reviews:mine"), reverse("reviews:team")


def count(client, url: str) -> int:
    client.get(url)  # warm: the session and the roles, as on any page
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_my_reviews_lists_the_current_review_with_its_step_deadline_and_links(web, org, cycle):
    review = review_of(advance(cycle, "launch", "open_self_review", by=org.hr_admin), org.employee)
    page = web(org.employee).get(MINE).content.decode()
    assert "Spring review" in page and "Write your self-review" in page
    assert reverse("reviews:review", args=[review.pk]) in page
    assert reverse("documents:review_summary", args=[review.pk]) in page
    assert "31 January 2030" in page or "Jan. 31, 2030" in page  # the self-review's deadline
    assert "after the results are released" in page  # no rating before release


def test_my_reviews_shows_the_final_rating_only_once_released(web, org, cycle):
    review = walk(org, cycle, "calibrated")
    page = web(org.employee).get(MINE).content.decode()
    assert "after the results are released" in page
    advance(review.cycle, "release_results", by=org.hr_admin)
    page = web(org.employee).get(MINE).content.decode()
    label = {lv.value: lv.label for lv in review.cycle.final_scale.levels.all()}[4]
    assert label in page and "Read the results" in page and "Results released: read them and acknowledge" in page


def test_my_reviews_keeps_past_cycles_and_never_lists_someone_else(web, org, cycle):
    old = make_cycle(by=org.hr_admin, units=[org.acme], name="Autumn review")
    advance(old, "launch", by=org.hr_admin)
    ReviewCycle.objects.filter(pk=old.pk).update(state=ReviewCycle.State.CLOSED)
    Review.objects.filter(cycle=old).update(state=Review.State.CLOSED)
    advance(cycle, "launch", by=org.hr_admin)
    page = web(org.employee).get(MINE).content.decode()
    assert "Autumn review" in page and "Spring review" in page
    assert page.index("Autumn review") < page.index("Spring review")  # the newest cycle first
    peer_review = review_of(cycle, org.peer)
    assert reverse("reviews:review", args=[peer_review.pk]) not in page


def test_my_reviews_lists_the_feedback_one_was_asked_to_give(web, org, cycle):
    walk(org, cycle, "respondents_approved")  # the peer and the outsider are asked about the employee
    page = web(org.peer).get(MINE).content.decode()
    assert "Feedback you were asked to give" in page and "Emil Employee" in page and "Asked" in page


def test_my_team_lists_direct_reports_and_further_down_with_the_conversation(web, org, cycle):
    review = walk(org, cycle, "released")
    conversation = Conversation.objects.create(review=review, created_by=org.manager)
    page = web(org.manager).get(TEAM).content.decode()
    assert "Emil Employee" in page and "Pia Peer" in page
    assert reverse("reviews:conversation", args=[conversation.pk]) in page and "Planned" in page
    assert "not planned yet" not in page or "Pia Peer" in page  # the peer's results are not released
    skip = web(org.skip)
    assert "Emil Employee" not in skip.get(TEAM).content.decode()  # not a direct report of the skip-level
    deeper = skip.get(TEAM + "?group=deeper").content.decode()
    assert "Emil Employee" in deeper and "Mia Manager" in deeper  # with their manager named


def test_my_team_is_empty_for_someone_without_reports(web, org, cycle):
    walk(org, cycle, "self_review")
    page = web(org.employee).get(TEAM).content.decode()
    assert "No reviews of your direct reports" in page and "Pia Peer" not in page


def test_my_team_links_the_calibration_of_a_session_the_manager_takes_part_in(web, org, cycle):
    cycle = advance(cycle, "launch", by=org.hr_admin)
    session = CalibrationSession.objects.create(cycle=cycle, name="Platform", created_by=org.hr_admin)
    session.units.add(org.platform)
    session.participants.add(org.manager)
    assert reverse("reviews:calibration", args=[cycle.pk]) in web(org.manager).get(TEAM).content.decode()
    assert reverse("reviews:calibration", args=[cycle.pk]) not in web(org.skip).get(TEAM).content.decode()


def test_the_navigation_offers_my_reviews_to_everyone_and_my_team_to_managers(web, org):
    employee = web(org.employee).get(reverse("okrs:my_goals")).content.decode()
    manager = web(org.manager).get(reverse("okrs:my_goals")).content.decode()
    assert MINE in employee and TEAM not in employee
    assert MINE in manager and TEAM in manager


def _team(org, size: int):
    """A manager with five direct reports and ``size`` people in all under them, a live cycle, some conversations."""
    boss = PersonFactory(unit=org.acme, manager=org.ceo)
    unit = UnitFactory(parent=org.acme)
    build_org(size, unit=unit, top=boss, fanout=5)
    cycle = advance(make_cycle(by=org.hr_admin, units=[unit], name=f"Team cycle {size}"), "launch",
                    by=org.hr_admin)
    Review.objects.filter(cycle=cycle).update(state=Review.State.RELEASED)
    Conversation.objects.bulk_create(Conversation(review=r) for r in Review.objects.filter(cycle=cycle)[::2])
    return boss


def test_my_team_runs_the_same_queries_at_two_sizes_and_pages_a_long_list(web, org):
    counts = {}
    for size in (8, 70):
        boss = _team(org, size)
        client = web(boss)
        deeper = client.get(TEAM + "?group=deeper").content.decode()
        assert deeper.count('class="card review-row') == min(size - 5, 25)
        assert ("?group=deeper&amp;page=2" in deeper) == (size - 5 > 25)
        counts[size] = (count(client, TEAM), count(client, TEAM + "?group=deeper"))
    assert counts[8] == counts[70], counts
    assert max(counts[8]) <= 12, counts
    assert count(client, TEAM + "?group=deeper&page=3") <= counts[70][1]  # a later page costs no more


def test_my_reviews_runs_the_same_queries_at_two_sizes(web, org):
    counts = {}
    for size in (2, 12):
        person = PersonFactory(unit=org.platform, manager=org.manager)
        build_org(size * 5, unit=UnitFactory(parent=org.acme), top=org.ceo)
        for i in range(size):
            launched = advance(make_cycle(by=org.hr_admin, units=[org.platform], name=f"Cycle {size}-{i}"),
                               "launch", by=org.hr_admin)
            Review.objects.filter(cycle=launched).update(state=Review.State.RELEASED, preliminary_rating=3)
        client = web(person)
        assert client.get(MINE).content.decode().count('class="card review-row') == size
        counts[size] = count(client, MINE)
    assert counts[2] == counts[12], counts
    assert counts[2] <= 10, counts


def test_my_team_offers_to_plan_the_conversation_of_released_results(web, org, cycle):
    review = walk(org, cycle, "released")
    client = web(org.manager)
    start = reverse("reviews:conversation_start", args=[review.pk])
    assert start in client.get(TEAM).content.decode()
    response = client.post(start)
    conversation = Conversation.objects.get(review=review)
    assert response["Location"] == reverse("reviews:conversation", args=[conversation.pk])
    page = client.get(TEAM).content.decode()
    assert start not in page and reverse("reviews:conversation", args=[conversation.pk]) in page
    assert start not in web(org.skip).get(TEAM + "?group=deeper").content.decode()  # the review's manager plans it
