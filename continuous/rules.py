"""Who reads and writes praise, feedback, asks and notes (django-rules, answered by people.backends.PolicyBackend).

- **Praise**: every member reads every praise (a company-wide wall); every active person gives it.
- **Feedback**: its author; the person it is about only when ``shared_with_person``; everyone above that
  person in the reporting line, the HR partner of their unit and HR admin. Private feedback about someone
  never reaches that person, whatever other role they hold.
- **Ask**: the asker, each respondent (their own part), everyone above the person it is about, their HR
  partner and HR admin; a manager's ask about a report is not the report's to read.
- **Manager's note**: the author alone, and HR admin (not about themselves); only the author edits it.
  Notes reach no other channel: not the evidence of another reader, not a PDF, not an export but the
  personal-data one.

``*_visibility_q`` is the same policy as a filter, for lists. Predicates read cached roles and loaded
relations (``about`` with its unit), so lists ask them per row without a query.
"""

from __future__ import annotations

import rules
from django.db.models import Exists, OuterRef, Q

from people.roles import roles_of

from .models import AskRespondent, Feedback


def me_of(user):
    """The caller's person while active, else None."""
    person = roles_of(user).person
    return person if person is not None and person.active else None


def _oversight_q(user, *, about: str) -> Q:
    """Rows about people ``user`` oversees: below them in the reporting line, in their HR-partner units, or
    anyone for HR admin; never about ``user`` themselves."""
    roles = roles_of(user)
    me = me_of(user)
    if roles.hr_admin:
        q = Q()
    else:
        q = Q(pk__in=[])
        if me is not None and me.lineage:
            q |= Q(**{f"{about}__lineage__startswith": me.lineage})
        for lineage in roles.partner_lineages:
            q |= Q(**{f"{about}__unit__lineage__startswith": lineage})
    if roles.person is not None:
        q &= ~Q(**{f"{about}_id": roles.person.pk})
    return q


def feedback_visibility_q(user) -> Q:
    me = me_of(user)
    roles = roles_of(user)
    if me is None and not roles.hr_admin:
        return Q(pk__in=[])
    q = _oversight_q(user, about="about")
    if me is not None:
        q |= Q(author_id=me.pk) | Q(about_id=me.pk, visibility=Feedback.Visibility.SHARED_WITH_PERSON)
    return q


def ask_visibility_q(user) -> Q:
    me = me_of(user)
    roles = roles_of(user)
    if me is None and not roles.hr_admin:
        return Q(pk__in=[])
    q = _oversight_q(user, about="about")
    if me is not None:
        q |= Q(asker_id=me.pk) | Exists(AskRespondent.objects.filter(ask_id=OuterRef("pk"), person_id=me.pk))
    return q


def note_visibility_q(user) -> Q:
    me = me_of(user)
    roles = roles_of(user)
    q = Q(author_id=me.pk) if me is not None else Q(pk__in=[])
    if roles.hr_admin:
        q |= ~Q(about_id=roles.person.pk) if roles.person is not None else Q()
    return q


def oversees(user, person) -> bool:
    """Above ``person`` in the reporting line, their HR partner, or HR admin; never about oneself."""
    roles = roles_of(user)
    me = roles.person
    if person is None or (me is not None and me.pk == person.pk):
        return False
    if roles.hr_admin or roles.partners_unit(person.unit):
        return True
    active = me_of(user)
    return active is not None and person.is_under(active)


@rules.predicate
def is_active_person(user) -> bool:
    return me_of(user) is not None


@rules.predicate
def is_member(user) -> bool:
    return me_of(user) is not None or roles_of(user).hr_admin


@rules.predicate
def is_hr_admin(user) -> bool:
    return roles_of(user).hr_admin


@rules.predicate
def may_read_feedback(user, feedback) -> bool:
    me = me_of(user)
    if me is not None and (feedback.author_id == me.pk or (feedback.about_id == me.pk and feedback.shared)):
        return True
    return oversees(user, feedback.about)


@rules.predicate
def may_read_ask(user, ask) -> bool:
    me = me_of(user)
    if me is not None and (ask.asker_id == me.pk or me.pk in respondent_ids(ask)):
        return True
    return oversees(user, ask.about)


@rules.predicate
def is_ask_respondent(user, ask) -> bool:
    me = me_of(user)
    return me is not None and me.pk in respondent_ids(ask)


@rules.predicate
def may_read_note(user, note) -> bool:
    me = roles_of(user).person
    if me is not None and note.author_id == me.pk:
        return me_of(user) is not None
    return roles_of(user).hr_admin and (me is None or note.about_id != me.pk)


@rules.predicate
def is_note_author(user, note) -> bool:
    me = me_of(user)
    return me is not None and note.author_id == me.pk


@rules.predicate
def is_above(user, person) -> bool:
    """Notes and asks about a report: anyone above the person in the reporting line."""
    me = me_of(user)
    return me is not None and person is not None and person.is_under(me)


def respondent_ids(ask) -> set[int]:
    """The respondents' ids, from the prefetched rows when the selector loaded them."""
    cached = getattr(ask, "_respondent_ids", None)
    if cached is None:
        cached = {row.person_id for row in ask.respondent_rows.all()}
        ask._respondent_ids = cached
    return cached


rules.add_perm("continuous.view_praise", is_member)
rules.add_perm("continuous.add_praise", is_active_person)
rules.add_perm("continuous.view_feedback", may_read_feedback)
rules.add_perm("continuous.add_feedback", is_active_person)
rules.add_perm("continuous.view_feedbackask", may_read_ask)
rules.add_perm("continuous.answer_feedbackask", is_ask_respondent)
rules.add_perm("continuous.view_managernote", may_read_note)
rules.add_perm("continuous.change_managernote", is_note_author)
rules.add_perm("continuous.add_managernote", is_above)
rules.add_perm("continuous.ask_about", is_above)
rules.add_perm("continuous.change_settings", is_hr_admin)
