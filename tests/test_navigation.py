"""Every page of the project can be found by clicking: each persona starts at the home page and follows the links.

The world is the permission matrix's scenario (tests/trust/scenario.py, on the personas of tests/conftest.py): a
released review cycle with the employee's review, its respondent and results conversation, goals, a development
goal, a PDF batch, a one-on-one. The employee, the manager, the HR partner and the HR admin each walk it with
Django's test client: breadth first from ``/``, every ``<a href>`` of every page reached (same site, GET), a few
addresses per URL name so that a long list does not walk forever. A named URL pattern of the project's URLconf
that no persona reached fails the test, unless EXCLUDED names it with the reason a person never clicks their way
to it. A link that answers 404 or 500 fails it too: a link is a promise that there is a page.
"""

from __future__ import annotations

import inspect
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.conftest import org as org_fixture
from tests.trust.scenario import build

# The walks share one scenario built for the module; the marker makes pytest-django set up the test database.
pytestmark = pytest.mark.django_db

WALKERS = ("employee", "manager", "hr_partner", "hr_admin")
# Distinct addresses fetched per URL name (other ids, other query strings), and pages fetched per persona.
PER_NAME = 3
PER_PERSONA = 400

POST_ONLY = "POST only: a button's form submits it, there is no page to open"
FRAGMENT = "an htmx fragment that a page loads into itself, never a page of its own"
DOWNLOAD = "a file download (linked, checked as a link, but not opened as a page)"
AUTH = "signing in and out, passwords and single sign-on: reached from the login page, before the navigation exists"

EXCLUDED: dict[str, str] = {
    # Authentication and the language switch (Django auth, mozilla-django-oidc).
    "login": AUTH, "logout": AUTH, "password_change": AUTH, "password_change_done": AUTH, "password_reset": AUTH,
    "password_reset_done": AUTH, "password_reset_confirm": "opened from the reset email's one-time link",
    "password_reset_complete": AUTH, "oidc_authentication_init": AUTH, "oidc_authentication_callback": AUTH,
    "oidc_logout": AUTH,
    "set_language": "the language switch: a form in the top bar, POST only",
    "healthz": "the load balancer's health check, not a page for people",
    # Forms' targets.
    "okrs:objective_transition": POST_ONLY, "okrs:check_in": POST_ONLY, "okrs:dependency_transition": POST_ONLY,
    "coach:silence_new": POST_ONLY, "coach:silence_delete": POST_ONLY,
    "meetings:point_add": POST_ONLY, "meetings:point_toggle": POST_ONLY, "meetings:note_add": POST_ONLY,
    "meetings:action_add": POST_ONLY, "meetings:action_toggle": POST_ONLY,
    "notifications:test": POST_ONLY,
    "continuous:react": POST_ONLY, "coach:writing": FRAGMENT, "continuous:person_praise": FRAGMENT,
    "privacy:export": POST_ONLY, "privacy:erase": POST_ONLY,
    "reviews:self_review": POST_ONLY, "reviews:manager_review": POST_ONLY, "reviews:nominate": POST_ONLY,
    "reviews:transition": POST_ONLY, "reviews:conversation_start": POST_ONLY, "reviews:conversation_save": POST_ONLY,
    "reviews:conversation_goal": POST_ONLY, "reviews:conversation_transition": POST_ONLY,
    "reviews:dashboard_remind": POST_ONLY, "reviews:calibration_calibrate": POST_ONLY,
    "reviews:request_answers": POST_ONLY, "reviews:request_transition": POST_ONLY,
    "cycles:copy": POST_ONLY, "cycles:template_copy": POST_ONLY,
    # Fragments.
    "okrs:tree_children": FRAGMENT, "reviews:respondent_search": FRAGMENT, "documents:batch_progress": FRAGMENT,
    "cycles:people_choices": "the searchable people picker's JSON answers, fetched by the cycle form",
    # Downloads: counted as reached when a page links them, never required.
    "documents:review_summary": DOWNLOAD, "documents:unit_report": DOWNLOAD, "documents:cycle_report": DOWNLOAD,
    "documents:company_retrospective_pdf": DOWNLOAD, "documents:retrospective_pdf": DOWNLOAD,
    "documents:batch_zip": DOWNLOAD, "reviews:conversation_invite": DOWNLOAD, "reviews:dashboard_export": DOWNLOAD,
    "meetings:invite": DOWNLOAD,
    # The same page under another address.
    "coach:company_retrospective": "the company's retrospective without a unit in its address: the company's own "
                                   "coach summary links the same page as coach:retrospective",
    # State-dependent pages the scenario's moment does not offer.
    "cycles:delete": "deleting is offered for draft cycles only, and the scenario's cycle is released",
}
# Whole parts of the URLconf no one clicks to from the navigation.
EXCLUDED_PREFIXES = {
    "api/": "the API: scripts and integrations call it (its schema lists every endpoint)",
    "admin/": "the Django admin site: staff only, with its own navigation",
    "favicon.ico": "the browser asks for it",
    "oidc/": AUTH,
}


