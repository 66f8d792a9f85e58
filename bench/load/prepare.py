"""Choose the load's people in the load database and sign each of them in, set-based; write ``users.json``.

    python -m bench.load.prepare --users 500 --out var/load/users.json     # DATABASE_URL: the load database

Deadline day of the demo cycle (self-review phase): people writing their self-review, respondents answering a
request sent to them (nominated with the bulk nomination and approved in bulk, as the manager's approval does),
people checking in on a key result of their personal objective, and HR admins watching the cycle's dashboard;
everyone opens their inbox now and then. Each simulated user is a distinct real demo person with their own API
token (for the API) and their own session row (for pages): no password hashing for 500 logins.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Shares of the simulated users per kind; the rest of --users are drafters.
MIX = {"respondent": 0.28, "checkin": 0.2, "hr": 0.04}
FIXED = ("ceo@example.com", "hr@example.com", "hrbp@example.com", "manager@example.com", "employee@example.com")


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DATABASE_POOL"] = "false"
    import django

    django.setup()


def _spread(rows: list, count: int) -> list:
    """``count`` rows spread over the whole list (the whole org chart), not the first units only."""
    if count >= len(rows):
        return rows
    step = len(rows) / count
    return [rows[int(i * step)] for i in range(count)]


def _sign_in(user_ids: list[int]) -> dict[int, tuple[str, str]]:
    """user id → (API token, session key), each made in one statement for everyone."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string
    from rest_framework.authtoken.models import Token

    from people.models import User

    have = set(Token.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True))
    Token.objects.bulk_create([Token(user_id=pk, key=Token.generate_key()) for pk in user_ids if pk not in have])
    tokens = dict(Token.objects.filter(user_id__in=user_ids).values_list("user_id", "key"))
    store, expires = SessionStore(), timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    sessions, rows = {}, []
    for user in User.objects.filter(pk__in=user_ids):
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: user.get_session_auth_hash()}
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        sessions[user.pk] = key
    Session.objects.bulk_create(rows)
    return {pk: (tokens[pk], sessions[pk]) for pk in user_ids}


def _questions(review, author: str) -> list[int]:
    from reviews.selectors import review_questions

    return [q["id"] for q in review_questions(review, authors=(author,)) if q["kind"] == "text"]


def prepare(users: int) -> dict:
    from django.db import transaction

    from cycles.models import ReviewCycle
    from okrs.models import KeyResult, Objective
    from people.models import Person
    from people.services import role_grant
    from reviews.content import expand
    from reviews.models import FeedbackRequest, Review
    from reviews.services import NominationRow, feedback_requests_create_bulk
    from workflows.runner import run_bulk_transition

    counts = {kind: round(users * share) for kind, share in MIX.items()}
    counts["drafter"] = users - sum(counts.values())
    cycle = ReviewCycle.objects.order_by("-pk").first()
    hr = Person.objects.select_related("user").get(user__email="hr@example.com")
    taken = set(Person.objects.filter(user__email__in=FIXED).values_list("pk", flat=True))
    with transaction.atomic():
        drafting = list(Review.objects.filter(cycle=cycle, state=Review.State.SELF_REVIEW, person__state="active")
                        .exclude(person_id__in=taken).order_by("pk").values_list("pk", "person_id", "version"))
        drafters = _spread(drafting, counts["drafter"])
        taken |= {person for _, person, _ in drafters}
        owners = list(KeyResult.objects.filter(
            objective__level=Objective.Level.PERSONAL, objective__state=Objective.State.ACTIVE,
            objective__owner__state="active", position=0,
        ).exclude(objective__owner_id__in=taken).order_by("objective__owner_id")
            .values_list("pk", "objective__owner_id"))
        checkins = _spread(owners, counts["checkin"])
        taken |= {owner for _, owner in checkins}
        others = list(Person.objects.filter(state="active").exclude(pk__in=taken).order_by("pk")
                      .values_list("pk", flat=True))
        hrs = _spread(others, counts["hr"])
        taken |= set(hrs)
        for person in Person.objects.filter(pk__in=hrs).select_related("user"):
            role_grant(user=person.user, role="hr_admin")
        # Respondents: people not otherwise in the load, each asked about a drafter's review (not their own, which
        # they would not have: they are not drafters), nominated in bulk and sent out as the manager's approval does.
        pool = [pk for pk in others if pk not in taken]
        respondents = _spread(pool, counts["respondent"])
        taken |= set(respondents)
        pairs = [(drafters[i % len(drafters)][0], person) for i, person in enumerate(respondents)]
        # A second run on the same database finds the requests of the first one already out.
        existing = {(review, person): pk for pk, review, person in FeedbackRequest.objects.filter(
            review_id__in={r for r, _ in pairs}, respondent_id__in=respondents, state=FeedbackRequest.State.APPROVED,
        ).values_list("pk", "review_id", "respondent_id")}
        missing = [pair for pair in pairs if pair not in existing]
        ids = feedback_requests_create_bulk(by=hr.user, rows=[
            NominationRow(review_id=review, respondent_id=person, group="peer") for review, person in missing])
        run_bulk_transition(FeedbackRequest, "approve", FeedbackRequest.objects.filter(pk__in=ids), by=hr.user,
                            reason="load run")
        existing.update(zip(missing, ids, strict=True))
    people = {p.pk: p for p in Person.objects.filter(pk__in=taken).select_related("user")}
    credentials = _sign_in([p.user_id for p in people.values()])

    def who(person_id: int) -> dict:
        person = people[person_id]
        token, session = credentials[person.user_id]
        return {"email": person.user.email, "token": token, "session": session}

    sample = Review.objects.get(pk=drafters[0][0])
    asked = [q["id"] for q in expand(cycle.template.questions.all(), ("respondent",)) if q["kind"] == "text"]
    return {
        "cycle": cycle.pk,
        "self_questions": _questions(sample, "self"),
        "respondent_questions": asked,
        "drafter": [{**who(person), "review": review} for review, person, _ in drafters],
        "respondent": [{**who(person), "request": existing[(review, person)]} for review, person in pairs],
        "checkin": [{**who(owner), "key_result": kr} for kr, owner in checkins],
        "hr": [who(person) for person in hrs],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    setup()
    data = prepare(args.users)
    Path(args.out).write_text(json.dumps(data))
    print(json.dumps({kind: len(data[kind]) for kind in ("drafter", "respondent", "checkin", "hr")}))


if __name__ == "__main__":
    main()
