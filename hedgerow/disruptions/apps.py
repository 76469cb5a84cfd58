from django.apps import AppConfig


class DisruptionsConfig(AppConfig):
    """What every partner does against groups, subjects and places, across the 4Ps."""

    name = "hedgerow.disruptions"
    label = "disruptions"
