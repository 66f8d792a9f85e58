"""Time launching a review cycle for a large organisation on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perfcycle_cycles_bench \
        .venv/bin/python bench/launch.py --employees 10000 --seed 1

Builds the demo organisation once in that (scratch) database (``people.demo.seed_org``), then launches a
fresh cycle for the whole company through the transition runner — as HR does over the API — and, in the
same run, times a plain bulk insert of the same review rows for comparison (the budget: launch ≤ 5 s and
≤ 3× the plain insert). Prints one JSON object; ``measure_launch`` is importable by the benchmark harness.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DATABASE_POOL", "false")
    import django

    django.setup()


def ensure_database() -> None:
    """Create the scratch database named by DATABASE_URL when it does not exist, then migrate it."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit("bench/launch.py measures PostgreSQL: set DATABASE_URL to a scratch database")
    import psycopg

    params = {"host": db.get("HOST") or None, "port": db.get("PORT") or None, "user": db.get("USER") or None,
              "password": db.get("PASSWORD") or None, "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{db["NAME"]}"')
    connection.close()
    call_command("migrate", verbosity=0)


def measure_launch(*, employees: int = 10_000, seed: int = 1) -> dict:
    """Launch a cycle over the whole demo company; answers seconds for the launch and for a plain insert."""
    from cycles.models import ReviewCycle
    from cycles.services import cycle_create
    from okrs.models import Period
    from people.demo import seed_org
    from people.models import Person, Unit
    from reviews.models import Review
    from workflows.runner import run_transition

    if not Person.objects.exists():
        started = time.perf_counter()
        seed_org(employees=employees, seed=seed)
        print(f"seeded {employees} people in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    company = Unit.objects.get(parent__isnull=True)
    hr = Person.objects.select_related("user").get(user__email="hr@example.com")
    # Earlier runs' cycles go first, so every run inserts into the same table size.
    _forget(ReviewCycle.objects.filter(name__startswith="Bench "))
    cycle = cycle_create(by=hr.user, name="Bench launch", periods=list(Period.objects.all()[:1]),
                         participant_units=[company])
    started = time.perf_counter()
    run_transition(cycle, "launch", by=hr.user)
    launch = time.perf_counter() - started
    reviews = Review.objects.filter(cycle=cycle).count()
    # A phase move carries every review along: one UPDATE per source state and one log row per review.
    started = time.perf_counter()
    run_transition(cycle, "open_self_review", by=hr.user)
    phase_move = time.perf_counter() - started

    plain_cycle = cycle_create(by=hr.user, name="Bench plain insert", participant_units=[company])
    rows = list(Person.objects.filter(state="active").values_list("pk", "manager_id", "unit_id"))
    started = time.perf_counter()
    Review.objects.bulk_create(
        [Review(cycle=plain_cycle, person_id=pk, manager_id=m, unit_id=u) for pk, m, u in rows], batch_size=5000
    )
    plain = time.perf_counter() - started
    _forget(ReviewCycle.objects.filter(name__startswith="Bench "))
    return {"employees": Person.objects.count(), "reviews": reviews, "launch_seconds": round(launch, 3),
            "open_self_review_seconds": round(phase_move, 3),
            "plain_insert_seconds": round(plain, 3), "ratio": round(launch / plain, 2) if plain else None,
            "budget_seconds": 5.0, "within_budget": launch <= 5.0 and (not plain or launch <= 3 * plain)}


def _forget(cycles) -> None:
    """Delete bench cycles with their reviews and the reviews' log rows."""
    from reviews.models import Review
    from workflows.services import transition_logs_delete

    ids = list(Review.objects.filter(cycle__in=cycles).values_list("pk", flat=True))
    transition_logs_delete(model=Review, object_ids=ids)
    cycles.delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    _setup()
    ensure_database()
    print(json.dumps(measure_launch(employees=args.employees, seed=args.seed)))


if __name__ == "__main__":
    main()
