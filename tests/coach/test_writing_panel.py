"""The writing coach's panel: the fragment the page endpoint answers, and the panel beside every free-text answer
(self-review, manager review, respondent answers, conversation notes), which never stands in a submit's way."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from okrs.models import Objective
from people.models import Person
from reviews.models import Conversation, FeedbackRequest, Review
from reviews.services import review_self_save
from tests.cycles.factories import ObjectiveFactory, advance, make_cycle, nominate, self_answers, walk
from tests.factories import PersonFactory
from workflows.runner import run_transition

pytestmark = pytest.mark.django_db

URL = "/coach/writing/"


@pytest.fixture
def cycle(org):
    ObjectiveFactory(owner=org.employee, title="Launch the mobile app")
    return make_cycle(by=org.hr_admin, units=[org.acme])


def panel(client, text, **extra):
    body = {"field": "a-1--text", "a-1--text": text, "panel": "a-1--text-coach", **extra}
    return client.post(URL, body)


def test_it_answers_the_findings_with_the_words_highlighted(org, web):
    response = panel(web(org.employee), "She is always late. Great job!")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<mark>always</mark>" in page and "<mark>Great job</mark>" in page
    assert "Absolute" in page and "Vague" in page and "Too short" in page
    assert 'id="a-1--text-coach-status" hx-swap-oob="innerHTML"' in page
    assert "The writing coach has 3 suggestions." in page
    assert 'data-start="7" data-end="13"' in page  # "always", to select it in the textarea


def test_offsets_count_as_the_textarea_does(org, web):
    # A browser posts line breaks as CR LF but its textarea holds LF; an emoji is two code units in the browser.
    page = panel(web(org.employee), "🙂 Fine\r\nShe is always late.").content.decode()
    text = "🙂 Fine\nShe is always late."
    start = len(text[:text.index("always")].encode("utf-16-le")) // 2
    assert f'data-start="{start}" data-end="{start + 6}"' in page


def test_the_context_around_the_words_is_cut_at_word_edges(org, web):
    text = ("Over the whole of the spring release cycle she was a great team player and always had a positive "
            "attitude toward the new hires.")
    page = panel(web(org.employee), text).content.decode()
    assert "…cycle she was a great team player and <mark>always</mark> had a positive attitude toward the new…" in page
    assert "…a great team player and always had a <mark>positive attitude</mark> toward the new hires." in page
    # Chinese has no spaces: its context is cut by characters.
    text = ("这个季度他主导了三次发布，每次都提前一天完成测试并写好了上线文档，"
            "团队都很认可他总是很积极的样子，希望继续保持。")
    page = panel(web(org.employee), text).content.decode()
    assert ("…度他主导了三次发布，每次都提前一天完成测试并写好了上线文档，"
            "团队都很认可他总是很<mark>积极</mark>的样子") in page


def test_an_empty_text_gets_the_hint_and_a_clean_text_says_so(org, web):
    page = panel(web(org.employee), "  ").content.decode()
    assert "Suggestions appear here as you write" in page and "<li" not in page
    text = ("In March she moved the billing service to the new cluster two weeks early, and support tickets about "
            "failed payments fell by a third.")
    page = panel(web(org.employee), text).content.decode()
    assert "Nothing to point out." in page and "The writing coach has no suggestions." in page


def test_the_rating_field_and_its_scale_feed_the_mismatch_rule(org, web):
    text = "Excellent work all year: outstanding results and a superb attitude."
    client = web(org.manager)
    low = panel(client, text, rating_field="final_rating", final_rating="1", scale="1,2,3,4,5,6").content.decode()
    assert "Text and rating disagree" in low
    middle = panel(client, text, rating_field="final_rating", final_rating="3", scale="1,2,3,4,5,6").content.decode()
    assert "Text and rating disagree" not in middle
    junk = panel(client, text, rating_field="final_rating", final_rating="x", scale="a,b").content.decode()
    assert "Text and rating disagree" not in junk


def test_it_lists_twelve_findings_and_counts_the_rest(org, web):
    page = panel(web(org.employee), "He is always late. " * 20).content.decode()
    assert page.count("<li") == 12 and "And 8 more suggestions further on." in page


def test_the_panel_id_is_kept_to_safe_characters(org, web):
    page = panel(web(org.employee), "Fine.", panel='x" onmouseover="alert(1)').content.decode()
    assert 'id="xonmouseoveralert1-status"' in page


def test_only_members_post_to_it(org, web):
    assert web().post(URL, {"field": "t", "t": "Fine."}).status_code == 302
    assert web(org.employee).get(URL).status_code == 405
    from django.contrib.auth import get_user_model
    from django.test import Client

    stranger = Client()
    stranger.force_login(get_user_model().objects.create_user(email="stranger@example.com", password="x"))
    assert stranger.post(URL, {"field": "t", "t": "Fine."}).status_code == 404


def test_it_runs_the_same_queries_whatever_the_size(org, web, django_assert_max_num_queries):
    counts = []
    for extra in (5, 50):
        for _ in range(extra):
            PersonFactory(unit=org.platform, manager=org.manager)
        client = web(Person.objects.get(pk=org.employee.pk))
        with django_assert_max_num_queries(6) as queries:
            assert panel(client, "She is always late. Great job! " * 20).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def _panels(page: str) -> list[str]:
    return [chunk.split('"', 1)[0] for chunk in page.split('class="writing-panel" id="')[1:]]


def test_the_self_review_has_a_panel_beside_each_text_answer_and_submits_whatever_it_says(org, web, cycle):
    review = walk(org, cycle, "self_review")
    client = web(org.employee)
    page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    panels = _panels(page)
    assert len(panels) == 5  # four open questions and the goal's comment
    assert page.count("css/writing.css") == 1 and page.count("js/writing.js") == 1
    assert 'hx-post="/coach/writing/"' in page and "input changed delay:800ms" in page
    # Vague, too short, absolute: the coach says so, and the submit goes through all the same (once the
    # respondents the cycle asks for are named: that, not the coach, is what a submit needs).
    answers = {f"a-{a['question']}---text": "Always great." for a in self_answers(review)}
    review_self_save(review=review, by=org.employee.user, answers=self_answers(review, text="Always great."))
    page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert page.count('hx-trigger="load, input changed delay:800ms') == 4  # a text already written is read at once
    nominate(review, org.peer, org.outsider)
    review.refresh_from_db()
    response = client.post(reverse("reviews:self_review", args=[review.pk]),
                           {"version": review.version, "submit": "1", **answers})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.state == "self_submitted"


def test_the_manager_reads_the_text_against_the_final_rating(org, web, cycle):
    review = walk(org, cycle, "respondents_approved")
    advance(review.cycle, "open_feedback", "open_manager_review", by=org.hr_admin)
    page = web(org.manager).get(reverse("reviews:review", args=[review.pk])).content.decode()
    [summary] = _panels(page)
    assert summary.endswith("-text-coach")
    # The attributes as the browser reads them (quotes may or may not be written as entities).
    page = html.unescape(page)
    assert "change from:[name='final_rating']" in page
    assert '"rating_field": "final_rating"' in page and '"scale": "1,2,3,4,5,6"' in page
    assert f'hx-params="field,rating_field,scale,panel,{summary[:-len("-coach")]},final_rating"' in page


def test_respondents_get_a_panel_with_their_ratings_scale_without_cant_judge(org, web, cycle):
    # The peer is named on the goal, so their questions include the goal's rating and comment.
    review = walk(org, cycle, "self_review")
    review_self_save(review=review, by=org.employee.user, answers=self_answers(review))
    nominate(Review.objects.get(pk=review.pk), org.peer, goals=[Objective.objects.get(owner=org.employee)])
    nominate(Review.objects.get(pk=review.pk), org.outsider)
    run_transition(Review.objects.get(pk=review.pk), "submit_self_review", by=org.employee.user)
    run_transition(Review.objects.get(pk=review.pk), "approve_respondents", by=org.manager.user)
    request = FeedbackRequest.objects.get(respondent=org.peer)
    page = web(org.peer).get(reverse("reviews:request", args=[request.pk])).content.decode()
    assert len(_panels(page)) == 4  # the goal's comment, comment, start doing, stop doing
    page = html.unescape(page)
    assert '"scale": "1,2,3,4,5"' in page  # 0, "can't judge", left out
    goal_panel = _panels(page)[0]
    rating = goal_panel[:-len("-text-coach")] + "-rating"
    assert f"change from:[name='{rating}']" in page and f'"rating_field": "{rating}"' in page
    # The general comments go with no rating of their own: no rating field is sent with them.
    assert page.count('"rating_field": ""') == 3


def test_the_conversation_notes_have_the_panel(org, web, api, cycle):
    review = walk(org, cycle, "released")
    assert api(org.manager).post("/api/conversations/", {"review": review.pk}, format="json").status_code == 201
    conversation = Conversation.objects.get(review=review)
    manager = web(org.manager).get(reverse("reviews:conversation", args=[conversation.pk])).content.decode()
    assert _panels(manager) == ["notes-coach", "private_notes-coach"]
    employee = web(org.employee).get(reverse("reviews:conversation", args=[conversation.pk])).content.decode()
    # The employee writes the shared notes and their feedback to the manager, each with the coach beside it.
    assert _panels(employee) == ["notes-coach", "employee_feedback-coach"]


def test_read_only_answers_have_no_panel(org, web, api, cycle):
    review = walk(org, cycle, "self_submitted")
    # The employee reads their submitted self-review: nothing is written on the page, so no coach at all.
    page = web(org.employee).get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "What went well" in page and _panels(page) == [] and "writing.js" not in page
    # The manager reads it too, and may already draft their own review: the coach is beside that answer only.
    page = web(org.manager).get(reverse("reviews:review", args=[review.pk])).content.decode()
    manager_q = review.cycle.template.questions.get(author="manager")
    assert _panels(page) == [f"a-{manager_q.pk}---text-coach"]
    # Once the manager review is submitted, nobody's page has a panel for it.
    review = walk(org, make_cycle(by=org.hr_admin, units=[org.acme]), "manager_submitted")
    for who in (org.manager, org.hr_admin):
        page = web(who).get(reverse("reviews:review", args=[review.pk])).content.decode()
        assert _panels(page) == [] and "writing.js" not in page, who


def test_the_respondent_and_the_manager_submit_whatever_the_coach_says(org, web, cycle):
    review = walk(org, cycle, "respondents_approved")
    # "Always great." with a top rating: vague, absolute, too short. Sent all the same.
    for request in FeedbackRequest.objects.filter(review=review):
        body = {"version": request.version, "submit": "1"}
        for q in review.cycle.template.questions.filter(author="respondent", kind__in=["rating", "text"]):
            body[f"a-{q.pk}---rating" if q.kind == "rating" else f"a-{q.pk}---text"] = "5" if q.kind == "rating" \
                else "Always great."
        response = web(request.respondent).post(reverse("reviews:request_answers", args=[request.pk]), body)
        assert response.status_code == 302, response.content.decode()[:2000]
        request.refresh_from_db()
        assert request.state == "submitted"
    advance(review.cycle, "open_feedback", "open_manager_review", by=org.hr_admin)
    review.refresh_from_db()
    manager_q = review.cycle.template.questions.get(author="manager")
    # Glowing words and the lowest rating: the coach says they disagree; the review is submitted all the same.
    response = web(org.manager).post(reverse("reviews:manager_review", args=[review.pk]), {
        "version": review.version, "submit": "1", "final_rating": "1",
        f"a-{manager_q.pk}---text": "Excellent, outstanding, superb. Always great."})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.state == "manager_submitted"
