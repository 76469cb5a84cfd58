"""URLs of community events and their insights, under /events/."""

from django.urls import URLPattern, URLResolver, path

from hedgerow.engagement.views import documents, events, insights

app_name = "engagement"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", events.event_list, name="event_list"),
    path("new/", events.event_create, name="event_create"),
    path("insights/", insights.insight_summary, name="insight_summary"),
    path("<int:pk>/", events.event_detail, name="event_detail"),
    path("<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("<int:pk>/attendance/", events.event_attendance, name="event_attendance"),
    path("<int:pk>/report/", events.event_report, name="event_report"),
    path("<int:pk>/documents/new/", documents.document_upload, name="document_upload"),
    path(
        "<int:pk>/documents/<int:document_pk>/",
        documents.document_download,
        name="document_download",
    ),
    path(
        "<int:pk>/documents/<int:document_pk>/remove/",
        documents.document_remove,
        name="document_remove",
    ),
    path("<int:pk>/insights/new/", insights.insight_create, name="insight_create"),
    path(
        "<int:pk>/insights/<int:insight_pk>/edit/",
        insights.insight_edit,
        name="insight_edit",
    ),
    path(
        "<int:pk>/insights/<int:insight_pk>/delete/",
        insights.insight_delete,
        name="insight_delete",
    ),
]
