from django.apps import AppConfig


class PlacesConfig(AppConfig):
    """The premises and places register, its flags and each place's timeline."""

    name = "hedgerow.places"
    label = "places"
