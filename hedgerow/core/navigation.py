"""The staff navigation, declared once; each person sees only what their role allows."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hedgerow.core.permissions import Permission, has_permission, is_fully_signed_in


@dataclass(frozen=True)
class NavItem:
    """One link in the service navigation, shown to holders of `permission`.

    `description` says what the section is for; the staff home page lists every
    section that has one.
    """

    label: Promise
    url_name: str
    permission: Permission | None = None
    description: Promise | None = None


STAFF_NAVIGATION: tuple[NavItem, ...] = (
    NavItem(_("Home"), "core:dashboard"),
    NavItem(
        _("Triage"),
        "triage:queue",
        Permission.REPORT_TRIAGE,
        _("Reports routed to your agency, and copies other agencies shared with it."),
    ),
    NavItem(
        _("Places"),
        "places:place_list",
        Permission.PLACE_VIEW,
        _("Premises and places partners are concerned about, with their flags."),
    ),
    NavItem(
        _("Areas"),
        "areas:map",
        Permission.AREA_VIEW,
        _(
            "Where crime concentrates and changes: neighbourhood rates, hot spots and "
            "maps from police.uk data."
        ),
    ),
    NavItem(
        _("Groups"),
        "networks:group_list",
        Permission.GROUP_VIEW,
        _(
            "Organised crime groups: their members, subjects and links, and the "
            "harm they do."
        ),
    ),
    NavItem(
        _("Disruptions"),
        "disruptions:dashboard",
        Permission.GROUP_VIEW,
        _(
            "What every partner has done to disrupt groups, subjects and places, "
            "and what it achieved."
        ),
    ),
    NavItem(
        _("Events"),
        "engagement:event_list",
        Permission.ENGAGEMENT_VIEW,
        _(
            "World Cafés, training and community meetings: who came, and what "
            "residents said about crime where they live."
        ),
    ),
    NavItem(
        _("Budgeting"),
        "budgeting:round_list",
        Permission.PB_MANAGE,
        _(
            "Participatory-budgeting rounds: bids, voting codes, ballots, fair "
            "results and what the money delivered."
        ),
    ),
    NavItem(
        _("Routing"),
        "routing:rule_list",
        Permission.ROUTING_MANAGE,
        _(
            "Which agencies receive reports about each threat in each area, and "
            "reports that reached nobody."
        ),
    ),
    NavItem(
        _("Warning signs"),
        "signs:manage_list",
        Permission.SIGNS_MANAGE,
        _("The public warning-signs catalogue and where it sends people for help."),
    ),
    NavItem(
        _("Agencies"),
        "partnership:agency_list",
        Permission.AGENCY_VIEW,
        _("The partner agencies in the partnership and the areas they cover."),
    ),
    NavItem(
        _("People"),
        "partnership:staff_list",
        Permission.STAFF_VIEW,
        _("Staff in every agency, their roles and whether their account is active."),
    ),
    NavItem(
        _("Roles"),
        "partnership:role_list",
        Permission.ROLE_VIEW,
        _("The staff roles and what each one allows."),
    ),
    NavItem(
        _("Audit trail"),
        "audit:event_list",
        Permission.AUDIT_VIEW,
        _("Search the record of everything staff have done in Hedgerow."),
    ),
)


@dataclass(frozen=True)
class NavLink:
    """A navigation item resolved for one request."""

    label: Promise
    href: str
    active: bool
    description: Promise | None = None


def navigation_for(request: HttpRequest) -> list[NavLink]:
    """The navigation links `request.user` may follow, marking the current section."""
    # Error pages for static files are rendered before any middleware sets `user`.
    user = getattr(request, "user", None)
    if user is None or not is_fully_signed_in(user):
        return []
    links = []
    for item in STAFF_NAVIGATION:
        if item.permission and not has_permission(user, item.permission):
            continue
        href = reverse(item.url_name)
        home = item.url_name == "core:dashboard"
        active = request.path == href if home else request.path.startswith(href)
        links.append(NavLink(item.label, href, active, item.description))
    return links
