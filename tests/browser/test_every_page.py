"""Every page of the permission matrix, opened in Chromium by someone who may read it: axe (WCAG 2.2 AA)
finds nothing, no script fails, the content security policy refuses nothing.

The pages come from ``tests/trust/matrix.py`` (every GET row of the page channel that some persona reads
with a 200), over the scenario of ``tests/trust/scenario.py``: a page added to the matrix is checked here too.
"""

import re
from urllib.parse import urlencode

import pytest

from tests.conftest import org as org_fixture
from tests.trust.matrix import PAGE, TABLE
from tests.trust.scenario import build

pytestmark = pytest.mark.django_db(transaction=True)

DOWNLOAD = re.compile(r"\.(ics|pdf|zip|csv|xlsx)$")
# Who opens a page, in this order of preference among the personas the matrix lets read it.
READERS = ("employee", "manager", "hr_admin", "skip", "respondent", "hr_partner", "outsider", "hr_partner_out")


def page_rows():
    for row in TABLE:
        if row.channel == PAGE and row.method == "GET":
            readers = [p for p in READERS if row.expected().get(p) == 200]
            if readers:
                yield row, readers[0]


def test_every_page_passes_the_accessibility_checks(visit):
    world = build(org_fixture.__wrapped__(None))
    visitors: dict = {}
    checked = []
    for row, persona in page_rows():
        if persona not in visitors:
            visitors[persona] = visit(world.people[persona], f"every-page-{persona}")
        visitor = visitors[persona]
        path = world.url(row.route, *row.args(world))
        if DOWNLOAD.search(path):
            continue  # a file the browser saves, not a page it shows
        if getattr(row, "query", None) is not None:
            path += "?" + urlencode(row.query(world))
        response = visitor.page.goto(path)
        assert response is not None and response.status == 200, (row.id, persona, response and response.status)
        if response.header_value("content-type").startswith("text/html") and visitor.page.locator("main").count():
            visitor.check(row.route)  # a full page; fragments for htmx are checked inside the pages that load them
            checked.append(row.route)
    assert len(checked) >= 30, checked
