"""Row counts and checksums of every table of a seeded SQLite database, timestamps and secrets left out.

    DATABASE_URL=sqlite:////tmp/a.sqlite3 python manage.py migrate && … seed_demo --employees 200 --seed 7
    python bench/seed_checksums.py /tmp/a.sqlite3 > a.txt      # the same for b, then: diff a.txt b.txt

How to show that a change to the demo seeding keeps the data of a given seed: seed the same size and seed
with the code before and after into two files and compare. Left out: columns whose values differ between two
runs by design — times of the run (``*_at``, ``at``, ``run_after``, ``date_joined``, ``last_login``), password
hashes (a fresh salt each run), API token and session keys, queued tasks' UUIDs — and Django's own bookkeeping.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys

SKIP_TABLES = {"django_migrations", "django_session", "sqlite_sequence", "django_content_type", "auth_permission"}
SKIP_COLUMNS = {"password", "key", "session_key", "date_joined", "last_login", "expire_date", "at", "run_after"}
# Random by design: a queued task's id is a fresh UUID.
SKIP_TABLE_COLUMNS = {"django_tasks_database_dbtaskresult": {"id"}}


def checksums(path: str) -> list[str]:
    db = sqlite3.connect(path)
    tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
              if t not in SKIP_TABLES]
    lines = []
    for table in tables:
        columns = [c[1] for c in db.execute(f'PRAGMA table_info("{table}")')]  # noqa: S608 - names from the schema
        skip = SKIP_COLUMNS | SKIP_TABLE_COLUMNS.get(table, set())
        kept = [c for c in columns if c not in skip and not c.endswith("_at")]
        names = ", ".join(f'"{c}"' for c in kept)
        rows = sorted(repr(row) for row in db.execute(f'SELECT {names} FROM "{table}"'))  # noqa: S608
        digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]
        lines.append(f"{table}\t{len(rows)}\t{digest}")
    return lines


if __name__ == "__main__":
    print("\n".join(checksums(sys.argv[1])))
