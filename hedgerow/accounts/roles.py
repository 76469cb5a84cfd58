"""The four staff roles and what each may do. Changing this file changes who sees what:
information governance should review every change to it."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hedgerow.core.permissions import Permission


class Role(models.TextChoices):
    """A member of staff's one role within their agency."""

    OFFICER = "officer", _("Officer")
    ANALYST = "analyst", _("Analyst")
    COORDINATOR = "coordinator", _("Coordinator")
    ADMINISTRATOR = "administrator", _("Administrator")


ROLE_DESCRIPTIONS: dict[Role, Promise] = {
    Role.OFFICER: _(
        "Partner officers (police, trading standards, licensing, housing, "
        "safeguarding and others) who act on what is reported to their agency."
    ),
    Role.ANALYST: _(
        "Analysts who study areas, networks and patterns across the partnership."
    ),
    Role.COORDINATOR: _(
        "Coordinators and community safety managers who run the partnership's "
        "routing, engagement and governance, and need to know who is in it."
    ),
    Role.ADMINISTRATOR: _(
        "Administrators who manage agencies, staff and roles, and oversee the "
        "audit trail."
    ),
}

_EVERY_STAFF_MEMBER = frozenset({Permission.AGENCY_VIEW, Permission.ROLE_VIEW})

# Reading reports is for the people who act on them. Administrators run accounts and
# oversee the audit trail; they do not read intelligence by virtue of that job.
_REPORT_WORK = frozenset(
    {Permission.REPORT_TRIAGE, Permission.REPORT_SHARE, Permission.PLACE_MANAGE}
)

# Area analytics are for the people who study and plan (issue 4): analysts and
# coordinators. Officers act on reports; administrators run accounts.
_AREA_WORK = frozenset({Permission.AREA_VIEW})

# Organised crime groups (issue 5) are for the people who act on and study them.
# Which groups each sees is then decided by agency: the police see all, other
# agencies those whose partnership panel they sit on (hedgerow.networks.querysets).
_GROUP_WORK = frozenset(
    {Permission.GROUP_VIEW, Permission.GROUP_MANAGE, Permission.DISRUPTION_RECORD}
)
_GROUP_ALL = _GROUP_WORK | {Permission.TACTIC_MANAGE, Permission.RECORDS_RESOLVE}

# Community engagement (issue 6): everyone who plans or acts may read what residents
# said at events; coordinators run the events and participatory budgeting.
_ENGAGEMENT_READ = frozenset({Permission.ENGAGEMENT_VIEW})
_ENGAGEMENT_ALL = _ENGAGEMENT_READ | {
    Permission.ENGAGEMENT_MANAGE,
    Permission.PB_MANAGE,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OFFICER: _EVERY_STAFF_MEMBER
    | _REPORT_WORK
    | _GROUP_WORK
    | _ENGAGEMENT_READ
    | {Permission.PLACE_VIEW},
    Role.ANALYST: _EVERY_STAFF_MEMBER
    | _AREA_WORK
    | _GROUP_WORK
    | _ENGAGEMENT_READ
    | {Permission.PLACE_VIEW, Permission.RECORDS_RESOLVE},
    Role.COORDINATOR: _EVERY_STAFF_MEMBER
    | _REPORT_WORK
    | _AREA_WORK
    | _ENGAGEMENT_ALL
    | {
        Permission.STAFF_VIEW,
        Permission.PLACE_VIEW,
        Permission.SIGNS_MANAGE,
        Permission.ROUTING_MANAGE,
        Permission.GROUP_VIEW,
        Permission.DISRUPTION_RECORD,
        Permission.TACTIC_MANAGE,
    },
    Role.ADMINISTRATOR: frozenset(Permission)
    - _REPORT_WORK
    - _AREA_WORK
    - _GROUP_ALL
    - _ENGAGEMENT_ALL
    - {Permission.PLACE_VIEW},
}


def permissions_for(role: str) -> frozenset[Permission]:
    """The permissions a role holds; an unknown role holds none."""
    try:
        return ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return frozenset()
