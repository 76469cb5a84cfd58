"""A report being written: kept server-side under a token the form carries.

The browser holds only the token (in a hidden field, never a cookie); the row holds
only its hash, so a database reader cannot resume someone else's draft. Drafts
expire, and `hedgerow purge_report_drafts` deletes the expired ones.
"""

from django.db import models


class ReportDraft(models.Model):
    """The answers given so far in the report flow."""

    token_hash = models.CharField(max_length=64, unique=True)
    answers = models.JSONField(default=dict)
    updated_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"draft {self.pk}"


class DraftPhoto(models.Model):
    """A photo already re-encoded without metadata, waiting for the report to go in."""

    draft = models.ForeignKey(
        ReportDraft, on_delete=models.CASCADE, related_name="photos"
    )
    content = models.BinaryField()
    content_type = models.CharField(max_length=32)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"photo {self.pk} of draft {self.draft_id}"
