"""Triage under /triage/: the queue, reports and their actions, shared copies."""

from django.urls import path

from hedgerow.intelligence.views import shared
from hedgerow.intelligence.views.triage import actions, detail, queue

app_name = "triage"
report = "reports/<str:reference>/"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("unrouted/", queue.unrouted, name="unrouted"),
    path("unrouted/<str:reference>/", queue.route_manually, name="route_manually"),
    path(report, detail.report_detail, name="report_detail"),
    path(report + "photos/<int:photo_id>/", detail.report_photo, name="report_photo"),
    path(report + "grade/", actions.report_grade, name="report_grade"),
    path(report + "assign/", actions.report_assign, name="report_assign"),
    path(report + "place/", actions.report_place, name="report_place"),
    path(report + "place/new/", actions.report_place_new, name="report_place_new"),
    path(report + "duplicate/", actions.report_duplicate, name="report_duplicate"),
    path(report + "question/", actions.report_question, name="report_question"),
    path(report + "note/", actions.report_note, name="report_note"),
    path(report + "close/", actions.report_close, name="report_close"),
    path(report + "reopen/", actions.report_reopen, name="report_reopen"),
    path(report + "share/", shared.share, name="share"),
    path("shared/", shared.shared_list, name="shared_list"),
    path("shared/<str:reference>/", shared.shared_detail, name="shared_detail"),
    path(
        "shared/<str:reference>/photos/<int:photo_id>/",
        shared.shared_photo,
        name="shared_photo",
    ),
]
