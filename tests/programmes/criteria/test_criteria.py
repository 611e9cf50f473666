"""The eligibility checklist of a call: listed, added, edited, deleted and reordered; what the
screeners recorded is never deleted."""

from __future__ import annotations

import pytest

from tests.programmes.support import translated_data, url
from tremplin.applications.models import Application, ScreeningCheck
from tremplin.core.history import history_of
from tremplin.programmes.models import EligibilityCriterion

pytestmark = pytest.mark.django_db


def criterion_labelled(call, label):
    return next(c for c in call.criteria.all() if c.label.get("fr") == label)


def labels(call):
    return [c.label.get("fr") for c in call.criteria.order_by("position", "id")]


def test_the_checklist_page(staff_client, call_with_form, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = staff_client.get(url("criterion_list", slug=call_with_form.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert html.index("Critère A") < html.index("Critère B")
    assert "<caption>" in html and 'scope="row"' in html


def test_adding_editing_and_deleting_a_criterion(staff_client, staff, call_with_form):
    call = call_with_form
    response = staff_client.post(
        url("criterion_create", slug=call.slug),
        translated_data("label", fr="Critère C", en="Criterion C"),
    )
    assert response.status_code == 302
    assert labels(call) == ["Critère A", "Critère B", "Critère C"]
    criterion = criterion_labelled(call, "Critère C")
    assert response["Location"].endswith(f"#criterion-{criterion.pk}")

    response = staff_client.post(
        url("criterion_edit", slug=call.slug, criterion_pk=criterion.pk),
        translated_data("label", fr="Critère C reformulé"),
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.label == {"fr": "Critère C reformulé"}

    delete_url = url("criterion_delete", slug=call.slug, criterion_pk=criterion.pk)
    assert staff_client.get(delete_url).status_code == 200
    assert staff_client.post(delete_url).status_code == 302
    assert labels(call) == ["Critère A", "Critère B"]
    actions = [e.action for e in history_of(call)]
    assert actions[:3] == ["criterion_deleted", "criterion_updated", "criterion_added"]
    assert all(e.actor == staff for e in history_of(call))


def test_an_empty_criterion_is_refused_next_to_the_field(staff_client, call_with_form):
    response = staff_client.post(
        url("criterion_create", slug=call_with_form.slug), translated_data("label")
    )
    assert response.status_code == 200
    assert "label" in response.context["form"].errors
    assert call_with_form.criteria.count() == 2


def test_reordering_the_checklist(staff_client, call_with_form):
    call = call_with_form
    second = criterion_labelled(call, "Critère B")
    response = staff_client.post(
        url("criterion_move", slug=call.slug, criterion_pk=second.pk), {"direction": "up"}
    )
    assert response.status_code == 302
    assert labels(call) == ["Critère B", "Critère A"]
    staff_client.post(
        url("criterion_move", slug=call.slug, criterion_pk=second.pk), {"direction": "down"}
    )
    assert labels(call) == ["Critère A", "Critère B"]
    assert history_of(call).first().action == "criterion_moved"


def test_a_criterion_already_checked_is_not_deleted(staff_client, staff, call_with_form):
    criterion = call_with_form.criteria.first()
    application = Application.objects.create(call=call_with_form, applicant=staff)
    ScreeningCheck.objects.create(application=application, criterion=criterion, met=True)
    delete_url = url("criterion_delete", slug=call_with_form.slug, criterion_pk=criterion.pk)
    page = staff_client.get(delete_url)
    assert page.context["refusal"]
    assert staff_client.post(delete_url).status_code == 200
    assert EligibilityCriterion.objects.filter(pk=criterion.pk).exists()
    assert ScreeningCheck.objects.count() == 1
