"""Deadline day at 10,000 people, for locust (run headless by ``bench/load/run.py``; imports no Django).

Each simulated user is one real demo person from ``users.json`` (``prepare.py``) with their own API token and
session cookie: drafters save their self-review draft with the version they last read, respondents save their
answers the same way, others check in on their key result, HR admins watch the cycle's dashboard, and everyone
opens their inbox now and then. Every write answered 2xx is appended to ``acks.jsonl`` (what came back: the
check-in's id and value, the draft's version and its marker) for ``check.py``; every request to
``requests.jsonl`` (time, kind, status, content type) for the fault drill's timeline.

Environment: LOAD_WORK (the folder with users.json), LOAD_USERS (how many to spawn, shared over the kinds as in
users.json), LOAD_THINK ("min,max" seconds between one person's actions).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from pathlib import Path

from locust import FastHttpUser, between, events, task

WORK = Path(os.environ.get("LOAD_WORK", "var/load"))
DATA = json.loads((WORK / "users.json").read_text())
THINK = [float(x) for x in os.environ.get("LOAD_THINK", "15,45").split(",")]
TOTAL = int(os.environ.get("LOAD_USERS", "500"))
ALL = sum(len(DATA[k]) for k in ("drafter", "respondent", "checkin", "hr"))
HEADERS = {"X-Forwarded-Proto": "https", "Content-Type": "application/json"}
_acks = open(WORK / "acks.jsonl", "a", buffering=1)  # noqa: SIM115 - the process's whole life
_log = open(WORK / f"requests-{os.environ.get('LOAD_PHASE', 'load')}.jsonl", "a", buffering=1)  # noqa: SIM115


def share(kind: str) -> int:
    return max(1, round(len(DATA[kind]) * TOTAL / ALL))


@events.request.add_listener
def _record(request_type, name, response_time, response_length, response=None, exception=None, **kw) -> None:
    status = getattr(response, "status_code", 0) or 0
    kind = (getattr(response, "headers", None) or {}).get("Content-Type", "") if response is not None else ""
    _log.write(json.dumps({"t": round(time.time(), 3), "name": name, "status": status, "ms": round(response_time, 1),
                           "type": kind.split(";")[0], "error": str(exception)[:120] if exception else ""}) + "\n")


def ack(**fields) -> None:
    _acks.write(json.dumps({"t": round(time.time(), 3), **fields}) + "\n")


class Person(FastHttpUser):
    abstract = True
    kind = ""
    wait_time = between(*THINK)
    network_timeout = 60.0
    connection_timeout = 60.0
    _pool: itertools.count

    def on_start(self) -> None:
        me = DATA[self.kind][next(self._pool)]
        self.me = me
        self.api = {**HEADERS, "Authorization": f"Token {me['token']}"}
        self.page = {"X-Forwarded-Proto": "https", "Cookie": f"sessionid={me['session']}"}
        self.saves = 0

    def write(self, method: str, path: str, name: str, body: dict):
        """A write; answers the JSON of a 2xx (None otherwise, marked failed: a 503 while PostgreSQL is away)."""
        with self.client.request(method, path, name=name, headers=self.api, data=json.dumps(body),
                                 catch_response=True) as response:
            if 200 <= response.status_code < 300:
                return response.json()
            if response.status_code == 409 and "version" in (response.text or ""):
                # A save whose answer never arrived (the connection dropped) did happen: take the stored version.
                response.failure("409 after a lost answer")
                return {"conflict": response.json()}
            response.failure(f"{response.status_code}")
            return None

    def text(self) -> tuple[str, str]:
        self.saves += 1
        marker = f"{self.me['email']} #{self.saves} {random.random():.6f}"  # noqa: S311 - not a secret
        return marker, f"{marker}. " + "Delivered the quarter's work with the team and wrote it down. " * 12

    def get_page(self, path: str, name: str) -> None:
        """A page as the signed-in person: a redirect (to the login page) is a failure, not a success."""
        with self.client.get(path, name=name, headers=self.page, allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")

    @task(1)
    def inbox(self) -> None:
        self.get_page("/reviews/tasks/", "inbox")


class Drafter(Person):
    kind, fixed_count, _pool = "drafter", share("drafter"), itertools.count()

    def on_start(self) -> None:
        super().on_start()
        data = self.client.get(f"/api/reviews/{self.me['review']}/", name="review read", headers=self.api).json()
        self.version = data["self_review"]["version"]

    @task(4)
    def save_draft(self) -> None:
        marker, text = self.text()
        answers = [{"question": q, "text": text} for q in DATA["self_questions"]]
        data = self.write("PUT", f"/api/reviews/{self.me['review']}/self-review/", "self-review save",
                          {"answers": answers, "version": self.version})
        if data and "conflict" in data:
            self.version = data["conflict"]["version"]
        elif data:
            self.version = data["self_review"]["version"]
            ack(kind="draft", review=self.me["review"], version=self.version, marker=marker)


class Respondent(Person):
    kind, fixed_count, _pool = "respondent", share("respondent"), itertools.count()

    def on_start(self) -> None:
        super().on_start()
        data = self.client.get(f"/api/feedback-requests/{self.me['request']}/", name="request read",
                               headers=self.api).json()
        self.version = data["version"]

    @task(4)
    def answer(self) -> None:
        marker, text = self.text()
        answers = [{"question": q, "text": text} for q in DATA["respondent_questions"]]
        data = self.write("PUT", f"/api/feedback-requests/{self.me['request']}/answers/", "respondent answers",
                          {"answers": answers, "version": self.version})
        if data and "conflict" in data:
            self.version = data["conflict"]["version"]
        elif data:
            self.version = data["version"]
            ack(kind="answers", request=self.me["request"], version=self.version, marker=marker)


class CheckIn(Person):
    kind, fixed_count, _pool = "checkin", share("checkin"), itertools.count()

    @task(3)
    def check_in(self) -> None:
        value = f"{random.uniform(0, 100):.2f}"  # noqa: S311
        data = self.write("POST", f"/api/key-results/{self.me['key_result']}/check-ins/", "check-in",
                          {"value": value, "confidence": random.randint(0, 10), "note": "load"})  # noqa: S311
        if data and "id" in data:
            ack(kind="checkin", id=data["id"], key_result=self.me["key_result"], value=data["value"])


class HRAdmin(Person):
    kind, fixed_count, _pool = "hr", share("hr"), itertools.count()

    @task(3)
    def dashboard(self) -> None:
        self.get_page(f"/reviews/cycles/{DATA['cycle']}/dashboard/", "HR dashboard")
