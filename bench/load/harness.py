"""What ``run.py`` and ``faults.py`` share: the load database, locust runs, the timeline and the machine's load."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from .postgres import Cluster
from .stack import ROOT, Stack, service_env

DATABASE = "perfcycle_load"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def setup_django(database_url: str, port: int, work: Path) -> None:
    """This process talks to the load database as the stack does (same secret key: sessions it writes are valid)."""
    os.environ.update(service_env(database_url, port, work, DATABASE_POOL="false"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_database(cluster: Cluster, employees: int, *, fresh: bool) -> dict:
    """The load database migrated and seeded with ``seed_demo --employees N`` (once; again with ``fresh``)."""
    import psycopg

    with psycopg.connect(cluster.url("postgres"), autocommit=True) as admin:
        if fresh:
            admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            admin.execute(f'CREATE DATABASE "{DATABASE}"')
    from django.core.management import call_command
    from django.db import connection

    from people.models import Person

    call_command("migrate", verbosity=0)
    seeded = 0.0
    if not Person.objects.exists():
        started = time.perf_counter()
        call_command("seed_demo", employees=employees, seed=1, verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would on a live database
        seeded = time.perf_counter() - started
    return {"people": Person.objects.count(), "seed_seconds": round(seeded, 1)}


class Supervisor(threading.Thread):
    """Restarts a worker that exited, two seconds later — what systemd's ``Restart=always`` does in production
    (``deploy/systemd/perfcycle-worker@.service``): django-tasks-db's worker exits when the database is away."""

    def __init__(self, stack: Stack):
        super().__init__(daemon=True)
        self.stack, self.restarts, self.running = stack, 0, True

    def run(self) -> None:
        while self.running:
            time.sleep(1)
            for proc in list(self.stack.worker_procs):
                if proc.poll() is not None and self.running:
                    self.stack.worker_procs.remove(proc)
                    time.sleep(2)
                    self.stack.start_worker()
                    self.restarts += 1


class Sampler(threading.Thread):
    """The machine while a phase runs: load average, and how much of the CPU went to our processes (the stack,
    PostgreSQL, locust) and to everything else on the machine (other people's work)."""

    def __init__(self, ours: list[int]):
        super().__init__(daemon=True)
        self.ours, self.loads, self.running = ours, [], True
        self.start_time = time.monotonic()
        self.cpu0 = psutil.cpu_times()
        self.own0 = self._own()

    def _own(self) -> float:
        total = 0.0
        for pid in self.ours:
            try:
                root = psutil.Process(pid)
                for proc in [root, *root.children(recursive=True)]:
                    times = proc.cpu_times()
                    total += times.user + times.system + times.children_user + times.children_system
            except psutil.Error:
                continue
        return total

    def run(self) -> None:
        while self.running:
            self.loads.append(os.getloadavg()[0])
            time.sleep(5)

    def stop(self) -> dict:
        self.running = False
        elapsed = time.monotonic() - self.start_time
        cpu1 = psutil.cpu_times()
        busy = sum(getattr(cpu1, f) - getattr(self.cpu0, f) for f in ("user", "nice", "system", "irq", "softirq"))
        own = self._own() - self.own0
        cores = psutil.cpu_count() or 1
        return {"seconds": round(elapsed, 1), "load_avg_mean": round(statistics.mean(self.loads or [0]), 2),
                "load_avg_max": round(max(self.loads or [0]), 2), "cores": cores,
                "machine_busy_pct": round(100 * busy / (elapsed * cores), 1),
                "ours_pct": round(100 * own / (elapsed * cores), 1),
                "others_pct": round(100 * max(0.0, busy - own) / (elapsed * cores), 1)}


def postmaster_pid(cluster: Cluster) -> int | None:
    try:
        return int((cluster.data / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def run_locust(*, port: int, work: Path, phase: str, users: int, think: str, seconds: int,
               spawn_rate: float) -> subprocess.Popen:
    """Start a headless locust run (returns at once); its requests go to ``requests-<phase>.jsonl``."""
    env = {**os.environ, "LOAD_WORK": str(work), "LOAD_USERS": str(users), "LOAD_THINK": think, "LOAD_PHASE": phase}
    command = [str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench/load/locustfile.py"),
               "--headless", "--host", f"http://127.0.0.1:{port}", "--users", str(users),
               "--spawn-rate", str(spawn_rate), "--run-time", f"{seconds}s", "--stop-timeout", "65",
               "--only-summary", "--loglevel", "WARNING", "--csv", str(work / phase)]
    log = open(work / f"locust-{phase}.log", "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def read_requests(work: Path, phase: str) -> list[dict]:
    path = work / f"requests-{phase}.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def per_kind(rows: list[dict]) -> dict[str, dict]:
    kinds: dict[str, dict] = {}
    for name in sorted({r["name"] for r in rows}):
        mine = [r for r in rows if r["name"] == name]
        ok = [r["ms"] for r in mine if 200 <= r["status"] < 300]
        statuses: dict[str, int] = {}
        for r in mine:
            statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
        kinds[name] = {"requests": len(mine), "errors": len(mine) - len(ok), "statuses": statuses,
                       "p50_ms": round(percentile(ok, 0.5), 1), "p95_ms": round(percentile(ok, 0.95), 1)}
    return kinds
