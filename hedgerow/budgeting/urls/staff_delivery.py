"""URL patterns for staff delivery, joined into the app's urls."""

from django.urls import URLPattern, URLResolver, path

from hedgerow.budgeting.views import delivery as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:slug>/delivery/", views.delivery_list, name="delivery_list"),
    path(
        "<slug:slug>/delivery/<str:reference>/",
        views.delivery_edit,
        name="delivery_edit",
    ),
    path(
        "<slug:slug>/delivery/<str:reference>/photos/<int:photo_id>/",
        views.delivery_photo,
        name="delivery_photo",
    ),
    path(
        "<slug:slug>/delivery/<str:reference>/photos/<int:photo_id>/remove/",
        views.delivery_photo_remove,
        name="delivery_photo_remove",
    ),
]
