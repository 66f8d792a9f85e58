import io

import pytest
from pypdf import PdfReader
from pypdf.generic import NameObject, StreamObject

from reviews.models import FeedbackRequest, Review
from tests.cycles.factories import ObjectiveFactory, advance, make_cycle, walk


def _reader(content: bytes) -> PdfReader:
    assert content[:5] == b"%PDF-", content[:200]
    return PdfReader(io.BytesIO(content))


def _two_byte_codes(resources, seen: set) -> None:
    """Where WeasyPrint embeds its own two-byte CMap as a font's /Encoding (it does when a glyph is missing, e.g.
    CJK without a CJK font), call it /Identity-H: pypdf reads only named encodings and would decode the codes one
    byte at a time. The font's /ToUnicode still maps each two-byte code to its text, so nothing else changes."""
    resources = resources.get_object() if resources is not None else None
    if not resources or id(resources) in seen:
        return
    seen.add(id(resources))
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        encoding = font.get("/Encoding")
        if font.get("/Subtype") == "/Type0" and isinstance(encoding and encoding.get_object(), StreamObject):
            if b"<0000> <ffff>" in encoding.get_object().get_data().lower():
                font[NameObject("/Encoding")] = NameObject("/Identity-H")
    for xobject in (resources.get("/XObject") or {}).values():
        _two_byte_codes(xobject.get_object().get("/Resources"), seen)


def pdf_info(content: bytes) -> str:
    """The PDF's page count and first page size, in pdfinfo's words ("Pages: 2", "Page size: 595.276 x 841.89 pts")."""
    reader = _reader(content)
    box = reader.pages[0].mediabox
    return f"Pages: {len(reader.pages)}\nPage size: {float(box.width):g} x {float(box.height):g} pts\n"


def pdf_text(content: bytes) -> str:
    """The PDF's text (every page, in order), whitespace collapsed."""
    reader, seen = _reader(content), set()
    for page in reader.pages:
        _two_byte_codes(page.get("/Resources"), seen)
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def pdf_pages(content: bytes) -> int:
    return len(_reader(content).pages)


@pytest.fixture
def released(org):
    """make(anonymity, threshold) → the employee's released review: a goal, two peer answers, calibrated."""

    def make(anonymity: str = "named", threshold: int = 2) -> Review:
        ObjectiveFactory(owner=org.employee, title="Launch the mobile app")
        cycle = make_cycle(by=org.hr_admin, units=[org.acme], anonymity=anonymity, anonymity_threshold=threshold,
                           name="Spring review")
        review = walk(org, cycle, "calibrated")
        FeedbackRequest.objects.filter(review=review).update(group="peer")
        advance(review.cycle, "release_results", by=org.hr_admin)
        return Review.objects.get(pk=review.pk)

    return make
