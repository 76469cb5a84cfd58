"""The catalogue of imported police.uk crime: which forces and months are in the store.

The rows themselves live in Parquet files (one per force and month, under
settings.HEDGEROW_ANALYTICS_DIR) and are queried with DuckDB; the database keeps
what was imported, from where, when and with what problems, so a page can say
which data and period it shows and an import can be traced.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CrimeImport(models.Model):
    """One run of `hedgerow import_policeuk`: what it read and what it did."""

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    run_by = models.CharField(_("run by"), max_length=200)
    sources = models.JSONField(_("files given"), default=list)
    rows = models.PositiveIntegerField(_("rows imported"), default=0)
    rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    rejected_by_reason = models.JSONField(_("rows rejected by reason"), default=dict)
    # [{"source": …, "reason": …}] for files skipped (outcomes…) or refused.
    files_not_imported = models.JSONField(_("files not imported"), default=list)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("crime import")
        verbose_name_plural = _("crime imports")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}: {self.rows} rows"


class CrimeMonth(models.Model):
    """One force's month of street crime in the store; re-importing replaces it."""

    force = models.CharField(_("police force"), max_length=40)
    month = models.CharField(_("month"), max_length=7)  # YYYY-MM, as police.uk writes
    rows = models.PositiveIntegerField(_("rows"))
    source = models.CharField(_("source file"), max_length=500)
    imported_at = models.DateTimeField(_("imported"))
    crime_import = models.ForeignKey(
        CrimeImport, on_delete=models.PROTECT, related_name="months"
    )

    class Meta:
        ordering = ["force", "month"]
        constraints = [
            models.UniqueConstraint(fields=["force", "month"], name="one_crime_month")
        ]
        verbose_name = _("crime month")
        verbose_name_plural = _("crime months")

    def __str__(self) -> str:
        return f"{self.force} {self.month}"


class HarmWeights(models.Model):
    """A harm weight per police.uk crime type, loaded by a user from a published source.

    Hedgerow ships none (ADR 0016): the numbers, and the claim they make, are the
    loader's, so `source` says where they came from. Unlisted types weigh 0.
    """

    slug = models.SlugField(_("name"), max_length=50, unique=True)
    title = models.CharField(_("title"), max_length=200)
    source = models.TextField(_("source"))
    weights = models.JSONField(_("weights"), default=dict)  # {crime type: weight}
    notes = models.JSONField(_("notes"), default=dict)  # {crime type: note}
    source_file = models.CharField(_("file loaded"), max_length=500)
    loaded_at = models.DateTimeField(_("loaded"))
    loaded_by = models.CharField(_("loaded by"), max_length=200)

    class Meta:
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug=""), name="harm_weights_slug_given"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=""), name="harm_weights_source_given"
            ),
        ]
        verbose_name = _("harm weights")
        verbose_name_plural = _("harm weights")

    def __str__(self) -> str:
        return f"{self.slug}: {self.title}"
