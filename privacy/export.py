"""Everything the service holds about one person, as one JSON document and their review summary PDFs in a ZIP.

Read in a fixed number of queries whatever the amount of data (each section is one query, or one query per
level); the review summary PDFs add the rendering, not queries per review. Reviews are exported as the
caller (an HR admin: ``privacy.export_person``) reads them: the full view, with every part and the feedback
named. See privacy/README.md for what each section holds.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import defaultdict
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.utils import timezone

from continuous.models import AskRespondent, Feedback, FeedbackAsk, ManagerNote, PraiseRecipient, Reaction
from cycles.models import Question
from documents.models import DownloadLog
from documents.review_summary import summary_pdf
from documents.summaries import summary_filename
from meetings.models import Series
from meetings.selectors import (
    action_items_visible_to,
    notes_visible_to,
    series_visible_to,
    talking_points_visible_to,
)
from notifications.models import Notification, NotificationSettings
from okrs.models import CheckIn, DevelopmentGoal, KeyResult, Objective, WeeklyPlan
from people.models import Person, UnitUserObjectPermission
from people.roles import roles_of
from reviews.models import CalibrationChange, Conversation, FeedbackRequest, Review
from reviews.selectors import attach_review_context, review_parts, review_queryset
from reviews.selectors.conversations import conversation_parts
from workflows.selectors import logs_by, logs_of, who_did

from .models import PrivacyLog

FORMAT = "perfcycle-personal-data/1"


def _values(qs, *fields: str) -> list[dict[str, Any]]:
    return list(qs.values(*fields))


def _profile(person: Person) -> dict[str, Any]:
    user = person.user
    return {
        "id": person.pk, "email": user.email, "full_name": person.full_name, "title": person.title,
        "unit": person.unit.path if person.unit else None,
        "manager": {"id": person.manager_id, "full_name": person.manager.full_name} if person.manager else None,
        "hire_date": person.hire_date, "locale": person.locale, "state": person.state,
        "account": {"active": user.is_active, "date_joined": user.date_joined, "last_login": user.last_login,
                    "staff": user.is_staff},
    }


def _roles(person: Person) -> dict[str, Any]:
    return {
        "groups": list(person.user.groups.values_list("name", flat=True)),
        "hr_partner_units": list(
            UnitUserObjectPermission.objects.filter(user_id=person.user_id, permission__codename="partner_unit")
            .values_list("content_object__path", flat=True)
        ),
        "now": roles_of(person.user).names(),
    }


def _goals(person: Person) -> dict[str, Any]:
    objectives = _values(
        Objective.objects.filter(owner=person).order_by("period__start", "pk"), "id", "title", "description",
        "level", "period__code", "private", "state", "score", "return_reason", "created_at", "updated_at",
    )
    key_results = _values(
        KeyResult.objects.filter(Q(owner=person) | Q(objective__owner=person)).order_by("objective_id", "pk"),
        "id", "objective_id", "objective__title", "title", "kind", "start", "target", "current", "unit_label",
        "weight", "owner_id", "confidence", "progress", "grade", "grade_comment",
    )
    check_ins = _values(
        CheckIn.objects.filter(Q(author=person) | Q(key_result__in=[kr["id"] for kr in key_results]))
        .order_by("key_result_id", "created_at"),
        "id", "key_result_id", "value", "confidence", "note", "author_id", "created_at",
    )
    development = _values(
        DevelopmentGoal.objects.filter(person=person).order_by("due_date", "pk"), "id", "period__code", "title",
        "competency", "actions", "support_needed", "due_date", "status", "progress_notes", "source", "created_at",
    )
    boards = _values(WeeklyPlan.objects.filter(person=person).order_by("week"), "week", "priorities",
                     "plans_next_weeks", "health", "health_notes")
    return {"objectives": objectives, "key_results": key_results, "check_ins": check_ins,
            "development_goals": development, "weekly_boards": boards}


def _reviews(person: Person, reader) -> tuple[list[Review], list[dict[str, Any]]]:
    reviews = list(review_queryset(Review.objects.filter(person=person)).order_by("created_at", "pk"))
    attach_review_context(reviews)
    changes: dict[int, list] = defaultdict(list)
    for change in CalibrationChange.objects.filter(review__person=person).select_related("by").order_by("at"):
        changes[change.review_id].append({"from": change.from_rating, "to": change.to_rating,
                                          "reason": change.reason, "by": getattr(change.by, "full_name", None),
                                          "at": change.at})
    rows = []
    for review in reviews:
        rows.append({
            "id": review.pk, "cycle": {"id": review.cycle_id, "name": review.cycle.name},
            "state": review.state, "unit": review.unit.path if review.unit else None,
            "manager": {"id": review.manager_id, "full_name": review.manager.full_name} if review.manager else None,
            "preliminary_rating": review.preliminary_rating, "calibrated_rating": review.calibrated_rating,
            "potential": review.potential, "created_at": review.created_at,
            **review_parts(review, reader), "calibration_changes": changes[review.pk],
        })
    return reviews, rows


def _feedback_given(person: Person) -> list[dict[str, Any]]:
    requests = list(FeedbackRequest.objects.filter(respondent=person).select_related("review__person", "cycle")
                    .order_by("created_at", "pk"))
    asked = {a.get("question") for r in requests for a in r.answers or [] if isinstance(a, dict)}
    texts = {q.pk: q.text for q in Question.objects.filter(pk__in=[pk for pk in asked if isinstance(pk, int)])}
    return [{
        "id": r.pk, "cycle": r.cycle.name, "about": {"id": r.review.person_id, "full_name": r.review.person.full_name},
        "group": r.group, "state": r.state, "decline_reason": r.decline_reason,
        "answers": [{**a, "question_text": texts.get(a.get("question"), "")} for a in r.answers or []
                    if isinstance(a, dict)],
        "created_at": r.created_at,
    } for r in requests]


def _conversations(reviews: list[Review], reader) -> tuple[dict[int, dict], list[dict[str, Any]]]:
    """The results conversations of the person's reviews, full (the HR view, private notes included)."""
    by_review = {}
    for conversation in Conversation.objects.filter(review__in=[r.pk for r in reviews]):
        conversation.review = next(r for r in reviews if r.pk == conversation.review_id)
        by_review[conversation.review_id] = conversation_parts(conversation, reader)
    return by_review, list(by_review.values())


