"""The authenticated REST API and its OpenAPI schema.

Everything is under v1/; a change that breaks partner systems gets a v2/.
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from hedgerow.intelligence.api import triage, triage_actions

app_name = "api"
urlpatterns = [
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/reports/", triage.ReportList.as_view(), name="report_list"),
    path(
        "v1/reports/<str:reference>/",
        triage.ReportDetail.as_view(),
        name="report_detail",
    ),
    path(
        "v1/reports/<str:reference>/grade/",
        triage_actions.ReportGrade.as_view(),
        name="report_grade",
    ),
    path(
        "v1/reports/<str:reference>/close/",
        triage_actions.ReportClose.as_view(),
        name="report_close",
    ),
    path(
        "v1/reports/<str:reference>/questions/",
        triage_actions.ReportQuestion.as_view(),
        name="report_questions",
    ),
    path("v1/shared/", triage.SharedList.as_view(), name="shared_list"),
    path(
        "v1/shared/<str:reference>/",
        triage.SharedDetail.as_view(),
        name="shared_detail",
    ),
]
