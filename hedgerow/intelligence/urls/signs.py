"""URLs: signs (see the module docstring of its views)."""

app_name = "signs"
urlpatterns: list = []
