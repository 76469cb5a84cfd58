"""Every page sits under a language prefix: none for English, /cy/ for Welsh."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = i18n_patterns(
    path("", include("hedgerow.core.urls")),
    path("accounts/", include("hedgerow.accounts.urls")),
    path("partnership/", include("hedgerow.accounts.partnership_urls")),
    path("audit/", include("hedgerow.audit.urls")),
    path("signs/", include("hedgerow.intelligence.urls.signs")),
    path("report/", include("hedgerow.intelligence.urls.intake")),
    path("triage/", include("hedgerow.intelligence.urls.triage")),
    path("routing/", include("hedgerow.intelligence.urls.routing")),
    path("places/", include("hedgerow.places.urls")),
    path("areas/", include("hedgerow.analytics.urls")),
    path("groups/", include("hedgerow.networks.urls")),
    path("disruptions/", include("hedgerow.disruptions.urls")),
    path("events/", include("hedgerow.engagement.urls")),
    path("budgeting/", include("hedgerow.budgeting.urls.staff")),
    path("pb/", include("hedgerow.budgeting.urls.public")),
    prefix_default_language=False,
)

# Machine interfaces sit outside the language prefixes.
urlpatterns += [
    path("open311/v2/", include("hedgerow.intelligence.api.open311_urls")),
    path("api/", include("config.api_urls")),
]

handler403 = "hedgerow.core.views.permission_denied"
handler404 = "hedgerow.core.views.page_not_found"
handler500 = "hedgerow.core.views.server_error"
