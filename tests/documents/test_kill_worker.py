"""A real ``manage.py db_worker`` killed mid-batch and started again finishes every document exactly once."""

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from documents.models import PdfBatch, PdfBatchItem
from documents.services import pdf_batch_create
from documents.tasks import chunked
from tests.cycles.factories import advance, make_cycle
from tests.factories import build_org

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 30


def start_worker(media: Path) -> subprocess.Popen:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": url, "DATABASE_POOL": "false",
           "MEDIA_ROOT": str(media), "TASKS_BACKEND": "django_tasks_db.DatabaseBackend", "DEBUG": "true",
           "PDF_BATCH_STALE_SECONDS": "2"}
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload",
         "--verbosity", "0"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def wait_for(predicate, timeout: float, worker: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        assert worker.poll() is None, worker.stderr.read().decode()[-3000:]
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_and_restarted_writes_each_file_once(org, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**django_settings.STORAGES,
                         "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    build_org(PEOPLE, unit=org.platform, top=org.manager)
    cycle = advance(make_cycle(by=org.hr_admin, units=[org.acme]), "launch", by=org.hr_admin)
    batch = pdf_batch_create(by=org.hr_admin.user, cycle=cycle)
    assert batch.total > PEOPLE and batch.done == 0

    def done() -> int:
        return PdfBatch.objects.get(pk=batch.pk).done

    worker = start_worker(tmp_path)
    try:
        # Kill mid-chunk: with one worker taking chunks in turn, a count short of a multiple of the chunk size by
        # two or more means the chunk being rendered still has at least two items to go.
        size = len(chunked(list(range(batch.total)))[0])
        wait_for(lambda: (d := done()) > size and 0 < d % size < size - 1, 120, worker)
        worker.send_signal(signal.SIGKILL)  # no clean shutdown: the chunk it was rendering stays RUNNING
        worker.wait(10)
        killed_at = done()
        assert killed_at < batch.total
        # The chunk the worker was rendering stays RUNNING: django-tasks-db never hands it out again, so
        # finishing depends on the watchdog re-queueing its items.
        assert DBTaskResult.objects.filter(status="RUNNING", task_path="documents.tasks.render_chunk").exists()
        worker = start_worker(tmp_path)
        wait_for(lambda: PdfBatch.objects.get(pk=batch.pk).status == PdfBatch.Status.DONE, 180, worker)
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(10)
            except subprocess.TimeoutExpired:
                worker.kill()
    batch.refresh_from_db()
    assert (batch.done, batch.failed) == (batch.total, 0)
    items = PdfBatchItem.objects.filter(batch=batch)
    assert set(items.values_list("status", flat=True)) == {"done"}
    files = sorted(p.name for p in (tmp_path / "pdf-batches" / str(batch.pk)).glob("*.pdf"))
    assert len(files) == batch.total  # one file per review, none left over from the killed worker
    assert sorted(Path(f).name for f in items.values_list("file", flat=True)) == files
    with zipfile.ZipFile(io.BytesIO((tmp_path / batch.zip_file.name).read_bytes())) as archive:
        assert sorted(archive.namelist()) == files
