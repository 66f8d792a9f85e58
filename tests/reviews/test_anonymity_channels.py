"""One anonymity rule in every channel the employee reads — the review page, the API, the summary PDF, the
conversation agenda — and the HR exports, which carry no feedback at all. Below the threshold no name,
comment, count or average of a group leaks; named mode names; manager-only shows the employee nothing; the
manager's private notes and the calibration log never reach the employee. Every channel reads the feedback
frozen at release, so a late answer or a withdrawn one moves none of them."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reviews.models import CalibrationChange, Conversation, FeedbackRequest, Review
from tests.cycles.factories import advance, make_cycle, walk
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db

COMMENT = "Good work"


def _released(org, anonymity, threshold):
    cycle = make_cycle(by=org.hr_admin, units=[org.acme], anonymity=anonymity, anonymity_threshold=threshold)
    review = walk(org, cycle, "calibrated")
    advance(review.cycle, "release_results", by=org.hr_admin)
    return Review.objects.get(pk=review.pk)


def _channels(api, web, org, review):
    """What the employee reads of the review's feedback, per channel (text), and the API's groups."""
    data = api(org.employee).get(f"/api/reviews/{review.pk}/").json()
    page = web(org.employee).get(reverse("reviews:review", args=[review.pk])).content.decode()
    pdf = pdf_text(api(org.employee).get(f"/api/reviews/{review.pk}/summary.pdf").content)
    return data, page, pdf


def _feedback_section(page: str) -> str:
    start = page.find('id="feedback"')
    return "" if start < 0 else page[start:page.find("</section>", start)]


def test_below_the_threshold_nothing_of_the_group_leaks_in_any_channel(api, web, org):
    review = _released(org, "anonymous", 3)  # two peer answers, threshold three
    data, page, pdf = _channels(api, web, org, review)
    peer = next(g for g in data["feedback"] if g["group"] == "peer")
    assert peer["responses"] is None and peer["average"] is None and peer["comments"] == []
    assert COMMENT not in str(data["feedback"])
    assert COMMENT not in _feedback_section(page)
    assert COMMENT not in pdf and "Pia Peer" not in pdf and "Otto Outsider" not in pdf
    # The manager gets no more than the employee in anonymous mode.
    manager = api(org.manager).get(f"/api/reviews/{review.pk}/").json()
    assert COMMENT not in str(manager["feedback"])


def test_a_late_answer_or_a_withdrawn_one_changes_nothing_once_released(api, web, org):
    """Feedback is frozen at release (CONTRACT): a later answer, or one withdrawn, moves no channel."""
    review = _released(org, "anonymous", 2)
    before = _channels(api, web, org, review)
    late = FeedbackRequest.objects.create(review=review, respondent=org.skip, cycle=review.cycle, group="peer",
                                          state=FeedbackRequest.State.SUBMITTED,
                                          answers=FeedbackRequest.objects.filter(review=review).first().answers)
    FeedbackRequest.objects.exclude(pk=late.pk).filter(review=review).update(state=FeedbackRequest.State.CANCELLED)
    after = _channels(api, web, org, review)
    assert after[0]["feedback"] == before[0]["feedback"] and after[0]["feedback_score"] == before[0]["feedback_score"]
    assert _feedback_section(after[1]) == _feedback_section(before[1])
    assert COMMENT in after[2] and "Sam Skip" not in after[2]


def test_named_mode_names_the_respondents_to_the_employee(api, web, org):
    review = _released(org, "named", 3)
    data, page, pdf = _channels(api, web, org, review)
    names = {c["respondent"]["full_name"] for g in data["feedback"] for c in g["comments"]}
    assert names == {"Pia Peer", "Otto Outsider"}
    assert "Pia Peer" in _feedback_section(page) and "Pia Peer" in pdf


def test_manager_only_shows_the_employee_nothing(api, web, org):
    review = _released(org, "manager_only", 1)
    data, page, pdf = _channels(api, web, org, review)
    assert "feedback" not in data
    assert _feedback_section(page) == "" and COMMENT not in pdf
    assert COMMENT in str(api(org.manager).get(f"/api/reviews/{review.pk}/").json()["feedback"])


def test_private_notes_and_the_calibration_log_never_reach_the_employee(api, web, org, cycle):
    review = walk(org, cycle, "calibrated")
    # An earlier change's reason stays in the log; the employee reads only the final reason.
    CalibrationChange.objects.filter(review=review).update(reason="Interim: compare with Sales first")
    advance(review.cycle, "release_results", by=org.hr_admin)
    conversation = Conversation.objects.create(review=review, notes="Shared outcome",
                                               private_notes="Flight risk, watch closely")
    data, page, pdf = _channels(api, web, org, review)
    for text in (str(data), page, pdf):
        assert "Flight risk" not in text and "Interim: compare" not in text
    conv_api = str(api(org.employee).get(f"/api/conversations/{conversation.pk}/").json())
    conv_page = web(org.employee).get(reverse("reviews:conversation", args=[conversation.pk])).content.decode()
    assert "Shared outcome" in conv_api and "Shared outcome" in conv_page
    assert "Flight risk" not in conv_api and "Flight risk" not in conv_page
    assert web(org.employee).get(reverse("reviews:calibration", args=[review.cycle_id])).status_code == 404
    assert "Flight risk" in pdf_text(api(org.manager).get(f"/api/reviews/{review.pk}/summary.pdf").content)


def test_the_exports_carry_no_feedback_and_no_notes(web, org):
    review = _released(org, "anonymous", 3)
    Conversation.objects.create(review=review, private_notes="Flight risk")
    csv_body = web(org.hr_admin).get(reverse("reviews:dashboard_export", args=[review.cycle_id, "csv"])).content
    rows = list(csv.reader(io.StringIO(csv_body.decode())))
    xlsx = web(org.hr_admin).get(reverse("reviews:dashboard_export", args=[review.cycle_id, "xlsx"])).content
    cells = [str(c.value) for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows() for c in row]
    for text in (" ".join(" ".join(r) for r in rows), " ".join(cells)):
        assert "Emil Employee" in text
        assert COMMENT not in text and "Flight risk" not in text
