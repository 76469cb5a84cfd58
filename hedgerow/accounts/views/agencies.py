"""Partner agencies: the list, one agency and its staff, adding and changing them."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts import selectors
from hedgerow.accounts.forms.partnership import AgencyForm
from hedgerow.accounts.models import Agency
from hedgerow.accounts.services.agencies import agency_create as agency_create_service
from hedgerow.accounts.services.agencies import agency_update
from hedgerow.accounts.views.partnership import acting_user
from hedgerow.core.permissions import Permission, has_permission, require_permission

AGENCY_ADDED = _("Agency added")
AGENCY_CHANGED = _("Agency details saved")


@require_permission(Permission.AGENCY_VIEW)
def agency_list(request: HttpRequest) -> HttpResponse:
    """Every partner agency with its kind, areas and number of active staff."""
    context = {
        "agencies": selectors.agency_list(),
        "can_manage": has_permission(request.user, Permission.AGENCY_MANAGE),
    }
    return render(request, "accounts/partnership/agency_list.html", context)


@require_permission(Permission.AGENCY_VIEW)
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One agency; its staff too for those allowed to see staff."""
    agency = get_object_or_404(selectors.agency_list(), pk=pk)
    staff = None
    if has_permission(request.user, Permission.STAFF_VIEW):
        people = selectors.staff_list(agency=agency)
        staff = [(person, selectors.staff_status(person)) for person in people]
    context = {
        "agency": agency,
        "staff": staff,
        "can_manage": has_permission(request.user, Permission.AGENCY_MANAGE),
    }
    return render(request, "accounts/partnership/agency_detail.html", context)


@require_permission(Permission.AGENCY_MANAGE)
def agency_create(request: HttpRequest) -> HttpResponse:
    """Add a partner agency."""
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = agency_create_service(
                **_service_fields(form), by=acting_user(request)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, AGENCY_ADDED)
            return redirect("partnership:agency_detail", pk=agency.pk)
    return render(request, "accounts/partnership/agency_form.html", {"form": form})


@require_permission(Permission.AGENCY_MANAGE)
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an agency's name, kind, contact email or areas."""
    agency = get_object_or_404(Agency, pk=pk)
    form = AgencyForm(request.POST or None, initial=AgencyForm.initial_for(agency))
    if request.method == "POST" and form.is_valid():
        try:
            agency_update(
                agency=agency, **_service_fields(form), by=acting_user(request)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, AGENCY_CHANGED)
            return redirect("partnership:agency_detail", pk=agency.pk)
    context = {"form": form, "agency": agency}
    return render(request, "accounts/partnership/agency_form.html", context)


def _service_fields(form: AgencyForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "kind": data["kind"],
        "contact_email": data["contact_email"],
        "local_authority_codes": data["areas"],
    }
