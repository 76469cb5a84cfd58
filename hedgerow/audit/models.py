"""The audit trail: one append-only, hash-chained row per recorded action.

No foreign keys: people, agencies and records are named by id and by the label
they had at the time, so deleting live data never breaks or rewrites the trail.
"""

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

APPEND_ONLY = "Audit events are append-only: they cannot be changed or deleted."
GENESIS_HASH = "0" * 64


class Action(models.TextChoices):
    """What kind of thing was done (DPA 2018 s62: consultation, disclosure, …)."""

    VIEW = "view", _("Viewed")
    SEARCH = "search", _("Searched")
    EXPORT = "export", _("Exported")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    DISCLOSE = "disclose", _("Disclosed")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_OUT = "sign_out", _("Signed out")
    FAILED_SIGN_IN = "failed_sign_in", _("Failed to sign in")
    PERMISSION_CHANGE = "permission_change", _("Changed permissions")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Refuses bulk changes: the trail only grows."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(APPEND_ONLY)

    def delete(self) -> NoReturn:
        raise AppendOnlyError(APPEND_ONLY)


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit event."""


class AuditEvent(models.Model):
    """One recorded action, chained to the one before by `prev_hash`."""

    seq = models.PositiveBigIntegerField(unique=True, editable=False)
    occurred_at = models.DateTimeField(db_index=True)
    actor_id = models.PositiveBigIntegerField(null=True, db_index=True)
    actor_label = models.CharField(max_length=254, blank=True)
    agency_id = models.PositiveBigIntegerField(null=True, db_index=True)
    agency_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=32, choices=Action.choices, db_index=True)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    purpose = models.TextField(blank=True)
    recipient = models.CharField(max_length=254, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} by {self.actor_label or 'system'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(APPEND_ONLY)


class AuditChainHead(models.Model):
    """The newest event's position and hash, so removing events from the end shows.

    There is one row. Writers lock it, which also puts audit writes in one order.
    """

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    def __str__(self) -> str:
        return f"audit head at #{self.seq}"
