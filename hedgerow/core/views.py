"""Public pages, the staff home page and the GOV.UK-style error pages."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from hedgerow.core.permissions import Permission, has_permission, require_staff
from hedgerow.core.public import public_page


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """The public start page: what Hedgerow is and where to get help now."""
    return render(request, "core/home.html")


@public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement the Public Sector Bodies Regulations 2018 require."""
    return render(
        request,
        "core/accessibility.html",
        {"privacy_contact_email": settings.HEDGEROW_PRIVACY_CONTACT_EMAIL},
    )


@public_page
def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice: what is kept about whom, why, and for how long."""
    lockout_minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "core/privacy.html",
        {
            "privacy_contact_email": settings.HEDGEROW_PRIVACY_CONTACT_EMAIL,
            "lockout_minutes": lockout_minutes,
        },
    )


@require_staff
def dashboard(request: HttpRequest) -> HttpResponse:
    """A signed-in person's home page: what their role lets them do."""
    permissions = [p for p in Permission if has_permission(request.user, p)]
    return render(request, "core/dashboard.html", {"permissions": permissions})


def permission_denied(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    """403: the person is signed in but their role does not allow this page."""
    return render(request, "errors/403.html", status=403)


def page_not_found(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    """404, in GOV.UK's words."""
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 without touching the database or the session: they may be what failed.

    Rendered without the request, so no context processor (which would load the
    signed-in user from the database) runs.
    """
    return HttpResponseServerError(loader.render_to_string("errors/500.html"))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form was sent without a valid security token, usually after a long pause."""
    return render(request, "errors/csrf.html", status=403)
