"""The audit trail's pages, under /audit/."""

from django.urls import path

from hedgerow.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("export/", views.export, name="export"),
]
