"""One organisation in the middle of real use, built through the services and the runner.

On top of the ``org`` personas: a released review cycle with the employee's review (the peer as the one
respondent, a planned results conversation with private notes), the employee's goals (a draft personal
objective, a private one, a team objective with a key result, check-ins, a dependency asked of
Engineering), a development goal, and a PDF batch of the cycle. Two more personas join the cast:
``hr_partner_out`` (HR partner of Sales only, so outside the employee's units) and ``anonymous``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from coach.models import Silence
from coach.services import silence_create
from documents.models import PdfBatch
from documents.services import pdf_batch_create
from meetings.models import ActionItem, Meeting, Note, Series, TalkingPoint
from meetings.services import action_item_add, note_add, series_create, talking_point_add
from okrs.models import CheckIn, Dependency, DevelopmentGoal, KeyResult, Objective
from okrs.services import check_in_create, development_goal_create, key_result_create, objective_create
from okrs.services.alignment import dependency_create
from people.models import Person
from people.services import role_grant
from reviews.models import Conversation, FeedbackRequest, Review
from reviews.services import (
    conversation_create,
    conversation_update,
    feedback_request_create,
    review_manager_save,
    review_self_save,
)
from tests.cycles.factories import advance, current_quarter, make_cycle, respondent_answers, review_of, self_answers
from tests.factories import PersonFactory
from tests.trust.scenario_continuous import continuous_objects
from workflows.runner import run_transition

PERSONAS = ("employee", "manager", "skip", "respondent", "hr_partner", "hr_partner_out", "hr_admin", "outsider",
            "inactive", "anonymous")


@dataclass
class Scenario:
    org: object
    people: dict[str, Person | None]
    cycle: object
    review: Review
    peer_review: Review
    request: FeedbackRequest
    conversation: Conversation
    objective: Objective
    private_objective: Objective
    team_objective: Objective
    key_result: KeyResult
    private_key_result: KeyResult
    check_in: CheckIn
    dependency: Dependency
    development_goal: DevelopmentGoal
    batch: PdfBatch
    series: Series
    meeting: Meeting
    point: TalkingPoint
    note: Note
    action: ActionItem
    silence: Silence
    # Praise, feedback (private and shared), an ask and a manager's note: scenario_continuous.py.
    praise: object = None
    feedback: object = None
    shared_feedback: object = None
    ask: object = None
    manager_note: object = None

    def url(self, name: str, *args, **kwargs) -> str:
        return reverse(name, args=args, kwargs=kwargs)


def _released_review(org) -> tuple[object, Review, FeedbackRequest]:
    """The employee's review taken to ``released``; the peer is the one respondent and answers."""
    cycle = make_cycle(by=org.hr_admin, units=[org.acme], min_respondents=1, max_respondents=3,
                       anonymity_threshold=1, anonymity="named")
    cycle = advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    review_self_save(review=review, by=org.employee.user, answers=self_answers(review))
    request = feedback_request_create(review=review, respondent=org.peer, group="peer", goals=[],
                                      by=org.employee.user)
    run_transition(review, "submit_self_review", by=org.employee.user)
    run_transition(review, "approve_respondents", by=org.manager.user)
    request.refresh_from_db()
    request.answers = respondent_answers(request)
    request.save(update_fields=["answers"])
    run_transition(request, "submit", by=org.peer.user)
    cycle = advance(cycle, "open_feedback", "open_manager_review", by=org.hr_admin)
    review = review_of(cycle, org.employee)
    manager_q = cycle.template.questions.get(author="manager")
    review_manager_save(review=review, by=org.manager.user, answers=[{"question": manager_q.pk, "text": "Solid"}],
                        final_rating=3, potential=2)
    run_transition(review, "submit_manager_review", by=org.manager.user)
    cycle = advance(cycle, "start_calibration", by=org.hr_admin)
    run_transition(review_of(cycle, org.employee), "calibrate", by=org.hr_admin.user, reason="calibrated",
                   final_rating=4)
    cycle = advance(cycle, "release_results", by=org.hr_admin)
    return cycle, review_of(cycle, org.employee), FeedbackRequest.objects.get(pk=request.pk)


