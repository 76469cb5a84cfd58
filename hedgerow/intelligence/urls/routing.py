"""Routing rules under /routing/ (coordinators only)."""

from django.urls import path

from hedgerow.intelligence.views import routing

app_name = "routing"
urlpatterns = [
    path("", routing.rule_list, name="rule_list"),
    path("add/", routing.rule_create, name="rule_create"),
    path("test/", routing.rule_test, name="rule_test"),
    path("<int:pk>/change/", routing.rule_edit, name="rule_edit"),
    path("<int:pk>/deactivate/", routing.rule_deactivate, name="rule_deactivate"),
    path("<int:pk>/reactivate/", routing.rule_reactivate, name="rule_reactivate"),
]
