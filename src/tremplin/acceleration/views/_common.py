"""What the acceleration's views share."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from .. import queries


def project_or_404(slug):
    project = queries.project_by_slug(slug)
    if project is None:
        raise Http404
    return project


def project_url(project, anchor=""):
    url = reverse("acceleration:project", kwargs={"slug": project.slug})
    return f"{url}#{anchor}" if anchor else url


def refused(request, error) -> None:
    messages.error(request, " ".join(error.messages))


def errors_into(form, error: ValidationError) -> None:
    """A service's refusal shown next to the fields it names, the rest on top of the form."""
    if hasattr(error, "error_dict"):
        for name, problems in error.error_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error)
