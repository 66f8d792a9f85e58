"""Re-read every write the load tool saw acknowledged (``acks.jsonl``) from the database: none may be missing.

- a check-in answered 201 must exist with the id and value that came back;
- a draft (self-review or respondent answers) answered 200 with version v: the stored version is at least v
  (only its own person writes it, so a higher one can only be a later save whose answer was lost in transit),
  and when it is exactly the last acknowledged version, the stored text is that save's (its marker).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path


def read_acks(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _first_text(answers) -> str:
    for answer in answers or []:
        if isinstance(answer, dict) and answer.get("text"):
            return answer["text"]
    return ""


def check(path: Path) -> dict:
    from okrs.models import CheckIn
    from reviews.models import FeedbackRequest, Review

    acks = read_acks(path)
    lost: list[dict] = []
    checkins = [a for a in acks if a["kind"] == "checkin"]
    stored = {pk: (kr, value) for pk, kr, value in CheckIn.objects.filter(
        pk__in=[a["id"] for a in checkins]).values_list("pk", "key_result_id", "value")}
    for a in checkins:
        row = stored.get(a["id"])
        if row is None or row[0] != a["key_result"] or row[1] != Decimal(str(a["value"])):
            lost.append({**a, "stored": row and [row[0], str(row[1])]})
    drafts = 0
    for kind, model, key, field in (("draft", Review, "review", "self_answers"),
                                    ("answers", FeedbackRequest, "request", "answers")):
        last: dict[int, dict] = {}
        for a in (a for a in acks if a["kind"] == kind):
            drafts += 1
            if a[key] not in last or a["version"] > last[a[key]]["version"]:
                last[a[key]] = a
        rows = {pk: (version, answers) for pk, version, answers in model.objects.filter(
            pk__in=list(last)).values_list("pk", "version", field)}
        for pk, a in last.items():
            version, answers = rows.get(pk, (-1, []))
            if version < a["version"] or (version == a["version"] and not _first_text(answers).startswith(
                    a["marker"] + ".")):
                lost.append({**a, "stored_version": version})
    return {"acknowledged_writes": len(acks), "check_ins": len(checkins), "draft_saves": drafts,
            "lost": len(lost), "lost_examples": lost[:5]}
