"""Every rule of the coach, enabled with its default thresholds; HR admin tunes them afterwards."""

from django.db import migrations

DEFAULTS = {
    "too_many_objectives": {"max": 3},
    "too_many_key_results": {"max": 5},
    "figures_in_objective": {},
    "kr_not_measurable": {},
    "kr_is_a_task": {},
    "no_recent_check_in": {"days": 14},
    "carried_over": {},
    "too_safe": {"at_least": 0.95, "periods": 2},
    "too_far": {"at_most": 0.2, "periods": 2},
    "not_aligned": {"after_days": 14},
}


def seed(apps, schema_editor):
    CoachRule = apps.get_model("coach", "CoachRule")
    existing = set(CoachRule.objects.values_list("code", flat=True))
    CoachRule.objects.bulk_create(
        CoachRule(code=code, enabled=True, params=params) for code, params in DEFAULTS.items() if code not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("coach", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
