"""Delivery pages: coordinators track funded projects; residents see what the money did.

Staff pages need PB_MANAGE. The public pages ("What the money did") exist only once
a round's results are published, keep nothing about the visitor (`@public_page`)
and show only the round's funded projects and their photos.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from hedgerow.accounts.views.partnership import acting_user
from hedgerow.budgeting.forms.delivery import DeliveryForm, DeliveryPhotoForm
from hedgerow.budgeting.models import Delivery, DeliveryPhoto, Round
from hedgerow.budgeting.selectors.delivery import (
    delivery_area_choices,
    round_delivery_summary,
    round_published_photo,
)
from hedgerow.budgeting.services import delivery as services
from hedgerow.core.forms import add_service_errors
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.core.public import public_page

# Published photos may sit in a cache a few minutes, so a removed one soon goes.
PUBLIC_PHOTO_MAX_AGE = 300


def _photo_response(photo: DeliveryPhoto, cache_control: str) -> HttpResponse:
    """A stored photo's bytes, as the type it was re-encoded to."""
    response = HttpResponse(bytes(photo.content), content_type=photo.content_type)
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _delivery_get(slug: str, reference: str) -> Delivery:
    """The tracked project with this bid reference in the round, or 404."""
    return get_object_or_404(
        Delivery.objects.select_related("bid__round", "bid__area"),
        bid__round__slug=slug,
        bid__reference=reference,
    )


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET", "POST"])
def delivery_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The round's funded projects with their progress; POST starts tracking them."""
    round = get_object_or_404(Round, slug=slug)
    if request.method == "POST":
        try:
            created = services.delivery_start(round=round, by=acting_user(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            count = len(created)
            messages.success(
                request,
                ngettext(
                    "Tracking started for %(count)s project",
                    "Tracking started for %(count)s projects",
                    count,
                )
                % {"count": count},
            )
        return redirect("budgeting:delivery_list", slug=round.slug)
    context = {"round": round, "summary": round_delivery_summary(round)}
    return render(request, "budgeting/delivery_list.html", context)


def _edit_context(
    delivery: Delivery, form: DeliveryForm, photo_form: DeliveryPhotoForm
) -> dict[str, object]:
    photos = list(delivery.photos.defer("content"))
    return {
        "round": delivery.bid.round,
        "bid": delivery.bid,
        "delivery": delivery,
        "form": form,
        "photo_form": photo_form,
        "photos": photos,
        "photo_room": services.MAX_DELIVERY_PHOTOS - len(photos),
        "max_photos": services.MAX_DELIVERY_PHOTOS,
    }


def _delivery_form(request: HttpRequest, delivery: Delivery) -> DeliveryForm:
    """The progress form, bound on a save and filled from the record otherwise."""
    initial = {
        "status": delivery.status,
        "spent": delivery.spent,
        "outcomes": delivery.outcomes,
        "areas": list(delivery.areas.all()),
    }
    data = request.POST if request.POST.get("action") == "save" else None
    return DeliveryForm(data, initial=initial, areas=delivery_area_choices(delivery))


def _photo_form(request: HttpRequest) -> DeliveryPhotoForm:
    """The photo form, bound on an upload."""
    if request.POST.get("action") == "upload":
        return DeliveryPhotoForm(request.POST, request.FILES)
    return DeliveryPhotoForm()


@require_permission(Permission.PB_MANAGE)
@require_http_methods(["GET", "POST"])
def delivery_edit(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    """Record a project's progress, and add photos of its work."""
    delivery = _delivery_get(slug, reference)
    form, photo_form = _delivery_form(request, delivery), _photo_form(request)
    if form.is_bound and form.is_valid():
        try:
            services.delivery_update(
                delivery=delivery, by=acting_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Progress saved"))
            return redirect("budgeting:delivery_list", slug=slug)
    if photo_form.is_bound and photo_form.is_valid():
        try:
            services.delivery_photo_add(
                delivery=delivery,
                by=acting_user(request),
                data=photo_form.cleaned_data["photo"].read(),
                caption=photo_form.cleaned_data["caption"],
            )
        except ValidationError as error:
            add_service_errors(photo_form, error)
        else:
            messages.success(request, _("Photo added"))
            return redirect("budgeting:delivery_edit", slug=slug, reference=reference)
    context = _edit_context(delivery, form, photo_form)
    return render(request, "budgeting/delivery_edit.html", context)


@require_permission(Permission.PB_MANAGE)
@require_safe
def delivery_photo(
    request: HttpRequest, slug: str, reference: str, photo_id: int
) -> HttpResponse:
    """One photo of a tracked project, for staff; never kept by the browser."""
    delivery = _delivery_get(slug, reference)
    photo = get_object_or_404(delivery.photos, pk=photo_id)
    return _photo_response(photo, "no-store")


@require_permission(Permission.PB_MANAGE)
@require_POST
def delivery_photo_remove(
    request: HttpRequest, slug: str, reference: str, photo_id: int
) -> HttpResponse:
    """Remove a photo from the project, and so from the public page."""
    delivery = _delivery_get(slug, reference)
    photo = get_object_or_404(
        delivery.photos.select_related("delivery__bid"), pk=photo_id
    )
    services.delivery_photo_remove(photo=photo, by=acting_user(request))
    messages.success(request, _("Photo removed"))
    return redirect("budgeting:delivery_edit", slug=slug, reference=reference)


def _published_round(slug: str) -> Round:
    """A round whose results are published, or 404."""
    return get_object_or_404(Round, slug=slug, results_published_at__isnull=False)


@public_page
@require_safe
def delivered(request: HttpRequest, slug: str) -> HttpResponse:
    """What the money did: each funded project's progress, spend and photos."""
    round = _published_round(slug)
    context = {"round": round, "summary": round_delivery_summary(round)}
    return render(request, "pb/delivered.html", context)


@public_page
@require_safe
def delivered_photo(request: HttpRequest, slug: str, photo_id: int) -> HttpResponse:
    """A photo of one of the round's funded projects, once results are published."""
    photo = round_published_photo(_published_round(slug), photo_id)
    if photo is None:
        raise Http404
    return _photo_response(photo, f"max-age={PUBLIC_PHOTO_MAX_AGE}")
