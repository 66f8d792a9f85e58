"""``manage.py bench``: the reference organisation at two sizes, every budget checked, results written.

Each size runs in its own process against its own PostgreSQL database (created fresh), so the figures of
one never warm the caches of the other; the import runs in a third. Exit 1 names every missed budget.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.management.base import BaseCommand, CommandError

BENCH_DIR = Path(__file__).resolve().parents[2]
ROOT = BENCH_DIR.parent

BUDGET = {
    "launch_seconds": 5.0,
    "launch_vs_floor": 3.0,
    "queries": 20,
    "p95_growth": 1.5,
    "pdf_median_ms": 200.0,
    "import_seconds": 10.0,
    "run_seconds": 600.0,
    "rss_mb": 2048.0,
}


def bench_url(base: str, suffix: str) -> str:
    """The bench database beside the one named: …/perfcycle → …/perfcycle_bench_<suffix>."""
    parts = urlsplit(base)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise CommandError("the benchmark measures PostgreSQL: pass --database-url postgres://…")
    name = parts.path.lstrip("/") or "perfcycle"
    return urlunsplit(parts._replace(path=f"/{name}_bench_{suffix}"))


def drop_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Command(BaseCommand):
    help = "Benchmark 100 and 10,000 people on PostgreSQL; write bench/results.json; exit 1 on a missed budget."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=10_000, help="the large size (default 10,000)")
        parser.add_argument("--small", type=int, default=100, help="the small size (default 100)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--repeat", type=int, default=40, help="timed requests per figure and size")
        parser.add_argument("--import-rows", type=int, default=10_000)
        parser.add_argument("--database-url", default=os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/perfcycle"))
        parser.add_argument("--reuse", action="store_true", help="keep already seeded bench databases")
        parser.add_argument("--out", default=str(BENCH_DIR / "results.json"))

    def handle(self, *args, employees, small, seed, repeat, import_rows, database_url: str, reuse, out, **options):
        started = time.perf_counter()
        results: dict = {"sizes": {"small": small, "large": employees}, "budget": BUDGET}
        for label, size in (("small", small), ("large", employees)):
            results[label] = self.run_size(
                bench_url(database_url, str(size)),
                ["--employees", str(size), "--seed", str(seed), "--repeat", str(repeat)],
                fresh=not reuse, label=f"{size} people",
            )
        results["import"] = self.run_size(bench_url(database_url, "import"),
                                          ["--import-rows", str(import_rows), "--seed", str(seed)],
                                          fresh=True, label=f"import of {import_rows} rows")["import"]
        results["run_seconds"] = round(time.perf_counter() - started, 1)
        results["peak_rss_mb"] = round(max(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        ), 1)
        failures = check(results)
        results["failures"] = failures
        Path(out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        self.stdout.write(table(results))
        if failures:
            for failure in failures:
                self.stderr.write(f"MISSED: {failure}")
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS(f"every budget met; results in {out}"))

    def run_size(self, url: str, argv: list[str], *, fresh: bool, label: str) -> dict:
        if fresh:
            drop_database(url)
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "false"}
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            out = handle.name
        self.stderr.write(f"measuring {label} …")
        t0 = time.perf_counter()
        command = [sys.executable, "-m", "bench.measure", *argv, "--out", out]
        proc = subprocess.run(command, cwd=ROOT, env=env, check=False)  # noqa: S603 - our own interpreter and module
        if proc.returncode != 0:
            raise CommandError(f"the {label} run failed (exit {proc.returncode})")
        self.stderr.write(f"  done in {time.perf_counter() - t0:.0f} s")
        data = json.loads(Path(out).read_text())
        os.unlink(out)
        return data


def _figures(results: dict, section: str):
    small, large = results["small"].get(section, {}), results["large"].get(section, {})
    for name in large.keys() | small.keys():
        yield name, small.get(name, {"missing": True}), large.get(name, {"missing": True})


def check(results: dict) -> list[str]:
    failures: list[str] = []
    for section in ("reads", "writes"):
        for name, small, large in _figures(results, section):
            if name.startswith("floor"):
                continue
            for size, figure in (("small", small), ("large", large)):
                if figure.get("missing"):
                    failures.append(f"{name}: not measured at the {size} size (page or data missing)")
                elif figure.get("error"):
                    failures.append(f"{name}: {figure['error']}")
            if any(f.get("missing") or f.get("error") for f in (small, large)):
                continue
            if small["queries"] != large["queries"]:
                failures.append(
                    f"{name}: {small['queries']} queries at the small size, {large['queries']} at the large"
                )
            # The ≤ 20 budget is for pages and lists; a write's count must only not grow with the organisation.
            if section == "reads" and large["queries"] > BUDGET["queries"]:
                failures.append(f"{name}: {large['queries']} queries > {BUDGET['queries']}")
            if large["p95_ms"] > BUDGET["p95_growth"] * small["p95_ms"]:
                failures.append(f"{name}: p95 {large['p95_ms']} ms at the large size > "
                                f"{BUDGET['p95_growth']} × {small['p95_ms']} ms at the small")
    launch = results["large"].get("launch", {})
    if not launch or launch.get("missing"):
        failures.append("cycle launch: not measured")
    else:
        if launch["launch_seconds"] > BUDGET["launch_seconds"]:
            failures.append(f"cycle launch: {launch['launch_seconds']} s > {BUDGET['launch_seconds']} s")
        if launch["launch_seconds"] > BUDGET["launch_vs_floor"] * launch["plain_insert_seconds"]:
            failures.append(f"cycle launch: {launch['launch_seconds']} s > {BUDGET['launch_vs_floor']} × the plain "
                            f"insert's {launch['plain_insert_seconds']} s")
    pdf = results["large"].get("pdf", {})
    if not pdf or pdf.get("missing"):
        failures.append("PDF summary: not measured")
    elif pdf["median_ms"] > BUDGET["pdf_median_ms"]:
        failures.append(f"PDF summary: median {pdf['median_ms']} ms > {BUDGET['pdf_median_ms']} ms")
    imported = results.get("import", {})
    if imported.get("seconds", float("inf")) > BUDGET["import_seconds"]:
        failures.append(f"import: {imported.get('seconds')} s > {BUDGET['import_seconds']} s")
    if results["run_seconds"] > BUDGET["run_seconds"]:
        failures.append(f"whole run: {results['run_seconds']} s > {BUDGET['run_seconds']} s")
    if results["peak_rss_mb"] > BUDGET["rss_mb"]:
        failures.append(f"peak memory: {results['peak_rss_mb']} MB > {BUDGET['rss_mb']} MB")
    return failures


def table(results: dict) -> str:
    small_n, large_n = results["sizes"]["small"], results["sizes"]["large"]
    sizes = f"{small_n} / {large_n}"
    lines = [f"| figure | queries {sizes} | p50 ms {sizes} | p95 ms {sizes} |", "|---|---|---|---|"]
    for section in ("reads", "writes"):
        figures = sorted(_figures(results, section), key=lambda f: (not f[0].startswith("floor"), f[0]))
        for name, small, large in figures:
            if small.get("missing") or large.get("missing") or small.get("error") or large.get("error"):
                lines.append(f"| {name} | missing | | |")
                continue
            lines.append(f"| {name} | {small['queries']} / {large['queries']} | {small['p50_ms']} / {large['p50_ms']} "
                         f"| {small['p95_ms']} / {large['p95_ms']} |")
    launch = results["large"].get("launch", {})
    if launch and not launch.get("missing"):
        lines.append(f"| cycle launch, {launch['reviews']} reviews (floor: plain insert) | | "
                     f"{launch['launch_seconds'] * 1000:.0f} (floor {launch['plain_insert_seconds'] * 1000:.0f}) | |")
    pdf = results["large"].get("pdf", {})
    if pdf and not pdf.get("missing"):
        lines.append(f"| PDF summary (floor: minimal weasyprint page) | | {pdf['median_ms']} "
                     f"(floor {pdf.get('floor_median_ms')}) | |")
    imported = results.get("import", {})
    lines.append(f"| import of {imported.get('rows')} rows | | {imported.get('seconds', 0) * 1000:.0f} "
                 f"(again: {imported.get('reimport_seconds', 0) * 1000:.0f}) | |")
    lines.append(f"| whole run | | {results['run_seconds']} s, peak RSS {results['peak_rss_mb']} MB | |")
    return "\n".join(lines)
