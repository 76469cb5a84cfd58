"""Template helpers for participatory budgeting: `{{ amount|money:round.currency }}`."""

from django import template
from django.utils.formats import number_format

register = template.Library()

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


@register.filter
def money(amount: object, currency: str = "GBP") -> str:
    """A whole amount with its currency: £12,500, or 12,500 PLN where no symbol."""
    if amount is None or amount == "":
        return ""
    value = number_format(int(amount), decimal_pos=0, force_grouping=True)  # type: ignore[call-overload]
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{value}" if symbol else f"{value} {currency}"


@register.filter
def money_exact(amount: object, currency: str = "GBP") -> str:
    """An amount to the penny, as a price per supporter: £555.56."""
    if amount is None or amount == "":
        return ""
    value = number_format(float(amount), decimal_pos=2, force_grouping=True)  # type: ignore[arg-type]
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{value}" if symbol else f"{value} {currency}"
