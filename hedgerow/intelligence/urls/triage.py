"""URLs: triage (see the module docstring of its views)."""

app_name = "triage"
urlpatterns: list = []
