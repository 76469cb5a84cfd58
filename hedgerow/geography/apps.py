from django.apps import AppConfig


class GeographyConfig(AppConfig):
    """ONS statistical geography: LSOAs, their boundaries and what contains them."""

    name = "hedgerow.geography"
    label = "geography"
