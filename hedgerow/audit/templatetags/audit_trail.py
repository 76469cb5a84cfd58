"""Template filters that put audit events into words."""

from typing import Any

from django import template

from hedgerow.audit import selectors, summaries

register = template.Library()


@register.filter
def detail_summary(detail: Any) -> str:
    """An event's detail as one line of words."""
    return summaries.detail_summary(detail)


@register.filter
def target_type_label(target_type: str) -> str:
    """A record type as people name it ("Agency" for "accounts.agency")."""
    return selectors.target_type_label(target_type)
