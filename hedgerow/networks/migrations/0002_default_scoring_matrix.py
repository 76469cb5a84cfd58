from django.db import migrations

from hedgerow.networks.scoring import DEFAULT_MATRIX, DEFAULT_MATRIX_NAME


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    matrix = apps.get_model("networks", "ScoringMatrix")
    if not matrix.objects.exists():
        matrix.objects.create(
            name=DEFAULT_MATRIX_NAME, definition=DEFAULT_MATRIX, is_current=True
        )


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
