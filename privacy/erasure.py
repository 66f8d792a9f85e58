"""Erasure of people who left: pseudonymise the person, remove their login, delete what belongs to them alone.

Set-based: one statement per table for any number of people (the retention run erases everyone due in
batches of ``BATCH``). What stays and what goes is listed in privacy/README.md; in short, the person row
stays (reviews, objectives and feedback they wrote for others point to it) under the name
"Former employee #<id>"; their own words about themselves and everything written about them is deleted.
"""

from __future__ import annotations

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import BooleanField, CharField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone, translation
from django.utils.translation import gettext
from guardian.models import UserObjectPermission
from rest_framework.authtoken.models import Token

from continuous.models import Feedback, FeedbackAsk, ManagerNote, Praise, PraiseRecipient, Reaction
from documents.models import DownloadLog
from meetings.models import Series
from notifications.models import Notification, NotificationSettings
from okrs.models import DevelopmentGoal, WeeklyPlan
from people.models import Person, Unit, UnitUserObjectPermission, User
from reviews.models import CalibrationChange, Conversation, FeedbackRequest, FeedbackSnapshot, Review
from workflows.selectors import last_transition_at
from workflows.services import transition_logs_scrub

from .models import PrivacyLog

BATCH = 500
ERASED_EMAIL_DOMAIN = "erased.invalid"  # .invalid never resolves (RFC 2606): no mail can reach it


def _pseudonym_parts() -> tuple[str, str]:
    """The pseudonym around the id, in the site's language: ("Former employee #", "")."""
    with translation.override(settings.LANGUAGE_CODE):
        text = gettext("Former employee #%(id)s")
    before, _sep, after = text.partition("%(id)s")
    return before, after


def pseudonym(person_id: int) -> str:
    before, after = _pseudonym_parts()
    return f"{before}{person_id}{after}"


def _pseudonym_of(field: str):
    """The pseudonym as a database expression of the person id in ``field`` (for a set-based UPDATE)."""
    before, after = _pseudonym_parts()
    return Concat(Value(before), Cast(field, CharField()), Value(after), output_field=CharField())


def retention_days() -> int:
    return int(getattr(settings, "PRIVACY_RETENTION_DAYS", 730))


def left_at_annotation():
    """When the person left: their last deactivation, else their last login, else when the account began."""
    return Coalesce(last_transition_at(Person, "deactivate"), "user__last_login", "user__date_joined")


def erased_q():
    return Exists(PrivacyLog.objects.filter(action=PrivacyLog.Action.ERASE, subject_id=OuterRef("pk")))


