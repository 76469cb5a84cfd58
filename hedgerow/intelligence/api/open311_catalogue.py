"""Open311 services: the warning-signs catalogue as GeoReport v2 service types.

Each published threat is one service (its slug is the service_code), plus
"not-sure" for someone who does not know what kind of crime they saw. A service
definition lists the attributes a client may send with a request.
"""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hedgerow.core.caches import TimedCache
from hedgerow.intelligence.models import Threat, WarningSign
from hedgerow.intelligence.models.catalogue import localised

NOT_SURE = "not-sure"
ATTRIBUTE_SIGNS = "signs"
ATTRIBUTE_LOCATION = "location"
ATTRIBUTE_POSTCODE = "postcode"
ATTRIBUTE_WHEN = "when"
ATTRIBUTE_CONSENT = "contact_consent"
LOCATION_PLACE = "place"
LOCATION_ONLINE = "online"
GROUP = gettext_lazy("Serious and organised crime")


def published_threats() -> QuerySet[Threat]:
    """The threats the public can report, in catalogue order."""
    return Threat.objects.filter(is_published=True).order_by("order", "slug")


# Every submission looks up its threat and signs; cleared by signals on any change.
CATALOGUE = TimedCache(seconds=10)


def threat_for_code(service_code: str) -> Threat | None:
    """The published threat a service code names (None for "not-sure" or unknown)."""
    threat: Threat | None = CATALOGUE.get(
        ("threat", service_code),
        lambda: published_threats().filter(slug=service_code).first(),
    )
    return threat


def published_signs(threat: Threat) -> list[WarningSign]:
    """The signs of a threat the public can tick, in order."""
    signs: list[WarningSign] = CATALOGUE.get(
        ("signs", threat.pk),
        lambda: list(threat.signs.filter(is_published=True).order_by("order", "pk")),
    )
    return signs


def _keywords(slug: str) -> str:
    return ", ".join(word for word in slug.split("-") if word not in {"and", "or"})


def service_list(language: str) -> list[dict[str, Any]]:
    """Every service (GET services.json), in `language` where it is translated."""
    services = [
        {
            "service_code": threat.slug,
            "service_name": threat.text("name", language) or threat.slug,
            "description": threat.text("summary", language),
            "metadata": True,
            "type": "realtime",
            "keywords": _keywords(threat.slug),
            "group": str(GROUP),
        }
        for threat in published_threats()
    ]
    services.append(
        {
            "service_code": NOT_SURE,
            "service_name": _("Not sure"),
            "description": _(
                "Something seems wrong, but you are not sure what kind of crime it is."
            ),
            "metadata": True,
            "type": "realtime",
            "keywords": "",
            "group": str(GROUP),
        }
    )
    return services


def _attribute(
    code: str,
    *,
    order: int,
    datatype: str,
    description: str,
    datatype_description: str = "",
    values: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    attribute: dict[str, Any] = {
        "variable": True,
        "code": code,
        "datatype": datatype,
        "required": False,
        "datatype_description": datatype_description,
        "order": order,
        "description": description,
    }
    if values is not None:
        attribute["values"] = values
    return attribute


def _signs_attribute(threat: Threat, language: str) -> dict[str, Any]:
    signs = [
        {"key": sign.slug, "name": str(localised(sign.texts, language))}
        for sign in published_signs(threat)
    ]
    return _attribute(
        ATTRIBUTE_SIGNS,
        order=1,
        datatype="multivaluelist",
        description=_("Which of these warning signs have you noticed?"),
        values=signs,
    )


def _common_attributes() -> list[dict[str, Any]]:
    """Where, when and contact: the same for every service."""
    return [
        _attribute(
            ATTRIBUTE_LOCATION,
            order=2,
            datatype="singlevaluelist",
            description=_("Is it about a place, or about something online?"),
            datatype_description=_(
                "Leave it out for a place (then send lat and long, or address_string)."
            ),
            values=[
                {"key": LOCATION_PLACE, "name": _("A place")},
                {"key": LOCATION_ONLINE, "name": _("Online")},
            ],
        ),
        _attribute(
            ATTRIBUTE_POSTCODE,
            order=3,
            datatype="string",
            description=_("The postcode, if you know it."),
        ),
        _attribute(
            ATTRIBUTE_WHEN,
            order=4,
            datatype="string",
            description=_("When did it happen?"),
            datatype_description=_(
                "A date (2025-01-31), two dates joined by a slash "
                "(2025-01-01/2025-01-31), or “ongoing”. Leave it out if not sure."
            ),
        ),
        _attribute(
            ATTRIBUTE_CONSENT,
            order=5,
            datatype="singlevaluelist",
            description=_("Do you agree to be contacted about this report?"),
            datatype_description=_(
                "Unless this is true, any name, email address or phone number "
                "sent is discarded and the report is anonymous."
            ),
            values=[
                {"key": "true", "name": _("Yes")},
                {"key": "false", "name": _("No")},
            ],
        ),
    ]


def service_definition(threat: Threat | None, language: str) -> dict[str, Any]:
    """The attributes a request for this service may carry (GET services/<code>)."""
    attributes = [] if threat is None else [_signs_attribute(threat, language)]
    attributes += _common_attributes()
    code = threat.slug if threat is not None else NOT_SURE
    return {"service_code": code, "attributes": attributes}
