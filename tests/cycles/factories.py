"""Test data for cycles and reviews, built through the services and the runner like real use."""

from __future__ import annotations

import factory
from django.utils import timezone

from cycles.models import ReviewCycle
from cycles.services import cycle_create
from okrs.models import Objective, Period
from people.models import Person, Unit
from reviews.models import FeedbackRequest, Review
from reviews.services import feedback_request_create
from workflows.runner import run_bulk_transition, run_transition


def current_quarter() -> Period:
    today = timezone.localdate()
    period, _ = Period.objects.get_or_create(
        code=f"{today.year}-Q{(today.month - 1) // 3 + 1}",
        defaults={"start": today.replace(day=1), "end": today.replace(day=28)},
    )
    return period


class ObjectiveFactory(factory.django.DjangoModelFactory):
    """A personal objective of ``owner`` in the current quarter."""

    class Meta:
        model = Objective

    title = factory.Sequence(lambda n: f"Goal {n}")
    level = Objective.Level.PERSONAL
    owner = None
    period = factory.LazyFunction(current_quarter)


def _unused(name: str) -> str:
    """``name``, or ``name 2``, ``name 3``… when a cycle has it already (cycle names are unique)."""
    taken = {n.lower() for n in ReviewCycle.objects.values_list("name", flat=True)}
    number = 1
    while (f"{name} {number}" if number > 1 else name).lower() in taken:
        number += 1
    return f"{name} {number}" if number > 1 else name


def make_cycle(*, by: Person, units: list[Unit], **fields) -> ReviewCycle:
    """A draft cycle over the current quarter for ``units``; small respondent limits by default."""
    fields.setdefault("min_respondents", 2)
    fields.setdefault("max_respondents", 3)
    fields.setdefault("anonymity_threshold", 2)
    fields.setdefault("deadlines", {"self_review": "2030-01-31", "manager_review": "2030-02-28"})
    name = fields.pop("name", "") or _unused("Spring review")
    return cycle_create(
        by=by.user, name=name, periods=[current_quarter()],
        participant_units=units, **fields,
    )


def advance(cycle: ReviewCycle, *names: str, by: Person, goals_agreed: bool = True) -> ReviewCycle:
    """Run the cycle's phase moves. A phase move carries only finished work, so by default everyone is taken to
    have agreed their goals during goal setting (``goals_agreed=False`` leaves unfinished goals unfinished)."""
    for name in names:
        if name == "open_self_review" and goals_agreed:
            # Through the flow's own transitions (in bulk), so the log shows each review's goals agreed.
            reviews = Review.objects.filter(cycle=cycle)
            run_bulk_transition(Review, "submit_goals", reviews, by=None, reason="goals submitted")
            run_bulk_transition(Review, "agree_goals", reviews, by=None, reason="goals agreed")
        cycle = run_transition(cycle, name, by=by.user)
    return cycle


def review_of(cycle: ReviewCycle, person: Person) -> Review:
    return Review.objects.get(cycle=cycle, person=person)


def nominate(review: Review, *respondents: Person, group: str = "peer", goals=(), by: Person | None = None):
    return [
        feedback_request_create(review=review, respondent=r, group=group, goals=list(goals),
                                by=(by or review.person).user)
        for r in respondents
    ]


def self_answers(review: Review, text: str = "Done") -> list[dict]:
    """Answers to every self question without a goal (the four open questions)."""
    return [{"question": q.pk, "text": text} for q in review.cycle.template.questions.filter(author="self")
            .exclude(kind="goal")]


def respondent_answers(request: FeedbackRequest, rating: int = 4, text: str = "Good work") -> list[dict]:
    questions = request.review.cycle.template.questions.filter(author="respondent")
    answers = []
    for q in questions:
        if q.kind == "rating":
            answers.append({"question": q.pk, "rating": rating, "text": ""})
        elif q.kind == "text":
            answers.append({"question": q.pk, "text": text})
    return answers


# The path of the employee's review, each step run by its owner (HR runs the cycle's phases).
def walk(org, cycle: ReviewCycle, until: str) -> Review:
    """Launch ``cycle`` and take ``org.employee``'s review up to state ``until``.

    Respondents are the peer and the outsider; each answers with a 4.
    """
    from reviews.services import review_manager_save, review_self_save

    steps = ["goals_draft", "self_review", "self_submitted", "respondents_approved", "manager_submitted",
             "calibrated", "released"]
    cycle = advance(cycle, "launch", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    if steps.index(until) >= 1:
        cycle = advance(cycle, "open_self_review", by=org.hr_admin)
    if steps.index(until) >= 2:
        review = review_of(cycle, org.employee)
        review_self_save(review=review, by=org.employee.user, answers=self_answers(review))
        nominate(review, org.peer, org.outsider)
        run_transition(review, "submit_self_review", by=org.employee.user)
    if steps.index(until) >= 3:
        run_transition(review, "approve_respondents", by=org.manager.user)
    if steps.index(until) >= 4:
        for request in FeedbackRequest.objects.filter(review=review):
            request.answers = respondent_answers(request)
            request.save(update_fields=["answers"])
            run_transition(request, "submit", by=request.respondent.user)
        cycle = advance(cycle, "open_feedback", "open_manager_review", by=org.hr_admin)
        review = review_of(cycle, org.employee)
        manager_q = review.cycle.template.questions.get(author="manager")
        review_manager_save(review=review, by=org.manager.user, answers=[{"question": manager_q.pk, "text": "Solid"}],
                            final_rating=3, potential=2)
        run_transition(review, "submit_manager_review", by=org.manager.user)
    if steps.index(until) >= 5:
        cycle = advance(cycle, "start_calibration", by=org.hr_admin)
        run_transition(review_of(cycle, org.employee), "calibrate", by=org.hr_admin.user, reason="calibrated",
                       final_rating=4)
    if steps.index(until) >= 6:
        advance(cycle, "release_results", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    assert review.state == until, review.state
    return review
