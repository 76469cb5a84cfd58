"""Spot the signs: public pages about each threat, and coordinators' editing pages.

The public pages work in every public language, set no cookies and show the
"Exit this page" control. Editing needs Permission.SIGNS_MANAGE.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.views.partnership import acting_user
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.core.public import public_page
from hedgerow.intelligence.catalogue import selectors
from hedgerow.intelligence.forms.signs import (
    ContactForm,
    MultilingualForm,
    ThreatForm,
    WarningSignForm,
)
from hedgerow.intelligence.models import Contact, Threat, WarningSign
from hedgerow.intelligence.services.catalogue import (
    contact_create,
    contact_update,
    threat_update,
    warning_sign_create,
    warning_sign_update,
)

THREAT_SAVED = _("Changes saved")
SIGN_ADDED = _("Warning sign added")
SIGN_SAVED = _("Warning sign saved")
CONTACT_ADDED = _("Contact added")
CONTACT_SAVED = _("Contact saved")
TEMPLATES = "intelligence/signs/"


@public_page
def threat_list(request: HttpRequest) -> HttpResponse:
    """Every published threat, with what it is, in the page's language."""
    threats = [
        {"slug": threat.slug, "name": threat.name, "summary": threat.text("summary")}
        for threat in selectors.threat_published_list()
    ]
    context = {"threats": threats, "exit_this_page": True}
    return render(request, TEMPLATES + "threat_list.html", context)


@public_page
def threat_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One threat: what it is, its signs, what to do and not do, where to go."""
    threat = get_object_or_404(selectors.threat_published_detail(), slug=slug)
    summary = str(threat.text("summary"))
    context = {
        "threat": threat,
        "summary_paragraphs": [line for line in summary.splitlines() if line.strip()],
        "do": threat.text("do"),
        "dont": threat.text("dont"),
        "signs": threat.published_signs,  # type: ignore[attr-defined]
        "contacts": threat.contacts.all(),
        "report_href": report_href(threat.slug),
        "exit_this_page": True,
    }
    return render(request, TEMPLATES + "threat_detail.html", context)


def report_href(slug: str) -> str | None:
    """Where to start a report about this threat, once the report flow exists."""
    try:
        start = reverse("intake:start")
    except NoReverseMatch:
        return None
    return f"{start}?{urlencode({'threat': slug})}"


@require_permission(Permission.SIGNS_MANAGE)
def manage_list(request: HttpRequest) -> HttpResponse:
    """Every threat, published or not, and every contact, to choose one to edit."""
    context = {
        "threats": selectors.threat_manage_list(),
        "contacts": selectors.contact_list(),
    }
    return render(request, TEMPLATES + "manage_list.html", context)


@require_permission(Permission.SIGNS_MANAGE)
def manage_threat(request: HttpRequest, slug: str) -> HttpResponse:
    """Change a threat's text in each language, its help and whether it shows."""
    threat = get_object_or_404(Threat, slug=slug)
    form = ThreatForm(request.POST or None, initial=ThreatForm.initial_for(threat))
    saved = _save(
        request,
        form,
        lambda: threat_update(
            threat=threat, by=acting_user(request), **form.service_fields()
        ),
        THREAT_SAVED,
    )
    if saved:
        return redirect("signs:manage_threat", slug=threat.slug)
    context = {"form": form, "threat": threat, "signs": threat.signs.all()}
    return render(request, TEMPLATES + "manage_threat.html", context)


@require_permission(Permission.SIGNS_MANAGE)
def manage_sign_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a warning sign to a threat."""
    threat = get_object_or_404(Threat, slug=slug)
    form = WarningSignForm(
        request.POST or None, initial=WarningSignForm.initial_for(None)
    )
    saved = _save(
        request,
        form,
        lambda: warning_sign_create(
            threat=threat, by=acting_user(request), **form.service_fields()
        ),
        SIGN_ADDED,
    )
    if saved:
        return redirect("signs:manage_threat", slug=threat.slug)
    context = {"form": form, "threat": threat, "sign": None}
    return render(request, TEMPLATES + "manage_sign_form.html", context)


@require_permission(Permission.SIGNS_MANAGE)
def manage_sign_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a warning sign's text, order or whether the public sees it."""
    sign = get_object_or_404(WarningSign, threat__slug=slug, pk=pk)
    form = WarningSignForm(
        request.POST or None, initial=WarningSignForm.initial_for(sign)
    )
    saved = _save(
        request,
        form,
        lambda: warning_sign_update(
            sign=sign, by=acting_user(request), **form.service_fields()
        ),
        SIGN_SAVED,
    )
    if saved:
        return redirect("signs:manage_threat", slug=slug)
    context = {"form": form, "threat": sign.threat, "sign": sign}
    return render(request, TEMPLATES + "manage_sign_form.html", context)


@require_permission(Permission.SIGNS_MANAGE)
def manage_contact_add(request: HttpRequest) -> HttpResponse:
    """Add somewhere else to go for help."""
    form = ContactForm(request.POST or None, initial=ContactForm.initial_for(None))
    saved = _save(
        request,
        form,
        lambda: contact_create(by=acting_user(request), **form.service_fields()),
        CONTACT_ADDED,
    )
    if saved:
        return redirect("signs:manage_list")
    return render(request, TEMPLATES + "manage_contact_form.html", {"form": form})


@require_permission(Permission.SIGNS_MANAGE)
def manage_contact_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change a contact's name, description, number, website or order."""
    contact = get_object_or_404(Contact, slug=slug)
    form = ContactForm(request.POST or None, initial=ContactForm.initial_for(contact))
    saved = _save(
        request,
        form,
        lambda: contact_update(
            contact=contact, by=acting_user(request), **form.service_fields()
        ),
        CONTACT_SAVED,
    )
    if saved:
        return redirect("signs:manage_list")
    context = {"form": form, "contact": contact}
    return render(request, TEMPLATES + "manage_contact_form.html", context)


def _save(
    request: HttpRequest,
    form: MultilingualForm,
    save: Callable[[], Any],
    message: Any,
) -> bool:
    """Run `save` for a valid POST; True when it worked, else the form has errors."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, message)
    return True
