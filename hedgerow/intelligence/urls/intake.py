"""URLs: intake (see the module docstring of its views)."""

app_name = "intake"
urlpatterns: list = []
