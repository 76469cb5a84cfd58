"""Template tags for GOV.UK layout pieces that need the request."""

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from hedgerow.core.public import is_public_view

register = template.Library()


@register.inclusion_tag("components/language_navigation.html", takes_context=True)
def language_navigation(context: template.Context) -> dict[str, object]:
    """Links to this page in each language: the language is in the URL, not a cookie."""
    request: HttpRequest | None = context.get("request")
    current = get_language()
    match = getattr(request, "resolver_match", None)
    public = match is not None and is_public_view(match.func)
    items = []
    for code, _name in settings.LANGUAGES:
        if not public and code not in settings.HEDGEROW_STAFF_LANGUAGES:
            continue
        href = translate_url(request.get_full_path(), code) if request else "/"
        items.append(
            {
                "code": code,
                "href": href,
                "native": NATIVE_NAMES.get(code, code),
                "current": code == current,
            }
        )
    return {"items": items}


# Each language is named in itself, as GOV.UK's language navigation recommends.
NATIVE_NAMES = {"en": "English", "cy": "Cymraeg", "pl": "Polski", "ro": "Română"}
