"""Adversarial: anonymous comments cannot be matched to their authors. The attacker is the reviewee (after
release) or their manager (before and after), holding everything their channels show — the review API, the
review page, the summary PDF, the conversation agenda — and the respondent list (who was asked, about which
goal, in which order). They try every ordering they could know: the order the requests were made, the
respondents' names, a goal link on a comment, and the seeded shuffle ``random.Random(f"{review.pk}:{group}")``
of the request order that comments were once sorted by. None may do better than chance.

Six reviews, three peers each, each peer asked about a different goal. A group's comments (several per
respondent) in a secret order come out fully right by chance about once in hundreds of reviews; the attack
is refused if any strategy reads half the reviews or more fully right."""

import random
import re

import pytest
from django.urls import reverse

from reviews.models import FeedbackRequest, Review
from reviews.selectors import request_questions
from reviews.services import (
    conversation_create,
    feedback_answers_save,
    review_manager_save,
    review_self_save,
)
from tests.cycles.factories import ObjectiveFactory, advance, make_cycle, nominate, review_of, self_answers
from tests.documents.conftest import pdf_text
from tests.factories import PersonFactory
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db

REVIEWS = 6


def _token(review_pk: int, author: int, question: int) -> str:
    # Unique words, so a comment's place can be found in any channel's text; their meaning is the test's alone.
    return f"zq{review_pk}w{author}w{question}qz"


def _answers(request: FeedbackRequest, author: int) -> list[dict]:
    answers = []
    for number, entry in enumerate(request_questions(request)):
        item = {"question": entry["id"], "text": _token(request.review_id, author, number)}
        if entry["goal"]:
            item["goal"] = entry["goal"]
        if entry["scale"]:
            item["rating"] = entry["scale"][1]["value"] if len(entry["scale"]) > 1 else entry["scale"][0]["value"]
        answers.append(item)
    return answers


def _world(org):
    """Six released reviews of the manager's reports in an anonymous cycle; the peer, the outsider and the skip
    answer each (in that nomination order), each about their own goal of the reviewee."""
    people = [PersonFactory(full_name=f"Report {n}", unit=org.platform, manager=org.manager) for n in range(REVIEWS)]
    goals = {p.pk: [ObjectiveFactory(owner=p) for _ in range(3)] for p in people}
    cycle = make_cycle(by=org.hr_admin, units=[org.platform], anonymity="anonymous", anonymity_threshold=2,
                       min_respondents=3, max_respondents=3)
    cycle = advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    respondents = [org.peer, org.outsider, org.skip]
    truth: dict[int, dict[str, int]] = {}
    for person in people:
        review = review_of(cycle, person)
        review_self_save(review=review, by=person.user, answers=self_answers(review))
        requests = [nominate(review, r, goals=[g])[0] for r, g in zip(respondents, goals[person.pk], strict=True)]
        run_transition(review, "submit_self_review", by=person.user)
        run_transition(review, "approve_respondents", by=org.manager.user)
        for author, request in enumerate(requests):
            request = FeedbackRequest.objects.get(pk=request.pk)
            answers = _answers(request, author)
            feedback_answers_save(request=request, by=request.respondent.user, answers=answers)
            run_transition(FeedbackRequest.objects.get(pk=request.pk), "submit", by=request.respondent.user)
            truth.setdefault(review.pk, {}).update({a["text"]: request.respondent_id for a in answers})
    cycle = advance(cycle, "open_feedback", "open_manager_review", by=org.hr_admin)
    manager_q = cycle.template.questions.get(author="manager")
    for person in people:
        review = review_of(cycle, person)
        review_manager_save(review=review, by=org.manager.user, answers=[{"question": manager_q.pk, "text": "Ok"}],
                            final_rating=3, potential=2)
        run_transition(review, "submit_manager_review", by=org.manager.user)
    return cycle, people, truth


def _order(text: str, tokens) -> list[str]:
    """The comments as a channel shows them: by where each first appears."""
    found = [(text.find(t), t) for t in tokens if t in text]
    return [t for _place, t in sorted(found)]


def _views(api, web, reader, review) -> dict[str, tuple[str, list]]:
    """Every channel ``reader`` has on the review: its text, and the API's comments as given."""
    data = api(reader).get(f"/api/reviews/{review.pk}/").json()
    comments = [c for g in data.get("feedback") or [] for c in g["comments"]]
    views = {"api": (str(data), comments),
             "page": (web(reader).get(reverse("reviews:review", args=[review.pk])).content.decode(), [])}
    if review.is_released:
        views["pdf"] = (pdf_text(api(reader).get(f"/api/reviews/{review.pk}/summary.pdf").content), [])
        conversation = review.conversation if hasattr(review, "conversation") else None
        if conversation is not None:
            agenda = api(reader).get(f"/api/conversations/{conversation.pk}/").json().get("agenda")
            views["agenda"] = (str(agenda), [])
    return views


