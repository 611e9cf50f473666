"""Conflicts of interest: each kind the platform detects, what it leaves alone (public mail
providers, national societies), how detection stores and updates its rows, and that what
permissions read (membership.conflicted_application_ids), the call-wide reading and the ranking
flag (membership.in_conflict) agree."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import edit_profile, make_person, verify_affiliation
from tests.programmes.builders import site
from tests.selection.builders import build_application, build_call, build_member
from tremplin.accounts.models import Organisation
from tremplin.selection import conflicts, membership
from tremplin.selection.membership import in_conflict
from tremplin.selection.models import Assignment, Conflict, Review
from tremplin.selection.queries.conflicts import (
    conflicted_pairs,
    describe,
    detect,
    reviews_counting_in_ranking,
)
from tremplin.selection.services import conflicts as services

pytestmark = pytest.mark.django_db


def affiliated(person, organisation):
    verify_affiliation(person, organisation)
    return person


def _detected(call):
    return {
        (c.member_id, c.application_id, conflicts.parse_reason(c.reason)[0])
        for c in Conflict.objects.filter(member__call=call, source=Conflict.Source.DETECTED)
    }


def test_public_domains_come_from_the_data_file():
    domains = conflicts.public_email_domains()
    for domain in ("gmail.com", "yahoo.fr", "orange.fr", "hotmail.com", "laposte.net"):
        assert domain in domains
    assert "croix-rouge.fr" not in domains


def test_the_member_is_the_applicant_or_a_co_applicant(staff):
    call = build_call()
    member = build_member(call)
    invited = build_member(call)
    lead = build_application(call, applicant=member.person)
    team = build_application(call, co_applicants=[member.person])
    invitation = build_application(call, co_applicants=[invited.person.email.upper()])
    other = build_application(call)

    services.detect_conflicts(call, staff)

    found = _detected(call)
    assert (member.pk, lead.pk, conflicts.APPLICANT) in found
    assert (member.pk, team.pk, conflicts.APPLICANT) in found
    assert (invited.pk, invitation.pk, conflicts.APPLICANT) in found
    assert not {f for f in found if f[1] == other.pk}
    assert membership.conflicted_application_ids(member) == {lead.pk, team.pk}


def test_same_organisation_by_account_or_by_name():
    call = build_call()
    lien = Organisation.objects.create(name="Lien Seniors", kind="association")
    member = build_member(call, affiliated(make_person("a@lien-seniors.example"), lien))
    by_account = build_application(call, applicant=affiliated(make_person("b@other.example"), lien))
    by_name = build_application(call, organisation_name="  lien seniors ")
    by_co_applicant = build_application(
        call, co_applicants=[affiliated(make_person("c@third.example"), lien)]
    )
    unrelated = build_application(call, organisation_name="Les Marmites")

    found = {(f.application_id, f.kind, f.detail) for f in detect(call)}

    assert (by_account.pk, conflicts.ORGANISATION, "Lien Seniors") in found
    assert (by_name.pk, conflicts.ORGANISATION, "Lien Seniors") in found
    assert (by_co_applicant.pk, conflicts.ORGANISATION, "Lien Seniors") in found
    assert not {f for f in found if f[0] == unrelated.pk}
    assert member


def test_same_email_domain_but_not_a_public_provider_nor_the_movement():
    call = build_call()
    Organisation.objects.create(
        name="Croix-Rouge française", kind="national_society", email_domain="croix-rouge.fr"
    )
    member = build_member(call, make_person("paul@domo-care.fr"))
    gmail = build_member(call, make_person("someone@gmail.com"))
    movement = build_member(call, make_person("chef@croix-rouge.fr"))
    same = build_application(call, applicant=make_person("ceo@Domo-Care.fr"))
    public = build_application(call, applicant=make_person("porteur@gmail.com"))
    of_the_movement = build_application(call, applicant=make_person("benevole@croix-rouge.fr"))
    invited = build_application(call, co_applicants=["cto@domo-care.fr"])

    found = {(f.member_id, f.application_id, f.kind) for f in detect(call)}

    assert (member.pk, same.pk, conflicts.EMAIL_DOMAIN) in found
    assert (member.pk, invited.pk, conflicts.EMAIL_DOMAIN) in found
    assert not {f for f in found if f[1] in (public.pk, of_the_movement.pk)}
    assert not {f for f in found if f[0] in (gmail.pk, movement.pk)}


def test_a_national_society_is_not_a_shared_organisation():
    call = build_call()
    society = Organisation.objects.create(name="Croix-Rouge française", kind="national_society")
    build_member(call, affiliated(make_person("x@one.example"), society))
    build_application(call, applicant=affiliated(make_person("y@two.example"), society))
    build_application(call, organisation_name="Croix-Rouge française")
    assert detect(call) == []


def test_the_member_manages_a_site_the_application_names():
    call = build_call()
    contact = make_person("responsable@ul-marseille.example")
    member = build_member(call, contact)
    site(name="Unité locale de Marseille Nord", contact=contact)
    site(name="Relais", contact=contact)  # too short a name to search the answers for
    named = build_application(
        call, need="Nous testerons avec l'unité locale de Marseille-Nord dès septembre."
    )
    short = build_application(call, need="Un relais de quartier.")

    found = {(f.member_id, f.application_id, f.kind, f.detail) for f in detect(call)}

    assert found == {(member.pk, named.pk, conflicts.SITE, "Unité locale de Marseille Nord")}
    assert short


def test_detection_stores_reasons_removes_what_no_longer_holds_and_is_described(staff):
    call = build_call()
    member = build_member(call)
    application = build_application(call, applicant=member.person)
    services.detect_conflicts(call, staff)
    services.detect_conflicts(call, staff)  # idempotent
    row = Conflict.objects.get()
    assert row.application == application and row.source == Conflict.Source.DETECTED
    with translation.override("en"):
        assert describe(row.source, row.reason) == (
            "The member is the applicant or a co-applicant."
        )

    application.applicant = make_person("new@lead.example")
    application.save()
    outcome = services.detect_conflicts(call, staff)
    assert outcome.removed == 1 and not Conflict.objects.exists()


def test_detection_releases_assignments_not_submitted_and_flags_submitted_reviews(staff):
    call = build_call()
    member = build_member(call)
    draft = build_application(call, co_applicants=[member.person])
    submitted = build_application(call, co_applicants=[member.person.email])
    for application in (draft, submitted):
        assignment = Assignment.objects.create(
            member=member, application=application, source="solver"
        )
        Review.objects.create(
            assignment=assignment,
            state="submitted" if application == submitted else "draft",
            score=4,
        )

    outcome = services.detect_conflicts(call, staff)

    assert (outcome.released.removed, outcome.released.kept) == (1, 1)
    assert list(Assignment.objects.values_list("application_id", flat=True)) == [submitted.pk]
    assert not reviews_counting_in_ranking(call).exists()


def test_declared_conflicts_feed_permissions_the_call_wide_reading_and_the_ranking_flag():
    call = build_call()
    organisation = Organisation.objects.create(name="Les Marmites", kind="association")
    members = [build_member(call) for _ in range(4)]
    by_application = build_application(call)
    by_person = build_application(call)
    lead = by_person.applicant
    by_co_applicant = build_application(call, co_applicants=[lead])
    by_organisation_name = build_application(call, organisation_name="LES MARMITES")
    by_account = build_application(
        call, applicant=affiliated(make_person("z@marmites.example"), organisation)
    )
    free = build_application(call)
    Conflict.objects.create(
        member=members[0], application=by_application, source="declared", reason=""
    )
    Conflict.objects.create(member=members[1], person=lead, source="declared", reason="")
    Conflict.objects.create(
        member=members[2], organisation=organisation, source="declared", reason=""
    )
    expected = {
        (members[0].pk, by_application.pk),
        (members[1].pk, by_person.pk),
        (members[1].pk, by_co_applicant.pk),
        (members[2].pk, by_organisation_name.pk),
        (members[2].pk, by_account.pk),
    }
    assert conflicted_pairs(call) == expected
    for member in members:
        assert membership.conflicted_application_ids(member) == {
            a for m, a in expected if m == member.pk
        }
    # Every pair reviewed and submitted: the flag keeps exactly the conflicted ones out.
    for member in members:
        for application in call.applications.all():
            assignment = Assignment.objects.create(
                member=member, application=application, source="solver"
            )
            Review.objects.create(assignment=assignment, state="submitted", score=3)
    counted = set(
        reviews_counting_in_ranking(call).values_list(
            "assignment__member_id", "assignment__application_id"
        )
    )
    flagged = set(
        Assignment.objects.filter(in_conflict()).values_list("member_id", "application_id")
    )
    assert flagged == expected
    assert len(counted) == 4 * 6 - len(expected) and not counted & expected
    assert free


# --- What the applicant may not change: the organisations staff verified, the answers frozen ---


def _pairs(call):
    """The (member, application) pairs in conflict, read every way the platform reads them."""
    pairs = conflicted_pairs(call)
    for member in call.committee.all():
        member.__dict__.pop("_conflicted_ids", None)
        assert {(member.pk, a) for a in membership.conflicted_application_ids(member)} == {
            p for p in pairs if p[0] == member.pk
        }
    return pairs


def test_an_applicant_who_claims_the_reviewer_organisation_creates_no_conflict(client, staff):
    call = build_call()
    lien = Organisation.objects.create(name="Lien Seniors", kind="association")
    reviewer = make_person("reviewer@reviewers.example")
    verify_affiliation(reviewer, lien)
    member = build_member(call, reviewer)
    applicant = make_person("applicant@applicants.example")
    application = build_application(call, applicant=applicant)

    edit_profile(client, applicant, organisation=lien.pk)
    services.detect_conflicts(call, staff)

    assert not {f for f in _detected(call) if f[:2] == (member.pk, application.pk)}


def test_an_applicant_who_drops_their_organisation_does_not_dodge_the_conflict(client, staff):
    call = build_call()
    lien = Organisation.objects.create(name="Lien Seniors", kind="association")
    reviewer = make_person("reviewer@reviewers.example")
    verify_affiliation(reviewer, lien)
    member = build_member(call, reviewer)
    declaring = build_member(call)
    Conflict.objects.create(member=declaring, organisation=lien, source="declared", reason="")
    applicant = make_person("applicant@applicants.example")
    verify_affiliation(applicant, lien)
    application = build_application(call, applicant=applicant)
    services.detect_conflicts(call, staff)
    assert (member.pk, application.pk, conflicts.ORGANISATION) in _detected(call)

    edit_profile(client, applicant, organisation="")
    services.detect_conflicts(call, staff)

    assert (member.pk, application.pk, conflicts.ORGANISATION) in _detected(call)
    assert (declaring.pk, application.pk) in _pairs(call)
    flagged = Assignment.objects.create(member=declaring, application=application, source="manual")
    assert Assignment.objects.filter(in_conflict(), pk=flagged.pk).exists()


def test_the_organisation_named_at_submission_counts_not_a_later_edit(staff):
    call = build_call()
    lien = Organisation.objects.create(name="Lien Seniors", kind="association")
    reviewer = make_person("reviewer@reviewers.example")
    verify_affiliation(reviewer, lien)
    member = build_member(call, reviewer)
    declaring = build_member(call)
    Conflict.objects.create(member=declaring, organisation=lien, source="declared", reason="")
    application = build_application(call, organisation_name="Lien Seniors")
    # Edited after submission (the call allows it) and not submitted again.
    application.organisation_name = "Autre chose"
    application.save()

    services.detect_conflicts(call, staff)

    assert (member.pk, application.pk, conflicts.ORGANISATION) in _detected(call)
    assert (declaring.pk, application.pk) in _pairs(call)
    flagged = Assignment.objects.create(member=declaring, application=application, source="manual")
    assert Assignment.objects.filter(in_conflict(), pk=flagged.pk).exists()


def test_staff_list_detect_and_remove_conflicts(staff_client, staff):
    call = build_call()
    member = build_member(call)
    application = build_application(call, "Projet du membre", applicant=member.person)
    url = reverse("selection:committee_conflicts", kwargs={"slug": call.slug})
    response = staff_client.post(
        reverse("selection:committee_detect", kwargs={"slug": call.slug}), follow=True
    )
    page = response.content.decode()
    assert "1 new conflict detected." in page
    assert "Projet du membre" in page
    assert "The member is the applicant or a co-applicant." in page
    conflict = Conflict.objects.get(application=application)
    staff_client.post(
        reverse(
            "selection:committee_conflict_remove",
            kwargs={"slug": call.slug, "conflict_pk": conflict.pk},
        )
    )
    assert not Conflict.objects.exists()
    assert staff_client.get(url).status_code == 200
