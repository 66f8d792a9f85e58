"""The ready scales and the ready template, in the glossary's three languages (see ``cycles.ready``)."""

from django.db import migrations

from cycles.ready import ensure_ready_data


def create(apps, schema_editor):
    ensure_ready_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("cycles", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