def _guesses(review, shown: list[str], comments: list[dict], requests: list[dict], texts_per_author: int):
    """What each strategy says of who wrote each shown comment (None: it cannot say)."""
    asked = [r["respondent"] for r in requests]
    by_goal = {g: r["respondent"] for r in requests for g in r["goals"]}
    by_text = {c["text"]: c for c in comments}
    n = len(shown)
    # The comments were once shuffled by Random(f"{review.pk}:{group}") from the request order: undo it.
    positions = list(range(n))
    random.Random(f"{review.pk}:peer").shuffle(positions)  # noqa: S311
    per = max(n // len(asked), 1)
    by_name = sorted(asked)
    return {
        "request order": [asked[min(i // per, len(asked) - 1)] for i in range(n)],
        "seeded shuffle": [asked[min(positions[i] // per, len(asked) - 1)] for i in range(n)],
        "names": [by_name[min(i // per, len(asked) - 1)] for i in range(n)],
        "goal link": [by_goal.get((by_text.get(t) or {}).get("goal")) for t in shown],
        "author field": [((by_text.get(t) or {}).get("respondent") or {}).get("id") for t in shown],
    }


def _attack(api, web, reader, reviews, truth) -> dict[tuple[str, str], int]:
    """Per channel and strategy, in how many reviews every author the strategy names is right."""
    wins: dict[tuple[str, str], int] = {}
    for review in reviews:
        body = api(reader).get(f"/api/feedback-requests/?review={review.pk}").json()
        requests = sorted(body["results"] if isinstance(body, dict) else body, key=lambda r: r["id"])
        assert len(requests) == 3
        tokens = list(truth[review.pk])
        for channel, (text, comments) in _views(api, web, reader, review).items():
            shown = _order(text, tokens)
            if not shown:
                continue
            for strategy, guess in _guesses(review, shown, comments, requests, len(tokens) // 3).items():
                # A strategy wins a review when it names someone and every author it names is right.
                claims = [(g, t) for g, t in zip(guess, shown, strict=True) if g is not None]
                right = bool(claims) and all(g == truth[review.pk][t] for g, t in claims)
                wins[(channel, strategy)] = wins.get((channel, strategy), 0) + right
    return wins


def test_comments_carry_nothing_but_their_question_and_text(api, org):
    cycle, people, _truth = _world(org)
    advance(cycle, "start_calibration", "release_results", by=org.hr_admin)
    for person in people:
        review = review_of(cycle, person)
        for reader in (person, org.manager, org.skip):
            feedback = api(reader).get(f"/api/reviews/{review.pk}/").json()["feedback"]
            keys = {key for g in feedback for c in g["comments"] for key in c}
            assert keys == {"question", "text"}, (reader, keys)


def test_no_ordering_anyone_can_know_maps_comments_to_respondents(api, web, org):
    cycle, people, truth = _world(org)
    before = _attack(api, web, org.manager, [review_of(cycle, p) for p in people], truth)
    cycle = advance(cycle, "start_calibration", "release_results", by=org.hr_admin)
    reviews = []
    for person in people:
        review = review_of(cycle, person)
        conversation_create(review=review, by=org.manager.user)
        reviews.append(Review.objects.select_related("conversation").get(pk=review.pk))
    shown_to = {"manager before release": before, "manager": _attack(api, web, org.manager, reviews, truth)}
    for review, person in zip(reviews, people, strict=True):
        for key, right in _attack(api, web, person, [review], truth).items():
            shown_to.setdefault("reviewee", {})[key] = shown_to.get("reviewee", {}).get(key, 0) + right
    assert shown_to["reviewee"], "the reviewee reads the comments"
    for reader, wins in shown_to.items():
        broken = {key: n for key, n in wins.items() if n >= REVIEWS // 2}
        assert not broken, (reader, broken)


def test_every_channel_shows_a_group_in_one_order(api, web, org):
    """One secret order everywhere: channels in different orders would let a reader compare them."""
    cycle, people, truth = _world(org)
    cycle = advance(cycle, "start_calibration", "release_results", by=org.hr_admin)
    review = review_of(cycle, people[0])
    tokens = list(truth[review.pk])
    views = _views(api, web, people[0], review)
    orders = {channel: _order(text, tokens) for channel, (text, _c) in views.items()}
    assert len({tuple(o) for o in orders.values() if o}) == 1, orders
    assert re.search(r"zq\d+w\dw\d+qz", views["api"][0])
