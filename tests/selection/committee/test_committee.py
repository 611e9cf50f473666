"""Staff build a call's committee: search people and seat them with a role and a capacity (the
call's default unless given), describe their expertise, take them off (not once they started
reviewing), and set the selection settings."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import make_person
from tests.selection.builders import build_application, build_call, build_member
from tremplin.accounts.models import Role
from tremplin.core.models import HistoryEntry
from tremplin.reference.models import BusinessLine, Region
from tremplin.selection.models import Assignment, CommitteeMember, Conflict, Review

pytestmark = pytest.mark.django_db


def _url(call, name, **kwargs):
    return reverse(f"selection:{name}", kwargs={"slug": call.slug, **kwargs})


def test_staff_find_people_and_seat_them_with_the_default_capacity(staff_client):
    call = build_call(default_capacity=12)
    amina = make_person("amina.diallo@example.org", full_name="Amina Diallo")
    seated = build_member(call, make_person("deja@example.org", full_name="Amina Déjà"))

    page = staff_client.get(_url(call, "committee"), {"q": "amina"}).content.decode()
    assert "amina.diallo@example.org" in page
    assert "deja@example.org" in page  # listed on the committee...
    assert page.count("deja@example.org") == 1  # ...but not offered again

    response = staff_client.post(
        _url(call, "committee_add"), {"person": amina.pk, "role": "chair", "capacity": ""}
    )
    member = CommitteeMember.objects.get(call=call, person=amina)
    assert response.url == _url(call, "committee_member", member_pk=member.pk)
    assert (member.role, member.capacity, member.person_name) == ("chair", 12, "Amina Diallo")
    amina.refresh_from_db()
    assert amina.has_role(Role.COMMITTEE)
    assert HistoryEntry.objects.filter(action="committee_member_added").exists()

    again = staff_client.post(
        _url(call, "committee_add"), {"person": amina.pk, "role": "reviewer"}, follow=True
    )
    assert "already sits on this committee" in again.content.decode()
    assert seated


def test_adding_a_member_detects_their_conflicts_at_once(staff_client):
    call = build_call()
    person = make_person("porteur@lien.example")
    application = build_application(call, applicant=person)
    staff_client.post(_url(call, "committee_add"), {"person": person.pk, "role": "reviewer"})
    assert Conflict.objects.get().application == application


def test_staff_describe_a_members_expertise(staff_client):
    call = build_call()
    member = build_member(call)
    lines = list(BusinessLine.objects.filter(code__in=["elderly", "disability"]))
    region = Region.objects.get(code="FR-974")
    url = _url(call, "committee_member", member_pk=member.pk)
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "role": "reviewer",
            "capacity": "8",
            "business_lines": [b.pk for b in lines],
            "regions": [region.pk],
            "themes": "aidants, répit",
            "languages": ["fr", "es"],
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.capacity == 8 and member.themes == "aidants, répit"
    assert set(member.business_lines.all()) == set(lines)
    assert list(member.regions.all()) == [region]
    assert member.languages == ["fr", "es"]
    # Bad input is said next to the field, and what was typed stays.
    response = staff_client.post(url, {"role": "reviewer", "capacity": "-1", "themes": "gardé"})
    assert response.status_code == 200
    assert 'value="gardé"' in response.content.decode()


def test_a_reviewer_with_assignments_cannot_become_an_observer(staff_client):
    call = build_call()
    member = build_member(call)
    Assignment.objects.create(member=member, application=build_application(call), source="solver")
    response = staff_client.post(
        _url(call, "committee_member", member_pk=member.pk),
        {"role": "observer", "capacity": "3"},
    )
    assert "remove their assignments" in response.content.decode()
    member.refresh_from_db()
    assert member.role == "reviewer"


def test_removing_a_member_but_not_once_they_started_reviewing(staff_client):
    call = build_call()
    idle = build_member(call)
    busy = build_member(call)
    assignment = Assignment.objects.create(
        member=busy, application=build_application(call), source="solver"
    )
    Review.objects.create(assignment=assignment)
    staff_client.post(_url(call, "committee_remove", member_pk=idle.pk))
    response = staff_client.post(_url(call, "committee_remove", member_pk=busy.pk), follow=True)
    assert "they stay on the committee" in response.content.decode()
    assert list(CommitteeMember.objects.all()) == [busy]


def test_staff_set_the_selection_settings(staff_client):
    call = build_call()
    url = _url(call, "committee_settings")
    page = staff_client.get(url).content.decode()
    assert "Europe/Paris" in page
    response = staff_client.post(
        url,
        {
            "reviews_per_application": "2",
            "default_capacity": "9",
            "bidding_open": "on",
            "blind_review": "on",
            "reviews_visibility": "never",
            "review_deadline": "2030-03-01T18:00",
            "tie_break": "margin",
            "tie_break_margin": "0.30",
            "places": "",
        },
    )
    assert response.status_code == 302
    options = call.selection_settings.__class__.objects.get(call=call)
    assert (options.reviews_per_application, options.default_capacity) == (2, 9)
    assert options.bidding_open and options.blind_review
    # 18:00 in Paris in March is 17:00 UTC.
    assert options.review_deadline.isoformat() == "2030-03-01T17:00:00+00:00"
    response = staff_client.post(url, {"reviews_per_application": "0", "default_capacity": "9"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
