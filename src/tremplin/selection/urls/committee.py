"""URLs of the selection committee: the committee of a call (members, settings)."""

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
]
