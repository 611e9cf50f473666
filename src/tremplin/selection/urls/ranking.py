"""URLs of the selection committee: the ranking of a call, its export, its tie-break policy."""

from django.urls import path

from ..views import ranking as views

urlpatterns = [
    path("calls/<slug:slug>/ranking/", views.ranking, name="ranking"),
    path("calls/<slug:slug>/ranking/export.csv", views.ranking_export, name="ranking_export"),
    path("calls/<slug:slug>/ranking/policy/", views.ranking_policy, name="ranking_policy"),
]
