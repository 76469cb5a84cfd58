from django.urls import path

app_name = "partnership"
urlpatterns: list = []
