"""Template versions: each template starts its own family at version 1."""

import uuid

from django.db import migrations, models


def fill_families(apps, schema_editor):
    ReviewTemplate = apps.get_model("cycles", "ReviewTemplate")
    for template in ReviewTemplate.objects.using(schema_editor.connection.alias).all():
        template.family = uuid.uuid4()
        template.save(update_fields=["family"])


class Migration(migrations.Migration):
    dependencies = [("cycles", "0003_rating_guideline_and_rater_flags")]

    operations = [
        migrations.AddField("reviewtemplate", "family", models.UUIDField(null=True, editable=False)),
        migrations.AddField("reviewtemplate", "version",
                            models.PositiveIntegerField(default=1, verbose_name="version")),
        migrations.RunPython(fill_families, migrations.RunPython.noop),
        migrations.AlterField("reviewtemplate", "family", models.UUIDField(
            db_index=True, default=uuid.uuid4, editable=False, verbose_name="family")),
        migrations.AddConstraint("reviewtemplate", models.UniqueConstraint(
            fields=("family", "version"), name="template_family_version")),
    ]
