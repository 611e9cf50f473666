"""Pages of a call's committee (staff): its members and the selection settings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into
from tremplin.programmes.queries import call_by_slug

from ..forms.committee import AddMemberForm, MemberForm, SearchForm, SettingsForm
from ..models import CommitteeMember
from ..queries import committee as queries
from ..queries import settings
from ..services import committee as services

MANAGE = "selection.manage_committee"
RUN = "selection.run_assignment"


# --- Members (staff) ---------------------------------------------------------------------------


@permission_required(MANAGE, lookup="slug", load=call_by_slug)
def committee(request, call):
    search = SearchForm(request.GET or None)
    found = queries.search_people(call, search.data.get("q", "")) if search.is_bound else []
    options = settings.of(call)
    return render(
        request,
        "selection/committee/committee.html",
        {
            "call": call,
            "section": "committee",
            "members": queries.committee(call),
            "search": search,
            "found": found,
            "roles": CommitteeMember.Role.choices,
            "default_capacity": options.default_capacity,
        },
    )


@require_POST
@permission_required(MANAGE, lookup="slug", load=call_by_slug)
def committee_add(request, call):
    form = AddMemberForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            member = services.add_member(
                call, request.user, data["person"], role=data["role"], capacity=data["capacity"]
            )
        except ValidationError as error:
            refusal_into(request, error)
        else:
            messages.success(
                request,
                _("%(name)s sits on the committee. Complete their expertise below.")
                % {"name": member.person_name},
            )
            return redirect("selection:committee_member", slug=call.slug, member_pk=member.pk)
    else:
        messages.error(request, _("The member was not added: choose a person and a role."))
    return redirect("selection:committee", slug=call.slug)


@permission_required(MANAGE, lookup="slug", load=call_by_slug)
def committee_member(request, call, member_pk):
    member = get_object_or_404(CommitteeMember, pk=member_pk, call=call)
    form = MemberForm(request.POST or None, instance=CommitteeMember.objects.get(pk=member.pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_member(
                member,
                request.user,
                role=data["role"],
                capacity=data["capacity"],
                business_lines=data["business_lines"],
                regions=data["regions"],
                themes=data["themes"],
                languages=data["languages"],
            )
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(request, _("%(name)s: saved.") % {"name": member.person_name})
            return redirect("selection:committee", slug=call.slug)
    return render(
        request,
        "selection/committee/member.html",
        {"call": call, "section": "committee", "member": member, "form": form},
    )


@require_POST
@permission_required(MANAGE, lookup="slug", load=call_by_slug)
def committee_remove(request, call, member_pk):
    member = get_object_or_404(CommitteeMember, pk=member_pk, call=call)
    try:
        services.remove_member(member, request.user)
    except ValidationError as error:
        refusal_into(request, error)
    else:
        messages.success(
            request, _("%(name)s no longer sits on the committee.") % {"name": member.person_name}
        )
    return redirect("selection:committee", slug=call.slug)


@permission_required(MANAGE, lookup="slug", load=call_by_slug)
def committee_settings(request, call):
    current = settings.for_form(call)
    form = SettingsForm(request.POST or None, instance=current, call=call)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.update_settings(call, request.user, **values)
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(request, _("The selection settings are saved."))
            return redirect("selection:committee_settings", slug=call.slug)
    return render(
        request,
        "selection/committee/settings.html",
        {"call": call, "section": "settings", "form": form},
    )
