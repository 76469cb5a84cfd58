"""Public pages: the pages residents use, in more languages, with nothing kept.

Staff pages are in English and Welsh. Public pages (the start page, the warning
signs, the report flow) are also in the community languages listed in
HEDGEROW_PUBLIC_LANGUAGES. A view opts in with `@public_page`; a request for a
staff page in a public-only language is sent to the same page in English.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

View = Callable[..., HttpResponse]
PUBLIC_VIEW_ATTRIBUTE = "hedgerow_public_page"


def public_page(view: View | None = None, *, no_store: bool = False) -> Any:
    """Mark a view as public (community languages allowed).

    With `no_store=True` the response is sent with `Cache-Control: no-store`, so a
    shared computer keeps no copy of a report being written.
    """

    def decorate(inner: View) -> View:
        @wraps(inner)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = inner(request, *args, **kwargs)
            if no_store:
                add_never_cache_headers(response)
                response.headers["Cache-Control"] = "no-store"
            return response

        setattr(wrapped, PUBLIC_VIEW_ATTRIBUTE, True)
        return wrapped

    return decorate(view) if view is not None else decorate


def is_public_view(view: object) -> bool:
    """True for a view marked with `@public_page` (class-based views included)."""
    return bool(
        getattr(view, PUBLIC_VIEW_ATTRIBUTE, False)
        or getattr(getattr(view, "view_class", None), PUBLIC_VIEW_ATTRIBUTE, False)
    )


def staff_languages() -> set[str]:
    """The languages every page, staff pages included, is translated into."""
    return set(settings.HEDGEROW_STAFF_LANGUAGES)


class PublicLanguageMiddleware:
    """Send a staff page asked for in a community language to its English page."""

    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: object,
        view_args: object,
        view_kwargs: object,
    ) -> HttpResponse | None:
        language = get_language()
        if language in staff_languages() or is_public_view(view_func):
            return None
        return HttpResponseRedirect(
            translate_url(request.get_full_path(), settings.LANGUAGE_CODE)
        )
