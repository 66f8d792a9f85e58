"""One size of the benchmark, run in its own process against its own database.

    DATABASE_URL=postgres://…/perfcycle_bench_100 python -m bench.measure --employees 100 --out /tmp/100.json
    DATABASE_URL=postgres://…/perfcycle_bench_import python -m bench.measure --import-rows 10000 --out /tmp/i.json
    DATABASE_URL=postgres://…/perfcycle_bench_10000 python -m bench.measure --employees 10000 \
        --only "HR dashboard,calibration page" --out /tmp/some.json    # these figures only (no launch, no PDF)

Seeds the reference organisation (``seed_demo``: the org chart, OKRs with weekly check-ins, a review
cycle in progress) when the database is empty, then times every target of ``bench.pages`` through the
whole middleware stack (Django's test client), counts its queries, times the cycle launch against a plain
bulk insert, and the PDF summary against a minimal weasyprint document.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DATABASE_POOL"] = "false"
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.urls"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def timing(samples: list[float]) -> dict:
    return {"p50_ms": round(statistics.median(samples) * 1000, 2), "p95_ms": round(percentile(samples, 0.95) * 1000, 2),
            "n": len(samples)}


def seed(employees: int, seed_value: int) -> float:
    from django.core.management import call_command

    from people.models import Person

    if Person.objects.exists():
        return 0.0
    started = time.perf_counter()
    call_command("seed_demo", employees=employees, seed=seed_value, verbosity=0)
    analyze()
    return time.perf_counter() - started


def analyze() -> None:
    """Fresh planner statistics, as autovacuum keeps them on a live database: measured straight after a bulk
    load, the planner would still believe the tables empty and pick plans no deployment would run."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def build_ctx():
    from django.db.models import Count

    from okrs.models import KeyResult
    from people.models import Person, Unit
    from reviews.models import Review

    from .pages import Ctx

    def person(email: str) -> Person:
        return Person.objects.select_related("user").get(user__email=email)

    employee, manager, hr = person("employee@example.com"), person("manager@example.com"), person("hr@example.com")
    # The unit page of the company's largest division: the one that grows with the organisation.
    division = (Unit.objects.filter(depth=1).annotate(n=Count("objectives")).order_by("-n", "pk").first())
    review = Review.objects.filter(person=employee).order_by("-pk").first()
    drafting = (Review.objects.filter(state="self_review", person__state="active")
                .select_related("person__user").order_by("pk").first())
    kr = KeyResult.objects.filter(objective__owner=employee, objective__state="active").order_by("pk").first()
    flip = Person.objects.filter(state="active", reports__isnull=True).exclude(
        pk__in=[employee.pk, manager.pk, hr.pk]).order_by("-pk").first()
    ctx = Ctx(employee=employee, manager=manager, hr=hr, unit_id=division.pk if division else None,
              review_id=review.pk if review else None, cycle_id=review.cycle_id if review else None,
              key_result_id=kr.pk if kr else None, transition_person_id=flip.pk if flip else None)
    return ctx, drafting


def client_for(person):
    from django.test import Client

    client = Client()
    client.force_login(person.user)
    return client


def send(client, request):
    method, path, body = request
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, data=json.dumps(body), content_type="application/json")


def measure_target(target, ctx, clients, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = target.request(ctx, 0)
    if first is None:
        return {"missing": True}
    client = clients[target.persona]
    warm = 3
    samples, queries, status = [], None, None
    for i in range(warm + repeat):
        request = target.request(ctx, i)
        if i == warm:
            with CaptureQueriesContext(connection) as captured:
                response = send(client, request)
            queries = len(captured.captured_queries)
            status = response.status_code
            continue
        started = time.perf_counter()
        response = send(client, request)
        elapsed = time.perf_counter() - started
        if response.status_code >= 400:
            return {"error": f"{request[0].upper()} {request[1]} answered {response.status_code}: "
                             f"{response.content[:300].decode(errors='replace')}"}
        if i > warm:
            samples.append(elapsed)
    return {"queries": queries, "status": status, **timing(samples)}


def measure_pages(ctx, drafting, repeat: int, only: set[str] | None = None) -> dict:
    from .pages import READS, WRITES

    def chosen(targets):
        return [t for t in targets if only is None or t.name in only]

    clients = {"employee": client_for(ctx.employee), "manager": client_for(ctx.manager), "hr": client_for(ctx.hr)}
    if drafting is not None:
        from reviews.selectors import review_questions

        clients["drafter"] = client_for(drafting.person)
        ctx.draft_review_id = drafting.pk
        ctx.self_answers = [{"question": q["id"], "rating": None, "text": "Draft text " * 20}
                            for q in review_questions(drafting, authors=("self",)) if q["kind"] == "text"]
    return {
        "reads": {t.name: measure_target(t, ctx, clients, repeat) for t in chosen(READS)},
        "writes": {t.name: measure_target(t, ctx, clients, repeat) for t in chosen(WRITES)},
    }


def measure_launch(employees: int, seed_value: int) -> dict:
    from .launch import measure_launch as launch

    return launch(employees=employees, seed=seed_value)


def measure_pdf(repeat: int) -> dict:
    try:
        from . import pdf
    except ImportError:
        return {"missing": True}
    return pdf.measure(repeat=repeat)


def measure_import(rows: int, seed_value: int) -> dict:
    from django.core.management import call_command

    from .make_org_csv import org_rows

    data = org_rows(rows, seed=seed_value)
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", delete=False, encoding="utf-8") as handle:
        import csv

        writer = csv.writer(handle)
        writer.writerow(["email", "full_name", "title", "unit_path", "manager_email", "hire_date"])
        writer.writerows(data)
        path = handle.name
    try:
        started = time.perf_counter()
        call_command("import_org", path, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        first = time.perf_counter() - started
        started = time.perf_counter()
        call_command("import_org", path, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        again = time.perf_counter() - started
    finally:
        os.unlink(path)
    return {"rows": rows, "seconds": round(first, 3), "reimport_seconds": round(again, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description="one size of the Perfcycle benchmark")
    parser.add_argument("--employees", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--import-rows", type=int, default=0, help="measure only an import of this many rows")
    parser.add_argument("--only", default="", help="comma-separated figure names: measure these pages only")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    setup()
    from .launch import ensure_database

    ensure_database()
    result: dict = {}
    if args.import_rows:
        result["import"] = measure_import(args.import_rows, args.seed)
    else:
        result["seed_seconds"] = round(seed(args.employees, args.seed), 2)
        from people.models import Person, Unit

        result["people"] = Person.objects.count()
        result["units"] = Unit.objects.count()
        ctx, drafting = build_ctx()
        only = {name.strip() for name in args.only.split(",") if name.strip()} or None
        result.update(measure_pages(ctx, drafting, args.repeat, only))
        if only is None:
            result["launch"] = measure_launch(args.employees, args.seed)
            result["pdf"] = measure_pdf(args.repeat)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    Path(args.out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
