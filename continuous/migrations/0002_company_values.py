"""The company values a new installation starts with, in the three languages; HR changes or retires them."""

from django.db import migrations

VALUES = [
    ("ownership", {"en": "Ownership", "ru": "Ответственность", "zh-hans": "主人翁精神"},
     {"en": "Takes a problem to its end without being asked.", "ru": "Доводит дело до конца, не дожидаясь просьбы.",
      "zh-hans": "无需提醒，把问题负责到底。"}),
    ("customer_first", {"en": "Customer first", "ru": "Клиент прежде всего", "zh-hans": "客户第一"},
     {"en": "Starts from what the customer needs.", "ru": "Исходит из того, что нужно клиенту.",
      "zh-hans": "从客户的需要出发。"}),
    ("better_together", {"en": "Better together", "ru": "Вместе сильнее", "zh-hans": "团队协作"},
     {"en": "Helps colleagues and shares what they know.", "ru": "Помогает коллегам и делится знаниями.",
      "zh-hans": "帮助同事，分享所知。"}),
    ("learn_and_grow", {"en": "Learn and grow", "ru": "Учиться и расти", "zh-hans": "学习成长"},
     {"en": "Learns from mistakes and tries new things.", "ru": "Учится на ошибках и пробует новое.",
      "zh-hans": "从错误中学习，勇于尝试。"}),
    ("speak_up", {"en": "Speak up", "ru": "Говорить открыто", "zh-hans": "坦诚直言"},
     {"en": "Says what they think, kindly and in time.", "ru": "Говорит, что думает, — вовремя и уважительно.",
      "zh-hans": "及时、友善地说出真实想法。"}),
]


def add(apps, schema_editor):
    CompanyValue = apps.get_model("continuous", "CompanyValue")
    for position, (code, names, descriptions) in enumerate(VALUES, start=1):
        CompanyValue.objects.get_or_create(code=code, defaults={"names": names, "descriptions": descriptions,
                                                                "position": position})


class Migration(migrations.Migration):
    dependencies = [("continuous", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
