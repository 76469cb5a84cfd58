"""Residents' and community groups' pages for participatory budgeting, under /pb/."""

from django.urls import URLPattern, URLResolver, path

from hedgerow.budgeting.urls import public_delivery, public_interchange
from hedgerow.budgeting.views import bid_portal, public, voting

app_name = "pb"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", public.round_list, name="round_list"),
    path("bids/<str:secret>/", bid_portal.bid_edit, name="bid_edit"),
    path(
        "bids/<str:secret>/documents/<int:document_id>/",
        bid_portal.bid_document,
        name="bid_document",
    ),
    path("<slug:slug>/", public.round_detail, name="round_detail"),
    path("<slug:slug>/bid/", bid_portal.bid_start, name="bid_start"),
    path("<slug:slug>/vote/", voting.vote_start, name="vote_start"),
    path("<slug:slug>/vote/check/", voting.vote_check, name="vote_check"),
    path("<slug:slug>/vote/cast/", voting.vote_cast, name="vote_cast"),
    path("<slug:slug>/results/", public.results, name="results"),
    *public_interchange.urlpatterns,
    *public_delivery.urlpatterns,
]
