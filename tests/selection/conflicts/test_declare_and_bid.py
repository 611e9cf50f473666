"""A member's page: their seat, their conflicts, declaring one (on an application, an
organisation or a person) at any time, including on an application they were given; and the
bidding page: conflicted applications never shown, blind review, one POST per page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_person
from tests.selection.builders import build_application, build_call, build_member
from tremplin.accounts.models import Organisation
from tremplin.applications.models import State
from tremplin.selection import membership
from tremplin.selection.models import Assignment, Bid, CommitteeMember, Conflict, Review
from tremplin.selection.queries.assignment import assignment_overview
from tremplin.selection.queries.conflicts import reviews_counting_in_ranking
from tremplin.selection.services.assignment import run_assignment
from tremplin.selection.services.bidding import save_bids
from tremplin.selection.services.conflicts import detect_conflicts

pytestmark = pytest.mark.django_db


def _url(call, name):
    return reverse(f"selection:{name}", kwargs={"slug": call.slug})


@pytest.fixture
def setting():
    call = build_call(k=1, bidding_open=True)
    member = build_member(call, capacity=5, lines=["elderly"], themes="isolement, mobilité")
    other = build_member(call, capacity=5)
    return call, member, other


def _as(client, member):
    client.force_login(member.person)
    return client


def test_the_member_sees_their_seat_and_declares_on_an_assigned_application(client, setting, staff):
    call, member, other = setting
    assigned = build_application(call, "Lien Seniors Connect", state=State.IN_REVIEW)
    assignment = Assignment.objects.create(member=member, application=assigned, source="solver")
    client = _as(client, member)

    page = client.get(_url(call, "my_conflicts")).content.decode()
    assert "isolement, mobilité" in page and "Lien Seniors Connect" in page

    response = client.post(
        _url(call, "my_conflicts"),
        {
            "kind": "application",
            "application-application": assigned.pk,
            "application-reason": "Ma sœur",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Your conflict of interest is recorded." in page
    assert "1 application was taken off your list" in page
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    conflict = Conflict.objects.get(member=member)
    assert (conflict.application, conflict.source, conflict.reason) == (
        assigned,
        "declared",
        "Ma sœur",
    )
    # The assignment page says the application needs a reviewer; a re-run gives it one.
    overview = assignment_overview(call)
    assert overview.counts["short"] == 1
    run_assignment(call, staff)
    assert set(Assignment.objects.values_list("application_id", "member_id")) == {
        (assigned.pk, other.pk)
    }


def test_a_submitted_review_is_kept_out_of_the_ranking(client, setting, staff):
    call, member, _other = setting
    application = build_application(call, "Répit Aidants", state=State.IN_REVIEW)
    assignment = Assignment.objects.create(member=member, application=application, source="solver")
    Review.objects.create(assignment=assignment, state=Review.State.SUBMITTED, score=4.5)
    assert reviews_counting_in_ranking(call).count() == 1

    response = _as(client, member).post(
        _url(call, "my_conflicts"),
        {"kind": "application", "application-application": application.pk},
        follow=True,
    )

    assert "submitted review of it is kept but no longer counts" in response.content.decode()
    assert Review.objects.filter(assignment=assignment).exists()
    assert reviews_counting_in_ranking(call).count() == 0
    client.force_login(staff)
    page = client.get(_url(call, "assignment")).content.decode()
    assert "Reviews kept out of the ranking" in page
    overview = assignment_overview(call)
    assert overview.counts["short"] == 1 and overview.flagged


def test_declaring_on_an_organisation_or_a_person(client, setting):
    call, member, _other = setting
    organisation = Organisation.objects.create(name="Les Marmites", kind="association")
    kitchen = build_application(call, "Cuisine solidaire", organisation_name="Les Marmites")
    lead = make_person("porteuse@mobilite.example")
    rides = build_application(call, "Covoiturage", applicant=lead)
    free = build_application(call, "Autre")
    client = _as(client, member)

    page = client.get(_url(call, "my_conflicts"), {"organisation_q": "marmit"}).content.decode()
    assert "Les Marmites" in page
    client.post(
        _url(call, "my_conflicts"),
        {"kind": "organisation", "organisation-organisation": organisation.pk},
    )
    response = client.post(
        _url(call, "my_conflicts"), {"kind": "person", "person-email": "nobody@nowhere.example"}
    )
    # Any address is accepted, and nothing says whether it has an account
    # (test_declare_person.py).
    assert response.status_code == 302
    client.post(_url(call, "my_conflicts"), {"kind": "person", "person-email": lead.email.upper()})

    member = CommitteeMember.objects.get(pk=member.pk)
    assert membership.conflicted_application_ids(member) == {kitchen.pk, rides.pk}
    # Nor can they find those applications to declare on, of course; the others, yes.
    for text, shown in (("autre", True), ("covoit", False), ("cuisine", False)):
        page = client.get(_url(call, "my_conflicts"), {"application_q": text}).content.decode()
        found = page.split("On another application")[1]
        assert ("Declare a conflict<span" in found) is shown, text
    assert free


def test_staff_without_a_seat_are_told_so(staff_client, setting):
    call, _member, _other = setting
    page = staff_client.get(_url(call, "my_conflicts")).content.decode()
    assert "You do not sit on the committee of this call" in page


def test_bidding_shows_eligible_applications_but_never_conflicted_ones(client, setting):
    call, member, _other = setting
    shown = build_application(
        call,
        "Domicile Connecté",
        organisation_name="Domo Care",
        need="Des capteurs qui alertent un proche. Domo Care les installe.",
        lines=["elderly"],
    )
    in_review = build_application(call, "Sport Santé", state=State.IN_REVIEW)
    conflicted = build_application(call, "Projet en conflit")
    build_application(call, "Brouillon", state=State.DRAFT)
    build_application(call, "Retenu", state=State.SHORTLISTED)
    Conflict.objects.create(member=member, application=conflicted, source="detected", reason="x")

    page = _as(client, member).get(_url(call, "bids")).content.decode()

    assert "Domicile Connecté" in page and "Sport Santé" in page
    assert "Des capteurs qui alertent un proche." in page
    assert "Domo Care" in page
    for hidden in ("Projet en conflit", "Brouillon", "Retenu"):
        assert hidden not in page
    assert shown and in_review


def test_blind_review_hides_applicant_and_organisation(client, setting):
    call, member, _other = setting
    call.selection_settings.blind_review = True
    call.selection_settings.save()
    applicant = make_person("jeanne@example.net", full_name="Jeanne Porteuse")
    build_application(
        call,
        "Domicile Connecté",
        applicant=applicant,
        organisation_name="Domo Care",
        need="Domo Care installe des capteurs.",
    )
    page = _as(client, member).get(_url(call, "bids")).content.decode()
    assert "Domicile Connecté" in page
    assert "Domo Care" not in page and "Jeanne Porteuse" not in page
    assert "[…] installe des capteurs." in page


def test_one_post_saves_the_page_and_no_preference_clears(client, setting):
    call, member, _other = setting
    first = build_application(call, "Premier")
    second = build_application(call, "Second")
    third = build_application(call, "Troisième")
    client = _as(client, member)
    response = client.post(
        _url(call, "bids"),
        {f"bid-{first.pk}": "2", f"bid-{second.pk}": "-1", f"bid-{third.pk}": ""},
        follow=True,
    )
    assert "Your preferences are saved (2 changes)." in response.content.decode()
    assert dict(Bid.objects.values_list("application_id", "preference")) == {
        first.pk: 2,
        second.pk: -1,
    }
    page = client.get(_url(call, "bids")).content.decode()
    assert f'value="2" id="id_bid-{first.pk}_0" checked' in page or "checked" in page
    client.post(_url(call, "bids"), {f"bid-{first.pk}": "1", f"bid-{second.pk}": ""})
    assert dict(Bid.objects.values_list("application_id", "preference")) == {first.pk: 1}
    # A value that is not offered changes nothing.
    response = client.post(_url(call, "bids"), {f"bid-{first.pk}": "7"})
    assert response.status_code == 200
    assert dict(Bid.objects.values_list("application_id", "preference")) == {first.pk: 1}


def test_a_conflicted_application_cannot_be_bid_on_by_hand(client, setting):
    call, member, _other = setting
    conflicted = build_application(call, "Conflit")
    Conflict.objects.create(member=member, application=conflicted, source="declared", reason="")
    changed = save_bids(member, member.person, {conflicted.pk: 2})
    assert changed == 0 and not Bid.objects.exists()


def test_bidding_closed_or_observers_are_refused(client, setting):
    call, member, _other = setting
    observer = build_member(call, role=CommitteeMember.Role.OBSERVER)
    assert _as(client, observer).get(_url(call, "bids")).status_code == 403
    call.selection_settings.bidding_open = False
    call.selection_settings.save()
    assert _as(client, member).get(_url(call, "bids")).status_code == 403


def test_the_bidding_page_reads_the_same_number_of_queries_whatever_its_length(
    client, django_assert_max_num_queries
):
    counts = []
    for size in (5, 40):
        call = build_call(bidding_open=True)
        member = build_member(call)
        for i in range(size):
            application = build_application(call, f"Projet {i}", lines=["elderly"])
            if i % 3 == 0:
                Bid.objects.create(member=member, application=application, preference=1)
        client.force_login(member.person)
        client.get(_url(call, "bids"))
        with CaptureQueriesContext(connection) as context:
            assert client.get(_url(call, "bids")).status_code == 200
        counts.append(len(context))
    assert counts[0] == counts[1], counts


def test_a_detected_conflict_does_not_show_the_application_to_the_member(client, setting, staff):
    call, member, _other = setting
    build_application(
        call,
        "Projet de mon association",
        applicant=make_person("collegue@" + member.person.email.split("@")[1]),
    )
    detect_conflicts(call, staff)
    page = _as(client, member).get(_url(call, "my_conflicts")).content.decode()
    assert "Same e-mail domain as the applicant or a co-applicant" in page
    assert "An application of this call" in page
    assert "Projet de mon association" not in page
