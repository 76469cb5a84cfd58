from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Partner agencies, staff, roles, invitations and signing in."""

    name = "hedgerow.accounts"
    label = "accounts"
