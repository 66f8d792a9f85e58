"""The access policy for reviews and feedback requests (django-rules).

Predicates read only the user's cached roles and the object's loaded relations (``review.person``
with its ``unit``, ``request.review``), so lists ask them per row without a query per row. Flows and
the API ask through ``rules.has_perm``, as okrs does: ``user.has_perm`` would fall through to
guardian's backend on every refusal and pay a query per object.

- read a review: the reviewee, anyone above them in the reporting line, their HR partner, HR admin;
- write the self-review, acknowledge: the reviewee;
- the manager's gates (agree or return goals, return the self-review, approve respondents): the
  review's manager (the person's direct manager, kept current by the participant sync) and HR admin;
- write the manager review: the review's manager;
- calibrate: HR admin, the reviewee's HR partner, and a manager taking part in a calibration session of the
  cycle that covers the reviewee's unit — never the reviewee themselves; reopen and withdraw: HR admin;
- a feedback request: the respondent reads and answers their own once it went out; whoever reads
  the review sees that it exists; the reviewee cancels their own nomination before approval, the
  manager and HR admin any open one.
"""

from __future__ import annotations

import rules

from people.roles import roles_of
from people.rules import is_hr_admin


def _me(user):
    return roles_of(user).person


@rules.predicate
def is_reviewee(user, review) -> bool:
    me = _me(user)
    return me is not None and review is not None and review.person_id == me.pk


@rules.predicate
def is_review_manager(user, review) -> bool:
    me = _me(user)
    return me is not None and review is not None and review.manager_id == me.pk


@rules.predicate
def is_above_reviewee(user, review) -> bool:
    me = _me(user)
    return me is not None and review is not None and review.person.is_under(me)


@rules.predicate
def is_partner_of_reviewee(user, review) -> bool:
    return review is not None and roles_of(user).partners_unit(review.person.unit)


def calibration_lineages(user, cycle_id: int) -> tuple[str, ...]:
    """Lineages of the units covered by the calibration sessions of the cycle that ``user`` takes part in;
    one query per user and cycle, cached on the user object like the roles."""
    me = _me(user)
    if me is None:
        return ()
    cache = user.__dict__.setdefault("_calibration_lineages", {})
    if cycle_id not in cache:
        from .models import CalibrationSession

        cache[cycle_id] = tuple(
            CalibrationSession.units.through.objects.filter(
                calibrationsession__cycle_id=cycle_id, calibrationsession__participants=me.pk,
            ).values_list("unit__lineage", flat=True).distinct()
        )
    return cache[cycle_id]


@rules.predicate
def is_calibrator_of_review(user, review) -> bool:
    """A manager taking part in a calibration session of the review's cycle that covers the person's unit."""
    if review is None or review.person.unit is None:
        return False
    lineage = review.person.unit.lineage
    return any(lineage.startswith(lin) for lin in calibration_lineages(user, review.cycle_id))


may_view_review = is_reviewee | is_above_reviewee | is_partner_of_reviewee | is_hr_admin
may_lead_review = is_review_manager | is_hr_admin


@rules.predicate
def is_respondent(user, request) -> bool:
    me = _me(user)
    return me is not None and request is not None and request.respondent_id == me.pk


@rules.predicate
def request_went_out(user, request) -> bool:
    return request.state in request.RESPONDENT_STATES


@rules.predicate
def may_view_request_review(user, request) -> bool:
    return may_view_review.test(user, request.review)


@rules.predicate
def may_lead_request_review(user, request) -> bool:
    return may_lead_review.test(user, request.review)


@rules.predicate
def is_own_nomination(user, request) -> bool:
    return request.state == request.State.NOMINATED and is_reviewee.test(user, request.review)


rules.add_perm("reviews.view_review", may_view_review)
rules.add_perm("reviews.write_self_review", is_reviewee)
rules.add_perm("reviews.start_self_review", is_reviewee | may_lead_review)
rules.add_perm("reviews.acknowledge_review", is_reviewee)
rules.add_perm("reviews.lead_review", may_lead_review)
rules.add_perm("reviews.write_manager_review", is_review_manager)
# Never one's own review: a calibrator would set their own rating and read their own potential.
rules.add_perm("reviews.calibrate_review",
               (is_hr_admin | is_partner_of_reviewee | is_calibrator_of_review) & ~is_reviewee)
rules.add_perm("reviews.reopen_review", is_hr_admin)
rules.add_perm("reviews.withdraw_review", is_hr_admin)
rules.add_perm("reviews.add_feedbackrequest", is_reviewee | may_lead_review)

rules.add_perm("reviews.view_feedbackrequest", (is_respondent & request_went_out) | may_view_request_review)
rules.add_perm("reviews.approve_feedbackrequest", may_lead_request_review)
rules.add_perm("reviews.answer_feedbackrequest", is_respondent)
rules.add_perm("reviews.cancel_feedbackrequest", is_own_nomination | may_lead_request_review)


# Results conversations: read by whoever reads the review (the employee once results are released);
# the private notes only by the manager's side (everyone reading it but the employee).


@rules.predicate
def may_view_conversation_review(user, conversation) -> bool:
    review = conversation.review
    return may_view_review.test(user, review) and (review.is_released or not is_reviewee.test(user, review))


@rules.predicate
def is_conversation_manager(user, conversation) -> bool:
    return is_review_manager.test(user, conversation.review)


@rules.predicate
def is_conversation_employee(user, conversation) -> bool:
    return is_reviewee.test(user, conversation.review)


@rules.predicate
def may_lead_conversation(user, conversation) -> bool:
    return may_lead_review.test(user, conversation.review)


rules.add_perm("reviews.add_conversation", may_lead_review)
rules.add_perm("reviews.view_conversation", may_view_conversation_review)
rules.add_perm("reviews.view_conversation_private", may_view_conversation_review & ~is_conversation_employee)
rules.add_perm("reviews.lead_conversation", may_lead_conversation)
rules.add_perm("reviews.write_conversation_private", is_conversation_manager | is_hr_admin)
rules.add_perm("reviews.write_conversation_employee", is_conversation_employee)
rules.add_perm("reviews.acknowledge_conversation", is_conversation_employee | is_conversation_manager)

# A review's evidence through the API (praise, feedback, notes, check-ins of its periods): the reviewee's
# management chain and HR; the employee reads their own evidence on the review page only.
rules.add_perm("reviews.view_evidence", is_above_reviewee | is_partner_of_reviewee | is_hr_admin)
