"""The staff pages of a call's mailings: the list, write or change a draft, check how it will
read in each language, send it once, or discard it."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into
from tremplin.messaging import placeholders
from tremplin.messaging.models import Mailing
from tremplin.programmes.queries import call_by_slug

from ..forms.mailings import MailingForm
from ..models import State
from ..queries import mailings as queries
from ..services import mailings as services


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def _mailing(call, pk) -> Mailing:
    # A discarded draft is a record, no longer a page.
    return get_object_or_404(
        Mailing.objects.select_related("created_by").exclude(state=Mailing.State.DISCARDED),
        call=call,
        pk=pk,
    )


@permission_required("applications.send_mailing", lookup="slug", load=call_by_slug)
def mailings(request, call):
    return render(
        request,
        "applications/mailings/list.html",
        {"call": call, "mailings": queries.mailings_of(call)},
    )


@permission_required("applications.send_mailing", lookup="slug", load=call_by_slug)
def new_mailing(request, call):
    form = MailingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mailing = services.create_mailing(call, request.user, **form.cleaned_data)
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(request, _("The mailing is saved. Check it before sending it."))
            return redirect("applications:mailing", slug=call.slug, pk=mailing.pk)
    return _mailing_form(request, call, form, None)


@permission_required("applications.send_mailing", lookup="slug", load=call_by_slug)
def edit_mailing(request, call, pk):
    mailing = _mailing(call, pk)
    if mailing.state != Mailing.State.DRAFT:
        messages.info(request, _("This mailing is already sent; it cannot change."))
        return redirect("applications:mailing", slug=call.slug, pk=mailing.pk)
    form = MailingForm(
        request.POST or None,
        initial={"subject": mailing.subject, "body": mailing.body, "states": mailing.states},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_mailing(mailing, request.user, **form.cleaned_data)
        except ValidationError as error:
            refusal_into(form, error)
        else:
            messages.success(request, _("The mailing is saved. Check it before sending it."))
            return redirect("applications:mailing", slug=call.slug, pk=mailing.pk)
    return _mailing_form(request, call, form, mailing)


def _mailing_form(request, call, form, mailing):
    return render(
        request,
        "applications/mailings/form.html",
        {
            "call": call,
            "form": form,
            "mailing": mailing,
            "placeholders": placeholders.MAILING.items(),
            "subject_placeholders": placeholders.SUBJECT,
        },
    )


@permission_required("applications.send_mailing", lookup="slug", load=call_by_slug)
def mailing_detail(request, call, pk):
    mailing = _mailing(call, pk)
    is_draft = mailing.state == Mailing.State.DRAFT
    previews = queries.mailing_preview(mailing) if is_draft else []
    stats = {} if is_draft else queries.mailing_stats(mailing)
    state_names = dict(State.choices)
    return render(
        request,
        "applications/mailings/detail.html",
        {
            "call": call,
            "mailing": mailing,
            "is_draft": is_draft,
            "previews": previews,
            "recipients": sum(p.recipients for p in previews),
            "stats": [
                {"language": code, "language_name": _language_name(code), **row}
                for code, row in stats.items()
            ],
            "state_names": [state_names.get(state, state) for state in mailing.states],
            "written": [
                {
                    "language": code,
                    "language_name": name,
                    "subject": mailing.subject.in_language(code),
                    "body": mailing.body.in_language(code),
                }
                for code, name in settings.LANGUAGES
                if mailing.subject.in_language(code) or mailing.body.in_language(code)
            ],
        },
    )


@require_POST
@permission_required("applications.send_mailing", lookup="slug", load=call_by_slug)
def send_mailing(request, call, pk):
    mailing = _mailing(call, pk)
    count = services.send_mailing(mailing, request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "The mailing is sent to %(count)s recipient: they can read it on the platform, "
                "and the e-mail leaves in the background.",
                "The mailing is sent to %(count)s recipients: each can read it on the platform, "
                "and the e-mails leave in the background.",
                count,
            )
            % {"count": count},
        )
    else:
        mailing.refresh_from_db()
        if mailing.state == Mailing.State.DRAFT:
            messages.error(
                request,
                _("No application is in the chosen states: nothing was sent."),
            )
        else:
            messages.info(request, _("This mailing was already sent; nothing more was sent."))
    return redirect("applications:mailing", slug=call.slug, pk=mailing.pk)


@require_POST
@permission_required("applications.send_mailing", lookup="slug", load=call_by_slug)
def discard_mailing(request, call, pk):
    mailing = _mailing(call, pk)
    if services.discard_mailing(mailing, request.user):
        messages.success(request, _("The draft mailing is deleted."))
        return redirect("applications:mailings", slug=call.slug)
    messages.info(request, _("This mailing is already sent; it stays as a record."))
    return redirect("applications:mailing", slug=call.slug, pk=mailing.pk)
