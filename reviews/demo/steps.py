"""Demo data: one review cycle in progress (self-review phase) for the demo company.

Everyone past probation has a review; the demo employee has submitted a self-review with three
respondents that their manager approved (one of whom has answered); of two teammates, one waits for the
manager's approval of their respondents and the other has asked the demo employee for feedback, so each
demo login finds something in their tasks.
"""

from __future__ import annotations

import random
from datetime import timedelta

from cycles.models import ReviewCycle
from cycles.services import cycle_create
from okrs.models import Objective, Period
from people.demo import DemoOrg, register_demo_reset, register_demo_step
from people.models import Person
from workflows.runner import run_bulk_transition, run_transition
from workflows.services import transition_logs_delete

from ..content import expand
from ..models import FeedbackRequest, Review
from ..selectors import review_questions
from ..services import feedback_answers_save, feedback_request_create, review_self_save

SELF_TEXTS = [
    "I own the payments API and the on-call rotation; the team expects reliable releases.",
    "Shipped the new checkout flow, cut p95 latency by a third, mentored two new engineers.",
    "Launching on time: we agreed the scope early and kept to it.",
    "Documentation lagged behind; I should have asked for help sooner.",
]


def _self_answers(review: Review) -> list[dict]:
    answers, texts = [], iter(SELF_TEXTS)
    for question in review_questions(review, authors=("self",)):
        if question["kind"] == "text":
            answers.append({"question": question["id"], "text": next(texts, "—")})
        elif question["goal"] is not None:
            answers.append({"question": question["id"], "goal": question["goal"], "text": "On track."})
    return answers


def _walk_to_approved(review: Review, respondents: list[tuple[Person, str]], manager: Person) -> list[FeedbackRequest]:
    review_self_save(review=review, by=review.person.user, answers=_self_answers(review))
    goals = list(Objective.objects.filter(owner=review.person, period__in=review.cycle.periods.all())[:2])
    requests = [
        feedback_request_create(review=review, respondent=person, group=group, goals=goals, by=review.person.user)
        for person, group in respondents
    ]
    run_transition(review, "submit_self_review", by=review.person.user)
    run_transition(review, "approve_respondents", by=manager.user)
    return requests


def _goal_setting(cycle: ReviewCycle, org: DemoOrg, rng: random.Random) -> None:
    """Goal setting as it goes: almost everyone submitted their goals and had them agreed; a few are late, some
    still writing, some waiting for their manager (the demo logins' own reviews are on time)."""
    on_time = {org.employee.pk, org.manager.pk}
    reviews = list(Review.objects.filter(cycle=cycle).values_list("pk", "person_id"))
    drafts = {pk for pk, person in reviews if person not in on_time and rng.random() < 0.04}
    waiting = {pk for pk, person in reviews if person not in on_time and pk not in drafts and rng.random() < 0.03}
    submitted = Review.objects.filter(cycle=cycle).exclude(pk__in=drafts)
    # The people themselves did this: the log names no one (the demo writes it in bulk, not through each page).
    run_bulk_transition(Review, "submit_goals", submitted, by=None, reason="goals submitted in goal setting")
    run_bulk_transition(Review, "agree_goals", submitted.exclude(pk__in=waiting), by=None,
                        reason="goals agreed in goal setting")


@register_demo_step(order=300)
def review_cycle(org: DemoOrg, rng: random.Random) -> None:
    hr = org.hr.user
    today = org.today
    periods = list(Period.objects.filter(start__lte=today, end__gte=today))
    cycle = cycle_create(
        by=hr, name=f"Performance review {today.year}", periods=periods, participant_units=[org.company],
        hired_before=today - timedelta(days=90), anonymity=ReviewCycle.Anonymity.ANONYMOUS,
        min_respondents=3, max_respondents=8,
        deadlines={"self_review": (today + timedelta(days=14)).isoformat(),
                   "feedback": (today + timedelta(days=28)).isoformat(),
                   "manager_review": (today + timedelta(days=42)).isoformat(),
                   "calibration": (today + timedelta(days=56)).isoformat(),
                   "conversations": (today + timedelta(days=75)).isoformat()},
    )
    cycle = run_transition(cycle, "launch", by=hr)
    _goal_setting(cycle, org, rng)
    cycle = run_transition(cycle, "open_self_review", by=hr)

    employee, manager = org.employee, org.manager
    # Only reviews that the phase move opened: a late goal-setter's review is still in goals and has no self-review.
    in_self_review = set(Review.objects.filter(cycle=cycle, state=Review.State.SELF_REVIEW)
                         .values_list("person_id", flat=True))
    teammates = [p for p in Person.objects.filter(manager=manager, state=Person.State.ACTIVE).exclude(pk=employee.pk)
                 .order_by("pk") if p.pk in in_self_review]
    outside = [p for p in org.people if p.unit_id != employee.unit_id and p.pk not in (org.ceo.pk, manager.pk)]
    customer = rng.choice(outside)
    respondents = [(manager, "manager"), (customer, "customer")] + [(p, "peer") for p in teammates[:1]]
    if len(respondents) < 3:
        respondents.append((rng.choice([p for p in outside if p != customer]), "customer"))
    review = Review.objects.get(cycle=cycle, person=employee)
    requests = _walk_to_approved(review, respondents[:3], manager)
    # The customer has already answered; the manager and the peer still have it in their tasks.
    answered = next(r for r in requests if r.respondent_id == customer.pk)
    asked = expand(cycle.template.questions.all(), ("respondent",))
    answers = [{"question": q["id"], "rating": 4} if q["kind"] == "rating" else {"question": q["id"], "text": text}
               for q, text in zip(asked, ["", "Clear and dependable.", "Share plans earlier.", "—"], strict=False)
               if q["kind"] != "goal"]
    feedback_answers_save(request=answered, by=customer.user, answers=answers)
    run_transition(answered, "submit", by=customer.user)

    # Two more reviews at other steps: a teammate's list awaits the manager's approval (when the team is big
    # enough), another one's list is approved and asks the demo employee for feedback.
    taken = {employee.pk, manager.pk, customer.pk, *(p.pk for p, _ in respondents)}
    elsewhere = [p for p in outside if p.pk in in_self_review and p.pk not in taken and p.manager_id]
    mates = [p for p in teammates[1:2] if p.pk not in taken] + rng.sample(elsewhere, 1)
    for position, mate_person in enumerate(mates):
        mate = Review.objects.select_related("manager__user").get(cycle=cycle, person=mate_person)
        review_self_save(review=mate, by=mate_person.user, answers=_self_answers(mate))
        pool = [p for p in elsewhere if p.pk not in (mate_person.pk, mate.manager_id)]
        names = [(employee, "peer")] + [(p, "customer") for p in rng.sample(pool, cycle.min_respondents - 1)]
        for person, group in names:
            feedback_request_create(review=mate, respondent=person, group=group, by=mate_person.user)
        run_transition(mate, "submit_self_review", by=mate_person.user)
        if position == len(mates) - 1:
            run_transition(mate, "approve_respondents", by=mate.manager.user)


@register_demo_reset
def review_cycles_delete() -> None:
    """Cycles hang on no person, so ``seed_demo --reset`` removes them (and their reviews) here."""
    for model in (ReviewCycle, Review, FeedbackRequest):
        transition_logs_delete(model=model)
    FeedbackRequest.objects.all().delete()
    Review.objects.all().delete()
    ReviewCycle.objects.all().delete()
