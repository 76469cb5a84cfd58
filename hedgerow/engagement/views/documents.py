"""An event's documents: upload, download (audited) and remove."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.documents import document_download as download_response
from hedgerow.core.forms import add_service_errors
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.engagement import selectors, services
from hedgerow.engagement.forms import DocumentForm
from hedgerow.engagement.views import posted


@require_permission(Permission.ENGAGEMENT_MANAGE)
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a document to an event, checked by its name and its bytes."""
    event = selectors.event_get(pk=pk)
    files = request.FILES if request.method == "POST" else None
    form = DocumentForm(posted(request), files)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.event_document_add(
                event=event,
                user=request.user,
                name=upload.name or "",
                content=upload.read(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Document added"))
            return redirect("engagement:event_detail", pk=event.pk)
    context = {"form": form, "event": event}
    return render(request, "engagement/document_form.html", context)


@require_permission(Permission.ENGAGEMENT_VIEW)
@require_http_methods(["GET"])
def document_download(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """The document as it was uploaded, always as a download, never shown inline."""
    event = selectors.event_get(pk=pk)
    document = selectors.document_get(event=event, pk=document_pk)
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        target=document,
        purpose="Community events: downloading a document",
        detail={"event_id": event.pk, "name": document.name},
    )
    return download_response(
        name=document.name,
        content=bytes(document.content),
        content_type=document.content_type,
    )


@require_permission(Permission.ENGAGEMENT_MANAGE)
@require_http_methods(["GET", "POST"])
def document_remove(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """Ask, then remove a document from its event."""
    event = selectors.event_get(pk=pk)
    document = selectors.document_get(event=event, pk=document_pk)
    if request.method == "POST":
        services.event_document_remove(document=document, user=request.user)
        messages.success(request, _("Document removed"))
        return redirect("engagement:event_detail", pk=event.pk)
    context = {"event": event, "document": document}
    return render(request, "engagement/document_remove.html", context)
