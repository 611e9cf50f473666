"""URLs of the selection committee: bidding."""

from django.urls import path

from ..views import bidding as views

urlpatterns = [
    path("calls/<slug:slug>/bids/", views.bids, name="bids"),
]
