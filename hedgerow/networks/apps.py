from django.apps import AppConfig


class NetworksConfig(AppConfig):
    """Organised crime groups, their subjects and links, and network analysis."""

    name = "hedgerow.networks"
    label = "networks"
