from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting pieces: permissions framework, layout, public pages, the CLI."""

    name = "hedgerow.core"
    label = "core"
