"""Staff pages of seasons: the list, a new season, a season's settings."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tremplin.core.permissions import permission_required

from .. import queries
from ..forms.seasons import SeasonForm
from ..models import Season
from ..services import seasons as services
from ._common import written


@permission_required("programmes.manage_seasons")
def season_list(request):
    return render(
        request,
        "programmes/seasons/season_list.html",
        {"seasons": queries.staff_seasons(), "section": "seasons"},
    )


@permission_required("programmes.manage_seasons")
def season_create(request):
    form = SeasonForm(request.POST or None)
    season = written(request, form, lambda data: services.create_season(request.user, **data))
    if season is not None:
        messages.success(request, _("%(season)s is created.") % {"season": season})
        return redirect("programmes:season_list")
    return render(
        request, "programmes/seasons/season_form.html", {"form": form, "section": "seasons"}
    )


@permission_required("programmes.manage_seasons", model=Season)
def season_edit(request, pk):
    season = get_object_or_404(Season, pk=pk)
    form = SeasonForm(request.POST or None, instance=Season.objects.get(pk=pk))
    saved = written(
        request, form, lambda data: services.update_season(season, request.user, **data)
    )
    if saved is not None:
        messages.success(request, _("The season is saved."))
        return redirect("programmes:season_list")
    return render(
        request,
        "programmes/seasons/season_form.html",
        {
            "form": form,
            "season": season,
            "history": queries.latest_history(season),
            "section": "seasons",
        },
    )
