"""Triage actions through the API: grade, close, ask the reporter a question.

Each calls the same service the triage pages use, so the same rules apply and
the change is audited there. A report the caller may not see is a 404.
"""

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status  # type: ignore[import-untyped]
from rest_framework.request import Request  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.views import APIView  # type: ignore[import-untyped]

from hedgerow.intelligence.api.serializers import (
    CloseSerializer,
    GradeSerializer,
    QuestionResultSerializer,
    QuestionSerializer,
    TriageResultSerializer,
)
from hedgerow.intelligence.api.triage import (
    DENIED,
    NOT_FOUND,
    UNAUTHENTICATED,
    TriageApiMixin,
    visible_report,
)
from hedgerow.intelligence.services.triage import (
    report_close,
    report_grade,
    report_question_ask,
)

INVALID = OpenApiResponse(
    description="The values are not valid, or the report is closed."
)
ERRORS = {400: INVALID, 401: UNAUTHENTICATED, 403: DENIED, 404: NOT_FOUND}


def valid_data(serializer_class: type[Any], request: Request) -> dict[str, Any]:
    """The request body, checked by `serializer_class` (400 with the problems)."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    data: dict[str, Any] = serializer.validated_data
    return data


def refused(error: ValidationError) -> serializers.ValidationError:
    """A service's refusal, as a 400 the caller can read."""
    return serializers.ValidationError({"non_field_errors": error.messages})


class ReportGrade(TriageApiMixin, APIView):  # type: ignore[misc]
    """Grade a report: priority, risk and immediate risk to life."""

    @extend_schema(
        tags=["reports"],
        request=GradeSerializer,
        responses={200: TriageResultSerializer, **ERRORS},
    )
    def post(self, request: Request, reference: str) -> Response:
        report = visible_report(request, reference)
        data = valid_data(GradeSerializer, request)
        try:
            report = report_grade(report=report, by=request.user, **data)
        except ValidationError as error:
            raise refused(error) from error
        return Response(TriageResultSerializer(report).data)


class ReportClose(TriageApiMixin, APIView):  # type: ignore[misc]
    """Close a report with its outcome."""

    @extend_schema(
        tags=["reports"],
        request=CloseSerializer,
        responses={200: TriageResultSerializer, **ERRORS},
    )
    def post(self, request: Request, reference: str) -> Response:
        report = visible_report(request, reference)
        data = valid_data(CloseSerializer, request)
        try:
            report = report_close(report=report, by=request.user, **data)
        except ValidationError as error:
            raise refused(error) from error
        return Response(TriageResultSerializer(report).data)


class ReportQuestion(TriageApiMixin, APIView):  # type: ignore[misc]
    """Ask the reporter a question; they see it when they follow up."""

    @extend_schema(
        tags=["reports"],
        request=QuestionSerializer,
        responses={201: QuestionResultSerializer, **ERRORS},
    )
    def post(self, request: Request, reference: str) -> Response:
        report = visible_report(request, reference)
        data = valid_data(QuestionSerializer, request)
        try:
            message = report_question_ask(report=report, by=request.user, **data)
        except ValidationError as error:
            raise refused(error) from error
        body = QuestionResultSerializer(message).data
        return Response(body, status=status.HTTP_201_CREATED)
