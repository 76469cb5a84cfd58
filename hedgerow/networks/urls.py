"""URLs of organised crime groups, subjects and their networks, under /groups/."""

from django.urls import URLPattern, URLResolver, path

from hedgerow.networks.views import groups, network, resolution, subjects

app_name = "networks"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", groups.group_list, name="group_list"),
    path("new/", groups.group_create, name="group_create"),
    path("<int:pk>/", groups.group_detail, name="group_detail"),
    path("<int:pk>/edit/", groups.group_edit, name="group_edit"),
    path("<int:pk>/members/add/", groups.group_member_add, name="group_member_add"),
    path(
        "<int:pk>/members/<int:member_pk>/remove/",
        groups.group_member_remove,
        name="group_member_remove",
    ),
    path("<int:pk>/panel/add/", groups.group_panel_add, name="group_panel_add"),
    path(
        "<int:pk>/panel/<int:seat_pk>/remove/",
        groups.group_panel_remove,
        name="group_panel_remove",
    ),
    path("<int:pk>/harm/", groups.group_harm_assess, name="group_harm_assess"),
    path(
        "<int:pk>/harm/history/", groups.group_harm_history, name="group_harm_history"
    ),
    path("subjects/", subjects.subject_list, name="subject_list"),
    path("subjects/new/<str:kind>/", subjects.subject_create, name="subject_create"),
    path("subjects/<int:pk>/", subjects.subject_detail, name="subject_detail"),
    path(
        "subjects/<int:pk>/links/new/",
        subjects.subject_link_create,
        name="subject_link_create",
    ),
    path("subjects/<int:pk>/share/", subjects.subject_share, name="subject_share"),
    path("<int:pk>/network/", network.group_network, name="group_network"),
    path("<int:pk>/network/graphml/", network.group_graphml, name="group_graphml"),
    path("subjects/<int:pk>/network/", network.subject_network, name="subject_network"),
    path(
        "subjects/<int:pk>/network/graphml/",
        network.subject_graphml,
        name="subject_graphml",
    ),
    path("research/caviar/", network.caviar_phases, name="caviar_phases"),
    path("records/", resolution.job_list, name="resolution_list"),
    path("records/upload/", resolution.job_upload, name="resolution_upload"),
    path("records/<int:pk>/", resolution.job_detail, name="resolution_detail"),
    path("records/<int:pk>/columns/", resolution.job_map, name="resolution_map"),
    path(
        "records/<int:pk>/pairs/<int:pair_pk>/",
        resolution.pair_review,
        name="resolution_pair",
    ),
]
