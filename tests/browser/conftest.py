"""Browser journeys: Debian's Chromium driven by Playwright against a live server.

Skipped where ``/usr/bin/chromium`` (or ``$CHROMIUM``) is missing, with one line at the end of the run saying
so (``.ci/run`` installs it). Screenshots of every step are written under ``test-artifacts/browser/`` (or
``$BROWSER_ARTIFACTS``).
"""

import json
import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make around it
# are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", ROOT / "test-artifacts" / "browser"))
AXE = Path(__file__).with_name("vendor") / "axe.min.js"
# WCAG 2.2 A and AA, as axe-core tags them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    # The reason is the line tests/conftest.py prints once for all of them.
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


class Visitor:
    """One person's browser tab: logs in, watches for script errors and CSP refusals, checks each page."""

    def __init__(self, browser, live_server, person, name: str):
        self.base = live_server.url
        self.context = browser.new_context(base_url=self.base, locale="en-GB", viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.name = name
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(f"script error: {exc}"))
        self.page.on("console", self._console)
        self.checked: set[str] = set()
        self.shots = 0
        self.login(person.user.email)

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text} at {message.location}")

    def login(self, email: str, password: str = "demo"):  # noqa: S107 (the test users' password)
        self.page.goto("/accounts/login/")
        self.page.get_by_label(re.compile("email", re.I)).fill(email)
        self.page.get_by_label(re.compile("password", re.I)).fill(password)
        self.page.get_by_role("button", name=re.compile("log in|sign in", re.I)).click()
        self.page.wait_for_load_state()
        assert "/accounts/login/" not in self.page.url, f"{email} could not log in"

    def go(self, path: str):
        response = self.page.goto(path)
        assert response is not None and response.status == 200, (path, response and response.status)
        self.check()
        return response

    def check(self, label: str = ""):
        """Axe (WCAG 2.2 AA) on the current page, once per path; no script error or CSP refusal so far."""
        self.page.wait_for_load_state()
        path = re.sub(r"\?.*$", "", self.page.url.removeprefix(self.base))
        self.shot(label or path)
        assert not self.errors, f"{self.name} on {path}: {self.errors}"
        if path in self.checked:
            return
        self.checked.add(path)
        violations = axe_violations(self.page)
        assert not violations, f"{self.name} on {path}: accessibility violations:\n" + "\n".join(violations)

    def shot(self, label: str):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.shots += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "page"
        self.page.screenshot(path=str(ARTIFACTS / f"{self.name}-{self.shots:02d}-{slug}.png"), full_page=True)

    def close(self):
        self.context.close()


def axe_violations(page) -> list[str]:
    # Evaluated through the DevTools protocol, so the page's content security policy does not apply to it.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;window.axe = axe;")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    lines = []
    for violation in result["violations"]:
        targets = [json.dumps(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} — {', '.join(targets)}")
    return lines


@pytest.fixture
def visit(browser, live_server):
    """visit(person, name) opens a logged-in tab for that person; all are closed after the test."""
    opened: list[Visitor] = []

    def make(person, name: str) -> Visitor:
        visitor = Visitor(browser, live_server, person, name)
        opened.append(visitor)
        return visitor

    yield make
    for visitor in opened:
        visitor.close()
