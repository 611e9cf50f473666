"""The four-eyes rule on applications: a staff member who applies (as the applicant, as an
accepted co-applicant, or invited as one) neither screens their application, nor asks its team
for information, nor decides it, nor extends its deadline, nor reads or writes its internal
notes. They keep what every applicant has: their application's own pages. The refusal says
why, records nothing, and another staff member does it all."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from tests.applications.builders import apply, move_to
from tests.conftest import make_person
from tremplin.applications import services
from tremplin.applications.models import CoApplicant, InternalNote, State
from tremplin.applications.workflow import APPLICATION_WORKFLOW, STAFF_TRANSITIONS
from tremplin.core.history import history_of

OWN_WORK = "You cannot decide on your own work: another person must do it."

# A state from which each staff transition may be fired.
SOURCE = {
    "request_information": State.SUBMITTED,
    "mark_eligible": State.SUBMITTED,
    "mark_ineligible": State.SUBMITTED,
    "reconsider": State.INELIGIBLE,
    "start_review": State.ELIGIBLE,
    "shortlist": State.IN_REVIEW,
    "select": State.SHORTLISTED,
    "waitlist": State.SHORTLISTED,
    "reject": State.IN_REVIEW,
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def applying_staff(db):
    return make_person(
        "applying-staff@example.org",
        roles=["staff"],
        full_name="Léa Interne",
        preferred_language="en",
    )


def own_application(call, staff_member, how):
    """An application whose team `staff_member` is on, `how`: lead, co-applicant, invited."""
    if how == "lead":
        return apply(call, staff_member, title="Mon projet")
    lead = make_person(full_name="Porteuse")
    application = apply(call, lead, title="Notre projet")
    CoApplicant.objects.create(
        application=application,
        email=staff_member.email,
        person=staff_member if how == "co-applicant" else None,
        accepted_at=timezone.now() if how == "co-applicant" else None,
    )
    return application


def _transitions(application):
    return [e for e in history_of(application) if e.action.startswith("transition:")]


@pytest.mark.parametrize("how", ["lead", "co-applicant", "invited"])
@pytest.mark.parametrize("name", STAFF_TRANSITIONS)
def test_no_staff_transition_on_ones_own_application(call, applying_staff, how, name):
    application = move_to(own_application(call, applying_staff, how), SOURCE[name])
    before = len(_transitions(application))
    assert not APPLICATION_WORKFLOW.can_fire(application, name, applying_staff)
    with pytest.raises(PermissionDenied) as refused:
        services.transition(application, applying_staff, name, reason="Parce que.")
    assert str(refused.value) == OWN_WORK
    application.refresh_from_db()
    assert application.state == SOURCE[name]
    assert len(_transitions(application)) == before


@pytest.mark.parametrize("how", ["lead", "co-applicant"])
def test_nor_screening_notes_or_an_extension(call, applying_staff, how):
    application = own_application(call, applying_staff, how)
    for perm in (
        "applications.screen_application",
        "applications.decide_application",
        "applications.add_note",
        "applications.view_notes",
        "applications.grant_extension",
    ):
        assert not applying_staff.has_perm(perm, application), perm
    with pytest.raises(PermissionDenied):
        services.save_screening(application, applying_staff, {})
    with pytest.raises(PermissionDenied):
        services.add_note(application, applying_staff, "Un mot pour moi.")
    with pytest.raises(PermissionDenied):
        services.grant_extension(
            application, applying_staff, application.call.closes_at + timezone.timedelta(days=3)
        )
    application.refresh_from_db()
    assert application.deadline_extended_to is None
    assert not InternalNote.objects.exists()


def test_their_application_page_as_an_applicant_stays_the_staff_page_does_not(
    client, call, applying_staff, staff
):
    application = own_application(call, applying_staff, "lead")
    services.add_note(application, staff, "Note interne sur Léa")
    client.force_login(applying_staff)
    mine = client.get(reverse("applications:detail", args=[application.pk]), follow=True)
    assert mine.status_code == 200
    assert "Note interne sur Léa" not in mine.content.decode()
    staff_page = client.get(reverse("applications:screening", args=[application.pk]))
    assert staff_page.status_code in (403, 404)
    assert "Note interne sur Léa" not in staff_page.content.decode()
    posted = client.post(
        reverse("applications:transition", args=[application.pk]),
        {"transition": "mark_eligible"},
    )
    assert posted.status_code in (403, 404)
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_a_bulk_action_skips_ones_own_application_and_says_why(client, call, applying_staff):
    mine = own_application(call, applying_staff, "lead")
    theirs = apply(call, title="Leur projet")
    client.force_login(applying_staff)
    response = client.post(
        reverse("applications:call_applications", args=[call.slug]),
        {"applications": [mine.pk, theirs.pk], "transition": "mark_eligible"},
        follow=True,
    )
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.state, theirs.state) == (State.SUBMITTED, State.ELIGIBLE)
    texts = [str(m) for m in response.context["messages"]]
    assert any(mine.reference in t and OWN_WORK in t for t in texts), texts


def test_another_staff_member_screens_and_decides_it(call, applying_staff, staff):
    application = own_application(call, applying_staff, "lead")
    assert staff.has_perm("applications.screen_application", application)
    services.transition(application, staff, "mark_eligible")
    application.refresh_from_db()
    assert application.state == State.ELIGIBLE


def test_the_list_shows_their_application_without_a_link_or_a_box_and_says_why(
    client, call, applying_staff
):
    mine = own_application(call, applying_staff, "co-applicant")
    theirs = apply(call, title="Leur projet")
    client.force_login(applying_staff)
    response = client.get(reverse("applications:call_applications", args=[call.slug]))
    page = response.content.decode()
    assert reverse("applications:screening", args=[mine.pk]) not in page
    assert f'value="{mine.pk}" id="select-{mine.pk}"' not in page
    assert reverse("applications:screening", args=[theirs.pk]) in page
    assert "Your application: another person handles it." in page
