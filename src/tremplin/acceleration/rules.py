"""Who may do what in the acceleration of a laureate project. Deny by default. Staff see
everything; the referent follows their projects; mentors see only the projects they mentor;
the team sees its own project, and keeps it after the six months (alumni)."""

import rules

from tremplin.accounts.rules import (
    STAFF_EDIT,
    is_accelerator_staff,
    is_admin,
    is_mentor,
    is_referent,
)
from tremplin.core import four_eyes
from tremplin.core.permissions import visible_with
from tremplin.core.rules import admin_module, admin_permissions

from .models import CheckIn, FundingTranche, LaureateProject, Milestone


def _project(obj):
    """A rule on a project also applies to its milestones and check-ins."""
    return getattr(obj, "project", obj)


def _ids(user, project, name: str) -> set[int]:
    """The people of a project's many-to-many `name`, read once per project object."""
    key = f"_acceleration_{name}_ids"
    cache = project.__dict__.get(key)
    if cache is None:
        cache = set(getattr(project, name).values_list("pk", flat=True))
        project.__dict__[key] = cache
    return cache


def _team(project):
    """A project's authors are its team: the referent, mentors and staff follow their work."""
    return _ids(None, project, "team")


four_eyes.register(LaureateProject, _team)
for _model in (Milestone, CheckIn, FundingTranche):
    four_eyes.register(_model, lambda obj: four_eyes.authors_of(obj.project))


@rules.predicate
def follows(user, project) -> bool:
    project = _project(project)
    return project is not None and user.is_authenticated and project.referent_id == user.pk


@rules.predicate
def mentors(user, project) -> bool:
    project = _project(project)
    return (
        project is not None and user.is_authenticated and user.pk in _ids(user, project, "mentors")
    )


@rules.predicate
def on_team(user, project) -> bool:
    project = _project(project)
    return project is not None and user.is_authenticated and user.pk in _ids(user, project, "team")


@rules.predicate
def is_alumni_project(user, project) -> bool:
    return project is not None and project.is_finished


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


# Pages of the programme (no object).
rules.add_perm("acceleration.manage", is_accelerator_staff)
rules.add_perm("acceleration.view_my_projects", is_signed_in)
rules.add_perm("acceleration.view_dashboard", is_referent | is_accelerator_staff | is_mentor)

# On a project.
rules.add_perm("acceleration.view_project", is_accelerator_staff | follows | mentors | on_team)
# Anyone else is told that a project does not exist (404), whatever page of it they open.
visible_with(LaureateProject, "acceleration.view_project")
rules.add_perm("acceleration.view_funding", is_accelerator_staff | follows)
# What the accelerator decides about a project (and writes about it) is never decided by someone
# on its team, referent or staff though they are (four eyes): they work as the team does.
four_eyes.add_perm("acceleration.view_internal_notes", is_accelerator_staff | follows)
four_eyes.add_perm("acceleration.edit_internal_notes", is_accelerator_staff | follows)
four_eyes.add_perm("acceleration.manage_funding", is_accelerator_staff)
four_eyes.add_perm("acceleration.manage_people", is_accelerator_staff)
four_eyes.add_perm("acceleration.edit_milestones", is_accelerator_staff | follows)
rules.add_perm("acceleration.work_on_milestones", is_accelerator_staff | follows | on_team)
four_eyes.add_perm("acceleration.validate_milestones", is_accelerator_staff | follows)
rules.add_perm("acceleration.view_journal", is_accelerator_staff | follows | on_team)
rules.add_perm("acceleration.write_journal", is_accelerator_staff | follows | on_team)
rules.add_perm("acceleration.view_experts", is_accelerator_staff | follows | on_team)
rules.add_perm("acceleration.log_experts", is_accelerator_staff | follows)
four_eyes.add_perm("acceleration.record_outcome", is_accelerator_staff | follows)
four_eyes.add_perm("acceleration.reopen_outcome", is_accelerator_staff)
rules.add_perm("acceleration.publish_to_catalogue", on_team & is_alumni_project)
rules.add_perm("acceleration.view_history", is_accelerator_staff | follows)

# The Django admin (see admin.py): staff edit cohorts, templates and the mentor pool; the rest
# is written on the pages, with its history, and only read here.
for _model in (
    "acceleration.cohort",
    "acceleration.milestonetemplate",
    "acceleration.mentorprofile",
):
    admin_permissions(_model, **STAFF_EDIT)
for _model in (
    "acceleration.milestone",
    "acceleration.checkin",
    "acceleration.expertconsultation",
    "acceleration.fundingtranche",
    "acceleration.reminder",
):
    admin_permissions(_model, view=is_accelerator_staff, delete=is_admin)

admin_permissions("acceleration.laureateproject", **STAFF_EDIT)
admin_module("acceleration", is_accelerator_staff)
