import shutil
import subprocess

import pytest

from reviews.models import FeedbackRequest, Review
from tests.cycles.factories import ObjectiveFactory, advance, make_cycle, walk


def tool(name: str) -> str:
    return shutil.which(name) or name


def pdf_info(content: bytes) -> str:
    # Our own fixed command line: poppler's pdfinfo reading the PDF from stdin.
    result = subprocess.run([tool("pdfinfo"), "-"], input=content, capture_output=True, check=True)  # noqa: S603
    return result.stdout.decode()


def pdf_text(content: bytes) -> str:
    """The PDF's text as pdftotext (poppler-utils) extracts it, whitespace collapsed."""
    assert content[:5] == b"%PDF-", content[:200]
    command = [tool("pdftotext"), "-layout", "-", "-"]
    out = subprocess.run(command, input=content, capture_output=True, check=True).stdout  # noqa: S603
    return " ".join(out.decode().split())


def pdf_pages(content: bytes) -> int:
    return int(next(line.split()[-1] for line in pdf_info(content).splitlines() if line.startswith("Pages:")))


@pytest.fixture(autouse=True)
def _needs_poppler():
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")


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
