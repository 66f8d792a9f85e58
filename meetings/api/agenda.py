"""An agenda (``meetings.agenda``) as plain JSON for the API: ids, titles and figures, no model objects."""

from __future__ import annotations

from typing import Any


def _num(value) -> str | None:
    return None if value is None else str(value)


def _person(person) -> dict | None:
    return None if person is None else {"id": person.pk, "full_name": person.full_name}


def _objective(objective) -> dict:
    return {"id": objective.pk, "title": objective.title, "state": objective.state, "score": _num(objective.score)}


def _kr(kr) -> dict:
    return {"id": kr.pk, "title": kr.title, "progress": _num(kr.progress), "confidence": kr.confidence}


def _kr_move(row: dict) -> dict:
    return {"objective": row["objective"].pk, "key_result": _kr(row["key_result"]), "before": _num(row["before"]),
            "after": _num(row["after"]), "delta": _num(row["delta"]), "zone": row["zone"],
            "confidence": row["confidence"], "previous_confidence": row["previous_confidence"],
            "check_ins": [{"id": c.pk, "value": _num(c.value), "confidence": c.confidence, "note": c.note,
                           "author": _person(c.author), "created_at": c.created_at.isoformat()}
                          for c in row["check_ins"]]}


def _weekly(data: dict) -> dict:
    board = data["board"]
    plan = board["plan"]
    return {
        "week": board["week"].isoformat(),
        "board": {
            "priorities": plan.priorities if plan else "", "plans_next_weeks": plan.plans_next_weeks if plan else "",
            "health": plan.health if plan else None, "health_notes": plan.health_notes if plan else "",
            "okrs": [{**_objective(o["objective"]), "score": _num(o["score"]), "zone": o["zone"],
                      "key_results": [{**_kr(i["key_result"]), "progress": _num(i["progress"]),
                                       "confidence": i["confidence"], "trend": i["trend"]} for i in o["key_results"]]}
                     for o in board["objectives"]],
        },
        "check_in_count": data["check_in_count"],
        "moved": [_kr_move(r) for r in data["moved"]],
        "at_risk": [{**_kr_move(r), "confidence_dropped": r["confidence_dropped"], "red": r["red"]}
                    for r in data["at_risk"]],
    }


def _monthly(data: dict) -> dict:
    return {
        "month": data["month"].isoformat(), "presenter": _person(data["presenter"]),
        "objectives": [{**_objective(r["objective"]), "start": _num(r["start"]), "end": _num(r["end"]),
                        "delta": _num(r["delta"]), "zone": r["zone"], "check_ins": r["check_ins"],
                        "key_results": [{**_kr(i["key_result"]), "start": _num(i["start"]), "end": _num(i["end"]),
                                         "check_ins": i["check_ins"]} for i in r["key_results"]]}
                       for r in data["objectives"]],
    }


def _retro(data: dict) -> dict:
    return {
        "average": _num(data["average"]),
        "objectives": [{**_objective(r["objective"]), "final": r["final"], "grade": _num(r["grade"]),
                        "zone": r["zone"],
                        "key_results": [{**_kr(i["key_result"]), "grade": _num(i["grade"]), "graded": i["graded"],
                                         "comment": i["comment"]} for i in r["key_results"]]}
                       for r in data["objectives"]],
    }


def _point(p) -> dict:
    return {"id": p.pk, "side": p.side, "author": _person(p.author), "text": p.text, "open": p.open_here,
            "raised_for": p.meeting_id}


def _one_on_one(data: dict) -> dict:
    return {
        "manager_points": [_point(p) for p in data["manager_points"]],
        "report_points": [_point(p) for p in data["report_points"]],
        "goals": [{**_objective(g["objective"]), "zone": g["zone"],
                   "key_results": [_kr(kr) for kr in g["objective"].key_results.all()]} for g in data["goals"]],
        "development_goals": [{"id": g.pk, "title": g.title, "status": g.status,
                               "due_date": g.due_date.isoformat() if g.due_date else None}
                              for g in data["development_goals"]],
    }


def _item(i) -> dict:
    return {"id": i.pk, "text": i.text, "owner": _person(i.owner), "due_on": i.due_on.isoformat() if i.due_on else None,
            "done": i.done_at is not None, "agreed_in": i.meeting_id}


def agenda_json(data: dict[str, Any]) -> dict[str, Any]:
    kind = data["kind"]
    body = {"weekly_sync": _weekly, "monthly_review": _monthly, "quarterly_retro": _retro,
            "one_on_one": _one_on_one}[kind](data)
    period = data.get("period")
    return {
        "kind": kind, "period": period.code if period else None, **body,
        "action_items": {"carried": [_item(i) for i in data["action_items"]["carried"]],
                         "new": [_item(i) for i in data["action_items"]["new"]]},
        "notes": [{"id": n.pk, "author": _person(n.author), "text": n.text} for n in data["notes"]],
        "decisions": [{"id": n.pk, "author": _person(n.author), "text": n.text} for n in data["decisions"]],
    }
