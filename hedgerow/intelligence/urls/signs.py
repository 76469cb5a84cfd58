"""URLs: the public "Spot the signs" pages, and where coordinators edit them.

`manage/` comes first: no threat may be called "manage" (the loader refuses it).
"""

from django.urls import path

from hedgerow.intelligence.views import signs

app_name = "signs"
urlpatterns = [
    path("", signs.threat_list, name="threat_list"),
    path("manage/", signs.manage_list, name="manage_list"),
    path("manage/contacts/add/", signs.manage_contact_add, name="manage_contact_add"),
    path(
        "manage/contacts/<slug:slug>/",
        signs.manage_contact_edit,
        name="manage_contact_edit",
    ),
    path("manage/<slug:slug>/", signs.manage_threat, name="manage_threat"),
    path(
        "manage/<slug:slug>/signs/add/", signs.manage_sign_add, name="manage_sign_add"
    ),
    path(
        "manage/<slug:slug>/signs/<int:pk>/",
        signs.manage_sign_edit,
        name="manage_sign_edit",
    ),
    path("<slug:slug>/", signs.threat_detail, name="threat_detail"),
]
