"""Adversarial: calibration and HR's figures never hand a person their own review. A calibrator (a manager in a
session, an HR partner, HR admin) neither calibrates nor reads the potential and preliminary rating of their own
review before release, on the page or the API; the
rater-quality table names no respondent of an anonymous cycle to a calibrator; the evidence trail shows no
private objective outside the person's line; an HR partner's export and dashboard leave their own row out."""

import csv
import io

import pytest
import rules
from django.urls import reverse
from openpyxl import load_workbook

from people.services import role_grant
from reviews.models import FeedbackRequest, Review
from reviews.selectors.calibration import calibration_scope
from reviews.selectors.dashboard import completion
from reviews.services import calibration_session_create, review_manager_save, review_self_save
from tests.cycles.factories import (
    ObjectiveFactory,
    advance,
    make_cycle,
    nominate,
    respondent_answers,
    review_of,
    self_answers,
)
from tests.factories import PersonFactory
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db

# A rating and a potential nobody else gets: wherever they show, they are the calibrator's own.
OWN_RATING, OWN_POTENTIAL = 1, 3


def _calibrating(org, people, *, anonymity="anonymous", peer_rates=None):
    """Each of ``people`` with a submitted manager review (``OWN_RATING``/``OWN_POTENTIAL`` for all but the
    employee, who gets 3/2), the cycle in calibration. With ``peer_rates``, the peer answered about the
    employee with that rating on every question."""
    cycle = make_cycle(by=org.hr_admin, units=[org.acme], anonymity=anonymity, anonymity_threshold=1,
                       min_respondents=0, max_respondents=3)
    cycle = advance(cycle, "launch", "open_self_review", by=org.hr_admin)
    requests = []
    for person in people:
        review = review_of(cycle, person)
        review_self_save(review=review, by=person.user, answers=self_answers(review))
        if person == org.employee and peer_rates is not None:
            requests = nominate(review, org.peer)
        run_transition(review, "submit_self_review", by=person.user)
        run_transition(review, "approve_respondents", by=person.manager.user)
    for request in requests:
        request = FeedbackRequest.objects.get(pk=request.pk)
        request.answers = respondent_answers(request, rating=peer_rates, text="Always brilliant, no notes")
        request.save(update_fields=["answers"])
        run_transition(request, "submit", by=request.respondent.user)
    cycle = advance(cycle, "open_feedback", "open_manager_review", by=org.hr_admin)
    question = cycle.template.questions.get(author="manager")
    for person in people:
        review = review_of(cycle, person)
        own = person != org.employee
        review_manager_save(review=review, by=person.manager.user, answers=[{"question": question.pk, "text": "Ok"}],
                            final_rating=OWN_RATING if own else 3, potential=OWN_POTENTIAL if own else 2)
        run_transition(review, "submit_manager_review", by=person.manager.user)
    return advance(cycle, "start_calibration", by=org.hr_admin)


def _calibrators(org, cycle):
    """The manager in a session over Engineering (their own review inside it), an HR partner of the whole
    company, and HR admin: each with a review of their own in the cycle."""
    calibration_session_create(cycle=cycle, by=org.hr_admin.user, name="Engineering", units=[org.engineering],
                               participants=[org.manager])
    role_grant(user=org.hr_partner.user, role="hr_partner", unit=org.acme)
    return [org.manager, org.hr_partner, org.hr_admin]


