"""Make audit events append-only in the database itself, not only in the ORM.

PostgreSQL: a row-level trigger rejects every UPDATE and DELETE. TRUNCATE, which
Django's test flush uses there, is not row-level and still works.
SQLite: a trigger rejects UPDATE only, because Django's test flush uses DELETE there;
the ORM refuses deletes and `hedgerow verify_audit` detects any that happen.

Caution for later migrations: on SQLite, altering a column of audit_auditevent
rebuilds the table and drops the trigger; re-create it in the same migration.
hedgerow/audit/tests/test_tampering.py fails if the trigger is missing.
"""

from django.db import migrations
from django.db.utils import NotSupportedError

TRIGGER = "audit_event_append_only"
MESSAGE = "audit events are append-only"

POSTGRESQL_FORWARD = (
    f"""
    CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
    END;
    $$
    """,
    f"""
    CREATE TRIGGER {TRIGGER}
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()
    """,
)
POSTGRESQL_REVERSE = (
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON audit_auditevent",
    f"DROP FUNCTION IF EXISTS {TRIGGER}()",
)
SQLITE_FORWARD = (
    f"""
    CREATE TRIGGER {TRIGGER}
    BEFORE UPDATE ON audit_auditevent
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE}');
    END
    """,
)
SQLITE_REVERSE = (f"DROP TRIGGER IF EXISTS {TRIGGER}",)

STATEMENTS = {
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_REVERSE),
    "sqlite": (SQLITE_FORWARD, SQLITE_REVERSE),
}


def _run(schema_editor, forward):
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotSupportedError(f"Hedgerow supports PostgreSQL and SQLite, not {vendor}")
    for statement in STATEMENTS[vendor][0 if forward else 1]:
        schema_editor.execute(statement, params=None)


def triggers_create(apps, schema_editor):
    _run(schema_editor, forward=True)


def triggers_drop(apps, schema_editor):
    _run(schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(triggers_create, triggers_drop)]
