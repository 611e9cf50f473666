"""Co-applicant invitations e-mail an address the lead applicant types: they cannot be used to
make the platform send mail at will. Invitations are counted per account, per client address
and per invited address, and refused past the limit (what was typed stays in the form); an
application has a bounded number of co-applicants; and the subject of the invitation is the
platform's own, never the sender's text (their name and their project's name are in the body,
quoted as written by them)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_person
from tests.programmes import builders
from tremplin.applications import services
from tremplin.applications.models import Application, CoApplicant
from tremplin.demo.forms import build_form

pytestmark = pytest.mark.django_db

LURE = "URGENT - your Red Cross account is locked, confirm your password"


@pytest.fixture
def call(db):
    call = builders.call(title={"fr": "Appel entrepreneurs", "en": "Entrepreneur call"})
    build_form(call)
    return call


def limit(settings, spec):
    """Set the limits of co-applicant invitations (the other actions keep theirs)."""
    limits = getattr(settings, "TREMPLIN_RATE_LIMITS", {})
    settings.TREMPLIN_RATE_LIMITS = {**limits, "co_applicant_invitation": spec}


def lead(call, email=None, *, title="Shared gardens", name="Awa Leader"):
    person = make_person(email, full_name=name, preferred_language="en")
    application = services.start(call, person)
    Application.objects.filter(pk=application.pk).update(title=title)
    application.refresh_from_db()
    return person, application


def invite_page(client, application, email, address="203.0.113.7"):
    return client.post(
        reverse("applications:team", args=[application.pk]),
        {"email": email},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_invitations_past_the_accounts_limit_are_refused_and_nothing_more_is_sent(
    client, call, settings, django_capture_on_commit_callbacks
):
    limit(settings, "10/h/account,1000/h/address,1000/d/recipient")
    settings.TREMPLIN_MAX_CO_APPLICANTS = 100
    person, application = lead(call)
    client.force_login(person)
    statuses = []
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(25):
            statuses.append(invite_page(client, application, f"target{n}@example.org").status_code)
    assert statuses == [302] * 10 + [429] * 15
    assert len(mail.outbox) == 10
    assert CoApplicant.objects.filter(application=application).count() == 10
    # The refusal says why, in the person's language, and keeps the address typed.
    refused = invite_page(client, application, "target99@example.org")
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "Too many messages" in page
    assert 'value="target99@example.org"' in page
    assert len(mail.outbox) == 10


def test_several_accounts_on_one_connection_share_its_limit(
    client, call, settings, django_capture_on_commit_callbacks
):
    limit(settings, "1000/h/account,12/h/address,1000/d/recipient")
    sent = []
    with django_capture_on_commit_callbacks(execute=True):
        for account in range(3):
            person, application = lead(call, f"lead{account}@example.org")
            client.force_login(person)
            for n in range(5):
                response = invite_page(client, application, f"t{account}-{n}@example.org")
                sent.append(response.status_code == 302)
    assert sent.count(True) == 12
    assert len(mail.outbox) == 12
    # Another connection is not concerned.
    person, application = lead(call, "elsewhere@example.org")
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite_page(client, application, "friend@example.org", address="198.51.100.4")
    assert response.status_code == 302
    assert len(mail.outbox) == 13


def test_one_address_receives_a_bounded_number_of_invitations(
    client, call, settings, django_capture_on_commit_callbacks
):
    limit(settings, "1000/h/account,1000/h/address,3/d/recipient")
    statuses = []
    with django_capture_on_commit_callbacks(execute=True):
        for account in range(5):
            person, application = lead(call, f"lead{account}@example.org")
            client.force_login(person)
            # Another account, another connection, the same victim (spelt differently).
            victim = "Victim@Example.org" if account % 2 else "victim@example.org"
            statuses.append(
                invite_page(
                    client, application, victim, address=f"198.51.100.{account}"
                ).status_code
            )
    assert statuses == [302, 302, 302, 429, 429]
    assert [message.to for message in mail.outbox] == [["victim@example.org"]] * 3


def test_an_application_has_a_bounded_number_of_co_applicants(call, settings):
    settings.TREMPLIN_MAX_CO_APPLICANTS = 3
    person, application = lead(call)
    for n in range(3):
        services.invite(application, person, f"member{n}@example.org")
    with translation.override("en"), pytest.raises(services.ApplicationRefused) as refused:
        services.invite(application, person, "member3@example.org")
    assert "at most 3 co-applicants" in " ".join(refused.value.messages)
    assert CoApplicant.objects.filter(application=application).count() == 3
    # Removing an invitation makes room again.
    services.remove_co_applicant(CoApplicant.objects.filter(application=application)[0], person)
    services.invite(application, person, "member3@example.org")


def test_the_cap_is_said_on_the_team_page_and_keeps_the_address(client, call, settings):
    settings.TREMPLIN_MAX_CO_APPLICANTS = 1
    person, application = lead(call)
    services.invite(application, person, "member0@example.org")
    client.force_login(person)
    response = invite_page(client, application, "member1@example.org")
    page = response.content.decode()
    assert response.status_code == 200
    assert "at most 1 co-applicant" in page
    assert 'value="member1@example.org"' in page


def test_the_subject_of_an_invitation_never_carries_the_senders_text(
    call, django_capture_on_commit_callbacks
):
    person, application = lead(call, title=LURE, name="Red Cross Security Team")
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(application, person, "target@example.org")
    (message,) = mail.outbox
    assert message.to == ["target@example.org"]
    for text in ("URGENT", "locked", "Red Cross", "Security"):
        assert text not in message.subject
    assert message.subject == "Invitation to prepare an application on Tremplin"
    # The sender's words are in the body, said to be theirs.
    assert f"“{LURE}”" in message.body
    assert "“Red Cross Security Team”" in message.body
    assert "as written by the person who invites you" in message.body
