"""Entity resolution pages under /groups/records/: upload, columns, progress, review.

All need RECORDS_RESOLVE. A job belongs to the uploading agency (others get 404);
a pair shows only while its subject is one the reader may see. The progress page
refreshes itself while the job runs, so it works without JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.forms import add_service_errors
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.networks import selectors
from hedgerow.networks.forms import (
    JudgementForm,
    ResolutionMappingForm,
    ResolutionUploadForm,
)
from hedgerow.networks.models import (
    CandidatePair,
    Decision,
    JobStatus,
    ResolutionJob,
)
from hedgerow.networks.services import resolution as services

PREVIEW_ROWS = 3
REFRESH_SECONDS = 3


@require_permission(Permission.RECORDS_RESOLVE)
def job_list(request: HttpRequest) -> HttpResponse:
    context = {"jobs": selectors.resolution_jobs(user=request.user)[:100]}
    return render(request, "networks/resolution/job_list.html", context)


@require_permission(Permission.RECORDS_RESOLVE)
def job_upload(request: HttpRequest) -> HttpResponse:
    form = ResolutionUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.job_create(
                user=request.user,
                dataset=form.cleaned_data["dataset"],
                kind=form.cleaned_data["kind"],
                purpose=form.cleaned_data["purpose"],
                filename=upload.name,
                data=upload.read(services.MAX_BYTES + 1),
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("networks:resolution_map", pk=job.pk)
    return render(request, "networks/resolution/upload.html", {"form": form})


@require_permission(Permission.RECORDS_RESOLVE)
def job_map(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.resolution_job_get(user=request.user, pk=pk)
    if job.status not in {JobStatus.UPLOADED, JobStatus.FAILED}:
        return redirect("networks:resolution_detail", pk=job.pk)
    initial = {"id_column": job.id_column, **job.column_map}
    form = ResolutionMappingForm(
        request.POST or None,
        initial=initial,
        columns=job.columns,
        fields=services.FIELDS[job.kind],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.job_map(
                job=job,
                user=request.user,
                id_column=form.cleaned_data["id_column"],
                column_map=form.column_map(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("networks:resolution_detail", pk=job.pk)
    _header, rows = services.read_upload(bytes(job.content))
    context = {"job": job, "form": form, "preview": rows[:PREVIEW_ROWS]}
    return render(request, "networks/resolution/map.html", context)


@require_permission(Permission.RECORDS_RESOLVE)
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.resolution_job_get(user=request.user, pk=pk)
    pairs = selectors.resolution_pairs(user=request.user, job=job)
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        target=job,
        purpose=job.purpose,
        detail={"pairs": pairs.count()} if job.status == JobStatus.DONE else None,
    )
    running = job.status in {JobStatus.QUEUED, JobStatus.RUNNING}
    context = {
        "job": job,
        "pairs": pairs,
        "running": running,
        "refresh": REFRESH_SECONDS if running else None,
        "pending": pairs.filter(decision=Decision.PENDING).count(),
        "merged": pairs.filter(decision=Decision.SAME).count(),
    }
    return render(request, "networks/resolution/job_detail.html", context)


@require_permission(Permission.RECORDS_RESOLVE)
def pair_review(request: HttpRequest, pk: int, pair_pk: int) -> HttpResponse:
    job = selectors.resolution_job_get(user=request.user, pk=pk)
    pair = selectors.resolution_pairs(user=request.user, job=job).filter(pk=pair_pk)
    found = pair.first()
    if found is None:
        raise Http404
    form = JudgementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pair_judge(
                pair=found, user=request.user, decision=form.cleaned_data["decision"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Judgement recorded"))
            return _next_pair(request, job)
    else:
        audit_record(
            actor=request.user,
            action=Action.VIEW,
            target=found.subject,
            purpose=job.purpose,
            detail={"resolution_job": job.pk, "record_id": found.record_id},
        )
    context = {
        "job": job,
        "pair": found,
        "form": form,
        "fields": _side_by_side(job, found),
        "drivers": found.drivers,
    }
    return render(request, "networks/resolution/pair.html", context)


def _next_pair(request: HttpRequest, job: ResolutionJob) -> HttpResponse:
    pending = selectors.resolution_pairs(user=request.user, job=job).filter(
        decision=Decision.PENDING
    )
    following = pending.first()
    if following is None:
        return redirect("networks:resolution_detail", pk=job.pk)
    return redirect("networks:resolution_pair", pk=job.pk, pair_pk=following.pk)


def _side_by_side(
    job: ResolutionJob, pair: CandidatePair
) -> list[tuple[str, str, str]]:
    """(field label, the partner's value, the register's value) per mapped field."""
    register = services.register_frame([pair.subject], job.kind).iloc[0].to_dict()
    return [
        (
            str(label),
            pair.record.get(job.column_map[field], ""),
            register.get(field, ""),
        )
        for field, label in services.FIELDS[job.kind]
        if field in job.column_map
    ]
