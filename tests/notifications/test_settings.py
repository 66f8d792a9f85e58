"""A person's own notification settings: page and API, validated webhooks."""

import pytest

from notifications.models import NotificationSettings
from tests.factories import build_org

pytestmark = pytest.mark.django_db

SLACK = "https://hooks.slack.com/services/T0/B0/secret"


def test_the_api_answers_the_defaults(org, api):
    response = api(org.employee).get("/api/notification-settings/")
    assert response.status_code == 200
    assert response.json() == {"email": True, "slack": False, "slack_webhook": "", "teams": False,
                               "teams_webhook": "", "channels": ["email"]}


def test_the_api_saves_a_slack_webhook(org, api):
    response = api(org.employee).patch("/api/notification-settings/", {"slack": True, "slack_webhook": SLACK},
                                       format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["channels"] == ["email", "slack"]
    saved = NotificationSettings.objects.get(person=org.employee)
    assert saved.slack_webhook == SLACK
    # Another person's settings are untouched and their own.
    assert api(org.peer).get("/api/notification-settings/").json()["channels"] == ["email"]


@pytest.mark.parametrize(("body", "field"), [
    ({"slack": True, "slack_webhook": "https://attacker.example/hook"}, "slack_webhook"),
    ({"teams": True, "teams_webhook": "http://169.254.169.254/latest"}, "teams_webhook"),
    ({"teams": True}, "teams_webhook"),
    ({"slack_webhook": "not a url"}, "slack_webhook"),
    ({"email": "maybe"}, "email"),
])
def test_the_api_refuses_bad_settings_with_field_messages(org, api, body, field):
    response = api(org.employee).patch("/api/notification-settings/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not NotificationSettings.objects.filter(person=org.employee).exists()


def test_the_api_needs_a_login_and_refuses_delete(org, api):
    assert api().get("/api/notification-settings/").status_code == 401
    assert api(org.employee).delete("/api/notification-settings/").status_code == 405


def test_the_page_saves_settings(org, web):
    client = web(org.employee)
    page = client.get("/notifications/settings/")
    assert page.status_code == 200 and b"Slack" in page.content
    response = client.post("/notifications/settings/", {"email": "", "teams": "on",
                                                         "teams_webhook": "https://x.logic.azure.com/wf/1"})
    assert response.status_code == 302
    saved = NotificationSettings.objects.get(person=org.employee)
    assert saved.channels() == ["teams"]


def test_the_page_shows_why_a_webhook_is_refused(org, web):
    response = web(org.employee).post("/notifications/settings/", {"email": "on", "slack": "on",
                                                                   "slack_webhook": "https://intranet.local/x"})
    assert response.status_code == 200
    assert b"Webhooks may only point to" in response.content
    assert not NotificationSettings.objects.filter(person=org.employee).exists()


@pytest.mark.parametrize("size", [5, 60])
def test_the_notification_settings_page_reads_a_fixed_number_of_queries(org, web, size,
                                                                        django_assert_max_num_queries):
    build_org(size, top=org.ceo)
    client = web(org.employee)
    with django_assert_max_num_queries(10):
        assert client.get("/notifications/settings/").status_code == 200
