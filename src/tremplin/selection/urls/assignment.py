"""URLs of the selection committee: the reviewer assignment."""

from django.urls import path

from ..views import assignment as views

urlpatterns = [
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
