"""What the acceleration's views share (private to the views package)."""

from django.http import Http404
from django.urls import reverse

from .. import queries

MANAGE = "acceleration.manage"

PERMS = {
    "funding": "acceleration.view_funding",
    "notes": "acceleration.view_internal_notes",
    "edit_notes": "acceleration.edit_internal_notes",
    "edit_milestones": "acceleration.edit_milestones",
    "work": "acceleration.work_on_milestones",
    "journal": "acceleration.view_journal",
    "write_journal": "acceleration.write_journal",
    "experts": "acceleration.view_experts",
    "log_experts": "acceleration.log_experts",
    "people": "acceleration.manage_people",
    "manage_funding": "acceleration.manage_funding",
    "outcome": "acceleration.record_outcome",
    "reopen": "acceleration.reopen_outcome",
    "publish": "acceleration.publish_to_catalogue",
    "history": "acceleration.view_history",
    # The network's page of the project's experiments and suggested sites.
    "experiments": "network.view_project_experiments",
}


def project_or_404(slug):
    project = queries.project_by_slug(slug)
    if project is None:
        raise Http404
    return project


def project_url(project, anchor=""):
    url = reverse("acceleration:project", kwargs={"slug": project.slug})
    return f"{url}#{anchor}" if anchor else url
