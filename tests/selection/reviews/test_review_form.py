"""The review form of a call (staff): the default criteria, add, edit, reorder, delete; a
scored criterion keeps its scale and cannot be deleted; a change of weight recomputes the
submitted scores."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_person
from tremplin.core.history import history_of
from tremplin.selection.models import Review, ReviewCriterion
from tremplin.selection.services import reviews as services

from . import builders


@pytest.fixture
def staff(db):
    return make_person("equipe@example.org", roles=["staff"])


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def form_url(call):
    return reverse("selection:review_form", kwargs={"slug": call.slug})


def translated(label="Ancrage territorial"):
    return {"label_fr": label, "label_en": "", "label_es": "", "label_ar": ""}


def criterion_data(label="Ancrage territorial", weight="2", low="1", high="4", **extra):
    data = {**translated(label), "weight": weight, "scale_min": low, "scale_max": high}
    data.update({f"description_{code}": "" for code in ("fr", "en", "es", "ar")})
    data.update(extra)
    return data


def test_a_new_call_starts_with_the_default_criteria(staff_client):
    call = builders.call_without_criteria()
    response = staff_client.get(form_url(call))
    assert response.status_code == 200
    labels = [str(c.label) for c in response.context["criteria"]]
    assert len(labels) == 5
    page = response.content.decode()
    assert "<caption>" in page and 'scope="row"' in page


def test_staff_add_edit_and_reorder_criteria(staff_client, staff, call):
    response = staff_client.post(form_url(call), criterion_data())
    assert response.status_code == 302
    added = call.review_criteria.order_by("-position").first()
    assert str(added.label) == "Ancrage territorial"
    assert (added.weight, added.scale_min, added.scale_max) == (Decimal("2"), 1, 4)
    assert builders.criteria(call)[-1] == added
    # Move it up, without JavaScript.
    move = reverse(
        "selection:review_criterion_move", kwargs={"slug": call.slug, "criterion_pk": added.pk}
    )
    assert staff_client.post(move, {"direction": "up"}).status_code == 302
    assert builders.criteria(call)[-2] == added
    # Edit it.
    edit = reverse(
        "selection:review_criterion_edit", kwargs={"slug": call.slug, "criterion_pk": added.pk}
    )
    assert staff_client.get(edit).status_code == 200
    response = staff_client.post(edit, criterion_data("Ancrage local", weight="0.5", high="6"))
    assert response.status_code == 302
    added.refresh_from_db()
    assert (str(added.label), added.weight, added.scale_max) == ("Ancrage local", Decimal("0.5"), 6)
    actions = [entry.action for entry in history_of(call)]
    assert {"review_criterion_added", "review_criterion_moved", "review_criterion_changed"} <= set(
        actions
    )


def test_a_scale_must_go_up_and_stay_readable(staff_client, call):
    response = staff_client.post(form_url(call), criterion_data(low="3", high="3"))
    assert response.status_code == 200
    assert response.context["form"].errors["scale_max"]
    response = staff_client.post(form_url(call), criterion_data(low="0", high="50"))
    assert response.context["form"].errors["scale_max"]
    assert "Ancrage territorial" in response.content.decode()  # what was typed is kept


def test_an_unscored_criterion_is_deleted_after_confirmation(staff_client, call):
    criterion = builders.criteria(call)[0]
    delete = reverse(
        "selection:review_criterion_delete",
        kwargs={"slug": call.slug, "criterion_pk": criterion.pk},
    )
    assert staff_client.get(delete).status_code == 200
    assert ReviewCriterion.objects.filter(pk=criterion.pk).exists()
    assert staff_client.post(delete).status_code == 302
    assert not ReviewCriterion.objects.filter(pk=criterion.pk).exists()


def test_a_scored_criterion_cannot_be_deleted_nor_change_scale(
    staff_client, staff, assignment, call
):
    criterion = builders.criteria(call)[0]
    review = Review.objects.create(assignment=assignment)
    review.scores.create(criterion=criterion, value=3)
    delete = reverse(
        "selection:review_criterion_delete",
        kwargs={"slug": call.slug, "criterion_pk": criterion.pk},
    )
    response = staff_client.post(delete)
    assert response.status_code == 200
    assert response.context["refusal"]
    assert ReviewCriterion.objects.filter(pk=criterion.pk).exists()
    page = staff_client.get(form_url(call)).content.decode()
    assert delete not in page
    # The scale fields are disabled on the form, and the service refuses a change anyway.
    edit = reverse(
        "selection:review_criterion_edit", kwargs={"slug": call.slug, "criterion_pk": criterion.pk}
    )
    staff_client.post(edit, criterion_data("Besoin", weight="1", low="0", high="10"))
    criterion.refresh_from_db()
    assert (criterion.scale_min, criterion.scale_max) == (0, 5)
    with translation.override("en"):
        with pytest.raises(Exception, match="scale"):
            services.update_criterion(criterion, staff, scale_max=10)
        with pytest.raises(Exception, match="deleted"):
            services.delete_criterion(criterion, staff)


def test_a_change_of_weight_recomputes_the_submitted_scores(staff_client, assignment, call):
    criteria = builders.criteria(call)
    review = Review.objects.create(assignment=assignment, state=Review.State.SUBMITTED, score=3)
    for criterion, value in zip(criteria, [5, 1, 1, 1, 1], strict=True):
        review.scores.create(criterion=criterion, value=value)
    edit = reverse(
        "selection:review_criterion_edit",
        kwargs={"slug": call.slug, "criterion_pk": criteria[0].pk},
    )
    data = criterion_data(str(criteria[0].label), weight="5", low="0", high="5")
    assert staff_client.post(edit, data).status_code == 302
    review.refresh_from_db()
    assert review.score == pytest.approx((5 * 5 + 4) / 9)


@pytest.mark.parametrize("role", ["committee", "applicant", "partner"])
def test_only_staff_manage_the_review_form(client, call, role):
    client.force_login(make_person(roles=[role]))
    assert client.get(form_url(call)).status_code == 403
    assert client.post(form_url(call), criterion_data()).status_code == 403
    assert call.review_criteria.count() == 5
