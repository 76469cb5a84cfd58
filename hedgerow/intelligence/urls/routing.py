"""URLs: routing (see the module docstring of its views)."""

app_name = "routing"
urlpatterns: list = []
