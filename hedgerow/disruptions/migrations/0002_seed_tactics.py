from django.db import migrations

from hedgerow.disruptions.tactics import seed_tactics


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    seed_tactics(apps.get_model("disruptions", "Tactic"))


class Migration(migrations.Migration):
    dependencies = [("disruptions", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
