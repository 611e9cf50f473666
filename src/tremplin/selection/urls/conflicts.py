"""URLs of the selection committee: conflicts of interest (staff, and a member's own)."""

from django.urls import path

from ..views import conflicts as views

urlpatterns = [
    path(
        "calls/<slug:slug>/committee/conflicts/",
        views.committee_conflicts,
        name="committee_conflicts",
    ),
    path(
        "calls/<slug:slug>/committee/conflicts/detect/",
        views.committee_detect,
        name="committee_detect",
    ),
    path(
        "calls/<slug:slug>/committee/conflicts/<int:conflict_pk>/remove/",
        views.committee_conflict_remove,
        name="committee_conflict_remove",
    ),
    path("calls/<slug:slug>/my-conflicts/", views.my_conflicts, name="my_conflicts"),
]