def url_names(resolver=None, prefix: str = "", namespace: str = ""):
    """(route, name, view) of every named pattern of the URLconf, walking the includes."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}", pattern.callback


def required_names() -> set[str]:
    return {name for route, name, _ in url_names() if name not in EXCLUDED
            and not any(route.startswith(prefix) for prefix in EXCLUDED_PREFIXES)}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_of(html: str, base: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    out = []
    for href in parser.hrefs:
        url = urlsplit(urljoin(base, href))
        if url.scheme not in ("http", "https", "") or url.netloc not in ("", "testserver"):
            continue  # another site, mailto:, tel:
        if url.path.startswith(("/static/", "/media/", "/admin/", "/api/")):
            continue  # files, and the parts of the site EXCLUDED_PREFIXES leaves out
        out.append(url.path + (f"?{url.query}" if url.query else ""))
    return out


def walk(client: Client) -> tuple[set[str], list[str]]:
    """The URL names a persona reaches from the home page by following links, and the broken links found."""
    reached: set[str] = set()
    broken: list[str] = []
    seen: set[str] = set()
    per_name: dict[str, int] = {}
    queue: deque[tuple[str, str]] = deque([("/", "(start)")])
    fetched = 0
    while queue and fetched < PER_PERSONA:
        url, source = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        try:
            name = resolve(urlsplit(url).path).view_name
        except Resolver404:
            broken.append(f"{url} (404, linked from {source})")
            continue
        if EXCLUDED.get(name) == DOWNLOAD:
            reached.add(name)  # a link to the file is how people get it
            continue
        if per_name.get(name, 0) >= PER_NAME:
            continue
        per_name[name] = per_name.get(name, 0) + 1
        response = client.get(url)
        fetched += 1
        if response.status_code in (301, 302):
            queue.appendleft((response["Location"], url))
            reached.add(name)
            continue
        if response.status_code in (404, 500):
            broken.append(f"{url} ({response.status_code}, linked from {source})")
            continue
        if response.status_code != 200:
            continue
        reached.add(name)
        if response.get("Content-Type", "").startswith("text/html"):
            for link in links_of(response.content.decode(), url):
                if link not in seen:
                    queue.append((link, url))
    return reached, broken


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The scenario, built once for the module and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build(org_fixture.__wrapped__(None))
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def walks(world, django_db_blocker):
    """Each persona's walk: ``{persona: (reached names, broken links)}``."""
    out = {}
    with django_db_blocker.unblock():
        for persona in WALKERS:
            client = Client(raise_request_exception=False)
            client.force_login(world.people[persona].user)
            out[persona] = walk(client)
    return out


def test_every_page_of_the_urlconf_is_reached_by_clicking_from_the_home_page(walks):
    reached = set().union(*(names for names, _ in walks.values()))
    missing = sorted(required_names() - reached)
    assert not missing, (
        "pages no persona reaches by clicking from the home page (link them, or add them to EXCLUDED with the "
        "reason no one clicks to them):\n" + "\n".join(missing)
    )


def test_no_link_leads_to_a_missing_page_or_an_error(walks):
    broken = {persona: links for persona, (_, links) in walks.items() if links}
    assert not broken, broken


@pytest.mark.parametrize("persona", WALKERS)
def test_each_persona_finds_their_own_work(walks, persona):
    """What each role must find from the navigation (issue: every role finds its work)."""
    expected = {
        "employee": {"reviews:mine", "reviews:review", "reviews:conversation", "documents:review_summary",
                     "reviews:tasks", "okrs:my_goals"},
        "manager": {"reviews:team", "reviews:review", "reviews:conversation", "reviews:mine"},
        "hr_partner": {"cycles:list", "cycles:detail", "reviews:dashboard", "reviews:calibration",
                       "documents:index", "documents:batches", "documents:cycle_report", "documents:unit_report"},
        "hr_admin": {"cycles:list", "cycles:detail", "reviews:dashboard", "reviews:calibration", "documents:index",
                     "documents:batches", "documents:batch", "documents:cycle_report", "people:import_org"},
    }[persona]
    reached, _ = walks[persona]
    assert not expected - reached, f"{persona} cannot click their way to {sorted(expected - reached)}"


def test_every_exclusion_names_a_pattern_and_every_post_only_one_refuses_a_get():
    """EXCLUDED does not rot: each name exists, and a view excluded as POST only answers nothing but POST."""
    views = {name: view for _, name, view in url_names()}
    assert not [name for name in EXCLUDED if name not in views]
    for name, reason in EXCLUDED.items():
        if reason == POST_ONLY:
            # require_POST keeps the methods it allows in its wrapper's closure.
            methods = inspect.getclosurevars(views[name]).nonlocals.get("request_method_list")
            assert methods == ["POST"], f"{name} is excluded as POST only but takes {methods}"


def _top_bar(world, persona: str) -> str:
    client = Client()
    client.force_login(world.people[persona].user)
    body = client.get("/goals/").content.decode()
    return body[body.index('<header class="topbar'):body.index("</header>")]


def test_the_top_bar_folds_behind_one_menu_button_without_inline_script(world):
    bar = _top_bar(world, "employee")
    # The disclosure: a button that names what it opens, hidden until static/js/nav.js takes over.
    assert 'class="menu-toggle" aria-expanded="false" aria-controls="site-menu" hidden' in bar
    assert 'id="site-menu"' in bar
    assert "<script" not in bar and "style=" not in bar
    assert bar.index('class="mainnav"') < bar.index('class="topbar-end"')  # sections first, then the account


def test_each_role_gets_its_own_sections(world):
    employee, manager, partner, admin = (_top_bar(world, p) for p in WALKERS)
    mine, team = reverse("reviews:mine"), reverse("reviews:team")
    cycles, documents = reverse("cycles:list"), reverse("documents:index")
    assert mine in employee and team not in employee and cycles not in employee and documents not in employee
    assert team in manager and cycles not in manager
    assert cycles in partner and documents in partner and reverse("people:import_org") not in partner
    assert cycles in admin and documents in admin and reverse("people:import_org") in admin
