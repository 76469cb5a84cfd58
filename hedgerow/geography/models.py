"""Lower layer super output areas (LSOAs) and the areas above them.

One row per LSOA carries its boundary and its place in the ONS hierarchy
(LSOA → MSOA → local authority → region → police force), so routing, the places
register and analytics all use one copy of the official geography.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Lsoa(models.Model):
    """One LSOA (2011 census geography) with its boundary as GeoJSON in WGS84."""

    code = models.CharField(_("LSOA code"), max_length=9, unique=True)
    name = models.CharField(_("LSOA name"), max_length=100)
    msoa_code = models.CharField(_("MSOA code"), max_length=9, blank=True)
    msoa_name = models.CharField(_("MSOA name"), max_length=100, blank=True)
    local_authority_code = models.CharField(
        _("local authority code"), max_length=9, blank=True, db_index=True
    )
    local_authority_name = models.CharField(
        _("local authority name"), max_length=100, blank=True
    )
    region_code = models.CharField(_("region code"), max_length=9, blank=True)
    region_name = models.CharField(_("region name"), max_length=100, blank=True)
    police_force = models.CharField(_("police force"), max_length=100, blank=True)
    population = models.PositiveIntegerField(_("usual residents"), null=True)
    households = models.PositiveIntegerField(_("households"), null=True)
    area_hectares = models.FloatField(_("area in hectares"), null=True)
    # The boundary as a GeoJSON geometry (Polygon or MultiPolygon), lon/lat WGS84,
    # with its bounding box so a point lookup can skip most rows cheaply.
    boundary = models.JSONField(_("boundary"))
    min_longitude = models.FloatField()
    min_latitude = models.FloatField()
    max_longitude = models.FloatField()
    max_latitude = models.FloatField()
    # When the row last changed; lsoa_at's cache of bounding boxes watches it.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("LSOA")
        verbose_name_plural = _("LSOAs")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Deprivation(models.Model):
    """One LSOA's score, rank and decile on one index, domain or sub-domain.

    From the English Indices of Deprivation 2019, File 7 (England only): one row
    per LSOA and measure, so later editions (or the Welsh index) sit beside it.
    Rank 1 and decile 1 are the most deprived.
    """

    lsoa = models.ForeignKey(Lsoa, on_delete=models.CASCADE, related_name="deprivation")
    edition = models.CharField(_("edition"), max_length=20)
    measure = models.CharField(_("measure"), max_length=40)
    score = models.FloatField(_("score"))
    rank = models.PositiveIntegerField(_("rank"))
    decile = models.PositiveSmallIntegerField(_("decile"))

    class Meta:
        ordering = ["lsoa", "edition", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["lsoa", "edition", "measure"], name="one_deprivation_measure"
            )
        ]
        verbose_name = _("deprivation measure")
        verbose_name_plural = _("deprivation measures")

    def __str__(self) -> str:
        return f"{self.lsoa_id} {self.edition} {self.measure}: {self.decile}"
