from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Area analytics: police.uk crime by LSOA, rates, trends and hotspots."""

    name = "hedgerow.analytics"
    label = "analytics"
