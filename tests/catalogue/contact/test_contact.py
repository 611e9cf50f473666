"""Contacting the team behind an innovation: the public page never shows the contact's e-mail
address (nor does any export); a "Contact the team" form, which works without JavaScript and
without an account, relays the visitor's message through the platform. The contact receives it
with the visitor's address to reply to; the visitor never learns the contact's address.
Messages are counted per account, per client address and per contact, and refused past the
limit (what was typed stays in the form); robots filling the hidden field send nothing; the
subject is the platform's own."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tests.catalogue.factories import make_innovation
from tests.conftest import make_person
from tremplin.catalogue.models import InnovationVersion
from tremplin.messaging.models import Message

pytestmark = pytest.mark.django_db
S = InnovationVersion.State

CONTACT = "contact.person@example.org"
LURE = "URGENT - your Red Cross account is locked"


@pytest.fixture
def innovation(db):
    owner = make_person("owner@example.org", preferred_language="en")
    return make_innovation(
        owner,
        title={"en": "Shared gardens", "fr": "Jardins partagés"},
        original_language="en",
        contact_name="Camille Martin",
        contact_email=CONTACT,
    )


def limit(settings, spec):
    limits = getattr(settings, "TREMPLIN_RATE_LIMITS", {})
    settings.TREMPLIN_RATE_LIMITS = {**limits, "innovation_contact": spec}


def url(innovation):
    return reverse("catalogue:contact", args=[innovation.slug])


def write(client, innovation, address="203.0.113.7", **fields):
    data = {
        "name": "Lucía García",
        "email": "lucia@example.org",
        "message": "Hello,\nwe would like to try it in Valencia.",
        **fields,
    }
    return client.post(url(innovation), data, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")


def test_the_public_page_never_shows_the_contacts_address(client, innovation):
    page = client.get(
        reverse("catalogue:innovation", args=[innovation.slug]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert CONTACT not in page
    assert "mailto:" not in page
    assert "Camille Martin" in page
    assert url(innovation) in page  # the way to write to the team


def test_no_export_publishes_the_contacts_address(client, innovation):
    pages = [
        reverse("catalogue:opendata_csv"),
        reverse("catalogue:opendata_json"),
        reverse("catalogue:feed"),
        reverse("catalogue:api:innovation_list"),
        reverse("catalogue:api:innovation_detail", args=[innovation.slug]),
        "/sitemap.xml",
    ]
    for path in pages:
        response = client.get(path)
        if response.status_code == 404 and path == "/sitemap.xml":
            continue
        assert response.status_code == 200, path
        content = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        assert CONTACT not in content, path


def test_the_form_works_without_an_account_and_without_javascript(client, innovation):
    response = client.get(url(innovation), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert CONTACT not in page
    assert '<form method="post"' in page
    for name in ("name", "email", "message"):
        assert f'<label for="id_{name}"' in page
    assert "Shared gardens" in page


def test_a_message_is_relayed_to_the_contact_who_replies_to_the_visitor(
    client, innovation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = write(client, innovation, name=LURE)
    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:innovation", args=[innovation.slug])
    (sent,) = mail.outbox
    assert sent.to == [CONTACT]
    assert sent.reply_to == ["lucia@example.org"]
    assert "Shared gardens" in sent.subject
    assert "URGENT" not in sent.subject and "Valencia" not in sent.subject
    # The visitor's words are in the body, quoted, and said to be theirs.
    assert "> we would like to try it in Valencia." in sent.body
    assert LURE in sent.body
    assert "lucia@example.org" in sent.body
    # The visitor gets no copy: the form cannot be used to write to any address.
    assert len(mail.outbox) == 1
    following = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your message is sent" in following
    assert CONTACT not in following


def test_a_contact_with_an_account_reads_it_in_the_platform_in_their_language(
    client, django_capture_on_commit_callbacks
):
    contact = make_person(CONTACT, preferred_language="es")
    innovation = make_innovation(
        title={"fr": "Jardins partagés", "es": "Huertos compartidos"},
        contact_name="Camille",
        contact_email=CONTACT,
    )
    with django_capture_on_commit_callbacks(execute=True):
        write(client, innovation)
    message = Message.objects.get()
    assert message.recipient == contact
    assert message.language == "es"
    assert "Huertos compartidos" in message.subject


def test_without_a_contact_address_the_owner_receives_it(
    client, django_capture_on_commit_callbacks
):
    owner = make_person("owner2@example.org", preferred_language="en")
    innovation = make_innovation(owner, contact_name="", contact_email="")
    with django_capture_on_commit_callbacks(execute=True):
        assert write(client, innovation).status_code == 302
    assert [m.to for m in mail.outbox] == [["owner2@example.org"]]


def test_bad_input_gets_a_message_and_keeps_what_was_typed(client, innovation):
    response = write(client, innovation, email="not an address", message="My long message")
    page = response.content.decode()
    assert response.status_code == 400
    assert "My long message" in page
    assert 'aria-invalid="true"' in page
    assert not Message.objects.exists()


def test_anonymous_visitors_past_the_connections_limit_are_refused(
    client, innovation, settings, django_capture_on_commit_callbacks
):
    limit(settings, "1000/h/account,3/h/address,1000/d/recipient")
    statuses = []
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            statuses.append(write(client, innovation, message=f"Message {n}").status_code)
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    refused = write(client, innovation, message="My careful words")
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "Too many messages" in page
    assert "My careful words" in page
    # Another connection may still write.
    with django_capture_on_commit_callbacks(execute=True):
        assert write(client, innovation, address="198.51.100.9").status_code == 302


def test_a_signed_in_visitor_is_counted_whatever_the_connection(
    client, innovation, settings, django_capture_on_commit_callbacks
):
    limit(settings, "2/h/account,1000/h/address,1000/d/recipient")
    client.force_login(make_person(preferred_language="en"))
    statuses = [write(client, innovation, address=f"198.51.100.{n}").status_code for n in range(4)]
    assert statuses == [302, 302, 429, 429]


def test_one_contact_receives_a_bounded_number_of_messages(
    client, innovation, settings, django_capture_on_commit_callbacks
):
    limit(settings, "1000/h/account,1000/h/address,2/d/recipient")
    statuses = [write(client, innovation, address=f"198.51.100.{n}").status_code for n in range(4)]
    assert statuses == [302, 302, 429, 429]


def test_a_robot_filling_the_hidden_field_sends_nothing(client, innovation):
    response = write(client, innovation, website="http://spam.example")
    assert response.status_code == 302
    assert not Message.objects.exists()
    assert len(mail.outbox) == 0


def test_an_unpublished_record_has_no_contact_form(client):
    draft = make_innovation(state=S.DRAFT, contact_email=CONTACT)
    assert client.get(url(draft)).status_code == 404
    assert write(client, draft).status_code == 404
    assert not Message.objects.exists()
