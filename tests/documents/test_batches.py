"""Batches of review summaries: one job per cycle or unit, each file once, a ZIP, live progress."""

import io
import zipfile

import pytest

from documents.models import DownloadLog, PdfBatch, PdfBatchItem
from documents.services import pdf_batch_create
from documents.tasks import batch_finish_if_complete, render_item
from reviews.models import Review
from tests.cycles.factories import advance

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def launched(org, released):
    review = released("anonymous", 3)
    return review.cycle


def test_hr_generates_every_summary_of_a_cycle_once_and_gets_a_zip(org, web, launched):
    client = web(org.hr_admin)
    response = client.post("/documents/batches/", {"cycle": launched.pk, "copy": "reader"})
    batch = PdfBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/documents/batches/{batch.pk}/"
    reviews = Review.objects.filter(cycle=launched).exclude(state="withdrawn").count()
    assert (batch.total, batch.done, batch.failed, batch.status) == (reviews, reviews, 0, "done")
    items = PdfBatchItem.objects.filter(batch=batch)
    assert items.count() == reviews and set(items.values_list("status", flat=True)) == {"done"}
    assert len(set(items.values_list("file", flat=True))) == reviews

    download = client.get(f"/documents/batches/{batch.pk}/summaries.zip")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    assert len(names) == len(set(names)) == reviews
    employee = next(n for n in names if "Emil-Employee" in n)
    text = pdf_text(archive.read(employee))
    assert "Copy for Hugo Admin" in text and "Pia Peer" in text  # HR's copy: names shown
    assert DownloadLog.objects.filter(kind="batch_zip", user=org.hr_admin.user, object_id=batch.pk).exists()


def test_the_employee_copy_batch_renders_each_review_as_its_employee_sees_it(org, launched):
    batch = pdf_batch_create(by=org.hr_admin.user, cycle=launched, copy=PdfBatch.Copy.EMPLOYEE)
    item = PdfBatchItem.objects.get(batch=batch, review__person=org.employee)
    text = pdf_text(item.file.read())
    assert "Copy for Emil Employee" in text
    assert "Pia Peer" not in text and "Good work" not in text and "Potential" not in text  # below threshold


def test_a_unit_batch_covers_the_unit_and_the_units_under_it(org, launched):
    batch = pdf_batch_create(by=org.hr_admin.user, cycle=launched, unit=org.engineering)
    people = set(PdfBatchItem.objects.filter(batch=batch).values_list("review__person__full_name", flat=True))
    assert people == {"Sam Skip", "Mia Manager", "Emil Employee", "Pia Peer"}


def test_an_hr_partner_batch_holds_only_their_units(org, launched):
    batch = pdf_batch_create(by=org.hr_partner.user, cycle=launched)
    people = set(PdfBatchItem.objects.filter(batch=batch).values_list("review__person__full_name", flat=True))
    assert people == {"Hana Partner", "Sam Skip", "Mia Manager", "Emil Employee", "Pia Peer"}


def test_rendering_an_item_again_changes_nothing(org, launched):
    batch = pdf_batch_create(by=org.hr_admin.user, cycle=launched)
    files = sorted(PdfBatchItem.objects.filter(batch=batch).values_list("file", flat=True))
    assert all(render_item(batch, item.pk) == 0 for item in PdfBatchItem.objects.filter(batch=batch))
    assert batch_finish_if_complete(batch.pk) is False
    batch.refresh_from_db()
    assert batch.done == batch.total and sorted(
        PdfBatchItem.objects.filter(batch=batch).values_list("file", flat=True)) == files


