"""Pages of the sites: the directory with its filters, the sites per region (a schematic map
and its table), one site."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tremplin.core import history, pagination
from tremplin.core.permissions import permission_required

from .. import queries, regionmap
from ..forms import SiteFilterForm, SiteForm
from ..models import ExperimentationSite
from ..services import imports
from ..services import sites as services

PAGE_SIZE = 50


@permission_required("network.view_directory")
def directory(request):
    form = SiteFilterForm(request.GET or None)
    filters = form.filters()
    page = pagination.page_of(request, queries.directory(filters), PAGE_SIZE)
    # Coming from a project's page (?project=slug), staff propose any site of the directory.
    project = None
    if request.GET.get("project"):
        project = queries.project_for_page(request.GET["project"][:80])
        if project is not None and not request.user.has_perm("network.propose_site", project):
            project = None
    return render(
        request,
        "network/sites/directory.html",
        {
            "form": form,
            "page": page,
            "page_range": page.elided_range,
            "filtered": any(value for value in filters.values()),
            "project": project,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@permission_required("network.view_directory")
def regions(request):
    counts = queries.sites_per_region()
    tiles = regionmap.tiles({row.region.code: row.sites for row in counts})
    by_code = {row.region.code: row for row in counts}
    for tile in tiles:
        tile.row = by_code[tile.code]
    return render(
        request,
        "network/sites/regions.html",
        {
            "counts": counts,
            "tiles": tiles,
            "map": regionmap,
            "total": sum(row.sites for row in counts),
            "levels": range(regionmap.LEVELS),
        },
    )


@permission_required("network.see_site", load=queries.site_for_page)
def site(request, experimentationsite):
    site = experimentationsite  # loaded (with its places) and checked by permission_required
    return render(
        request,
        "network/sites/site.html",
        {
            "site": site,
            "experiments": queries.experiments_for_staff({}).filter(site=site)[:100],
            "may_edit": request.user.has_perm("network.edit_site", site),
            "history": _site_history(site),
        },
    )


def _site_history(site):
    labels = {f.name: f.verbose_name for f in ExperimentationSite._meta.fields}
    entries = history.described(site, limit=50)
    for entry in entries:
        entry.changes = [
            (labels.get(name, name), imports.shown(old), imports.shown(new))
            for name, (old, new) in (entry.data.get("changes") or {}).items()
        ]
    return entries


@permission_required("network.edit_site", load=queries.site_for_page)
def edit(request, experimentationsite):
    site = experimentationsite  # loaded and checked by permission_required
    status = 200
    if request.method == "POST":
        form = SiteForm(request.POST, instance=ExperimentationSite.objects.get(pk=site.pk))
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            services.update_site(site, request.user, **fields)
            messages.success(request, _("The site is saved."))
            return redirect("network:site", pk=site.pk)
        status = 400
    else:
        form = SiteForm(instance=site)
    return render(
        request, "network/sites/site_edit.html", {"site": site, "form": form}, status=status
    )
