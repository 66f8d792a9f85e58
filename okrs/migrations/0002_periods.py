"""The quarters and halves of the current and next year, computed from today's date."""

from django.db import migrations
from django.utils import timezone


def create_periods(apps, schema_editor):
    from okrs.services.periods import periods_ensure

    Period = apps.get_model("okrs", "Period")
    year = timezone.localdate().year
    for y in (year, year + 1):
        periods_ensure(y, model=Period, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("okrs", "0001_initial")]

    operations = [migrations.RunPython(create_periods, migrations.RunPython.noop)]
