from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The append-only, hash-chained record of who did what, when and why."""

    name = "hedgerow.audit"
    label = "audit"