def _meetings(person: Person, reader) -> dict[str, Any]:
    """Their one-on-ones (as report or manager) and what they wrote in meetings, as far as ``reader`` may read
    them (``meetings.rules``): a one-on-one is its two people's alone, so an export HR makes holds none of it,
    not even that it exists; the unit meetings' points, notes and actions HR reads are there."""
    mine = Q(series__kind=Series.Kind.ONE_ON_ONE) & (Q(series__report=person) | Q(series__manager=person))
    return {
        "one_on_ones": _values(
            series_visible_to(reader).filter(Q(report=person) | Q(manager=person), kind=Series.Kind.ONE_ON_ONE)
            .order_by("pk"),
            "id", "manager__full_name", "report__full_name", "weekday", "time", "starts_on", "active"),
        "talking_points": _values(
            talking_points_visible_to(reader).filter(mine | Q(author=person)).order_by("created_at", "pk"),
            "series_id", "meeting__scheduled_at", "author__full_name", "side", "text", "closed_at"),
        "notes": _values(
            notes_visible_to(reader).filter(
                Q(meeting__series__kind=Series.Kind.ONE_ON_ONE)
                & (Q(meeting__series__report=person) | Q(meeting__series__manager=person)) | Q(author=person)
            ).order_by("created_at", "pk"),
            "meeting__series_id", "meeting__scheduled_at", "author__full_name", "kind", "text", "created_at"),
        "action_items": _values(
            action_items_visible_to(reader).filter(mine | Q(owner=person) | Q(created_by=person))
            .order_by("created_at", "pk"),
            "series_id", "text", "owner__full_name", "due_on", "done_at", "created_at"),
    }


