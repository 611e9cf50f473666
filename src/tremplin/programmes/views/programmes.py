"""Staff pages of programmes: the list, a new programme, a programme's settings."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tremplin.core.permissions import permission_required

from .. import queries
from ..forms.programmes import ProgrammeForm
from ..models import Programme
from ..services import programmes as services
from ._common import written


@permission_required("programmes.manage_programmes")
def programme_list(request):
    return render(
        request,
        "programmes/programmes/programme_list.html",
        {"programmes": queries.staff_programmes(), "section": "programmes"},
    )


@permission_required("programmes.manage_programmes")
def programme_create(request):
    form = ProgrammeForm(request.POST or None)
    programme = written(request, form, lambda data: services.create_programme(request.user, **data))
    if programme is not None:
        messages.success(request, _("The programme %(name)s is created.") % {"name": programme})
        return redirect("programmes:programme_list")
    return render(
        request,
        "programmes/programmes/programme_form.html",
        {"form": form, "section": "programmes"},
    )


@permission_required("programmes.manage_programmes", model=Programme)
def programme_edit(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    # The form works on its own copy: the page keeps showing the saved name.
    form = ProgrammeForm(request.POST or None, instance=Programme.objects.get(pk=pk))
    saved = written(
        request, form, lambda data: services.update_programme(programme, request.user, **data)
    )
    if saved is not None:
        messages.success(request, _("The programme is saved."))
        return redirect("programmes:programme_list")
    return render(
        request,
        "programmes/programmes/programme_form.html",
        {
            "form": form,
            "programme": programme,
            "history": queries.latest_history(programme),
            "section": "programmes",
        },
    )
