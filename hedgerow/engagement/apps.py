from django.apps import AppConfig


class EngagementConfig(AppConfig):
    """World Cafés, training, school programmes and community meetings."""

    name = "hedgerow.engagement"
    label = "engagement"
