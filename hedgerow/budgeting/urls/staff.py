"""Coordinators' pages for participatory-budgeting rounds, under /budgeting/."""

from django.urls import URLPattern, URLResolver, path

from hedgerow.budgeting.urls import staff_delivery, staff_interchange
from hedgerow.budgeting.views import codes, paper, results, rounds, staff_bids

app_name = "budgeting"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", rounds.round_list, name="round_list"),
    path("new/", rounds.round_create, name="round_create"),
    *staff_interchange.urlpatterns,
    path("<slug:slug>/", rounds.round_detail, name="round_detail"),
    path("<slug:slug>/edit/", rounds.round_edit, name="round_edit"),
    path("<slug:slug>/phase/", rounds.round_advance, name="round_advance"),
    path("<slug:slug>/count/", rounds.round_count, name="round_count"),
    path("<slug:slug>/publish/", rounds.round_publish, name="round_publish"),
    path("<slug:slug>/results/", results.result_preview, name="result_preview"),
    path("<slug:slug>/bids/new/", staff_bids.bid_enter, name="bid_enter"),
    path("<slug:slug>/bids/<str:reference>/", staff_bids.bid_review, name="bid_review"),
    path(
        "<slug:slug>/bids/<str:reference>/documents/<int:document_id>/",
        staff_bids.bid_document,
        name="bid_document",
    ),
    path("<slug:slug>/codes/", codes.codes_issue, name="codes_issue"),
    path("<slug:slug>/codes/<int:batch_id>/void/", codes.codes_void, name="codes_void"),
    path("<slug:slug>/paper/", paper.paper_enter, name="paper_enter"),
    path("<slug:slug>/paper/check/", paper.paper_queue, name="paper_queue"),
    path(
        "<slug:slug>/paper/<uuid:ballot_id>/", paper.paper_decide, name="paper_decide"
    ),
    *staff_delivery.urlpatterns,
]
