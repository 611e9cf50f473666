"""Pages of the sites: the directory with its filters, the sites per region (a schematic map
and its table), one site."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from tremplin.core.permissions import permission_required

from .. import queries, regionmap
from ..forms import SiteFilterForm

PAGE_SIZE = 50


@permission_required("network.view_directory")
def directory(request):
    form = SiteFilterForm(request.GET or None)
    filters = form.filters()
    page = Paginator(queries.directory(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    for site in page.object_list:
        site.remaining = max(site.capacity - site.occupied, 0)
    # Coming from a project's page (?project=slug), staff propose any site of the directory.
    project = None
    if request.GET.get("project"):
        project = queries.project_for_page(request.GET["project"][:80])
        if project is not None and not request.user.has_perm("network.propose_site", project):
            project = None
    return render(
        request,
        "network/directory.html",
        {
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
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
        "network/regions.html",
        {
            "counts": counts,
            "tiles": tiles,
            "map": regionmap,
            "total": sum(row.sites for row in counts),
            "levels": range(regionmap.LEVELS),
        },
    )


@login_required
def site(request, pk):
    site = queries.site_for_page(pk)
    if site is None:
        raise Http404
    user = request.user
    if not (user.has_perm("network.view_directory") or site.contact_id == user.pk):
        raise PermissionDenied
    site.remaining = max(site.capacity - site.occupied, 0)
    return render(
        request,
        "network/site.html",
        {
            "site": site,
            "experiments": queries.experiments_for_staff({}).filter(site=site)[:100],
        },
    )
