"""The staff pages where a call's messages are worded: overview, editor with placeholders and
preview, refusal of unknown placeholders keeping the text, restoring the default."""

import html

import pytest
from django.urls import reverse

from tests.accounts.support import translated
from tremplin.messaging import registry, services
from tremplin.messaging.models import Kind, MessageTemplate

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def edit_url(call, kind="submitted", language="fr"):
    return reverse(
        "messaging:edit_wording", kwargs={"slug": call.slug, "kind": kind, "language": language}
    )


def test_the_overview_says_which_wording_each_message_uses(
    staff_client, call, staff, django_assert_max_num_queries
):
    services.save_template(call, Kind.ELIGIBLE, "es", "Elegible", "Texto", staff)
    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("messaging:wordings", kwargs={"slug": call.slug}))
    assert response.status_code == 200
    rows = {row["kind"]: row for row in response.context["rows"]}
    assert Kind.MAILING not in rows
    # Only the notices about an application: mailings and the platform's notices are not
    # worded per call.
    assert set(rows) == {notice.kind for notice in registry.registered(registry.CALL)}
    assert len(rows) == 10
    own = {cell["language"]: cell["own"] for cell in rows[Kind.ELIGIBLE]["cells"]}
    assert own["es"] is not None
    assert own["fr"] is None
    text = page_text(response)
    assert text.count(edit_url(call, "eligible", "es")) == 1
    assert "<caption>" in text


def test_the_editor_is_prefilled_with_the_default_in_its_language(staff_client, call):
    response = staff_client.get(edit_url(call, "submitted", "es"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["subject"].value() == translated(
        "es", "Your application {{ reference }} is submitted"
    )
    assert response.context["current"].is_own is False
    text = page_text(response)
    assert 'lang="es"' in text
    # The placeholders, with what each stands for, are next to the editor.
    for name in ("applicant_name", "reference", "application_url", "platform_name"):
        assert f"{{{{ {name} }}}}" in text
    assert translated("fr", "the applicant's name").capitalize() in text
    # A preview with sample values is shown from the start.
    assert "004-00123" in text


def test_an_unknown_placeholder_is_refused_next_to_the_field_keeping_the_text(staff_client, call):
    typed = "Bonjour {{ prenom }},\nvotre dossier {{ reference }} avance."
    response = staff_client.post(
        edit_url(call), {"subject": "Sujet tapé", "body": typed, "action": "save"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "body" in form.errors
    assert "prenom" in form.errors["body"][0]
    text = page_text(response)
    assert typed in text.replace("\r\n", "\n")
    assert "Sujet tapé" in text
    assert 'aria-invalid="true"' in text
    assert not MessageTemplate.objects.exists()


def test_preview_fills_sample_values_without_saving(staff_client, call):
    response = staff_client.post(
        edit_url(call, "eligible", "fr"),
        {
            "subject": "Dossier {{ reference }}",
            "body": "Bonjour {{ applicant_name }} de {{ platform_name }}",
            "action": "preview",
        },
    )
    assert response.status_code == 200
    subject, body = response.context["preview"]
    assert subject == "Dossier 004-00123"
    assert body.startswith("Bonjour ") and body.endswith(" de Tremplin")
    assert "{{" not in body
    assert not MessageTemplate.objects.exists()


def test_saving_creates_the_calls_wording_then_restoring_deletes_it(staff_client, call):
    response = staff_client.post(
        edit_url(call, "eligible", "fr"),
        {
            "subject": "Éligible {{ reference }}",
            "body": "Bravo {{ applicant_name }}",
            "action": "save",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("messaging:wordings", kwargs={"slug": call.slug})
    template = MessageTemplate.objects.get(call=call, kind="eligible", language="fr")
    assert template.subject == "Éligible {{ reference }}"
    response = staff_client.get(edit_url(call, "eligible", "fr"))
    assert response.context["form"]["subject"].value() == "Éligible {{ reference }}"
    assert reverse(
        "messaging:restore_wording",
        kwargs={"slug": call.slug, "kind": "eligible", "language": "fr"},
    ) in page_text(response)

    response = staff_client.post(
        reverse(
            "messaging:restore_wording",
            kwargs={"slug": call.slug, "kind": "eligible", "language": "fr"},
        )
    )
    assert response.status_code == 302
    assert not MessageTemplate.objects.exists()


@pytest.mark.parametrize(
    ("kind", "language"), [("mailing", "fr"), ("nothing", "fr"), ("submitted", "de")]
)
def test_a_message_or_language_that_cannot_be_worded_is_not_found(
    staff_client, call, kind, language
):
    assert staff_client.get(edit_url(call, kind, language)).status_code == 404


def test_an_unknown_call_is_not_found(staff_client):
    assert (
        staff_client.get(reverse("messaging:wordings", kwargs={"slug": "nope"})).status_code == 404
    )


def test_an_applicant_is_refused(client, call, person_factory):
    client.force_login(person_factory(roles=["applicant"]))
    assert client.get(edit_url(call)).status_code == 403
    response = client.post(edit_url(call), {"subject": "x", "body": "y", "action": "save"})
    assert response.status_code == 403
    assert not MessageTemplate.objects.exists()
