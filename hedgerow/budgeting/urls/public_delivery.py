"""URL patterns for public delivery, joined into the app's urls."""

from django.urls import URLPattern, URLResolver, path

from hedgerow.budgeting.views import delivery as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:slug>/delivered/", views.delivered, name="delivered"),
    path(
        "<slug:slug>/delivered/photos/<int:photo_id>/",
        views.delivered_photo,
        name="delivered_photo",
    ),
]