def test_no_calibrator_calibrates_or_reads_their_own_review(api, web, org):
    cycle = _calibrating(org, [org.employee, org.manager, org.hr_partner, org.hr_admin])
    for calibrator in _calibrators(org, cycle):
        own = review_of(cycle, calibrator)
        assert not rules.has_perm("reviews.calibrate_review", calibrator.user, own), calibrator
        assert own.pk not in set(calibration_scope(calibrator.user, cycle).values_list("pk", flat=True))
        page = web(calibrator).get(reverse("reviews:calibration", args=[cycle.pk])).content.decode()
        assert reverse("reviews:calibration_calibrate", args=[own.pk]) not in page, calibrator
        assert f"review={own.pk}#evidence" not in page
        selected = web(calibrator).get(reverse("reviews:calibration", args=[cycle.pk]) + f"?review={own.pk}")
        assert 'id="evidence"' not in selected.content.decode(), calibrator  # no evidence trail of their own
        posted = web(calibrator).post(reverse("reviews:calibration_calibrate", args=[own.pk]),
                                      {"final_rating": 5, "reason": "I deserve it"})
        assert posted.status_code in (403, 404), calibrator
        answer = api(calibrator).post(f"/api/reviews/{own.pk}/transitions/calibrate/",
                                      {"final_rating": 5, "reason": "I deserve it"}, format="json")
        assert answer.status_code in (403, 404, 409), calibrator
        assert Review.objects.get(pk=own.pk).calibrated_rating is None
        listing = api(calibrator).get(f"/api/cycles/{cycle.pk}/calibration/").json()
        rows = listing["results"] if isinstance(listing, dict) and "results" in listing else listing
        assert own.pk not in {row["review"] for row in rows}, calibrator
        data = api(calibrator).get(f"/api/reviews/{own.pk}/").json()
        assert "manager_review" not in data and "final_rating" not in data, calibrator
        assert f'"potential": {OWN_POTENTIAL}' not in str(data).replace("'", '"')
        # Someone else's review they do calibrate.
        other = review_of(cycle, org.employee)
        assert rules.has_perm("reviews.calibrate_review", calibrator.user, other), calibrator


def _flags_table(page: str) -> str:
    start = page.find('id="flags-title"')
    return page[start:page.find("</table>", start)] if start >= 0 else ""


def test_the_rater_table_names_no_respondent_of_an_anonymous_cycle(web, org):
    cycle = _calibrating(org, [org.employee], peer_rates=5)
    calibration_session_create(cycle=cycle, by=org.hr_admin.user, name="Platform", units=[org.platform],
                               participants=[org.outsider])
    for calibrator in (org.hr_partner, org.outsider):
        table = _flags_table(web(calibrator).get(reverse("reviews:calibration", args=[cycle.pk])).content.decode())
        assert "lenient" in table, calibrator  # the lenient peer is flagged …
        assert "Pia Peer" not in table, calibrator  # … without a name


def test_the_evidence_trail_shows_no_private_objective_outside_the_line(web, org):
    ObjectiveFactory(owner=org.employee, title="Open roadmap")
    ObjectiveFactory(owner=org.employee, title="Quietly interviewing elsewhere", private=True)
    cycle = _calibrating(org, [org.employee])
    calibration_session_create(cycle=cycle, by=org.hr_admin.user, name="Platform", units=[org.platform],
                               participants=[org.outsider, org.skip])
    review = review_of(cycle, org.employee)
    url = reverse("reviews:calibration", args=[cycle.pk]) + f"?review={review.pk}"
    outsider = web(org.outsider).get(url).content.decode()
    assert "Open roadmap" in outsider
    assert "Quietly interviewing elsewhere" not in outsider
    assert "Quietly interviewing elsewhere" in web(org.skip).get(url).content.decode()  # the line reads it


@pytest.mark.parametrize("where", ["company", "own unit"])
def test_an_hr_partner_never_finds_their_own_row_in_exports_or_figures(web, org, where):
    if where == "company":
        partner = org.hr_partner  # in Acme, partner of Acme as well
        role_grant(user=partner.user, role="hr_partner", unit=org.acme)
    else:
        partner = PersonFactory(full_name="Pat Platform", unit=org.platform, manager=org.manager)
        role_grant(user=partner.user, role="hr_partner", unit=org.engineering)
    cycle = _calibrating(org, [org.employee, partner])
    client = web(partner)
    body = client.get(reverse("reviews:dashboard_export", args=[cycle.pk, "csv"])).content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    xlsx = client.get(reverse("reviews:dashboard_export", args=[cycle.pk, "xlsx"])).content
    cells = [[str(c.value) for c in row] for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows()]
    for table in (rows, cells):
        text = " ".join(" ".join(row) for row in table)
        assert "Emil Employee" in text
        assert partner.full_name not in text and partner.user.email not in text, where
    assert completion(cycle, partner.user)["ratings"].get(OWN_RATING, 0) == 0
    assert OWN_RATING in completion(cycle, org.hr_admin.user)["ratings"]  # it is there, for others to see
