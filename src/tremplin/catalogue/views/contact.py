"""Pages of the catalogue: "Contact the team", a form that relays a visitor's message to the
team behind a published innovation (the team's address is never shown). Open to everyone,
signed in or not; counted per account, per connection and per team."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tremplin.core import ratelimit

from ..forms.contact import ContactTeamForm
from ..queries.discovery import published_innovations
from ..services import contact as services

logger = logging.getLogger(__name__)


def contact(request, slug):
    innovation = get_object_or_404(
        published_innovations().select_related("published", "owner"), slug=slug
    )
    if not request.user.has_perm("catalogue.contact_team", innovation):
        raise Http404
    public_path = innovation.get_absolute_url()
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.full_name, "email": request.user.email}
    form = ContactTeamForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_bot():
            # A robot filled the hidden field: thank it and send nothing.
            logger.info("Contact message refused quietly: honeypot filled (%s)", innovation.slug)
            messages.success(request, sent_message())
            return redirect(public_path)
        status = 400
        if form.is_valid():
            recipient = services.recipient_of(innovation)
            if not ratelimit.allow(request, "innovation_contact", recipient=recipient.email):
                form.add_error(None, ratelimit.TOO_MANY)
                status = 429
            else:
                services.write_to_team(innovation, request.user, **_fields(form))
                messages.success(request, sent_message())
                return redirect(public_path)
    return render(
        request,
        "catalogue/contact/form.html",
        {
            "innovation": innovation,
            "version": innovation.published,
            "form": form,
            "public_path": public_path,
        },
        status=status,
    )


def _fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in ("name", "email", "message")}


def sent_message() -> str:
    return _(
        "Your message is sent to the team behind this innovation. They will answer you by "
        "e-mail if they wish."
    )
