"""Each person's inbox: only their messages, newest first, unread marked, paginated in a
bounded number of queries; reading a message marks it read; someone else's is not found."""

import html
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_person
from tremplin.messaging.models import Kind, Message

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def message_for(person, subject, *, minutes_ago=0, read=False):
    message = Message.objects.create(
        recipient=person,
        email=person.email,
        kind=Kind.MAILING,
        language=person.preferred_language,
        subject=subject,
        body=f"Texte de « {subject} »\nhttps://example.org/candidature",
    )
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
        read_at=timezone.now() if read else None,
    )
    return message


@pytest.fixture
def reader(db):
    return make_person("reader@example.org")


def test_the_inbox_shows_only_ones_own_messages_newest_first(client, reader):
    someone_else = make_person("other@example.org")
    message_for(reader, "Ancien", minutes_ago=60, read=True)
    message_for(reader, "Récent", minutes_ago=1)
    message_for(someone_else, "Pas pour vous")
    client.force_login(reader)
    response = client.get(reverse("messaging:inbox"))
    assert response.status_code == 200
    assert [m.subject for m in response.context["page"].object_list] == ["Récent", "Ancien"]
    text = page_text(response)
    assert "Pas pour vous" not in text
    assert text.index("Récent") < text.index("Ancien")
    # The unread message is marked in words, not only by its look.
    assert text.count('class="inbox__unread"') == 1
    assert text.count("badge--unread") == 1


def test_the_inbox_is_paginated_in_a_bounded_number_of_queries(client, reader):
    client.force_login(reader)

    def queries_for(url):
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200
        return len(context), response

    message_for(reader, "Premier", minutes_ago=100)
    few, _response = queries_for(reverse("messaging:inbox"))
    for n in range(44):
        message_for(reader, f"Message {n:02d}", minutes_ago=n)
    many, response = queries_for(reverse("messaging:inbox"))
    assert many == few
    page = response.context["page"]
    assert page.paginator.count == 45
    assert len(page.object_list) == 20
    assert page.object_list[0].subject == "Message 00"
    last, response = queries_for(reverse("messaging:inbox") + "?page=3")
    assert last == few
    assert [m.subject for m in response.context["page"].object_list][-1] == "Premier"
    # A page number out of range gives the last page, not an error.
    assert client.get(reverse("messaging:inbox") + "?page=99").status_code == 200


def test_reading_a_message_marks_it_read(client, reader):
    message = message_for(reader, "À lire")
    client.force_login(reader)
    response = client.get(reverse("messaging:message", kwargs={"pk": message.pk}))
    assert response.status_code == 200
    text = page_text(response)
    assert "<h1>À lire</h1>" in text
    assert 'href="https://example.org/candidature"' in text
    message.refresh_from_db()
    assert message.read_at is not None
    first_read = message.read_at
    client.get(reverse("messaging:message", kwargs={"pk": message.pk}))
    message.refresh_from_db()
    assert message.read_at == first_read
    inbox = page_text(client.get(reverse("messaging:inbox")))
    assert "badge--unread" not in inbox


def test_someone_elses_message_is_not_found_and_stays_unread(client, reader):
    owner = make_person("owner@example.org")
    message = message_for(owner, "Privé")
    client.force_login(reader)
    response = client.get(reverse("messaging:message", kwargs={"pk": message.pk}))
    assert response.status_code == 404
    message.refresh_from_db()
    assert message.read_at is None


def test_staff_do_not_read_others_messages_in_the_inbox_either(client, reader):
    message = message_for(reader, "Privé")
    client.force_login(make_person(roles=["staff"]))
    assert client.get(reverse("messaging:message", kwargs={"pk": message.pk})).status_code == 404


def test_a_message_body_is_shown_escaped(client, reader):
    message = message_for(reader, "<script>alert(1)</script>")
    Message.objects.filter(pk=message.pk).update(body="<img src=x onerror=alert(1)>")
    client.force_login(reader)
    content = client.get(reverse("messaging:message", kwargs={"pk": message.pk})).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "<img src=x" not in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content


def test_anonymous_visitors_are_sent_to_sign_in(client, reader):
    message = message_for(reader, "Privé")
    for url in (
        reverse("messaging:inbox"),
        reverse("messaging:message", kwargs={"pk": message.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
