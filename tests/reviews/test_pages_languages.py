"""The review cycle's pages speak the three languages."""

import pytest
from django.conf import settings

from reviews.models import FeedbackRequest
from tests.cycles.factories import walk

pytestmark = pytest.mark.django_db

WORDS = {
    "en": ["My tasks", "Respondents", "Your answers", "Progress"],
    "ru": ["Мои задачи", "Респонденты", "Ваши ответы", "Прогресс"],
    "zh-hans": ["我的待办", "评估人", "你的回答", "进度"],
}


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_every_page_is_in_the_chosen_language(org, web, cycle, language):
    review = walk(org, cycle, "respondents_approved")
    request = FeedbackRequest.objects.get(review=review, respondent=org.peer)
    pages = [(org.manager, "/reviews/tasks/"), (org.manager, f"/reviews/{review.pk}/"),
             (org.peer, f"/reviews/requests/{request.pk}/"), (org.hr_admin, f"/cycles/{cycle.pk}/")]
    for (person, url), word in zip(pages, WORDS[language], strict=True):
        client = web(person)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get(url)
        assert response.status_code == 200
        assert word in response.content.decode(), (language, url, word)
