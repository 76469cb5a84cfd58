"""Reads of the warning-signs catalogue: what the public sees, and what staff edit."""

from django.db.models import Count, Prefetch, QuerySet

from hedgerow.intelligence.models import Contact, Threat, WarningSign


def threat_published_list() -> QuerySet[Threat]:
    """The threats shown to the public, in their order."""
    return Threat.objects.filter(is_published=True)


def threat_published_detail() -> QuerySet[Threat]:
    """Published threats with their published signs and contacts, for one page."""
    return (
        threat_published_list()
        .prefetch_related(
            Prefetch(
                "signs",
                queryset=WarningSign.objects.filter(is_published=True),
                to_attr="published_signs",
            ),
            "contacts",
        )
        .select_related("specialist_contact")
    )


def threat_manage_list() -> QuerySet[Threat]:
    """Every threat, published or not, with how many signs it has, for editors."""
    return Threat.objects.annotate(sign_count=Count("signs"))


def contact_list() -> QuerySet[Contact]:
    """Every place the catalogue can point people to."""
    return Contact.objects.all()
