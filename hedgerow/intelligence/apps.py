from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    """Warning signs, anonymous reports, follow-up, routing, triage and sharing."""

    name = "hedgerow.intelligence"
    label = "intelligence"
