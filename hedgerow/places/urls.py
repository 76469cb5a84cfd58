"""URLs of the places register."""

app_name = "places"
urlpatterns: list = []
