"""Bulk actions on the selected rows of the staff list."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse

from tests.applications.builders import apply, build_call, move_to
from tests.conftest import make_person
from tremplin.applications.models import Application, InformationRequest, State
from tremplin.messaging.models import Kind, Message


def url(call, **params):
    address = reverse("applications:call_applications", args=[call.slug])
    if params:
        from urllib.parse import urlencode

        address += "?" + urlencode(params, doseq=True)
    return address


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_mix_of_allowed_and_refused(staff_client, call):
    first = apply(call, title="Premier")
    second = apply(call, title="Deuxième")
    eligible = move_to(apply(call, title="Déjà éligible"), State.ELIGIBLE)
    draft = apply(call, title="Brouillon", submit=False)
    response = staff_client.post(
        url(call, sort="title", region="FR-BRE"),
        {
            "applications": [first.pk, second.pk, eligible.pk, draft.pk],
            "transition": "mark_eligible",
        },
    )
    # Back to the same list, with its filters.
    assert response.status_code == 302
    assert response["Location"] == url(call, sort="title", region="FR-BRE")
    states = dict(Application.objects.values_list("pk", "state"))
    assert states[first.pk] == states[second.pk] == State.ELIGIBLE
    assert states[draft.pk] == State.DRAFT
    messages = texts(response)
    assert any("2" in m and "Eligible" in m for m in messages)
    refused = [m for m in messages if eligible.reference in m or draft.reference in m]
    assert len(refused) == 2
    assert any(draft.reference in m and "Draft" in m for m in refused)  # says why
    # Each applicant told in their language.
    assert Message.objects.filter(kind=Kind.ELIGIBLE).count() == 2


def test_a_reason_is_required_where_the_action_needs_one(staff_client, call):
    first = apply(call, title="Premier")
    response = staff_client.post(
        url(call), {"applications": [first.pk], "transition": "mark_ineligible", "reason": " "}
    )
    assert response.status_code == 200
    assert response.context["bulk_form"].errors["reason"]
    # The selection is kept.
    assert f'value="{first.pk}" id="select-{first.pk}" checked' in response.content.decode()
    first.refresh_from_db()
    assert first.state == State.SUBMITTED


def test_bulk_ineligible_and_request_for_information_reach_each_applicant(staff_client, call):
    spanish = make_person("es@example.org", preferred_language="es")
    english = make_person("en@example.org", preferred_language="en")
    one = apply(call, spanish, title="Uno")
    two = apply(call, english, title="Two")
    staff_client.post(
        url(call),
        {
            "applications": [one.pk, two.pk],
            "transition": "request_information",
            "reason": "Quel est votre budget ?",
        },
    )
    assert InformationRequest.objects.filter(message="Quel est votre budget ?").count() == 2
    messages = {m.recipient_id: m for m in Message.objects.filter(kind=Kind.INFO_REQUESTED)}
    assert messages[spanish.pk].language == "es"
    assert messages[english.pk].language == "en"
    assert "Quel est votre budget ?" in messages[spanish.pk].body
    staff_client.post(
        url(call),
        {
            "applications": [one.pk, two.pk],
            "transition": "mark_ineligible",
            "reason": "Hors du périmètre de l'appel.",
        },
    )
    assert set(Application.objects.values_list("state", flat=True)) == {State.INELIGIBLE}
    assert (
        Message.objects.filter(kind=Kind.INELIGIBLE, body__contains="Hors du périmètre").count()
        == 2
    )


def test_applications_of_another_call_are_not_touched(staff_client, call):
    mine = apply(call, title="Ici")
    other = apply(build_call(), title="Ailleurs")
    response = staff_client.post(
        url(call), {"applications": [mine.pk, other.pk], "transition": "mark_eligible"}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.state == State.SUBMITTED
    assert any("not in this list" in m for m in texts(response))


def test_nothing_selected_or_a_forged_action(staff_client, call):
    apply(call)
    response = staff_client.post(url(call), {"transition": "mark_eligible"})
    assert response.status_code == 200
    assert response.context["bulk_form"].errors["applications"]
    response = staff_client.post(url(call), {"applications": ["x"], "transition": "submit"})
    assert response.status_code == 200
    errors = response.context["bulk_form"].errors
    assert "transition" in errors and "applications" in errors


def test_every_staff_action_is_offered(staff_client, call):
    apply(call)
    html = staff_client.get(url(call)).content.decode()
    for name in ["request_information", "mark_eligible", "mark_ineligible", "select", "reject"]:
        assert f'value="{name}"' in html
