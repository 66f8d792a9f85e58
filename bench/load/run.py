"""``make load``: idle p95 with a handful of people, then the deadline-day mix with 500; every write re-read.

    python -m bench.load.run [--employees 10000] [--users 500] [--seconds 300] [--think 15,45] [--fresh]

Budgets: no request answers an error, p95 of each request kind under load ≤ 2 × its idle p95, no acknowledged
write missing afterwards. Prints a table, writes ``var/load/results-load.json``; exit 1 names every miss.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .postgres import Cluster
from .stack import ROOT, Stack

KINDS = ("self-review save", "respondent answers", "check-in", "inbox", "HR dashboard")
GROWTH = 2.0


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--idle-users", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=300, help="the loaded phase")
    parser.add_argument("--idle-seconds", type=int, default=120)
    parser.add_argument("--think", default="15,45", help="seconds between one person's actions under load")
    parser.add_argument("--idle-think", default="1,3")
    parser.add_argument("--port", type=int, default=8599)
    parser.add_argument("--pg-port", type=int, default=5544)
    parser.add_argument("--work", default=str(ROOT / "var/load"))
    parser.add_argument("--fresh", action="store_true", help="drop the load database and seed it again")
    return parser.parse_args()


def start(args) -> tuple[Cluster, Stack, dict]:
    from .harness import DATABASE, Supervisor, ensure_database, setup_django

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(work, args.pg_port)
    cluster.ensure()
    setup_django(cluster.url(DATABASE), args.port, work)
    info = ensure_database(cluster, args.employees, fresh=args.fresh)
    from .prepare import prepare

    started = time.perf_counter()
    (work / "users.json").write_text(json.dumps(prepare(args.users)))
    info["prepare_seconds"] = round(time.perf_counter() - started, 1)
    for stale in [*work.glob("requests-*.jsonl"), work / "acks.jsonl"]:
        stale.unlink(missing_ok=True)
    stack = Stack(database_url=cluster.url(DATABASE), port=args.port, work=work)
    stack.start()
    stack.supervisor = Supervisor(stack)
    stack.supervisor.start()
    return cluster, stack, info


def phase(args, cluster: Cluster, stack: Stack, name: str, users: int, think: str, seconds: int) -> dict:
    from .harness import Sampler, per_kind, postmaster_pid, read_requests, run_locust

    work = Path(args.work)
    ours = [p for p in (stack.web.pid, postmaster_pid(cluster)) if p]
    sampler = Sampler(ours + [w.pid for w in stack.live_workers()])
    sampler.start()
    proc = run_locust(port=args.port, work=work, phase=name, users=users, think=think, seconds=seconds,
                      spawn_rate=max(1, users / 20))
    sampler.ours.append(proc.pid)
    proc.wait()
    machine = sampler.stop()
    rows = read_requests(work, name)
    span = (max(r["t"] for r in rows) - min(r["t"] for r in rows)) if rows else 0
    return {"users": users, "think": think, "seconds": seconds, "machine": machine, "requests": len(rows),
            "rate_per_s": round(len(rows) / span, 1) if span else 0, "kinds": per_kind(rows)}


def failures_of(idle: dict, load: dict, checked: dict) -> list[str]:
    failures = []
    for label, result in (("idle", idle), ("load", load)):
        for name, figure in result["kinds"].items():
            if figure["errors"]:
                failures.append(f"{label}: {name}: {figure['errors']} errors {figure['statuses']}")
    for name in KINDS:
        low, high = idle["kinds"].get(name), load["kinds"].get(name)
        if not low or not high:
            failures.append(f"{name}: not measured")
        elif high["p95_ms"] > GROWTH * low["p95_ms"]:
            failures.append(f"{name}: p95 {high['p95_ms']} ms under load > {GROWTH} × idle {low['p95_ms']} ms")
    if checked["lost"]:
        failures.append(f"{checked['lost']} acknowledged writes missing: {checked['lost_examples']}")
    return failures


def table(idle: dict, load: dict) -> str:
    lines = ["| request | idle n | idle p50 / p95 ms | load n | load p50 / p95 ms | p95 ratio | errors |",
             "|---|---|---|---|---|---|---|"]
    for name in sorted(set(idle["kinds"]) | set(load["kinds"])):
        low, high = idle["kinds"].get(name, {}), load["kinds"].get(name, {})
        ratio = round(high["p95_ms"] / low["p95_ms"], 2) if low.get("p95_ms") and high else ""
        lines.append(f"| {name} | {low.get('requests', 0)} | {low.get('p50_ms')} / {low.get('p95_ms')} | "
                     f"{high.get('requests', 0)} | {high.get('p50_ms')} / {high.get('p95_ms')} | {ratio} | "
                     f"{low.get('errors', 0) + high.get('errors', 0)} |")
    for label, result in (("idle", idle), ("load", load)):
        m = result["machine"]
        lines.append(f"\n{label}: {result['users']} users, think {result['think']} s, {result['requests']} requests "
                     f"({result['rate_per_s']}/s) in {m['seconds']} s; load average {m['load_avg_mean']} (max "
                     f"{m['load_avg_max']}) on {m['cores']} cores; CPU busy {m['machine_busy_pct']} % — ours "
                     f"{m['ours_pct']} %, others' {m['others_pct']} %")
    return "\n".join(lines)


def main() -> None:
    args = arguments()
    cluster, stack, info = start(args)
    try:
        idle = phase(args, cluster, stack, "idle", args.idle_users, args.idle_think, args.idle_seconds)
        load = phase(args, cluster, stack, "load", args.users, args.think, args.seconds)
    finally:
        stack.supervisor.running = False
        stack.stop()
    from .check import check

    checked = check(Path(args.work) / "acks.jsonl")
    failures = failures_of(idle, load, checked)
    result = {"database": info, "idle": idle, "load": load, "writes": checked,
              "worker_restarts": stack.supervisor.restarts, "failures": failures}
    (Path(args.work) / "results-load.json").write_text(json.dumps(result, indent=2))
    print(table(idle, load))
    print(f"\nacknowledged writes re-read: {checked['acknowledged_writes']} ({checked['check_ins']} check-ins, "
          f"{checked['draft_saves']} draft saves); missing: {checked['lost']}")
    for failure in failures:
        print(f"MISSED: {failure}", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
