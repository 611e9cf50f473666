"""Pages of the experiments: a project's experiments and suggested sites (staff propose), one
experiment (the site's contact answers, reports), staff's list and each person's own list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.core import history, pagination
from tremplin.core.permissions import permission_required, visible_or_404
from tremplin.core.views import refusal_into

from .. import queries
from ..forms import ExperimentFilterForm, ProposalForm, ReportForm, TransitionForm
from ..services import experiments as services
from ..workflow import EXPERIMENT_WORKFLOW

PAGE_SIZE = 30


def _project_or_404(request, slug, perm="network.view_project_experiments"):
    return visible_or_404(request.user, queries.project_for_page(slug), perm)


@login_required
def project_experiments(request, slug):
    project = _project_or_404(request, slug)
    may_propose = request.user.has_perm("network.propose_site", project)
    return render(
        request,
        "network/experiments/project_experiments.html",
        {
            "project": project,
            "experiments": queries.experiments_of_project(project),
            "suggestions": queries.suggestions(project) if may_propose else [],
            "may_propose": may_propose,
            "deployed": queries.deployed_site_count(project),
        },
    )


@login_required
def propose(request, slug, site_pk):
    project = _project_or_404(request, slug, "network.propose_site")
    site = queries.site_for_page(site_pk)
    if site is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = ProposalForm(request.POST)
        if form.is_valid():
            try:
                experiment = services.propose(project, site, request.user, **form.cleaned_data)
            except ValidationError as error:
                refusal_into(form, error)
            else:
                if site.contact_id:
                    messages.success(
                        request,
                        _("%(site)s is proposed; %(contact)s is told and will answer here.")
                        % {"site": site.name, "contact": site.contact},
                    )
                else:
                    messages.warning(
                        request,
                        _(
                            "%(site)s is proposed, but nobody with an account answers for the "
                            "site: tell its contact yourself, or answer for them."
                        )
                        % {"site": site.name},
                    )
                return redirect("network:experiment", pk=experiment.pk)
        status = 400
    else:
        form = ProposalForm(initial={"starts_on": project.starts_on, "ends_on": project.ends_on})
    return render(
        request,
        "network/experiments/propose.html",
        {
            "project": project,
            "site": site,
            "form": form,
            "remaining": site.remaining,
        },
        status=status,
    )


def _experiment_or_404(request, pk, perm="network.see_experiment"):
    return visible_or_404(request.user, queries.experiment_for_page(pk), perm)


def _actions(experiment, user):
    return [
        {
            "name": t.name,
            "label": t.label,
            "requires_reason": t.requires_reason or t.name == "accept",
            "reason_required": t.requires_reason,
        }
        for t in EXPERIMENT_WORKFLOW.available(experiment, user)
    ]


def _context(request, experiment, *, transition_form=None, report_form=None, **more) -> dict:
    """The experiment page's context: its actions, forms, history and links."""
    return {
        "experiment": experiment,
        "actions": _actions(experiment, request.user),
        "transition_form": transition_form or TransitionForm(),
        "report_form": report_form,
        "history": history.described(experiment),
        "may_see_project": request.user.has_perm(
            "network.view_project_experiments", experiment.project
        ),
        "may_see_site": request.user.has_perm("network.see_site", experiment.site),
        **more,
    }


@login_required
def experiment(request, pk):
    experiment = _experiment_or_404(request, pk)
    may_report = request.user.has_perm("network.report_experiment", experiment)
    report_form = None
    if may_report and experiment.status in ("accepted", "running", "finished", "deployed"):
        report_form = ReportForm(
            initial={
                "starts_on": experiment.starts_on,
                "ends_on": experiment.ends_on,
                "people_reached": experiment.people_reached,
                "results": experiment.results,
            }
        )
    return render(
        request,
        "network/experiments/experiment.html",
        _context(request, experiment, report_form=report_form),
    )


@login_required
@require_POST
def transition(request, pk, action):
    experiment = _experiment_or_404(request, pk)
    form = TransitionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        services.fire_experiment(
            experiment, action, request.user, reason=form.cleaned_data["reason"]
        )
    except PermissionDenied:
        raise
    except ValidationError as error:
        # Said next to the action's reason or button (not also in the page's messages).
        return render(
            request,
            "network/experiments/experiment.html",
            _context(
                request,
                experiment,
                transition_form=form,
                failed_action=action,
                failed_messages=error.messages,
            ),
            status=400,
        )
    messages.success(
        request,
        _("Done: the experiment is now “%(status)s”.")
        % {"status": experiment.get_status_display()},
    )
    return redirect("network:experiment", pk=experiment.pk)


@login_required
def report(request, pk):
    experiment = _experiment_or_404(request, pk, "network.report_experiment")
    if request.method != "POST":
        return redirect("network:experiment", pk=experiment.pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.update_report(experiment, request.user, **form.cleaned_data)
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(request, _("The experiment's report is saved."))
            return redirect("network:experiment", pk=experiment.pk)
    return render(
        request,
        "network/experiments/experiment.html",
        _context(request, experiment, report_form=form),
        status=400,
    )


def _page(request, queryset, size=PAGE_SIZE):
    page = pagination.page_of(request, queryset, size)
    return page, page.elided_range


@permission_required("network.list_experiments")
def experiment_list(request):
    form = ExperimentFilterForm(request.GET or None)
    page, page_range = _page(request, queries.experiments_for_staff(form.filters()))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/experiments/experiment_list.html",
        {"form": form, "page": page, "page_range": page_range, "query": query.urlencode()},
    )


@login_required
def my_experiments(request):
    proposed = queries.experiments_proposed_to(request.user)
    followed = queries.experiments_of_projects_followed_by(request.user)
    return render(
        request,
        "network/experiments/my_experiments.html",
        {
            "proposed": proposed,
            "followed": followed,
            "sites": queries.sites_of_contact(request.user),
        },
    )
