"""URLs of the disruption log and its menu of tactics, under /disruptions/."""

from django.urls import URLPattern, URLResolver, path

from hedgerow.disruptions import views

app_name = "disruptions"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("log/", views.disruption_list, name="disruption_list"),
    path("record/", views.disruption_record, name="disruption_record"),
    path("log/<int:pk>/", views.disruption_detail, name="disruption_detail"),
    path("log/<int:pk>/edit/", views.disruption_edit, name="disruption_edit"),
    path("export/", views.disruption_export, name="disruption_export"),
    path("tactics/", views.tactic_list, name="tactic_list"),
    path("tactics/new/", views.tactic_create, name="tactic_create"),
    path("tactics/<int:pk>/edit/", views.tactic_edit, name="tactic_edit"),
]
