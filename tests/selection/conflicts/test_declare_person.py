"""A member declares a conflict with a person by e-mail address. The form accepts any valid
address and answers the same whatever exists behind it: it never tells whether the address
has an account, nor how many applications (of the member's) that person filed or joined. The
declaration is stored with the address and resolved when conflicts are read, so it covers the
person's applications now and later, as lead applicant or co-applicant (accepted or invited),
even when they sign up after the declaration."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_person
from tests.selection.builders import build_application, build_call, build_member
from tremplin.applications.models import CoApplicant, State
from tremplin.selection import membership
from tremplin.selection.models import Assignment, CommitteeMember, Conflict, Review
from tremplin.selection.queries import conflicts as queries

pytestmark = pytest.mark.django_db

UNKNOWN = "nobody@nowhere.example"
KNOWN = "karima.secret@asso.example"


def url(call):
    return reverse("selection:my_conflicts", kwargs={"slug": call.slug})


def declare(client, call, email, reason="Ancienne collègue"):
    return client.post(
        url(call), {"kind": "person", "person-email": email, "person-reason": reason}
    )


def normalised(content: str, *replace: str) -> str:
    """The page without its CSRF tokens and with the given strings (the address typed, the
    member's own name and address) replaced by a placeholder."""
    content = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", content)
    content = re.sub(r'<meta name="csrf-token" content="[^"]*"', "", content)
    for text in replace:
        content = content.replace(text, "§")
    return content


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def call(db):
    return build_call(k=1)


@pytest.fixture
def known(call):
    """A person with an account who filed an application of the call and joined two others."""
    person = make_person(KNOWN, roles=["applicant"], full_name="Karima Secret")
    lead = build_application(call, "Projet de Karima", applicant=person)
    joined = [
        build_application(call, f"Projet rejoint {n}", co_applicants=[person]) for n in (1, 2)
    ]
    return person, [lead, *joined]


def member_named(call, name, email):
    return build_member(call, make_person(email, roles=["committee"], full_name=name))


def as_member(member):
    client = Client()
    client.force_login(member.person)
    return client


def test_the_answer_is_the_same_for_an_unknown_address_and_a_known_applicant(call, known):
    first = member_named(call, "Membre Un", "membre-un@org1.example")
    second = member_named(call, "Membre Deux", "membre-deux@org2.example")
    answers = []
    for member, email in ((first, UNKNOWN), (second, KNOWN)):
        client = as_member(member)
        response = declare(client, call, email)
        followed = client.get(response["Location"]) if response.status_code == 302 else response
        answers.append(
            (
                response.status_code,
                response.get("Location"),
                messages_of(followed),
                normalised(
                    followed.content.decode(), email, member.person.full_name, member.person.email
                ),
            )
        )
    assert answers[0][:3] == answers[1][:3]
    assert answers[0][0] == 302
    assert answers[0][3] == answers[1][3]
    # Neither the account's name nor a count of applications shows anywhere.
    assert "Karima Secret" not in answers[1][3]


def test_the_message_does_not_count_the_member_s_applications_that_person_filed(call, known):
    """Even when the person filed applications the member was given: those are taken off the
    member's list (the conflict works), and the message says what it says to anyone."""
    _person, applications = known
    reference = member_named(call, "Membre Témoin", "temoin@org3.example")
    member = member_named(call, "Membre Relecteur", "relecteur@org4.example")
    for application in applications[:2]:
        application.state = State.IN_REVIEW
        application.save()
        Assignment.objects.create(member=member, application=application, source="solver")
    submitted = Assignment.objects.create(
        member=member, application=applications[2], source="solver"
    )
    Review.objects.create(assignment=submitted, state=Review.State.SUBMITTED, score=4)

    unknown_answer = as_member(reference).post(
        url(call), {"kind": "person", "person-email": UNKNOWN}, follow=True
    )
    known_answer = as_member(member).post(
        url(call), {"kind": "person", "person-email": KNOWN}, follow=True
    )

    assert messages_of(known_answer) == messages_of(unknown_answer)
    assert not re.search(r"\d", " ".join(messages_of(known_answer)))
    # The conflict holds: the assignments not submitted are gone, the submitted review is kept
    # but no longer counts, the applications are hidden from the member.
    assert list(Assignment.objects.filter(member=member)) == [submitted]
    assert queries.reviews_counting_in_ranking(call).count() == 0
    fresh = CommitteeMember.objects.get(pk=member.pk)
    assert membership.conflicted_application_ids(fresh) == {a.pk for a in applications}


def test_the_member_s_list_shows_the_address_typed_not_the_account(call, known):
    member = member_named(call, "Membre Un", "membre-un@org1.example")
    client = as_member(member)
    declare(client, call, KNOWN.upper())
    page = client.get(url(call)).content.decode()
    assert KNOWN in page
    assert "Karima Secret" not in page
    conflict = Conflict.objects.get(member=member)
    assert conflict.email == KNOWN


def test_a_known_person_s_applications_are_conflicted_everywhere(call, known):
    _person, applications = known
    member = member_named(call, "Membre Un", "membre-un@org1.example")
    other = build_application(call, "Sans lien")
    declare(as_member(member), call, KNOWN)
    fresh = CommitteeMember.objects.get(pk=member.pk)
    ids = {a.pk for a in applications}
    assert membership.conflicted_application_ids(fresh) == ids
    assert {a for m, a in queries.conflicted_pairs(call) if m == member.pk} == ids
    assert other.pk not in membership.conflicted_application_ids(fresh)


def test_an_address_without_an_account_covers_the_person_once_they_sign_up_and_apply(call):
    member = member_named(call, "Membre Un", "membre-un@org1.example")
    response = declare(as_member(member), call, UNKNOWN)
    assert response.status_code == 302
    # Later: invited as co-applicant (not accepted yet), then signed up and applied.
    invited = build_application(call, "Invitation en attente", co_applicants=[UNKNOWN.upper()])
    newcomer = make_person(UNKNOWN, roles=["applicant"])
    filed = build_application(call, "Déposé ensuite", applicant=newcomer, state=State.IN_REVIEW)
    unrelated = build_application(call, "Sans lien", state=State.IN_REVIEW)
    fresh = CommitteeMember.objects.get(pk=member.pk)
    assert membership.conflicted_application_ids(fresh) == {invited.pk, filed.pk}
    assert {a for m, a in queries.conflicted_pairs(call) if m == member.pk} == {
        invited.pk,
        filed.pk,
    }
    # A review the member submitted before is kept out of the ranking (the SQL flag).
    for application in (filed, unrelated):
        assignment = Assignment.objects.create(
            member=member, application=application, source="manual"
        )
        Review.objects.create(
            assignment=assignment,
            state=Review.State.SUBMITTED,
            score=3,
            submitted_at=timezone.now(),
        )
    counting = queries.reviews_counting_in_ranking(call)
    assert list(counting.values_list("assignment__application_id", flat=True)) == [unrelated.pk]


def test_an_accepted_co_applicant_is_matched_by_the_address_of_their_account(call):
    member = member_named(call, "Membre Un", "membre-un@org1.example")
    declare(as_member(member), call, UNKNOWN)
    person = make_person(UNKNOWN)
    application = build_application(call, "Équipe")
    # Accepted with another address than the one invited.
    CoApplicant.objects.create(
        application=application, email="old@elsewhere.example", person=person,
        accepted_at=timezone.now(),
    )  # fmt: skip
    fresh = CommitteeMember.objects.get(pk=member.pk)
    assert membership.conflicted_application_ids(fresh) == {application.pk}


def test_a_malformed_address_is_refused_with_a_message_and_kept(call):
    member = member_named(call, "Membre Un", "membre-un@org1.example")
    response = declare(as_member(member), call, "pas une adresse", reason="Voisine")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a valid email address." in page
    assert 'value="pas une adresse"' in page and 'value="Voisine"' in page
    assert not Conflict.objects.filter(member=member).exists()


def test_declaring_the_same_address_twice_records_one_conflict(call, known):
    member = member_named(call, "Membre Un", "membre-un@org1.example")
    client = as_member(member)
    first = declare(client, call, KNOWN)
    second = declare(client, call, KNOWN.upper())
    assert first.status_code == second.status_code == 302
    assert Conflict.objects.filter(member=member).count() == 1


def test_staff_see_the_address_and_the_account_it_matches(client, call, known, staff):
    member = member_named(call, "Membre Un", "membre-un@org1.example")
    declare(as_member(member), call, KNOWN)
    declare(as_member(member), call, UNKNOWN)
    client.force_login(staff)
    page = client.get(
        reverse("selection:committee_conflicts", kwargs={"slug": call.slug})
    ).content.decode()
    assert KNOWN in page and UNKNOWN in page
    assert "Karima Secret" in page
