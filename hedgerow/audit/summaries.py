"""Audit event details in words, for the search results ("role: officer → analyst")."""

from typing import Any

from django.utils.translation import gettext as _

# Details name changes as {"changes": {field: [old, new]}} or {field: {"from", "to"}}.
CHANGE_KEYS = ("from", "to")


def detail_summary(detail: Any) -> str:
    """A one-line, human summary of an event's detail; "" when there is none."""
    if not isinstance(detail, dict):
        return _value(detail) if detail else ""
    return "; ".join(_parts(detail))


def _parts(detail: dict[str, Any]) -> list[str]:
    """`key: value` for each entry, and one part per field a "changes" entry lists."""
    parts: list[str] = []
    for key, value in detail.items():
        if key == "changes" and isinstance(value, dict):
            parts.extend(_change(field, change) for field, change in value.items())
        else:
            parts.append(f"{key}: {_value(value)}")
    return parts


def _change(field: str, change: Any) -> str:
    """`field: old → new` for a [old, new] pair, else the value as it is."""
    if isinstance(change, list) and len(change) == 2:
        return f"{field}: {_value(change[0])} → {_value(change[1])}"
    return f"{field}: {_value(change)}"


def _value(value: Any) -> str:
    """One value in words: lists joined, nested details bracketed, blanks named."""
    if value is None:
        return _("(none)")
    if value == "":
        return _("(blank)")
    if isinstance(value, list):
        return ", ".join(_value(item) for item in value)
    if isinstance(value, dict):
        if set(value) == set(CHANGE_KEYS):
            return f"{_value(value['from'])} → {_value(value['to'])}"
        return "(" + ", ".join(_parts(value)) + ")"
    return str(value)
