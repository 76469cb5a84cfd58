from django.urls import path

from hedgerow.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("home/", views.dashboard, name="dashboard"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
]
