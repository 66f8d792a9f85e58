"""Demo meetings (a step of ``seed_demo``): every unit's weekly sync, monthly review and quarterly
retrospective, a one-on-one for every manager and direct report, eight weeks of past meetings and four to
come; talking points, notes, decisions and action items in the demo manager's meetings and a sample of
others, in the language of whoever wrote them. Set-based: a handful of bulk inserts whatever the size.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from people.demo import DemoOrg, register_demo_step
from people.models import Person

from ..models import ActionItem, Meeting, Note, Series, TalkingPoint
from ..services import occurrences_generate

TEXTS = {
    "en": {
        "manager": ["How the hiring for the open role is going", "Feedback on the last demo",
                    "Your goals for next quarter", "On-call load this month"],
        "report": ["Conference budget for the spring", "Career path towards senior",
                   "Too many meetings on Wednesdays", "Help with the migration estimate"],
        "note": ["Walked through the board; the API key result is behind because of the vendor.",
                 "Everyone agrees the check-in notes got more useful."],
        "decision": ["Freeze new features for two weeks to fix the flaky tests.",
                     "Move the weekly sync to 10:00."],
        "action": ["Write the runbook for the release", "Ask the vendor for a new delivery date",
                   "Share the hiring plan with the team", "Update the key result's target after the re-plan"],
    },
    "ru": {
        "manager": ["Как идёт найм на открытую вакансию", "Обратная связь по последнему демо",
                    "Твои цели на следующий квартал", "Нагрузка дежурств в этом месяце"],
        "report": ["Бюджет на конференцию весной", "Карьерный путь до старшего инженера",
                   "Слишком много встреч по средам", "Помощь с оценкой миграции"],
        "note": ["Прошли по доске: ключевой результат по API отстаёт из-за поставщика.",
                 "Все согласны, что заметки к чек-инам стали полезнее."],
        "decision": ["Заморозить новые функции на две недели и починить нестабильные тесты.",
                     "Перенести еженедельную встречу на 10:00."],
        "action": ["Написать регламент релиза", "Запросить у поставщика новую дату поставки",
                   "Показать команде план найма", "Обновить цель ключевого результата после перепланирования"],
    },
    "zh-hans": {
        "manager": ["空缺职位的招聘进展", "对上次演示的反馈", "你下个季度的目标", "本月值班负担"],
        "report": ["春季会议预算", "晋升高级工程师的路径", "周三会议太多", "迁移估算需要帮助"],
        "note": ["过了一遍看板：API 关键结果因供应商原因落后。", "大家都认为签到备注更有用了。"],
        "decision": ["冻结新功能两周，修复不稳定的测试。", "把每周同步会改到 10:00。"],
        "action": ["编写发布手册", "向供应商要新的交付日期", "与团队分享招聘计划", "重新规划后更新关键结果的目标"],
    },
}
PAST_DAYS, AHEAD_DAYS, SAMPLE = 56, 28, 0.15


def _texts(person: Person | None) -> dict[str, list[str]]:
    return TEXTS.get(person.locale if person is not None else "en", TEXTS["en"])


@register_demo_step(order=400)
def meetings(org: DemoOrg, rng: random.Random) -> None:
    today = org.today
    start = today - dt.timedelta(days=PAST_DAYS + 7)
    rows = []
    for unit in org.units:
        rows.append(Series(kind=Series.Kind.WEEKLY_SYNC, unit=unit, weekday=rng.randrange(5),
                           time=dt.time(rng.choice([9, 10, 11]), rng.choice([0, 30])), starts_on=start))
        rows.append(Series(kind=Series.Kind.MONTHLY_REVIEW, unit=unit, weekday=3, time=dt.time(14), duration_minutes=60,
                           starts_on=start))
        rows.append(Series(kind=Series.Kind.QUARTERLY_RETRO, unit=unit, weekday=2, time=dt.time(15),
                           duration_minutes=90, starts_on=start))
    for person in org.people:
        if person.manager_id is not None:
            rows.append(Series(kind=Series.Kind.ONE_ON_ONE, manager_id=person.manager_id, report=person,
                               weekday=rng.randrange(5), time=dt.time(rng.choice([11, 13, 16])),
                               interval_weeks=rng.choice([1, 2, 2]), starts_on=start))
    Series.objects.bulk_create(rows, batch_size=2000)
    occurrences_generate(since=today - dt.timedelta(days=PAST_DAYS), until=today + dt.timedelta(days=AHEAD_DAYS))
    _conversations(org, rng)


def _conversations(org: DemoOrg, rng: random.Random) -> None:
    """What was said: the demo manager's team sync and one-on-ones, and a sample of the others."""
    # "Now" is the demo's day, so the same seed and day give the same meetings and content.
    now = timezone.make_aware(dt.datetime.combine(org.today, dt.time.min))
    people = {p.pk: p for p in org.people}
    chosen = {s.pk for s in Series.objects.filter(unit_id=org.manager.unit_id)} | set(
        Series.objects.filter(manager_id=org.manager.pk).values_list("pk", flat=True))
    everything = list(Series.objects.values_list("pk", "kind", "manager_id", "report_id", "unit_id"))
    chosen |= {row[0] for row in everything if rng.random() < SAMPLE}
    series = {row[0]: row for row in everything if row[0] in chosen}
    past: dict[int, list[Meeting]] = {}
    for meeting in Meeting.objects.filter(series_id__in=list(series), scheduled_at__lt=now).order_by("scheduled_at"):
        past.setdefault(meeting.series_id, []).append(meeting)
    leads = {u.pk: u.lead_id for u in org.units}
    members: dict[int, list[int]] = {}
    for p in org.people:
        members.setdefault(p.unit_id, []).append(p.pk)
    points, notes, actions = [], [], []
    for pk, (_pk, kind, manager_id, report_id, unit_id) in series.items():
        held = past.get(pk, [])[-3:]
        if not held:
            continue
        if kind == Series.Kind.ONE_ON_ONE:
            pair = [(manager_id, TalkingPoint.Side.MANAGER), (report_id, TalkingPoint.Side.REPORT)]
            for author_id, side in pair:
                options = rng.sample(_texts(people.get(author_id))[side], k=len(held))
                for i, (meeting, text) in enumerate(zip(held, options, strict=True)):
                    closed = i < len(held) - 1 and rng.random() < 0.6
                    points.append(TalkingPoint(series_id=pk, meeting=meeting, author_id=author_id, side=side,
                                               text=text, closed_at=meeting.scheduled_at if closed else None,
                                               closed_in=meeting if closed else None))
            owners = [manager_id, report_id]
        else:
            owners = members.get(unit_id) or [leads.get(unit_id)]
            owners = [o for o in owners if o is not None][:8]
        writer = people.get(manager_id or leads.get(unit_id))
        if not owners or writer is None:
            continue
        texts = _texts(writer)
        to_do = iter(rng.sample(texts["action"], k=len(texts["action"])) * 2)
        for i, meeting in enumerate(held):
            notes.append(Note(meeting=meeting, kind=Note.Kind.NOTE, author=writer, text=rng.choice(texts["note"])))
            if kind != Series.Kind.ONE_ON_ONE or rng.random() < 0.5:
                notes.append(Note(meeting=meeting, kind=Note.Kind.DECISION, author=writer,
                                  text=rng.choice(texts["decision"])))
            for _ in range(rng.randint(1, 2)):
                done = i < len(held) - 1 and rng.random() < 0.5
                due = timezone.localtime(meeting.scheduled_at).date() + dt.timedelta(days=rng.choice([3, 7, 14]))
                done_at = min(now, meeting.scheduled_at + dt.timedelta(days=2)) if done else None
                actions.append(ActionItem(series_id=pk, meeting=meeting, text=next(to_do),
                                          owner_id=rng.choice(owners), due_on=due, created_by=writer,
                                          done_at=done_at))
    TalkingPoint.objects.bulk_create(points, batch_size=2000)
    Note.objects.bulk_create(notes, batch_size=2000)
    ActionItem.objects.bulk_create(actions, batch_size=2000)
