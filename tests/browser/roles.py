"""A person at work in the browser, clicking from the home page: the helpers of test_roles_jobs.py.

``Role`` wraps the conftest's ``Visitor`` (which logs in and watches for script errors and CSP refusals) with one
viewport and one language, chosen from the top bar's switch as a person chooses it. It only ever types two
addresses, the login page and ``/``; everything else is a click on a link or a button of the page. After every
step it checks the page and takes a screenshot; what is wrong is kept (``Role.problems``, shared by the roles of
one journey) with the step's name, so one run lists every problem of every role at once.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

from .conftest import ARTIFACTS, Visitor

PHONE_CHECKS = Path(__file__).with_name("phone_checks.js").read_text(encoding="utf-8")

# What else a page must not show: its language, whether there is a way on, and raw keys in what it says.
PAGE_CHECKS = r"""
() => {
  const visible = (el) => {
    if (!el.getClientRects().length) return false;
    const s = getComputedStyle(el);
    return s.visibility !== "hidden" && s.display !== "none";
  };
  // A way onward or back: a visible link that is not a download, the skip link or the brand, or the
  // navigation behind the phone's menu button.
  const links = [...document.querySelectorAll("a[href]")].filter((a) => visible(a)
    && !a.hasAttribute("download") && !a.classList.contains("skip-link") && !a.classList.contains("brand")
    && !(a.getAttribute("href") || "").startsWith("#"));
  const toggle = document.querySelector(".menu-toggle");
  const menu = toggle && visible(toggle) ? document.querySelectorAll("#site-menu nav a[href]").length : 0;
  // A form's field key shown to a person: "answers: …", "final_rating: …", "participant_units …".
  const KEY = new RegExp("^\\s*[•·–—-]?\\s*((?:[a-z]+_)+[a-z0-9]+|answers|reason|periods|respondent|goals|"
    + "potential|step|detail|notes|actions|name|template|at)\\s*:");
  const SNAKE = /(^|[^\w@./-])((?:[a-z]+_)+[a-z0-9]+)(?![\w@.-])/;
  const raw = [];
  const boxes = document.querySelectorAll(
    "main .errorlist, main .error, main .errors, main .alert, main [role=alert], main .save-status, "
    + "main .messages, main [id$='-errors'], main .invalid");
  for (const box of boxes) {
    if (!visible(box)) continue;
    for (const line of box.innerText.split(/\n+/)) {
      if (KEY.test(line) || SNAKE.test(line)) raw.push(line.trim().slice(0, 120));
    }
  }
  // Anywhere on the page: a snake_case word is a key or a state value, never words for people.
  const main = document.querySelector("main");
  const text = main ? main.innerText.replace(/\S+@\S+/g, " ").replace(/https?:\/\/\S+/g, " ") : "";
  for (const line of text.split(/\n+/)) {
    const m = line.match(SNAKE);
    if (m && !raw.includes(line.trim().slice(0, 120))) raw.push(line.trim().slice(0, 120));
  }
  return {lang: document.documentElement.lang, ways: links.length + menu, raw: raw.slice(0, 5),
          title: document.title};
}
"""


class Role:
    """One role's browser tab at one width and in one language."""

    def __init__(self, visit, person, *, role: str, language: str, width: int, height: int, problems: list[str],
                 prefix: str = "roles"):
        self.role, self.language, self.width = role, language, width
        self.visitor: Visitor = visit(person, f"{prefix}-{width}-{role}-{language}")
        self.page = self.visitor.page
        self.page.set_viewport_size({"width": width, "height": height})
        self.problems = problems
        self.status: int | None = None
        self.steps = 0
        self.shots: list[Path] = []
        self.page.on("response", self._response)
        self.step_name = "log in"
        self.choose_language()

    # What the browser answered for the last page it loaded.
    def _response(self, response):
        request = response.request
        if request.resource_type == "document" and request.frame == self.page.main_frame:
            self.status = response.status

    @property
    def where(self) -> str:
        return f"{self.role} at {self.width} px in {self.language}"

    @contextmanager
    def doing(self, step: str):
        """Run one step; a failure inside it names the step, the role, the width and the language."""
        self.step_name = step
        try:
            yield
        except AssertionError as exc:
            raise AssertionError(f"{self.where}, step “{step}”: {exc}") from exc
        except Exception as exc:  # a timeout waiting for a link or a button that is not there
            raise AssertionError(f"{self.where}, step “{step}”: {type(exc).__name__}: {exc}") from exc

    # Moving about, as a person does.
    def open_menu(self) -> None:
        """On a phone the navigation is folded behind the menu button: open it."""
        toggle = self.page.locator(".menu-toggle")
        if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
            toggle.click()

    def choose_language(self) -> None:
        with self.doing(f"choose {self.language}"):
            self.open_menu()
            with self.page.expect_navigation():
                self.page.locator(f".langswitch button[value='{self.language}']").click()
            self.check(f"language {self.language}")

    def home(self, step: str = "home") -> None:
        """Back to the start: the home page, the one address besides the login page a person types."""
        with self.doing(step):
            self.page.goto("/")
            self.check(step)

    def nav(self, href: str, step: str) -> None:
        """Follow a link of the top bar's navigation (through the menu button on a phone)."""
        with self.doing(step):
            self.open_menu()
            link = self.page.locator(f"#site-menu nav a[href='{href}']")
            assert link.count(), f"the navigation has no link to {href}"
            with self.page.expect_navigation():
                link.first.click()
            self.check(step)

    def click(self, target, step: str, *, status: int = 200) -> None:
        """Click a link or a button (a selector or a locator) that loads a page, then check that page."""
        with self.doing(step):
            locator = self.page.locator(target) if isinstance(target, str) else target
            with self.page.expect_navigation():
                locator.first.click()
            if status != 200:
                # A refusal on purpose: the browser's note of that status is no script error.
                self.visitor.errors[:] = [e for e in self.visitor.errors if f"status of {status}" not in e]
            self.check(step, status=status)

    def click_in_place(self, target, step: str, *, until: str) -> None:
        """Click a button that changes the page in place (htmx), wait until ``until`` (a selector) shows the change,
        then check the page."""
        with self.doing(step):
            locator = self.page.locator(target) if isinstance(target, str) else target
            locator.first.click()
            self.page.locator(until).first.wait_for()
            self.check(step)

    def download(self, target, step: str) -> bytes:
        """Click a download link; the file's bytes."""
        with self.doing(step):
            locator = self.page.locator(target) if isinstance(target, str) else target
            with self.page.expect_download() as download:
                locator.first.click()
            failure = download.value.failure()
            assert failure is None, f"the download failed: {failure}"
            content = Path(download.value.path()).read_bytes()
            assert content, "the download is empty"
            self.check(step)
            return content

    # The checks of every step.
    def check(self, step: str, *, status: int = 200) -> None:
        self.page.wait_for_load_state()
        self.steps += 1
        slug = re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-") or "page"
        self.visitor.shot(slug)
        self.shots.append(ARTIFACTS / f"{self.visitor.name}-{self.visitor.shots:02d}-{slug}.png")
        where = f"{self.where}, step “{step}” ({self.page.url.removeprefix(self.visitor.base)})"
        found = self.page.evaluate(PHONE_CHECKS)
        seen = self.page.evaluate(PAGE_CHECKS)
        problems = []
        if self.status != status:
            problems.append(f"the page answered {self.status}, not {status}")
        if self.visitor.errors:
            problems.append(f"script errors or CSP refusals: {self.visitor.errors}")
            self.visitor.errors.clear()
        if seen["lang"] != self.language:
            problems.append(f"<html lang> is {seen['lang']!r}, not {self.language!r}")
        if not seen["ways"]:
            problems.append("a dead end: no link onward or back, no navigation")
        if found["scrollWidth"] > found["innerWidth"]:
            problems.append(f"scrolls sideways: {found['scrollWidth']} px wide at {found['innerWidth']} px "
                            f"({found['widest'] or 'no single element'})")
        problems += [f"text clipped to nothing: {c}" for c in found["clipped"]]
        problems += [f"a raw key shown to a person: {line!r}" for line in seen["raw"]]
        self.problems += [f"{where}: {p}" for p in problems]

    def text(self, selector: str = "main") -> str:
        return self.page.locator(selector).first.inner_text()


def pick(page, field: str, search: str, option: str) -> None:
    """Choose one item in a searchable picker (static/js/picker.js): type, then click the match."""
    box = page.locator(f"#{field}")
    box.click()
    box.fill(search)
    page.locator(f"#{field}-list [role=option]", has_text=option).first.click()
    page.keyboard.press("Escape")
