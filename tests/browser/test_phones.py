"""Every page a persona reaches, on a phone (390 × 844) in English, Russian and Chinese: no page scrolls
sideways, and no text is clipped to nothing.

The pages are those of test_every_page.py (every GET page row of the permission matrix, opened by the first
persona who may read it, over the scenario of tests/trust/scenario.py). A failure names the page, how wide
it is and the element that sticks out furthest, or the text that cannot be seen and why. Wide tables scroll
inside their own focusable region (``.table-wrap``), which is not the page scrolling.
"""

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.browser.test_every_page import DOWNLOAD, page_rows
from tests.conftest import org as org_fixture
from tests.trust.scenario import build

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
LANGUAGES = ("en", "ru", "zh-hans")
CHECKS = (Path(__file__).with_name("phone_checks.js")).read_text(encoding="utf-8")


def use_language(page, language: str) -> None:
    """Switch as a person does (the language switch posts to set_language), whatever the menu looks like."""
    page.evaluate(
        """async (language) => {
            const token = document.querySelector("[name=csrfmiddlewaretoken]").value;
            const body = new URLSearchParams({language, next: "/"});
            await fetch("/i18n/setlang/", {method: "POST", body, headers: {"X-CSRFToken": token}});
        }""",
        language,
    )
    page.goto("/")
    assert page.evaluate("document.documentElement.lang") == language


def test_no_page_scrolls_sideways_or_hides_text_on_a_phone(visit):
    world = build(org_fixture.__wrapped__(None))
    visitors: dict = {}
    problems, checked = [], []
    for language in LANGUAGES:
        for persona, visitor in visitors.items():
            visitor.name = f"phone-{language}-{persona}"
            use_language(visitor.page, language)
        for row, persona in page_rows():
            if persona not in visitors:
                visitor = visitors[persona] = visit(world.people[persona], f"phone-{language}-{persona}")
                visitor.page.set_viewport_size(PHONE)
                use_language(visitor.page, language)
            problems += check_page(visitors[persona], world, row, persona, language, checked)
    assert len(checked) >= 30 * len(LANGUAGES), checked
    assert not problems, f"{len(problems)} problems on a phone:\n" + "\n".join(problems)


def check_page(visitor, world, row, persona: str, language: str, checked: list) -> list[str]:
    path = world.url(row.route, *row.args(world))
    if DOWNLOAD.search(path):
        return []
    if getattr(row, "query", None) is not None:
        path += "?" + urlencode(row.query(world))
    response = visitor.page.goto(path)
    assert response is not None and response.status == 200, (row.id, persona, response and response.status)
    if not (response.header_value("content-type").startswith("text/html") and visitor.page.locator("main").count()):
        return []  # an htmx fragment: measured inside the page that loads it
    visitor.page.wait_for_load_state()
    found = visitor.page.evaluate(CHECKS)
    visitor.shot(re.sub(r"\?.*$", "", path))
    checked.append(row.route)
    where = f"[{language}] {path} ({row.route}, {persona})"
    problems = [f"{where}: text clipped to nothing: {c}" for c in found["clipped"]]
    if found["scrollWidth"] > found["innerWidth"]:
        problems.insert(0, f"{where} is {found['scrollWidth']} px wide at {found['innerWidth']} px: "
                           f"{found['widest'] or 'no single element'}")
    return problems
