"""Write a synthetic org-chart CSV for `manage.py import_org`: a reporting tree with 3–12 reports per manager.

    python bench/make_org_csv.py --people 10000 --seed 1 > /tmp/org.csv

Units follow the reporting line five levels deep: the company; a unit for every manager at depths 1–3
(department, area, group); a team for every manager at depth 4; deeper people sit in their manager's
unit. At 10,000 people that is about 1,300 units. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from collections import deque

TITLES = ("Engineer", "Senior Engineer", "Analyst", "Designer", "Product Manager", "Specialist", "Consultant")
UNIT_WORDS = ("Platform", "Growth", "Payments", "Search", "Data", "Mobile", "Sales", "Support", "Finance", "Legal",
              "Security", "Infra", "Design", "Research", "Marketing", "Ops")


def org_rows(people: int, *, seed: int, company: str = "Acme", domain: str = "example.com") -> list[list[str]]:
    rng = random.Random(seed)
    manager: list[int | None] = [None]
    depth = [0]
    queue = deque([0])
    while len(manager) < people and queue:
        boss = queue.popleft()
        for _ in range(min(rng.randint(3, 12), people - len(manager))):
            manager.append(boss)
            depth.append(depth[boss] + 1)
            queue.append(len(manager) - 1)
    has_reports = {m for m in manager if m is not None}
    unit = [company]
    for i in range(1, len(manager)):
        boss_unit = unit[manager[i]]  # managers come before their reports
        if i in has_reports and depth[i] <= 4:
            unit.append(f"{boss_unit}/{rng.choice(UNIT_WORDS)} {i}")
        else:
            unit.append(boss_unit)
    start = dt.date(2010, 1, 1)
    rows = []
    for i, boss in enumerate(manager):
        hired = start + dt.timedelta(days=rng.randrange(5500))
        rows.append([
            f"person{i}@{domain}",
            f"Person {i}",
            "CEO" if boss is None else ("Manager" if i in has_reports else rng.choice(TITLES)),
            unit[i],
            "" if boss is None else f"person{boss}@{domain}",
            hired.isoformat() if rng.random() < 0.9 else "",
        ])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--company", default="Acme")
    parser.add_argument("--domain", default="example.com")
    parser.add_argument("--out", help="file to write (standard output when absent)")
    args = parser.parse_args()
    rows = org_rows(args.people, seed=args.seed, company=args.company, domain=args.domain)
    out = open(args.out, "w", newline="", encoding="utf-8") if args.out else sys.stdout
    try:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["email", "full_name", "title", "unit_path", "manager_email", "hire_date"])
        writer.writerows(rows)
    finally:
        if args.out:
            out.close()


if __name__ == "__main__":
    main()
