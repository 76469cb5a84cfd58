"""URLs of the places register, under /places/."""

from django.urls import path

from hedgerow.places import views

app_name = "places"
urlpatterns = [
    path("", views.place_list, name="place_list"),
    path("new/", views.place_create, name="place_create"),
    path("<int:pk>/", views.place_detail, name="place_detail"),
    path("<int:pk>/edit/", views.place_edit, name="place_edit"),
    path("<int:pk>/flags/new/", views.flag_raise, name="flag_raise"),
    path("<int:pk>/flags/<int:flag_pk>/clear/", views.flag_clear, name="flag_clear"),
]
