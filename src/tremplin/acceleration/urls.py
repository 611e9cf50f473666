"""Acceleration pages: cohorts, laureate projects, phases and milestones, journal, people,
funding and outcome (namespace `acceleration`)."""

from django.urls import path

from .views import project as views
from .views import staff

app_name = "acceleration"

PROJECT = "projects/<slug:slug>/"
MILESTONE = PROJECT + "milestones/<int:pk>/"

urlpatterns = [
    path("", views.my_projects, name="my_projects"),
    # Staff
    path("cohorts/", staff.cohorts, name="cohorts"),
    path("cohorts/<int:pk>/", staff.cohort, name="cohort"),
    path("calls/<slug:slug>/laureates/", staff.create_from_call, name="create_from_call"),
    path("funding/", staff.funding_totals, name="funding_totals"),
    path("templates/", staff.templates, name="templates"),
    path("templates/<slug:slug>/", staff.template, name="template"),
    path("templates/<slug:slug>/<int:pk>/", staff.template_edit, name="template_edit"),
    path("templates/<slug:slug>/<int:pk>/remove/", staff.template_remove, name="template_remove"),
    path("mentors/", staff.mentor_pool, name="mentor_pool"),
    path("mentors/new/", staff.mentor_add, name="mentor_add"),
    path("mentors/<int:pk>/", staff.mentor_edit, name="mentor_edit"),
    # A project
    path(PROJECT, views.project, name="project"),
    path(PROJECT + "notes/", views.save_notes, name="notes"),
    path(PROJECT + "milestones/new/", views.milestone_add, name="milestone_add"),
    path(MILESTONE, views.milestone_edit, name="milestone_edit"),
    path(MILESTONE + "remove/", views.milestone_remove, name="milestone_remove"),
    path(MILESTONE + "status/", views.milestone_move, name="milestone_move"),
    path(MILESTONE + "files/", views.milestone_file, name="milestone_file"),
    path(
        MILESTONE + "files/<int:file>/",
        views.milestone_file_download,
        name="milestone_file_download",
    ),
    path(PROJECT + "journal/", views.journal_page, name="journal"),
    path(PROJECT + "journal/<int:pk>/", views.check_in, name="check_in"),
    path(PROJECT + "journal/<int:pk>/cancel/", views.check_in_cancel, name="check_in_cancel"),
    path(PROJECT + "people/", views.people_page, name="people"),
    path(PROJECT + "people/referent/", views.referent_set, name="referent_set"),
    path(PROJECT + "people/mentors/add/", views.mentor_assign, name="mentor_assign"),
    path(PROJECT + "people/mentors/remove/", views.mentor_remove, name="mentor_remove"),
    path(PROJECT + "experts/", views.experts, name="experts"),
    path(PROJECT + "funding/", views.funding_page, name="funding"),
    path(PROJECT + "funding/<int:pk>/", views.tranche_edit, name="tranche_edit"),
    path(PROJECT + "funding/<int:pk>/remove/", views.tranche_remove, name="tranche_remove"),
    path(PROJECT + "outcome/", views.outcome, name="outcome"),
    path(PROJECT + "outcome/reopen/", views.outcome_reopen, name="outcome_reopen"),
    path(PROJECT + "publish/", views.publish, name="publish"),
]