def build(org) -> Scenario:
    hr_partner_out = PersonFactory(full_name="Sol Sales Partner", user__email="hrbp-sales@example.com",
                                   unit=org.acme, manager=org.ceo)
    role_grant(user=hr_partner_out.user, role="hr_partner", unit=org.sales)
    quarter = current_quarter()

    objective = objective_create(by=org.employee.user, level=Objective.Level.PERSONAL, owner=org.employee,
                                 title="Ship the mobile app", period=quarter)
    key_result_create(by=org.employee.user, objective=objective, title="App in the store", start=0, target=1,
                      kind="boolean")
    private_objective = objective_create(by=org.employee.user, level=Objective.Level.PERSONAL,
                                         owner=org.employee, title="Get promoted", period=quarter, private=True)
    private_key_result = key_result_create(by=org.employee.user, objective=private_objective, title="Lead a project",
                                           start=0, target=1)
    team_objective = objective_create(by=org.manager.user, level=Objective.Level.TEAM, unit=org.platform,
                                      title="Fast builds", period=quarter)
    key_result = key_result_create(by=org.manager.user, objective=team_objective, title="Build under 5 minutes",
                                   start=20, target=5, owner=org.employee, kind="decrease_to")
    for name in ("submit", "agree", "activate"):
        team_objective = run_transition(team_objective, name, by=org.hr_admin.user)
    check_in = check_in_create(key_result=key_result, by=org.employee.user, value=12, confidence=7, note="Cached")
    dependency = dependency_create(by=org.manager.user, objective=team_objective, to_unit=org.engineering,
                                   key_result=key_result, message="Faster runners, please")
    development_goal = development_goal_create(by=org.employee.user, person=org.employee, period=quarter,
                                               title="Public speaking", competency="Communication")

    cycle, review, request = _released_review(org)
    conversation = conversation_create(review=review, by=org.manager.user)
    conversation = conversation_update(conversation=conversation, by=org.manager.user, notes="Shared notes",
                                       private_notes="Flight risk", actions=["Mentor a junior"])
    conversation = run_transition(conversation, "schedule", by=org.manager.user, at="2030-01-02T10:00:00+00:00")
    # Its time has come, so it may be marked held (never before its time).
    Conversation.objects.filter(pk=conversation.pk).update(scheduled_at=timezone.now() - timedelta(hours=1))
    conversation.refresh_from_db()
    batch = pdf_batch_create(by=org.hr_admin.user, cycle=cycle)

    # The manager's one-on-one with the employee: only these two may know it exists.
    series = series_create(by=org.manager.user, kind=Series.Kind.ONE_ON_ONE, report=org.employee)
    meeting = series.meetings.order_by("scheduled_at").first()
    point = talking_point_add(meeting=meeting, by=org.employee.user, text="Career path")
    note = note_add(meeting=meeting, by=org.manager.user, text="Talked about the team")
    action = action_item_add(meeting=meeting, by=org.manager.user, text="Book a course", owner=org.employee.pk)
    silence = silence_create(by=org.employee.user, objective=private_objective, rule="figures_in_objective",
                             reason="It is a milestone")

    people = {
        "employee": org.employee, "manager": org.manager, "skip": org.skip, "respondent": org.peer,
        "hr_partner": org.hr_partner, "hr_partner_out": hr_partner_out, "hr_admin": org.hr_admin,
        "outsider": org.outsider, "inactive": org.inactive, "anonymous": None,
    }
    return Scenario(
        org=org, people=people, cycle=cycle, review=review, peer_review=review_of(cycle, org.peer),
        request=request, conversation=conversation, objective=objective, private_objective=private_objective,
        team_objective=team_objective, key_result=key_result, private_key_result=private_key_result,
        check_in=check_in, dependency=dependency, development_goal=development_goal, batch=batch,
        series=series, meeting=meeting, point=point, note=note, action=action, silence=silence,
        **continuous_objects(org),
    )
