"""Participatory budgeting's pages: staff views and the public ones residents use."""

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from hedgerow.accounts.models import User


def staff(request: HttpRequest) -> User:
    """The signed-in member of staff (the permission decorators have checked)."""
    return cast("User", request.user)


def done_or_told(request: HttpRequest, change: Callable[[], Any], success: str) -> bool:
    """Make the change and say so; or show each reason it was refused."""
    try:
        change()
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
        return False
    messages.success(request, success)
    return True
