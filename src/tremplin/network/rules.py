"""Who may do what in the experimentation network. Deny by default. A site's contact sees and
answers only the experiments proposed to their own sites; a project's team, referent and
mentors see the project's experiments; staff see and manage everything. Nobody on a project's
team decides where it experiments (core.four_eyes)."""

import rules

from tremplin.accounts.rules import STAFF_EDIT, is_accelerator_staff, is_admin
from tremplin.core import four_eyes
from tremplin.core.permissions import visible_with
from tremplin.core.rules import admin_module, admin_permissions

from .models import Experiment, ExperimentationSite

# An experiment is its project's work: the project's team are its authors (acceleration.rules).
four_eyes.register(Experiment, lambda experiment: four_eyes.authors_of(experiment.project))


@rules.predicate
def contacts_the_site(user, experiment) -> bool:
    return experiment is not None and experiment.site.contact_id == user.pk


@rules.predicate
def is_the_sites_contact(user, site) -> bool:
    return site is not None and site.contact_id == user.pk


@rules.predicate
def follows_the_project(user, project) -> bool:
    """Referent, mentor or team member of a laureate project."""
    if project is None or not getattr(user, "is_authenticated", False):
        return False
    if project.referent_id == user.pk:
        return True
    return project.team.filter(pk=user.pk).exists() or project.mentors.filter(pk=user.pk).exists()


@rules.predicate
def follows_its_project(user, experiment) -> bool:
    return experiment is not None and follows_the_project(user, experiment.project)


# Anywhere
rules.add_perm("network.view_directory", is_accelerator_staff)
rules.add_perm("network.import_sites", is_accelerator_staff)
rules.add_perm("network.list_experiments", is_accelerator_staff)

# On a site
rules.add_perm("network.see_site", is_accelerator_staff | is_the_sites_contact)
rules.add_perm("network.edit_site", is_accelerator_staff | is_the_sites_contact)
visible_with(ExperimentationSite, "network.see_site")

# On a laureate project
rules.add_perm("network.view_project_experiments", is_accelerator_staff | follows_the_project)
# Deciding where a project experiments is not for its own team (four eyes).
four_eyes.add_perm("network.propose_site", is_accelerator_staff)

# On an experiment
rules.add_perm(
    "network.see_experiment", is_accelerator_staff | contacts_the_site | follows_its_project
)
# A site's contact on the project's team does not accept it: staff answer for the site then.
four_eyes.add_perm("network.answer_experiment", contacts_the_site | is_accelerator_staff)
# Starting, finishing and reporting are the site's running of it, not a decision on the project.
rules.add_perm("network.run_experiment", contacts_the_site | is_accelerator_staff)
four_eyes.add_perm("network.manage_experiment", is_accelerator_staff)
rules.add_perm("network.report_experiment", contacts_the_site | is_accelerator_staff)
visible_with(Experiment, "network.see_experiment")

# The admin: experiments are read there (written on the pages, through the state machine);
# imports are read there (made on the import pages, checked first).
admin_permissions("network.experiment", view=is_accelerator_staff, change=is_admin, delete=is_admin)
admin_permissions("network.siteimport", view=is_accelerator_staff, delete=is_admin)

admin_permissions("network.experimentationsite", **STAFF_EDIT)
admin_module("network", is_accelerator_staff)
