"""URLs of the selection committee: the committee of a call, conflicts, bidding, assignment."""

from django.urls import path

from ..views import committee as views

urlpatterns = [
    path("calls/<slug:slug>/committee/", views.committee, name="committee"),
    path("calls/<slug:slug>/committee/add/", views.committee_add, name="committee_add"),
    path(
        "calls/<slug:slug>/committee/members/<int:member_pk>/",
        views.committee_member,
        name="committee_member",
    ),
    path(
        "calls/<slug:slug>/committee/members/<int:member_pk>/remove/",
        views.committee_remove,
        name="committee_remove",
    ),
    path(
        "calls/<slug:slug>/committee/settings/",
        views.committee_settings,
        name="committee_settings",
    ),
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
    path("calls/<slug:slug>/bids/", views.bids, name="bids"),
    path("calls/<slug:slug>/assignment/", views.assignment, name="assignment"),
    path("calls/<slug:slug>/assignment/run/", views.assignment_run, name="assignment_run"),
    path("calls/<slug:slug>/assignment/pair/", views.assignment_pair, name="assignment_pair"),
    path(
        "calls/<slug:slug>/assignment/rules/<int:rule_pk>/remove/",
        views.assignment_rule_remove,
        name="assignment_rule_remove",
    ),
    path(
        "calls/<slug:slug>/assignment/assignments/<int:assignment_pk>/remove/",
        views.assignment_remove,
        name="assignment_remove",
    ),
]
