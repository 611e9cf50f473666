"""Acceleration pages: cohorts, laureate projects, phases and milestones, journal, people,
funding and outcome (namespace `acceleration`)."""

from django.urls import path

from .views import funding, journal, milestones, outcome, people, projects

app_name = "acceleration"

PROJECT = "projects/<slug:slug>/"
MILESTONE = PROJECT + "milestones/<int:pk>/"

urlpatterns = [
    path("", projects.my_projects, name="my_projects"),
    # Staff
    path("cohorts/", projects.cohorts, name="cohorts"),
    path("cohorts/<int:pk>/", projects.cohort, name="cohort"),
    path("calls/<slug:slug>/laureates/", projects.create_from_call, name="create_from_call"),
    path("funding/", funding.funding_totals, name="funding_totals"),
    path("templates/", milestones.templates, name="templates"),
    path("templates/<slug:slug>/", milestones.template, name="template"),
    path("templates/<slug:slug>/<int:pk>/", milestones.template_edit, name="template_edit"),
    path(
        "templates/<slug:slug>/<int:pk>/remove/", milestones.template_remove, name="template_remove"
    ),
    path("mentors/", people.mentor_pool, name="mentor_pool"),
    path("mentors/new/", people.mentor_add, name="mentor_add"),
    path("mentors/<int:pk>/", people.mentor_edit, name="mentor_edit"),
    # A project
    path(PROJECT, projects.project, name="project"),
    path(PROJECT + "notes/", projects.save_notes, name="notes"),
    path(PROJECT + "milestones/new/", milestones.milestone_add, name="milestone_add"),
    path(MILESTONE, milestones.milestone_edit, name="milestone_edit"),
    path(MILESTONE + "remove/", milestones.milestone_remove, name="milestone_remove"),
    path(MILESTONE + "status/", milestones.milestone_status, name="milestone_status"),
    path(MILESTONE + "files/", milestones.milestone_file, name="milestone_file"),
    path(
        MILESTONE + "files/<int:file>/",
        milestones.milestone_file_download,
        name="milestone_file_download",
    ),
    path(PROJECT + "journal/", journal.journal_page, name="journal"),
    path(PROJECT + "journal/<int:pk>/", journal.check_in, name="check_in"),
    path(PROJECT + "journal/<int:pk>/cancel/", journal.check_in_cancel, name="check_in_cancel"),
    path(PROJECT + "people/", people.people_page, name="people"),
    path(PROJECT + "people/referent/", people.referent_set, name="referent_set"),
    path(PROJECT + "people/mentors/add/", people.mentor_assign, name="mentor_assign"),
    path(PROJECT + "people/mentors/remove/", people.mentor_remove, name="mentor_remove"),
    path(PROJECT + "experts/", people.experts, name="experts"),
    path(PROJECT + "funding/", funding.funding_page, name="funding"),
    path(PROJECT + "funding/<int:pk>/", funding.tranche_edit, name="tranche_edit"),
    path(PROJECT + "funding/<int:pk>/remove/", funding.tranche_remove, name="tranche_remove"),
    path(PROJECT + "outcome/", outcome.outcome, name="outcome"),
    path(PROJECT + "outcome/reopen/", outcome.outcome_reopen, name="outcome_reopen"),
    path(PROJECT + "publish/", outcome.publish, name="publish"),
]
