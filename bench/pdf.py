"""Time the review summary PDF, and a batch of summaries spread over real ``db_worker`` processes.

    # one summary: median of N renders after warm-up (the harness calls ``measure``)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perfcycle_pdf .venv/bin/python bench/pdf.py --repeat 40
    # a batch of 1,000 summaries with two workers (the database needs ≥ 1,000 reviews: seed_demo --employees 1100)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perfcycle_pdf_batch \
        .venv/bin/python bench/pdf.py --batch 1000 --workers 2

``measure`` renders the demo employee's review as HR admin through the whole path a download takes
(``review_detail`` → ``review_parts`` → template → weasyprint), with the self-review and manager review
filled in so the document runs to two pages; the filling happens in a transaction that is rolled back.
The floor is a one-line document through the same renderer (weasyprint's fixed cost).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PARAGRAPH = (
    "Led the migration of the payments service to the new platform, coordinated three teams and kept the "
    "release on schedule; documented the runbooks and trained the on-call rotation. Next quarter: reduce "
    "incident response time and mentor two new engineers."
)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _fill(review) -> None:
    """Answer every self and manager question of the review (in memory of the open transaction only)."""
    from reviews.models import Review
    from reviews.selectors import review_questions

    def answers(author: str) -> list[dict]:
        rows = []
        for q in review_questions(review, authors=(author,)):
            rating = q["scale"][-1]["value"] if q["scale"] else None
            rows.append({"question": q["id"], "goal": q["goal"], "development_goal": q["development_goal"],
                         "rating": rating, "text": PARAGRAPH})
        return rows

    Review.objects.filter(pk=review.pk).update(
        self_answers=answers("self"), manager_answers=answers("manager"), preliminary_rating=3,
        calibration_reason="Consistent delivery across the half-year; agreed in the unit calibration.",
    )


def measure(repeat: int = 30, warmup: int = 3) -> dict:
    """Median and p95 milliseconds of one two-page summary download's work, after ``warmup`` renders."""
    from django.db import transaction
    from weasyprint import HTML

    from common.pdf import _resources
    from documents.summaries import review_summary_for
    from people.models import Person
    from reviews.models import Review

    hr = Person.objects.select_related("user").get(user__email="hr@example.com").user
    employee = Person.objects.get(user__email="employee@example.com")
    review = Review.objects.filter(person=employee).order_by("-pk").first()
    if review is None:
        return {"missing": True, "reason": "no review of employee@example.com"}
    samples: list[float] = []
    cpu: list[float] = []
    with transaction.atomic():
        _fill(review)
        content = b""
        for i in range(warmup + repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            _, content = review_summary_for(hr, review.pk, language="en")
            if i >= warmup:
                samples.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
        transaction.set_rollback(True)
    pages = _pages(content)
    shared = _resources()
    floor: list[float] = []
    for i in range(warmup + repeat):
        started = time.perf_counter()
        HTML(string="<p>Perfcycle</p>").write_pdf(stylesheets=[shared["css"]], font_config=shared["font_config"])
        if i >= warmup:
            floor.append(time.perf_counter() - started)
    return {
        "median_ms": round(statistics.median(samples) * 1000, 1), "p95_ms": round(_percentile(samples, 0.95) * 1000, 1),
        # CPU time of this process alone: the figure to read when other work shares the machine.
        "cpu_median_ms": round(statistics.median(cpu) * 1000, 1), "load_average": os.getloadavg()[0],
        "n": len(samples), "pages": pages, "bytes": len(content),
        "floor_median_ms": round(statistics.median(floor) * 1000, 1),
    }


def _pages(content: bytes) -> int | None:
    try:
        command = [shutil.which("pdfinfo") or "pdfinfo", "-"]
        out = subprocess.run(command, input=content, capture_output=True, check=True).stdout.decode()  # noqa: S603
    except (OSError, subprocess.CalledProcessError):
        return None
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a live process has used so far (Linux ``/proc``)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _forget_unfinished_batches() -> None:
    """Delete the batches of the scratch database that an earlier, interrupted run left unfinished, and the
    tasks still queued for them: otherwise the next run's workers would first finish (or re-queue) those."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from documents.models import PdfBatch

    unfinished = list(PdfBatch.objects.exclude(status=PdfBatch.Status.DONE).values_list("pk", flat=True))
    for batch_id in unfinished:
        DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path__startswith="documents.tasks.",
                                    args_kwargs__args__0=batch_id).delete()
    PdfBatch.objects.filter(pk__in=unfinished).delete()


def measure_batch(count: int = 1000, workers: int = 2, timeout: float = 900) -> dict:
    """Seconds for ``count`` summaries of the demo cycle with ``workers`` db_worker processes, and the
    progress counter as the page's poll would have seen it (sampled every half second).

    Other work shares the machine, so the wall time says little alone: ``worker_cpu_seconds`` is the CPU
    time each worker used (read just before it is stopped), and ``cpu_ms_per_document`` their sum per
    document, start-up included."""
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from cycles.models import ReviewCycle
    from documents.models import PdfBatch, PdfBatchItem
    from documents.services import pdf_batch_create
    from people.models import Person

    _forget_unfinished_batches()
    hr = Person.objects.select_related("user").get(user__email="hr@example.com").user
    cycle = ReviewCycle.objects.order_by("-pk").first()
    media = Path(tempfile.mkdtemp(prefix="perfcycle-pdf-batch-"))
    batch = pdf_batch_create(by=hr, cycle=cycle)
    if batch.total < count:
        raise SystemExit(f"the cycle has {batch.total} reviews, fewer than {count}: seed more employees")
    # No worker runs yet, so the chunks are not cut: keep the first ``count`` items.
    keep = list(PdfBatchItem.objects.filter(batch=batch).order_by("pk").values_list("pk", flat=True)[:count])
    PdfBatchItem.objects.filter(batch=batch).exclude(pk__in=keep).delete()
    PdfBatch.objects.filter(pk=batch.pk).update(total=count)
    db = connection.settings_dict
    env = {**os.environ, "DATABASE_POOL": "false", "MEDIA_ROOT": str(media), "DEBUG": "false",
           "SECURE_SSL_REDIRECT": "false"}
    started = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay",
                               "--no-reload", "--verbosity", "0"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
             for _ in range(workers)]
    progress: list[tuple[float, int]] = []
    try:
        while time.perf_counter() - started < timeout:
            row = PdfBatch.objects.filter(pk=batch.pk).values("done", "failed", "status").get()
            progress.append((round(time.perf_counter() - started, 1), row["done"]))
            if row["status"] == PdfBatch.Status.DONE:
                break
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        cpu = [_cpu_seconds(proc.pid) for proc in procs]
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
    batch.refresh_from_db()
    if not batch.finished:  # cut short by the timeout: leave nothing for the next run's workers to pick up
        _forget_unfinished_batches()
    # How the chunks spread over the workers (each task row keeps the ids of the workers that ran it).
    per_worker: dict[str, int] = {}
    for args_kwargs, worker_ids in DBTaskResult.objects.filter(
            task_path="documents.tasks.render_chunk").values_list("args_kwargs", "worker_ids"):
        if args_kwargs.get("args", [None])[0] == batch.pk and worker_ids:
            per_worker[worker_ids[-1]] = per_worker.get(worker_ids[-1], 0) + 1
    zip_bytes = (media / batch.zip_file.name).stat().st_size if batch.zip_file else 0
    distinct_steps = len({done for _, done in progress})
    return {
        "documents": count, "workers": workers, "seconds": round(seconds, 1), "done": batch.done,
        "failed": batch.failed, "status": batch.status, "zip_bytes": zip_bytes,
        "load_average": os.getloadavg()[0],
        "worker_cpu_seconds": [round(c, 1) for c in cpu], "cpu_ms_per_document": round(sum(cpu) / count * 1000, 1),
        "chunks_per_worker": sorted(per_worker.values(), reverse=True),
        "progress_samples": len(progress), "progress_distinct_values": distinct_steps,
        "progress_first": progress[:4], "progress_last": progress[-3:], "database": db["NAME"],
        "media": str(media),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--batch", type=int, default=0, help="render this many summaries with db_worker processes")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DATABASE_POOL"] = "false"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # the scratch database follows the code's migrations
    result = measure_batch(args.batch, args.workers) if args.batch else measure(repeat=args.repeat)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
