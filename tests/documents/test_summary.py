"""The review summary PDF holds what its reader may see and nothing more, in every anonymity mode."""

import contextlib

import pytest
from django.utils import translation

from common.pdf import render_pdf, url_fetcher
from documents.models import DownloadLog
from documents.review_summary import TEMPLATE, summary_context
from okrs.models import Objective
from reviews.selectors import review_detail
from tests.cycles.factories import make_cycle, walk

from .conftest import pdf_info, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db

NAMES = ("Pia Peer", "Otto Outsider")


def summary(api, persona, review, **params) -> str:
    response = api(persona).get(f"/api/reviews/{review.pk}/summary.pdf", params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def test_the_employees_copy_holds_their_review_but_never_the_potential(org, api, released):
    text = summary(api, org.employee, released("named"))
    for expected in ("Emil Employee", "Engineer", "Acme/Engineering/Platform", "Mia Manager", "Spring review",
                     "Launch the mobile app", "Role and expectations", "Solid", "Final rating", "over-result",
                     "Calibration reason"):
        assert expected in text, expected
    assert "Potential" not in text and "medium" not in text
    assert "Copy for Emil Employee" in text


def test_hr_and_the_manager_see_the_potential(org, api, released):
    review = released("named")
    for persona in (org.manager, org.hr_admin):
        assert "Potential" in summary(api, persona, review)


def test_before_release_the_employee_copy_has_no_manager_parts(org, api):
    review = walk(org, make_cycle(by=org.hr_admin, units=[org.acme]), "calibrated")
    text = summary(api, org.employee, review)
    assert "Solid" not in text and "Final rating" not in text and "Calibration reason" not in text
    assert "over-result" not in text and "Good work" not in text
    manager = summary(api, org.manager, review)
    assert "Solid" in manager and "over-result" in manager


# (anonymity, threshold) → what each reader finds: comments shown? names shown?
CASES = {
    ("named", 2): {"employee": (True, True), "manager": (True, True), "hr_admin": (True, True)},
    ("anonymous", 2): {"employee": (True, False), "manager": (True, False), "hr_admin": (True, True)},
    ("anonymous", 3): {"employee": (False, False), "manager": (False, False), "hr_admin": (True, True)},
    ("manager_only", 2): {"employee": (False, False), "manager": (True, True), "hr_admin": (True, True)},
}


@pytest.mark.parametrize(("mode", "threshold"), list(CASES))
def test_feedback_in_the_pdf_follows_the_anonymity_mode_for_each_reader(org, api, released, mode, threshold):
    review = released(mode, threshold)
    for reader, (comments, names) in CASES[(mode, threshold)].items():
        text = summary(api, getattr(org, reader), review)
        assert ("Good work" in text) is comments, (reader, text)
        for name in NAMES:
            assert (name in text) is names, (reader, name)
        if mode == "anonymous" and threshold == 3 and reader != "hr_admin":
            assert "Withheld" in text


def test_an_invisible_review_answers_404_in_the_api_and_on_the_page(org, api, web, released):
    review = released("named")
    assert api(org.outsider).get(f"/api/reviews/{review.pk}/summary.pdf").status_code == 404
    assert api(org.peer).get(f"/api/reviews/{review.pk}/summary.pdf").json().keys() == {"detail"}
    assert web(org.outsider).get(f"/documents/reviews/{review.pk}/summary.pdf").status_code == 404
    assert api(org.outsider).get("/api/reviews/999999/summary.pdf").status_code == 404
    assert not DownloadLog.objects.exists()


def test_anonymous_callers_get_401_and_the_page_sends_them_to_log_in(org, api, web, released):
    review = released("named")
    response = api().get(f"/api/reviews/{review.pk}/summary.pdf", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 401 and "detail" in response.json()
    assert web().get(f"/documents/reviews/{review.pk}/summary.pdf").status_code == 302


def test_each_download_is_logged_with_who_whose_and_when(org, api, web, released):
    review = released("named")
    summary(api, org.manager, review)
    assert web(org.hr_admin).get(f"/documents/reviews/{review.pk}/summary.pdf").status_code == 200
    logs = list(DownloadLog.objects.order_by("pk").values_list("user__email", "kind", "review_id", "subject"))
    assert logs == [
        ("manager@example.com", "review_summary", review.pk, "Emil Employee"),
        ("hr@example.com", "review_summary", review.pk, "Emil Employee"),
    ]
    assert DownloadLog.objects.filter(at__isnull=True).count() == 0


def test_cyrillic_and_chinese_text_survive_into_the_pdf(org, api, released):
    review = released("named")
    org.employee.full_name = "Эмиль Сотрудников"
    org.employee.save(update_fields=["full_name"])
    Objective.objects.filter(owner=org.employee).update(title="发布移动应用 · Запуск приложения")
    russian = summary(api, org.manager, review, lang="ru")
    assert "Эмиль Сотрудников" in russian and "发布移动应用 · Запуск приложения" in russian
    assert "Цели" in russian  # the headings are translated too
    chinese = summary(api, org.manager, review, lang="zh-hans")
    assert "发布移动应用" in chinese and "Эмиль Сотрудников" in chinese


def test_a_two_page_summary_is_a4_with_page_numbers(org, api, released):
    review = released("named")
    response = api(org.hr_admin).get(f"/api/reviews/{review.pk}/summary.pdf")
    pages = pdf_pages(response.content)
    text = pdf_text(response.content)
    assert pages >= 2 and "1/" + str(pages) in text.replace(" ", "") and f"{pages}/{pages}" in text.replace(" ", "")
    info = pdf_info(response.content)
    assert "595.28 x 841.89" in info or "595.276 x 841.89" in info  # A4 in points


def test_a_later_conversation_in_the_context_shows_up_without_its_private_notes_unless_given(org, released):
    review = released("named")
    loaded = review_detail(org.manager.user, review.pk)
    conversation = {"notes": "Agreed to lead the mobile launch", "actions": ["Pair with the design team"]}
    context = summary_context(loaded, org.manager.user, conversation=conversation)
    with translation.override("en"):
        text = pdf_text(render_pdf(TEMPLATE, context, language="en"))
    assert "Results conversation" in text and "Agreed to lead the mobile launch" in text
    assert "Pair with the design team" in text and "private notes" not in text


def test_the_renderer_fetches_nothing_but_our_static_files():
    with pytest.raises(ValueError):
        url_fetcher("https://example.com/tracker.png")
    with pytest.raises(ValueError):
        url_fetcher("file:///etc/passwd")
    from django.conf import settings
    favicon = (settings.STATICFILES_DIRS[0] / "img" / "favicon.svg").resolve().as_uri()
    assert url_fetcher(favicon).read()[:4] in (b"<svg", b"<?xm")


def test_rendering_pauses_the_garbage_collector_and_restores_it():
    import gc

    from common import pdf

    seen = []
    paused = pdf._collector_paused

    @contextlib.contextmanager
    def watching():
        with paused():
            seen.append(gc.isenabled())
            yield

    assert gc.isenabled()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "_collector_paused", watching)
        assert render_pdf("pdf/_base.html", {}, language="en").startswith(b"%PDF")
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        render_pdf("pdf/_base.html", {}, language="en")
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()
