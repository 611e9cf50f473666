"""The catalogue of notices is complete: every message the platform sends is a notice declared
in its app's notices.py, with a subject, a text and the placeholders it uses, that reads in
every language of the platform; no service words an e-mail itself; and staff may reword any
notice, the next message then reads as they wrote it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

import tremplin
from tests.catalogue.factories import make_innovation
from tests.conftest import make_person
from tremplin.catalogue.services import replication
from tremplin.core.translated import language_codes
from tremplin.messaging import placeholders, registry, services
from tremplin.messaging.models import Message, MessageTemplate

pytestmark = pytest.mark.django_db

SOURCE = Path(tremplin.__file__).resolve().parent
APPS_THAT_SEND = {"applications", "selection", "catalogue", "acceleration", "network"}


def test_every_app_that_sends_messages_declares_its_notices():
    assert {notice.app for notice in registry.registered()} == APPS_THAT_SEND
    for app in APPS_THAT_SEND:
        assert (SOURCE / app / "notices.py").exists()
    kinds = [notice.kind for notice in registry.registered()]
    assert len(kinds) == len(set(kinds))
    assert all(registry.get(kind).kind == kind for kind in kinds)
    # A call words the messages about applications; the others are worded for the platform.
    assert {n.app for n in registry.registered(registry.CALL)} == {"applications", "selection"}


@pytest.mark.parametrize("notice", registry.registered(), ids=lambda notice: notice.kind)
def test_every_notice_has_a_wording_with_known_placeholders_in_every_language(notice):
    assert str(notice.label)
    assert set(notice.in_subject) <= set(notice.placeholders)
    assert set(notice.optional) <= set(notice.placeholders)
    known = {*notice.placeholders, "platform_name"}
    sample = {name: 3 if name in ("count", "number") else f"<{name}>" for name in known}
    english = None
    for language in language_codes():
        subject, body = notice.default_wording(language, sample)
        assert subject.strip() and body.strip(), (notice.kind, language)
        used = set(placeholders.PLACEHOLDER.findall(subject + body))
        assert used <= known, (notice.kind, language, used - known)
        assert not placeholders.has_stray_braces(subject + body), (notice.kind, language)
        assert "%(" not in subject + body, (notice.kind, language)
        filled_subject, filled_body = services.render(notice, subject, body, sample)
        assert "{{" not in filled_subject + filled_body, (notice.kind, language)
        if language == "en":
            english = used
        elif english is not None:
            assert used == english, (notice.kind, language)
    # The default wording is one staff may save as their own.
    subject, body = notice.default_wording("en")
    assert services.notice_errors(notice, subject, body) == {}


def _python_sources():
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, path.read_text(encoding="utf-8")


def test_no_service_words_an_email_itself():
    """Messages are sent by messaging.services.send with a declared notice: no `write()`
    closure handing a subject and a text to messaging, no notify() or compose() from an
    app."""
    offenders = []
    for path, text in _python_sources():
        relative = path.relative_to(SOURCE)
        if re.search(r"def write\(\)", text):
            offenders.append(f"{relative}: def write()")
        if relative.parts[0] != "messaging" and re.search(r"\b(notify|compose)\(\s*\w", text):
            offenders.append(f"{relative}: notify()/compose()")
    assert offenders == []


@pytest.fixture
def staff(db):
    return make_person("words@example.org", roles=["staff"])


def test_staff_reword_a_catalogue_notice_and_the_next_message_reads_so(
    client, staff, django_capture_on_commit_callbacks
):
    owner = make_person("owner@example.org", preferred_language="en")
    member = make_person("member@example.org", preferred_language="fr")
    innovation = make_innovation(owner, title={"en": "Gardens", "fr": "Jardins"})
    client.force_login(staff)
    url = reverse(
        "messaging:edit_notice", kwargs={"kind": "replication_requested", "language": "en"}
    )
    page = client.get(url)
    assert page.status_code == 200
    assert "A request to replicate “{{ title }}”" in page.content.decode()
    refused = client.post(
        url, {"action": "save", "subject": "{{ person }} asks", "body": "{{ plan }}"}
    )
    assert refused.status_code == 200 and not MessageTemplate.objects.exists()
    saved = client.post(
        url,
        {
            "action": "save",
            "subject": "Replicate {{ title }}?",
            "body": "{{ person }} asks, from {{ country }}:\n{{ plan }}\n{{ link }}",
        },
    )
    assert saved.status_code == 302
    template = MessageTemplate.objects.get()
    assert template.call is None and template.kind == "replication_requested"

    with django_capture_on_commit_callbacks(execute=True):
        asked = replication.request_replication(innovation, member, country="SN", plan="Dakar")
    message = Message.objects.get(recipient=owner)
    assert message.kind == "catalogue"
    assert message.subject == "Replicate Gardens?"
    assert message.body.startswith(f"{member} asks, from Senegal:\n")
    assert message.body.endswith(reverse("catalogue:replication", args=[asked.pk]))

    # Restoring the default: the next message reads as before.
    client.post(reverse("messaging:restore_notice", args=["replication_requested", "en"]))
    assert not MessageTemplate.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        replication.answer_replication(asked, owner, outcome="confirm")
    told = Message.objects.get(recipient=member)
    default, _body = registry.get("replication_confirmed").default_wording("fr")
    assert told.subject == default.replace("{{ title }}", "Jardins")


def test_the_staff_page_lists_every_platform_notice_by_app(client, staff):
    client.force_login(staff)
    response = client.get(reverse("messaging:notices"))
    assert response.status_code == 200
    listed = {row["kind"] for group in response.context["groups"] for row in group["rows"]}
    assert listed == {notice.kind for notice in registry.registered(registry.PLATFORM)}
    assert len(response.context["groups"]) == 3  # catalogue, acceleration, network
    # A notice worded per call is not on it, and cannot be worded for the platform.
    url = reverse("messaging:edit_notice", kwargs={"kind": "submitted", "language": "en"})
    assert client.get(url).status_code == 404


def test_an_empty_optional_placeholder_takes_its_line_or_its_paragraph():
    text = "Lead\n\nLabel:\n{{ message }}\n\nName: {{ name }}\nAccount: {{ account }}\n\nEnd"
    assert (
        placeholders.leave_out_empty(text, {"message", "account"}, {"message": "", "account": ""})
        == "Lead\n\nName: {{ name }}\n\nEnd"
    )
    assert placeholders.leave_out_empty(text, {"message"}, {"message": "Hi"}) == text
