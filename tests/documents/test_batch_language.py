"""Each PDF of a batch is in the language of the one who reads it: HR's own copies in HR's language, each
employee's copy in that employee's stored language (else the site's, as their emails)."""

import pytest

from documents.models import PdfBatch, PdfBatchItem
from documents.services import pdf_batch_create

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

COPY_FOR = {"en": "Copy for", "ru": "Экземпляр для", "zh-hans": "副本接收人"}


@pytest.fixture
def launched(org, released):
    for person, locale in ((org.employee, "ru"), (org.peer, "zh-hans"), (org.hr_admin, "en")):
        person.locale = locale
        person.save(update_fields=["locale"])
    return released("named", 1).cycle


def _language_of(item: PdfBatchItem) -> str:
    text = pdf_text(item.file.read())
    found = [code for code, words in COPY_FOR.items() if words in text]
    assert len(found) == 1, text[:300]
    return found[0]


def test_an_employee_copy_is_in_each_employees_language(org, launched):
    batch = pdf_batch_create(by=org.hr_admin.user, cycle=launched, copy=PdfBatch.Copy.EMPLOYEE, language="en")
    items = PdfBatchItem.objects.filter(batch=batch).select_related("review__person")
    languages = {item.review.person_id: _language_of(item) for item in items}
    assert languages[org.employee.pk] == "ru"
    assert languages[org.peer.pk] == "zh-hans"
    assert languages[org.manager.pk] == "en"  # no language chosen: the site's


def test_hrs_own_copies_are_all_in_the_language_hr_asked_in(org, launched):
    batch = pdf_batch_create(by=org.hr_admin.user, cycle=launched, copy=PdfBatch.Copy.READER, language="ru")
    assert {_language_of(item) for item in PdfBatchItem.objects.filter(batch=batch)} == {"ru"}


def test_a_batch_started_from_the_page_takes_hrs_stored_language_not_the_browsers(org, web, launched):
    org.hr_admin.locale = "zh-hans"
    org.hr_admin.save(update_fields=["locale"])
    web(org.hr_admin).post("/documents/batches/", {"cycle": launched.pk, "copy": "reader"},
                           headers={"accept-language": "ru"})
    batch = PdfBatch.objects.get()
    assert batch.language == "zh-hans"
    assert {_language_of(item) for item in PdfBatchItem.objects.filter(batch=batch)} == {"zh-hans"}
