"""The web pages of the foundation: login, logout, password reset, the layout and the org chart."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PersonFactory, UnitFactory, build_org

LOGIN = "/accounts/login/"


@pytest.mark.parametrize(
    ("language", "word"),
    [("en", "Log in"), ("ru", "Войти"), ("zh-hans", "登录")],
)
def test_the_login_page_speaks_the_language_of_the_cookie(client, db, language, word):
    client.cookies["django_language"] = language
    response = client.get(LOGIN)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{language}"' in body
    assert word in body


@pytest.mark.parametrize(
    ("accept", "word"),
    [("ru-RU,ru;q=0.9", "Пароль"), ("zh-CN,zh;q=0.9", "密码")],
)
def test_the_login_page_follows_the_browser_language(client, db, accept, word):
    response = client.get(LOGIN, headers={"accept-language": accept})
    assert word in response.content.decode()


def test_the_layout_loads_vendored_htmx_and_no_inline_script(web, org):
    body = web(org.employee).get(reverse("people:org_chart")).content.decode()
    assert re.findall(r"<script[^>]*>", body) == [
        '<script src="/static/js/htmx.min.js" defer>', '<script src="/static/js/drafts.js" defer>',
        '<script src="/static/js/nav.js" defer>',
    ]
    assert 'hx-headers=\'{"X-CSRFToken": "' in body
    assert 'href="#main"' in body and 'id="main"' in body


def test_the_language_switch_posts_to_set_language_for_everyone(web, org):
    body = web(org.employee).get(reverse("people:org_chart")).content.decode()
    assert f'action="{reverse("set_language")}" method="post"' in body
    for code in ("en", "ru", "zh-hans"):
        assert f'name="language" value="{code}"' in body


def test_setting_the_language_changes_the_next_page(web, org):
    c = web(org.employee)
    response = c.post(reverse("set_language"), {"language": "ru", "next": reverse("people:org_chart")})
    assert response.status_code == 302
    assert "Оргструктура" in c.get(reverse("people:org_chart")).content.decode()


def test_a_visitor_can_switch_the_language_on_the_login_page(client, db):
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": LOGIN})
    assert response["Location"] == LOGIN
    assert "密码" in client.get(LOGIN).content.decode()


def _nav(body: str) -> str:
    """The top bar: the main navigation and the account links (the administration link is one of them)."""
    return body[body.index('<header class="topbar'):body.index("</header>")]


def test_an_employee_sees_only_the_org_chart_in_the_navigation(web, org):
    nav = _nav(web(org.employee).get(reverse("people:org_chart")).content.decode())
    assert 'aria-current="page">Org chart' in nav
    assert reverse("admin:index") not in nav
    assert "Import" not in nav


def test_an_hr_admin_also_sees_the_import(web, org):
    nav = _nav(web(org.hr_admin).get(reverse("people:org_chart")).content.decode())
    assert reverse("people:import_org") in nav


def test_hr_admins_see_the_administration_link_and_employees_do_not(web, org):
    assert reverse("admin:index") in _nav(web(org.hr_admin).get(reverse("people:org_chart")).content.decode())
    assert reverse("admin:index") not in _nav(web(org.employee).get(reverse("people:org_chart")).content.decode())


@pytest.mark.parametrize(
    ("language", "n", "text"),
    [
        ("ru", 1, "1 человек"), ("ru", 3, "3 человека"), ("ru", 5, "5 человек"), ("ru", 11, "11 человек"),
        ("ru", 22, "22 человека"), ("zh-hans", 1, "1 人"), ("zh-hans", 7, "7 人"),
    ],
)
def test_plural_forms_follow_the_language(language, n, text):
    from django.utils import translation

    with translation.override(language):
        assert translation.ngettext("%(n)s person", "%(n)s people", n) % {"n": n} == text


@pytest.mark.parametrize("language", ["ru", "zh_Hans"])
def test_every_message_is_translated_and_compiled(language):
    import gettext
    from pathlib import Path

    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES"
    po = (folder / "django.po").read_text(encoding="utf-8")
    # An untranslated entry is a msgstr of "" with no continuation line after it.
    empty = re.findall(r'^msgstr(?:\[\d\])? ""\n(?!")', po, flags=re.MULTILINE)
    assert empty == [], f"{len(empty)} untranslated messages in {language}"
    assert "#, fuzzy" not in po
    with (folder / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    entries = len(re.findall(r"^msgid ", po, flags=re.MULTILINE)) - 1
    msgids = {key if isinstance(key, str) else key[0] for key in compiled._catalog}
    assert len(msgids - {""}) == entries, "the .mo is older than the .po: run compilemessages"


def test_logging_in_with_email_and_password_redirects_to_the_next_page(client, org):
    response = client.post(LOGIN, {"username": "employee@example.com", "password": "demo", "next": "/org/"})
    assert response.status_code == 302
    assert response["Location"] == "/org/"
    assert client.get("/org/").status_code == 200


def test_logging_in_without_next_lands_on_the_home_page(client, org):
    response = client.post(LOGIN, {"username": "employee@example.com", "password": "demo"}, follow=True)
    assert response.redirect_chain[0][0] == "/"
    assert response.status_code == 200
    assert "Emil Employee" in response.content.decode()


def test_a_wrong_password_shows_an_error_and_keeps_the_email(client, org):
    response = client.post(LOGIN, {"username": "employee@example.com", "password": "nope"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in body
    assert 'value="employee@example.com"' in body
    assert "_auth_user_id" not in client.session


def test_logging_out_needs_a_post_and_ends_the_session(web, org):
    c = web(org.employee)
    assert c.get(reverse("logout")).status_code == 405
    response = c.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in c.session
    assert c.get("/org/").status_code == 302


def test_the_logged_out_page_offers_to_log_in_again(client, db):
    from django.template.loader import render_to_string

    assert reverse("login") in render_to_string("registration/logged_out.html")


def test_password_reset_sends_a_link_that_lets_the_person_choose_a_new_password(client, org):
    response = client.post(reverse("password_reset"), {"email": "employee@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert "Check your email" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["employee@example.com"]
    assert "\n" not in message.subject
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", message.body).group(1)

    form = client.get(link, follow=True)
    assert "new_password1" in form.content.decode()
    new = "a calm Tuesday 42"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done["Location"] == reverse("password_reset_complete")
    assert client.login(username="employee@example.com", password=new)


def test_password_reset_for_an_unknown_email_sends_nothing_and_says_the_same(client, org):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_reset_email_speaks_the_language_of_the_request(client, org):
    client.cookies["django_language"] = "ru"
    client.post(reverse("password_reset"), {"email": "employee@example.com"})
    assert "пароль" in mail.outbox[0].body.lower()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = client.get(reverse("people:org_chart"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")


def test_the_org_chart_search_finds_a_person(web, org):
    body = web(org.peer).get(reverse("people:org_chart"), {"q": "emil"}).content.decode()
    assert reverse("people:org_chart_person", args=[org.employee.pk]) in body
    assert "Emil Employee" in body
    assert "Nobody matches" not in body


def test_the_org_chart_search_says_when_nobody_matches(web, org):
    body = web(org.peer).get(reverse("people:org_chart"), {"q": "zzz"}).content.decode()
    assert "Nobody matches" in body


def test_a_person_card_shows_their_line_above_and_reports_below(web, org):
    body = web(org.employee).get(reverse("people:org_chart_person", args=[org.manager.pk])).content.decode()
    line = body[body.index('class="breadcrumb"'):body.index("</ol>")]
    assert [name for name in ("Cora CEO", "Sam Skip", "Mia Manager") if name in line] == [
        "Cora CEO", "Sam Skip", "Mia Manager"
    ]
    assert line.index("Cora CEO") < line.index("Sam Skip") < line.index("Mia Manager")
    reports = body[body.index('class="reports"'):]
    assert "Emil Employee" in reports and "Pia Peer" in reports
    assert "<span>Acme</span><span>Engineering</span><span>Platform</span>" in body
    assert "manager@example.com" in body


def test_a_report_shows_how_many_people_report_to_them(web, org):
    body = web(org.ceo).get(reverse("people:org_chart_person", args=[org.skip.pk])).content.decode()
    # Mia Manager has two active reports (the inactive one does not count).
    assert "2 reports" in body


def test_the_org_chart_without_a_person_shows_your_own_card(web, org):
    body = web(org.employee).get(reverse("people:org_chart")).content.decode()
    assert 'id="person-name"' in body
    assert "Emil Employee" in body[body.index('id="person-name"'):]


def test_a_person_that_does_not_exist_answers_404(web, org):
    assert web(org.employee).get(reverse("people:org_chart_person", args=[999_999])).status_code == 404


def test_an_htmx_swap_of_the_card_gets_only_the_card(web, org):
    response = web(org.employee).get(
        reverse("people:org_chart_person", args=[org.manager.pk]),
        headers={"hx-request": "true", "hx-target": "org-card"},
    )
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="person-name"' in body and "Mia Manager" in body
    assert "HX-Target" in response["Vary"]
    # The language switch follows the pushed address, so switching language stays on this card.
    url = reverse("people:org_chart_person", args=[org.manager.pk])
    assert f'<input id="lang-next" name="next" type="hidden" value="{url}" hx-swap-oob="true">' in body


def test_an_htmx_search_and_a_history_restore_get_the_whole_page(web, org):
    c = web(org.employee)
    search = c.get(
        reverse("people:org_chart"), {"q": "pia"}, headers={"hx-request": "true", "hx-target": "search-results"}
    )
    assert 'id="search-results"' in search.content.decode()
    restore = c.get(
        reverse("people:org_chart_person", args=[org.manager.pk]),
        headers={"hx-request": "true", "hx-history-restore-request": "true"},
    )
    assert "<html" in restore.content.decode()


def _count_queries(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_org_chart_runs_the_same_queries_for_a_small_and_a_large_org(web, db):
    counts = []
    for size in (20, 400):
        top = PersonFactory(unit=UnitFactory(), full_name=f"Top of {size}")
        people = build_org(size, top=top, fanout=5)
        viewer = people[-1]
        c = web(viewer)
        c.get(reverse("people:org_chart"))  # session and roles warm-up, like any later page
        counts.append(
            (
                _count_queries(c, reverse("people:org_chart")),
                _count_queries(c, reverse("people:org_chart_person", args=[top.pk])),
                _count_queries(c, reverse("people:org_chart_person", args=[people[0].pk]), q="member"),
            )
        )
    assert counts[0] == counts[1]
    assert max(counts[1]) <= 20
