"""Create the one chain-head row, so verification can tell "never written" from "deleted"."""

from django.db import migrations

HEAD_ID = 1


def head_create(apps, schema_editor):
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    AuditChainHead.objects.get_or_create(pk=HEAD_ID)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    # Reversing leaves the row: removing it would make an existing trail look tampered with.
    operations = [migrations.RunPython(head_create, migrations.RunPython.noop)]
