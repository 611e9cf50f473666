"""A replication request e-mails the team behind an innovation: it cannot be used to make the
platform send mail at will. Requests are counted per account, per client address and per
innovation, and refused past the limit (what was typed stays in the form); the subject of the
notice is the platform's own, never the requester's text (their name is in the body)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tests.catalogue.factories import make_innovation
from tests.conftest import make_person
from tremplin.catalogue.models import Replication

pytestmark = pytest.mark.django_db

LURE = "URGENT - your Red Cross account is locked"


def limit(settings, spec):
    limits = getattr(settings, "TREMPLIN_RATE_LIMITS", {})
    settings.TREMPLIN_RATE_LIMITS = {**limits, "replication_request": spec}


def ask(client, innovation, plan, address="203.0.113.7"):
    return client.post(
        reverse("catalogue:replicate", args=[innovation.slug]),
        {"country": "SN", "organisation": "Croix-Rouge sénégalaise", "plan": plan},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_requests_past_the_accounts_limit_are_refused_and_nothing_more_is_sent(
    client, settings, django_capture_on_commit_callbacks
):
    limit(settings, "5/h/account,1000/h/address,1000/d/recipient")
    member = make_person(preferred_language="en")
    client.force_login(member)
    innovations = [make_innovation(title=f"Innovation {n}") for n in range(8)]
    statuses = []
    with django_capture_on_commit_callbacks(execute=True):
        for n, innovation in enumerate(innovations):
            statuses.append(ask(client, innovation, f"Plan {n}").status_code)
    assert statuses == [302] * 5 + [429] * 3
    assert Replication.objects.count() == 5
    assert len(mail.outbox) == 5
    refused = ask(client, innovations[-1], "My careful plan for Dakar")
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "Too many messages" in page
    assert "My careful plan for Dakar" in page


def test_several_accounts_on_one_connection_share_its_limit(
    client, settings, django_capture_on_commit_callbacks
):
    limit(settings, "1000/h/account,4/h/address,1000/d/recipient")
    innovation = make_innovation()
    statuses = []
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(6):
            client.force_login(make_person(preferred_language="en"))
            statuses.append(ask(client, innovation, f"Plan {n}").status_code)
    assert statuses == [302] * 4 + [429] * 2
    assert len(mail.outbox) == 4


def test_one_innovations_team_receives_a_bounded_number_of_requests(
    client, settings, django_capture_on_commit_callbacks
):
    limit(settings, "1000/h/account,1000/h/address,3/d/recipient")
    innovation = make_innovation()
    statuses = []
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            client.force_login(make_person(preferred_language="en"))
            statuses.append(ask(client, innovation, "Plan", address=f"198.51.100.{n}").status_code)
    assert statuses == [302, 302, 302, 429, 429]


def test_the_subject_never_carries_the_requesters_name(client, django_capture_on_commit_callbacks):
    owner = make_person(preferred_language="en")
    innovation = make_innovation(owner, title={"en": "Shared gardens"}, original_language="en")
    client.force_login(make_person(full_name=LURE, preferred_language="en"))
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(client, innovation, "In Dakar.").status_code == 302
    (message,) = mail.outbox
    assert message.to == [owner.email]
    assert "URGENT" not in message.subject and "locked" not in message.subject
    assert "Shared gardens" in message.subject  # the recipient's own record
    assert LURE in message.body
