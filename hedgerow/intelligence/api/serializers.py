"""What the triage API sends and accepts.

The queue (a search) carries only what a partner needs to choose a report; the
detail (an audited view) carries the report itself. Contact details appear only
when the reporter agreed to be contacted; photos are counted, never inlined.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers  # type: ignore[import-untyped]

from hedgerow.intelligence.models import (
    Message,
    Outcome,
    Priority,
    Report,
    Risk,
    SharedReport,
    Status,
)
from hedgerow.intelligence.selectors.triage import report_is_overdue


class ReportSummarySerializer(serializers.ModelSerializer):  # type: ignore[misc]
    """One report in the queue: enough to choose it, nothing the reporter wrote."""

    threat = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    lsoa = serializers.SlugRelatedField(slug_field="code", read_only=True)
    overdue = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(
        view_name="api:report_detail", lookup_field="reference"
    )

    class Meta:
        model = Report
        fields = [
            "reference",
            "url",
            "submitted_at",
            "channel",
            "threat",
            "lsoa",
            "status",
            "priority",
            "risk",
            "risk_to_life",
            "overdue",
        ]

    @extend_schema_field(serializers.BooleanField())
    def get_overdue(self, report: Report) -> bool:
        return report_is_overdue(report)


class ContactSerializer(serializers.Serializer):  # type: ignore[misc]
    """How to reach a reporter who agreed to be contacted."""

    name = serializers.CharField(source="contact_name")
    phone = serializers.CharField(source="contact_phone")
    email = serializers.CharField(source="contact_email")


class MessageSerializer(serializers.ModelSerializer):  # type: ignore[misc]
    """A question, answer, update from the reporter, or internal note."""

    agency = serializers.StringRelatedField()

    class Meta:
        model = Message
        fields = ["kind", "text", "agency", "created_at"]


class ReportDetailSerializer(ReportSummarySerializer):
    """The whole report as its routed agencies may read it."""

    signs = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    assigned_to = serializers.StringRelatedField()
    duplicate_of = serializers.SlugRelatedField(slug_field="reference", read_only=True)
    public_status = serializers.CharField()
    contact = serializers.SerializerMethodField()
    photos = serializers.SerializerMethodField()
    routed_to = serializers.SerializerMethodField()
    messages = MessageSerializer(many=True, read_only=True)

    class Meta(ReportSummarySerializer.Meta):
        fields = [
            *ReportSummarySerializer.Meta.fields,
            "language",
            "signs",
            "location_kind",
            "location_description",
            "postcode",
            "latitude",
            "longitude",
            "when_kind",
            "occurred_on",
            "occurred_until",
            "description",
            "triaged_at",
            "assigned_to",
            "place",
            "duplicate_of",
            "outcome",
            "outcome_note",
            "closed_at",
            "public_status",
            "contact",
            "photos",
            "routed_to",
            "messages",
        ]

    @extend_schema_field(ContactSerializer(allow_null=True))
    def get_contact(self, report: Report) -> dict[str, Any] | None:
        if not report.contact_consent:
            return None
        return dict(ContactSerializer(report).data)

    @extend_schema_field(serializers.IntegerField())
    def get_photos(self, report: Report) -> int:
        return report.photos.count()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_routed_to(self, report: Report) -> list[str]:
        return [routing.agency.name for routing in report.routings.all()]


class SharedReportSerializer(serializers.ModelSerializer):  # type: ignore[misc]
    """A sanitised copy shared between agencies: never the original report."""

    from_agency = serializers.StringRelatedField()
    to_agency = serializers.StringRelatedField()
    shared_by = serializers.StringRelatedField()
    threat = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    lsoa = serializers.SlugRelatedField(slug_field="code", read_only=True)
    photos = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(
        view_name="api:shared_detail", lookup_field="reference"
    )

    class Meta:
        model = SharedReport
        fields = [
            "reference",
            "url",
            "from_agency",
            "to_agency",
            "shared_by",
            "shared_at",
            "purpose",
            "lawful_basis",
            "threat",
            "location",
            "lsoa",
            "when",
            "summary",
            "photos",
        ]

    @extend_schema_field(serializers.IntegerField())
    def get_photos(self, shared: SharedReport) -> int:
        return shared.photos.count()


class SharedReportSummarySerializer(SharedReportSerializer):
    """A shared copy in a list: who, when and why, not what it says."""

    class Meta(SharedReportSerializer.Meta):
        fields = [
            "reference",
            "url",
            "from_agency",
            "to_agency",
            "shared_at",
            "lawful_basis",
            "threat",
            "lsoa",
        ]


class ReportFilterSerializer(serializers.Serializer):  # type: ignore[misc]
    """The queue's filters, as query parameters."""

    status = serializers.ChoiceField(choices=Status.choices, required=False)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)
    threat = serializers.SlugField(required=False, help_text="A threat's slug.")
    overdue = serializers.BooleanField(required=False, allow_null=True, default=None)
    submitted_after = serializers.DateField(
        required=False, help_text="Only reports submitted on or after this date."
    )


class GradeSerializer(serializers.Serializer):  # type: ignore[misc]
    """Grade a report: how soon to act, the risk, and any immediate risk to life."""

    priority = serializers.ChoiceField(choices=Priority.choices)
    risk = serializers.ChoiceField(choices=Risk.choices)
    risk_to_life = serializers.BooleanField(default=False)


class CloseSerializer(serializers.Serializer):  # type: ignore[misc]
    """Close a report with its outcome."""

    outcome = serializers.ChoiceField(choices=Outcome.choices)
    note = serializers.CharField(
        max_length=5000, allow_blank=True, required=False, default=""
    )


class QuestionSerializer(serializers.Serializer):  # type: ignore[misc]
    """A question for the reporter, who sees it when they follow up."""

    text = serializers.CharField(max_length=2000)


class TriageResultSerializer(serializers.ModelSerializer):  # type: ignore[misc]
    """A report's triage state after a change."""

    class Meta:
        model = Report
        fields = [
            "reference",
            "status",
            "priority",
            "risk",
            "risk_to_life",
            "outcome",
            "closed_at",
        ]


class QuestionResultSerializer(serializers.ModelSerializer):  # type: ignore[misc]
    """The question as it was asked."""

    class Meta:
        model = Message
        fields = ["kind", "text", "created_at"]