def erasable(*, now: datetime.datetime | None = None) -> QuerySet[Person]:
    """People inactive for longer than ``PRIVACY_RETENTION_DAYS`` and not erased yet."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    return (Person.objects.filter(state=Person.State.INACTIVE).annotate(left_at=left_at_annotation())
            .filter(left_at__lte=cutoff).exclude(erased_q()))


def is_erased(person: Person) -> bool:
    return PrivacyLog.objects.filter(action=PrivacyLog.Action.ERASE, subject_id=person.pk).exists()


def _ids_pattern(ids) -> str:
    return "|".join(str(pk) for pk in ids)


def _delete_notifications_about(review_ids: QuerySet) -> None:
    """Messages sent to others about the person's reviews, requests and conversations (their subjects and
    contexts name the person): keys ``[hr-]reminder:review:<id>:…``, ``request:<id>:…``, ``conversation:<id>:…``."""
    reviews = list(review_ids.values_list("pk", flat=True))
    if not reviews:
        return
    requests = list(FeedbackRequest.objects.filter(review_id__in=reviews).values_list("pk", flat=True))
    conversations = list(Conversation.objects.filter(review_id__in=reviews).values_list("pk", flat=True))
    alternatives = [f"review:({_ids_pattern(reviews)}):"]
    if requests:
        alternatives.append(f"request:({_ids_pattern(requests)}):")
    pattern = f"^((hr-)?reminder:)?({'|'.join(alternatives)})"
    if conversations:
        pattern += f"|^conversation:({_ids_pattern(conversations)}):"
    Notification.objects.filter(key__regex=pattern).delete()


def continuous_held():
    """Whether the person (the row's ``pk``) has any praise, feedback, ask, note or reaction: read with the
    batch's own query, so a leaver who had none costs no query more."""
    me = OuterRef("pk")
    return (Q(Exists(Feedback.objects.filter(about_id=me))) | Q(Exists(FeedbackAsk.objects.filter(about_id=me)))
            | Q(Exists(PraiseRecipient.objects.filter(person_id=me)))
            | Q(Exists(ManagerNote.objects.filter(Q(about_id=me) | Q(author_id=me))))
            | Q(Exists(Reaction.objects.filter(person_id=me))))


def _erase_continuous(ids: list[int]) -> None:
    """Praise and feedback outside the cycles: what was written about them goes (feedback, asks about them,
    managers' notes about them), and so do the notes they wrote as a manager (the author alone read them) and
    their reactions; they leave the praise they received (a praise left with no recipient goes); the praise,
    feedback and answers they gave others stay under the pseudonym. Messages sent to others about what goes
    (``feedback:<id>…``, ``[reminder:]ask:<id>…``, ``praise:<id>``) go with it."""
    feedback = list(Feedback.objects.filter(about_id__in=ids).values_list("pk", flat=True))
    asks = list(FeedbackAsk.objects.filter(about_id__in=ids).values_list("pk", flat=True))
    received = list(PraiseRecipient.objects.filter(person_id__in=ids).values_list("praise_id", flat=True))
    PraiseRecipient.objects.filter(person_id__in=ids).delete()
    left_alone = Exists(PraiseRecipient.objects.filter(praise_id=OuterRef("pk")))
    orphans = list(Praise.objects.filter(pk__in=received).exclude(left_alone).values_list("pk", flat=True))
    alternatives = []
    if feedback:
        alternatives.append(f"^feedback:({_ids_pattern(feedback)})(:|$)")
    if asks:
        alternatives.append(f"^(reminder:)?ask:({_ids_pattern(asks)})(:|$)")
    if orphans:
        alternatives.append(f"^praise:({_ids_pattern(orphans)})$")
    if alternatives:
        Notification.objects.filter(key__regex="|".join(alternatives)).delete()
    Feedback.objects.filter(pk__in=feedback).delete()
    FeedbackAsk.objects.filter(pk__in=asks).delete()
    ManagerNote.objects.filter(Q(about_id__in=ids) | Q(author_id__in=ids)).delete()
    Reaction.objects.filter(person_id__in=ids).delete()
    Praise.objects.filter(pk__in=orphans).delete()


def erase_people(person_ids: list[int], *, by=None, reason: str = "") -> list[int]:
    """Erase the people among ``person_ids`` who are still erasable; returns the ids erased.

    Idempotent: an erased person is no longer erasable, so a second call (or a retention run racing an HR
    action) does nothing for them.
    """
    erased: list[int] = []
    for start in range(0, len(person_ids), BATCH):
        erased += _erase_batch(person_ids[start : start + BATCH], by=by, reason=reason)
    return erased


@transaction.atomic
def _erase_batch(person_ids: list[int], *, by, reason: str) -> list[int]:
    due = list(erasable().filter(pk__in=person_ids).select_for_update(of=("self",))
               .annotate(continuous=ExpressionWrapper(continuous_held(), output_field=BooleanField()))
               .values_list("pk", "user_id", "user__email", "continuous"))
    if not due:
        return []
    ids = [pk for pk, _user, _email, _held in due]
    user_ids = [user_id for _pk, user_id, _email, _held in due]
    emails = [email for _pk, _user, email, _held in due]
    review_ids = Review.objects.filter(person_id__in=ids).values("pk")

    # Their own words about themselves, and what others wrote about them, go; ratings stay for the statistics.
    Review.objects.filter(person_id__in=ids).update(self_answers=[], manager_answers=[], calibration_reason="",
                                                   public_goals=[])
    FeedbackRequest.objects.filter(review__in=review_ids).update(answers=[], decline_reason="")
    FeedbackSnapshot.objects.filter(review__in=review_ids).update(responses=[])  # the same answers, frozen
    CalibrationChange.objects.filter(review__in=review_ids).update(reason="")
    Conversation.objects.filter(review__in=review_ids).update(notes="", private_notes="", actions=[],
                                                             employee_feedback="", disagreement="")
    transition_logs_scrub(model=Review, object_ids=review_ids)
    transition_logs_scrub(model=Person, object_ids=ids)
    DevelopmentGoal.objects.filter(person_id__in=ids).delete()
    # Their one-on-ones are about them (talking points, notes, actions go with the series); a series they led
    # for someone else stays with its history and stops scheduling.
    Series.objects.filter(kind=Series.Kind.ONE_ON_ONE, report_id__in=ids).delete()
    Series.objects.filter(manager_id__in=ids).update(active=False)
    WeeklyPlan.objects.filter(person_id__in=ids).delete()
    if any(held for *_row, held in due):
        _erase_continuous(ids)
    Notification.objects.filter(person_id__in=ids).delete()
    _delete_notifications_about(review_ids)
    NotificationSettings.objects.filter(person_id__in=ids).delete()
    DownloadLog.objects.filter(review__person_id__in=ids).update(subject=Subquery(
        Review.objects.filter(pk=OuterRef("review_id")).annotate(label=_pseudonym_of("person_id")).values("label")[:1]
    ))
    PrivacyLog.objects.filter(subject_id__in=ids).update(subject_label=_pseudonym_of("subject_id"))

    # The login goes: no password, no token, no role, no session (the password hash changed).
    User.objects.filter(pk__in=user_ids).update(
        email=Concat(Value("erased-"), Cast("pk", CharField()), Value(f"@{ERASED_EMAIL_DOMAIN}")),
        password=make_password(None), is_active=False, is_staff=False, is_superuser=False, last_login=None,
    )
    Token.objects.filter(user_id__in=user_ids).delete()
    User.groups.through.objects.filter(user_id__in=user_ids).delete()
    User.user_permissions.through.objects.filter(user_id__in=user_ids).delete()
    UnitUserObjectPermission.objects.filter(user_id__in=user_ids).delete()
    UserObjectPermission.objects.filter(user_id__in=user_ids).delete()
    if apps.is_installed("axes"):
        # Failed-login records name the email they were tried with.
        for name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
            model = apps.get_model("axes", name)
            model.objects.filter(username__in=emails).delete()

    # The person: a pseudonym, no title, no personal details, out of the org chart (when nobody reports to them).
    Person.objects.filter(pk__in=ids).update(full_name=_pseudonym_of("pk"), title="", locale="", hire_date=None)
    Person.objects.filter(pk__in=ids).exclude(Exists(Person.objects.filter(manager_id=OuterRef("pk")))).update(
        manager=None, unit=None, lineage=Concat(Cast("pk", CharField()), Value("/"), output_field=CharField()),
    )
    Unit.objects.filter(lead_id__in=ids).update(lead=None)

    actor_name = (getattr(getattr(by, "person", None), "full_name", "") or getattr(by, "email", "")) if by else ""
    PrivacyLog.objects.bulk_create([
        PrivacyLog(action=PrivacyLog.Action.ERASE, actor=by, actor_name=actor_name or gettext("Retention run"),
                   subject_id=pk, subject_label=pseudonym(pk), details={"reason": reason[:500]})
        for pk in ids
    ])
    return ids
