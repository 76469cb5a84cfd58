"""Every page sits under a language prefix: none for English, /cy/ for Welsh."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = i18n_patterns(
    path("", include("hedgerow.core.urls")),
    path("accounts/", include("hedgerow.accounts.urls")),
    path("partnership/", include("hedgerow.accounts.partnership_urls")),
    path("audit/", include("hedgerow.audit.urls")),
    prefix_default_language=False,
)

handler403 = "hedgerow.core.views.permission_denied"
handler404 = "hedgerow.core.views.page_not_found"
handler500 = "hedgerow.core.views.server_error"
