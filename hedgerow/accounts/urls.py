"""Signing in and out, invitations and your account, under /accounts/."""

from django.urls import path

from hedgerow.accounts.views import account, api_tokens, invitations, signin

app_name = "accounts"
urlpatterns = [
    path("login/", signin.login, name="login"),
    path("login/code/", signin.login_code, name="login_code"),
    path(
        "login/authenticator/",
        signin.setup_authenticator,
        name="setup_authenticator",
    ),
    path("login/recovery-codes/", signin.recovery_codes, name="recovery_codes"),
    path("logout/", signin.logout_view, name="logout"),
    path(
        "invitation/<str:token>/",
        invitations.invitation_accept,
        name="invitation_accept",
    ),
    path("account/", account.account, name="account"),
    path(
        "account/sign-out-everywhere/",
        account.sign_out_everywhere,
        name="sign_out_everywhere",
    ),
    path("account/password/", account.password_change, name="password_change"),
    path(
        "account/recovery-codes/",
        account.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    path("account/api-tokens/", api_tokens.api_tokens, name="api_tokens"),
    path(
        "account/api-tokens/<int:pk>/revoke/",
        api_tokens.api_token_revoke,
        name="api_token_revoke",
    ),
]