def test_progress_polls_every_second_while_running_and_stops_when_done(org, web, launched):
    client = web(org.hr_admin)
    running = PdfBatch.objects.create(cycle=launched, requested_by=org.hr_admin.user, total=10, done=4)
    fragment = client.get(f"/documents/batches/{running.pk}/progress/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in fragment and 'value="4"' in fragment and "4 of 10" in fragment
    assert "summaries.zip" not in fragment
    page = client.get(f"/documents/batches/{running.pk}/").content.decode()
    assert f'hx-get="/documents/batches/{running.pk}/progress/"' in page and "<script>" not in page
    done = pdf_batch_create(by=org.hr_admin.user, cycle=launched)
    fragment = client.get(f"/documents/batches/{done.pk}/progress/").content.decode()
    assert "hx-trigger" not in fragment and f"/documents/batches/{done.pk}/summaries.zip" in fragment


def test_a_stalled_batch_is_requeued_and_finished_by_its_next_poll(org, web, launched, settings):
    settings.PDF_BATCH_STALE_SECONDS = 1
    batch = pdf_batch_create(by=org.hr_admin.user, cycle=launched)
    # As if a worker died: one item back to pending, the ZIP not written, no progress for a while.
    item = PdfBatchItem.objects.filter(batch=batch).first()
    PdfBatchItem.objects.filter(pk=item.pk).update(status="pending")
    PdfBatch.objects.filter(pk=batch.pk).update(done=batch.done - 1, status="running", zip_file="",
                                                progressed_at="2000-01-01T00:00:00Z")
    web(org.hr_admin).get(f"/documents/batches/{batch.pk}/progress/")
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total) == ("done", batch.total, batch.total) and batch.zip_file


def test_batches_are_for_hr_only_and_each_batch_for_its_requester(org, web, launched):
    for persona in (org.employee, org.manager, org.outsider):
        assert web(persona).get("/documents/batches/").status_code == 404
        assert web(persona).post("/documents/batches/", {"cycle": launched.pk}).status_code == 404
    batch = pdf_batch_create(by=org.hr_admin.user, cycle=launched)
    for url in (f"/documents/batches/{batch.pk}/", f"/documents/batches/{batch.pk}/summaries.zip",
                f"/documents/batches/{batch.pk}/progress/"):
        assert web(org.hr_partner).get(url).status_code == 404
        assert web(org.employee).get(url).status_code == 404
    assert web(org.hr_admin).get("/documents/batches/").status_code == 200
    assert web(org.hr_admin).delete("/documents/batches/").status_code == 405


def test_a_review_the_reader_can_no_longer_see_fails_alone_and_the_batch_still_finishes(org, launched):
    from people.services import role_revoke

    batch = PdfBatch.objects.create(cycle=launched, requested_by=org.hr_partner.user)
    review = Review.objects.get(cycle=launched, person=org.employee)
    PdfBatchItem.objects.create(batch=batch, review=review)
    PdfBatch.objects.filter(pk=batch.pk).update(total=1)
    role_revoke(user=org.hr_partner.user, role="hr_partner", unit=org.engineering)
    from people.roles import forget_roles

    forget_roles(org.hr_partner.user)
    batch = PdfBatch.objects.select_related("requested_by").get(pk=batch.pk)
    assert render_item(batch, PdfBatchItem.objects.get(batch=batch).pk) == 0
    assert batch_finish_if_complete(batch.pk)
    batch.refresh_from_db()
    assert (batch.failed, batch.done, batch.status) == (1, 0, "done")
    assert "Http404" in PdfBatchItem.objects.get(batch=batch).error
    advance(launched, "close", by=org.hr_admin)


def test_a_stalled_batch_is_queued_again_only_while_none_of_its_chunks_wait_in_the_queue(org, launched, settings):
    from django_tasks_db.models import DBTaskResult

    from documents.tasks import batch_recover

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PDF_BATCH_STALE_SECONDS = 1
    batch = pdf_batch_create(by=org.hr_admin.user, cycle=launched)  # queued, no worker runs it here
    assert batch.done == 0 and batch.total > 0
    chunks = DBTaskResult.objects.filter(task_path="documents.tasks.render_chunk")
    assert not chunks.exists()

    def stall():
        PdfBatch.objects.filter(pk=batch.pk).update(progressed_at="2000-01-01T00:00:00Z")
        return PdfBatch.objects.get(pk=batch.pk)

    assert batch_recover(stall()) > 0  # nothing of it queued: its items go back on the queue
    queued = chunks.count()
    assert batch_recover(stall()) == 0 and chunks.count() == queued  # still waiting for a worker: no pile-up
    chunks.update(status="RUNNING")  # picked up, then the worker died
    assert batch_recover(stall()) > 0 and chunks.count() == 2 * queued