def _reactions_and_notes(person: Person) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The reactions they gave and the notes they wrote as a manager, in one query (a union)."""
    columns = ("row_kind", "row_id", "row_about_id", "row_about", "row_text", "row_at", "row_updated")
    reactions = Reaction.objects.filter(person=person).annotate(
        row_kind=Value("reaction"), row_id=F("praise_id"), row_about_id=Value(None, IntegerField()),
        row_about=Value(""), row_text=F("kind"), row_at=F("created_at"), row_updated=F("created_at"))
    notes = ManagerNote.objects.filter(author=person).annotate(
        row_kind=Value("note"), row_id=F("pk"), row_about_id=F("about_id"), row_about=F("about__full_name"),
        row_text=F("text"), row_at=F("created_at"), row_updated=F("updated_at"))
    rows = sorted(reactions.order_by().values_list(*columns).union(notes.order_by().values_list(*columns), all=True),
                  key=lambda row: (row[5], row[1]))
    return ([{"praise_id": pk, "kind": text, "created_at": at} for kind, pk, _a, _n, text, at, _u in rows
             if kind == "reaction"],
            [{"id": pk, "about_id": about_id, "about__full_name": name, "text": text, "created_at": at,
              "updated_at": updated} for kind, pk, about_id, name, text, at, updated in rows if kind == "note"])


def _continuous(person: Person) -> dict[str, Any]:
    """Praise and feedback outside the cycles, as the person themselves may read it: praise they gave and
    received (every member reads praise), the feedback they gave, the feedback about them shared with them,
    their asks and the asks they were asked, and the notes they wrote as a manager. Never the feedback about
    them private to their managers, nor a manager's notes about them, nor a manager's ask about them. Five
    queries: the praise comes with its recipients, each kind of feedback and ask in one."""
    praise: dict[int, dict[str, Any]] = {}
    theirs = Q(praise__author=person) | Q(praise__in=PraiseRecipient.objects.filter(person=person).values("praise"))
    for row in PraiseRecipient.objects.filter(theirs).order_by("praise__created_at", "praise_id", "person__full_name",
                                                              "pk").values(
            "praise_id", "praise__author_id", "praise__author__full_name", "praise__message", "praise__value__code",
            "praise__created_at", "person_id", "person__full_name"):
        one = praise.setdefault(row["praise_id"], {
            "id": row["praise_id"], "author_id": row["praise__author_id"],
            "author__full_name": row["praise__author__full_name"], "message": row["praise__message"],
            "value__code": row["praise__value__code"], "created_at": row["praise__created_at"], "recipients": [],
            "_received": False})
        one["recipients"].append(row["person__full_name"])
        one["_received"] |= row["person_id"] == person.pk
    given = [p for p in praise.values() if p["author_id"] == person.pk]
    received = [p for p in praise.values() if p.pop("_received")]
    feedback = _values(Feedback.objects.filter(
        Q(author=person) | Q(about=person, visibility=Feedback.Visibility.SHARED_WITH_PERSON)).order_by(
        "created_at", "pk"), "id", "author_id", "author__full_name", "about_id", "about__full_name", "text",
        "visibility", "request_id", "created_at")
    asked = AskRespondent.objects.filter(ask_id=OuterRef("pk"), person=person)
    asks = _values(FeedbackAsk.objects.filter(Q(asker=person) | Q(Exists(asked))).annotate(
        answered_at=Subquery(asked.values("answered_at")[:1])).order_by("created_at", "pk"),
        "id", "asker_id", "asker__full_name", "about_id", "about__full_name", "question", "created_at", "answered_at")
    for row in asks:
        if row["asker_id"] == person.pk:
            row.pop("answered_at")
    reactions, notes = _reactions_and_notes(person)
    return {
        "praise_given": given,
        "praise_received": received,
        "reactions": reactions,
        "feedback_given": [f for f in feedback if f["author_id"] == person.pk],
        "feedback_received": [f for f in feedback if f["about_id"] == person.pk and f["author_id"] != person.pk],
        "asks_made": [a for a in asks if a["asker_id"] == person.pk],
        "asks_received": [a for a in asks if a["asker_id"] != person.pk],
        "notes_written": notes,
    }


def _logs(person: Person) -> dict[str, Any]:
    return {
        "notifications": _values(Notification.objects.filter(person=person).order_by("created_at"),
                                 "key", "day", "channel", "subject", "sent_at", "failed_at", "attempts"),
        "notification_settings": _values(NotificationSettings.objects.filter(person=person),
                                         "email", "slack", "slack_webhook", "teams", "teams_webhook"),
        "downloads_made": _values(DownloadLog.objects.filter(user_id=person.user_id).order_by("at"),
                                  "kind", "subject", "object_id", "language", "at"),
        "downloads_of_their_documents": _values(
            DownloadLog.objects.filter(review__person=person).order_by("at"), "kind", "user__email", "language", "at"),
        "changes_made": _values(logs_by(person.user_id),
                                "content_type__model", "object_id", "transition", "source", "target", "reason", "at"),
        "changes_to_their_membership": _values(
            logs_of(Person, [person.pk]).order_by("at"),
            "transition", "source", "target", "reason", "by__email", "at"),
        "personal_data_log": _values(PrivacyLog.objects.filter(subject_id=person.pk).order_by("at"),
                                     "action", "actor_name", "at"),
    }


def person_export(person: Person, reader) -> tuple[dict[str, Any], list[Review]]:
    """The JSON document about ``person`` as ``reader`` (an HR admin) sees it, and the reviews for the PDFs."""
    person = Person.objects.select_related("user", "unit", "manager").get(pk=person.pk)
    reviews, review_rows = _reviews(person, reader)
    conversations, conversation_rows = _conversations(reviews, reader)
    for review in reviews:
        review._export_conversation = conversations.get(review.pk) if review.is_released else None
    document = {
        "format": FORMAT, "generated_at": timezone.now(), "person": _profile(person), "roles": _roles(person),
        # What the service knows of the person's place over time: their unit and manager in each cycle.
        "history": [{"cycle": r["cycle"]["name"], "unit": r["unit"], "manager": r["manager"]} for r in review_rows],
        "goals": _goals(person), "reviews": review_rows, "feedback_given": _feedback_given(person),
        "conversations": conversation_rows, "meetings": _meetings(person, reader),
        "praise_and_feedback": _continuous(person), **_logs(person),
    }
    return document, reviews


def acknowledgements(reviews: list[Review]) -> dict[int, list[dict[str, Any]]]:
    """Who acknowledged each review's results (one query for all), as ``documents.summaries`` shows it."""
    return who_did(Review, [r.pk for r in reviews], "acknowledge")


def export_zip(person: Person, reader, *, language: str) -> bytes:
    """``person.json`` and ``reviews/<file>.pdf`` (one summary per review, in ``language``) in one ZIP."""
    document, reviews = person_export(person, reader)
    acks = acknowledgements(reviews)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("person.json", json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        for review in reviews:
            pdf = summary_pdf(review, reader, language=language, acknowledgements=acks[review.pk],
                              conversation=review._export_conversation or {})
            archive.writestr(f"reviews/{summary_filename(review)}", pdf)
    return buffer.getvalue()
