"""Every route × every persona answers as the table in matrix.py says (page, API, export and PDF alike)."""

import io
import json
import os
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from tests.documents.conftest import pdf_text

from .conftest import undone
from .matrix import PERSONAS, SECRETS, TABLE

GONE = {"inactive", "anonymous"}
PROBE = os.environ.get("MATRIX_PROBE")  # set to print the actual answers next to the expected ones


def text_of(response) -> str:
    """What a reader of the answer reads: the page, the CSV, the workbook's cells, the PDF's text."""
    kind = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "pdf" in kind:
        return pdf_text(content)
    if "spreadsheet" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(str(v) for sheet in book for line in sheet.iter_rows(values_only=True) for v in line)
    return content.decode(errors="replace")


def answer(client, row, scenario) -> tuple[int, object]:
    url = scenario.url(row.route, *row.args(scenario))
    if row.query is not None:
        url += "?" + urlencode(row.query(scenario))
    body = row.body(scenario) if row.body else None
    if row.api:
        kwargs = {"data": body, "format": "json"} if body is not None else {}
    else:
        kwargs = {"data": body} if body is not None else {}
    response = getattr(client, row.method.lower())(url, **kwargs)
    listed = None
    if response.status_code == 302 and client is not None and getattr(client, "persona", "") in GONE:
        # Logged out (or deactivated): sent to the login page, not anywhere else.
        if not response["Location"].startswith(resolve_url(settings.LOGIN_URL)):
            return f"302 to {response['Location']}", None
    if row.sees is not None and response.status_code == 200:
        listed = row.shows(scenario) in {item["id"] for item in response.json()["results"]}
    if row.reveals is not None and response.status_code == 200:
        listed = SECRETS[row.reveals[0]] in text_of(response)
    return response.status_code, listed


@pytest.mark.parametrize("row", TABLE, ids=[row.id for row in TABLE])
def test_every_persona_gets_the_answer_the_table_gives(row, world, clients):
    expected, actual = row.expected(), {}
    for persona in PERSONAS:
        status, listed = undone(lambda p=persona: answer(clients(p, row.api), row, world))
        actual[persona] = status
        if row.sees is not None and listed is not None and listed != (persona in row.sees):
            actual[persona] = f"{status} but {'lists' if listed else 'misses'} the object"
        if row.reveals is not None and listed is not None and listed != (persona in row.reveals[1]):
            actual[persona] = f"{status} but {'shows' if listed else 'lacks'} {row.reveals[0]}"
    if PROBE:
        diff = {p: (expected[p], actual[p]) for p in PERSONAS if expected[p] != actual[p]}
        print("\nPROBE", row.id, json.dumps(diff))
    assert actual == expected
