"""The authenticated REST API for the triage queue (under /api/v1/).

Callers sign in with a personal API token or a staff session with both factors.
Their role must allow triage (else 403) and they reach only the reports routed to
their agency and the copies shared with or by it (anything else is 404). Every
search and every read of a report or shared copy goes into the audit trail.
"""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions  # type: ignore[import-untyped]
from rest_framework.request import Request  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.views import APIView  # type: ignore[import-untyped]

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.intelligence.api import schema as _schema  # noqa: F401 (registers)
from hedgerow.intelligence.api.authentication import (
    BearerTokenAuthentication,
    VerifiedSessionAuthentication,
    via,
)
from hedgerow.intelligence.api.permissions import CanTriageReports, PartnerThrottle
from hedgerow.intelligence.api.selectors import (
    report_for,
    report_queue_for,
    shared_reports_for,
)
from hedgerow.intelligence.api.serializers import (
    ReportDetailSerializer,
    ReportFilterSerializer,
    ReportSummarySerializer,
    SharedReportSerializer,
    SharedReportSummarySerializer,
)
from hedgerow.intelligence.models import Report, SharedReport

REPORT_TYPE = "intelligence.report"
SHARED_TYPE = "intelligence.sharedreport"
NOT_FOUND = OpenApiResponse(description="No such report among those you may see.")
DENIED = OpenApiResponse(description="Your role does not allow triage.")
UNAUTHENTICATED = OpenApiResponse(description="No valid token or session.")


class TriageApiMixin:
    """Authentication, permission and no-store caching shared by every endpoint."""

    authentication_classes = [BearerTokenAuthentication, VerifiedSessionAuthentication]
    permission_classes = [permissions.IsAuthenticated, CanTriageReports]
    throttle_classes = [PartnerThrottle]

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(  # type: ignore[misc]
            request, response, *args, **kwargs
        )
        response["Cache-Control"] = "no-store"
        return response


def visible_report(request: Request, reference: str) -> Report:
    """The report if the caller may see it; otherwise 404, whether or not it exists."""
    report = report_for(user=request.user, reference=reference)
    if report is None:
        raise Http404
    return report


@extend_schema(
    tags=["reports"],
    parameters=[ReportFilterSerializer],
    responses={
        200: ReportSummarySerializer(many=True),
        401: UNAUTHENTICATED,
        403: DENIED,
    },
)
class ReportList(TriageApiMixin, generics.ListAPIView):  # type: ignore[misc]
    """Your agency's queue: the reports routed to it, newest first.

    Each call is recorded in the audit trail as a search, with its filters.
    """

    serializer_class = ReportSummarySerializer

    def get_queryset(self) -> Any:
        filters = ReportFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        self.filters = filters.validated_data
        return report_queue_for(user=self.request.user, filters=self.filters)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        audit_record(
            actor=request.user,
            action=Action.SEARCH,
            target_type=REPORT_TYPE,
            detail={
                "filters": {k: v for k, v in self.filters.items() if v is not None},
                "results": response.data["count"],
                "page": request.query_params.get("page", "1"),
                **via(request),
            },
        )
        return response


@extend_schema(
    tags=["reports"],
    responses={
        200: ReportDetailSerializer,
        401: UNAUTHENTICATED,
        403: DENIED,
        404: NOT_FOUND,
    },
)
class ReportDetail(TriageApiMixin, APIView):  # type: ignore[misc]
    """One report routed to your agency; recorded in the audit trail as a view.

    `contact` is null unless the reporter agreed to be contacted.
    """

    serializer_class = ReportDetailSerializer

    def get(self, request: Request, reference: str) -> Response:
        report = visible_report(request, reference)
        audit_record(
            actor=request.user, action=Action.VIEW, target=report, detail=via(request)
        )
        context = {"request": request}
        return Response(ReportDetailSerializer(report, context=context).data)


@extend_schema(
    tags=["shared"],
    responses={
        200: SharedReportSummarySerializer(many=True),
        401: UNAUTHENTICATED,
        403: DENIED,
    },
)
class SharedList(TriageApiMixin, generics.ListAPIView):  # type: ignore[misc]
    """Sanitised copies shared with your agency or by it; audited as a search."""

    serializer_class = SharedReportSummarySerializer

    def get_queryset(self) -> Any:
        return shared_reports_for(user=self.request.user)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        audit_record(
            actor=request.user,
            action=Action.SEARCH,
            target_type=SHARED_TYPE,
            detail={
                "results": response.data["count"],
                "page": request.query_params.get("page", "1"),
                **via(request),
            },
        )
        return response


@extend_schema(
    tags=["shared"],
    responses={
        200: SharedReportSerializer,
        401: UNAUTHENTICATED,
        403: DENIED,
        404: NOT_FOUND,
    },
)
class SharedDetail(TriageApiMixin, APIView):  # type: ignore[misc]
    """One shared copy; recorded in the audit trail as a view."""

    serializer_class = SharedReportSerializer

    def get(self, request: Request, reference: str) -> Response:
        shared: SharedReport | None = (
            shared_reports_for(user=request.user).filter(reference=reference).first()
        )
        if shared is None:
            raise Http404
        audit_record(
            actor=request.user, action=Action.VIEW, target=shared, detail=via(request)
        )
        context = {"request": request}
        return Response(SharedReportSerializer(shared, context=context).data)
