"""Affiliations with organisations: a person declares the organisation they act for, staff
verify, refuse or end it, the owner withdraws it while it is not verified; every move is checked
by AFFILIATION_WORKFLOW (the same workflow as memberships) and written to the history. Until it
is verified, an affiliation decides nothing; the profile no longer names an organisation."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.accounts.support import contains, messages_of, translated
from tests.conftest import edit_profile
from tremplin.accounts import queries, services
from tremplin.accounts.forms import AffiliationForm, ProfileForm
from tremplin.accounts.models import Affiliation, Organisation, Role
from tremplin.accounts.workflow import AFFILIATION_WORKFLOW, MEMBERSHIP_WORKFLOW
from tremplin.core.history import history_of
from tremplin.core.models import HistoryEntry
from tremplin.core.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db

State = Affiliation.State
DECLARE = reverse("accounts:declare_affiliation")
QUEUE = reverse("accounts:affiliation_queue")
PROFILE = reverse("accounts:profile")


def decide_url(affiliation):
    return reverse("accounts:decide_affiliation", args=[affiliation.pk])


@pytest.fixture
def foundation(db):
    return Organisation.objects.create(name="Fondation Nexem", kind=Organisation.Kind.PARTNER)


@pytest.fixture
def staff(person_factory):
    return person_factory("staff@example.org", full_name="Sophie Bernard", roles=[Role.STAFF])


@pytest.fixture
def partner(person_factory):
    return person_factory("partner@example.org", full_name="Camille Martin", roles=[Role.PARTNER])


def declare(person, organisation, **fields):
    return services.declare_affiliation(person, organisation=organisation, **fields)


# --- The workflow, as data ------------------------------------------------------------------


def test_the_workflow_is_the_membership_one_with_its_own_permissions():
    transitions = AFFILIATION_WORKFLOW.transitions
    memberships = MEMBERSHIP_WORKFLOW.transitions
    assert set(transitions) == set(memberships) == {"verify", "reject", "revoke", "withdraw"}
    for name, transition in transitions.items():
        assert (transition.sources, transition.target, transition.requires_reason) == (
            memberships[name].sources,
            memberships[name].target,
            memberships[name].requires_reason,
        )
    for name in ("verify", "reject", "revoke"):
        assert transitions[name].permission == "accounts.verify_affiliation"
    assert transitions["withdraw"].permission == "accounts.withdraw_affiliation"
    # Ending a verified affiliation is staff's: a person cannot drop, alone, a link that a
    # conflict of interest or an eligibility rests on.
    assert State.VERIFIED not in transitions["withdraw"].sources


def test_available_transitions_depend_on_state_and_person(partner, staff, foundation):
    affiliation = declare(partner, foundation)
    assert {t.name for t in AFFILIATION_WORKFLOW.available(affiliation, staff)} == {
        "verify",
        "reject",
    }
    assert {t.name for t in AFFILIATION_WORKFLOW.available(affiliation, partner)} == {"withdraw"}
    services.decide_affiliation(affiliation, staff, "verify")
    affiliation.refresh_from_db()
    assert {t.name for t in AFFILIATION_WORKFLOW.available(affiliation, staff)} == {"revoke"}
    assert AFFILIATION_WORKFLOW.available(affiliation, partner) == []


# --- Declaring ----------------------------------------------------------------------------------


def test_the_profile_no_longer_names_an_organisation(client, partner, foundation):
    assert "organisation" not in ProfileForm().fields
    edit_profile(client, partner, organisation=foundation.pk)
    assert not Affiliation.objects.exists()
    assert not HistoryEntry.objects.filter(action="profile_updated", data__fields=["organisation"])


def test_declaring_creates_a_pending_affiliation_and_records_it(partner, foundation):
    affiliation = declare(partner, foundation, title="Chargée de programme")
    assert (affiliation.state, affiliation.person, affiliation.title) == (
        State.PENDING,
        partner,
        "Chargée de programme",
    )
    assert not affiliation.is_verified
    [entry] = history_of(affiliation)
    assert (entry.action, entry.actor, entry.to_state) == (
        "affiliation_declared",
        partner,
        State.PENDING,
    )
    assert list(queries.verified_organisations(partner)) == []


def test_declaring_needs_an_account(foundation):

    with pytest.raises(PermissionDenied):
        services.declare_affiliation(AnonymousUser(), organisation=foundation)
    assert not Affiliation.objects.exists()


def test_declaring_through_the_form_from_the_profile(client, partner, foundation):
    assert client.get(DECLARE)["Location"].startswith(reverse("account_login"))
    client.force_login(partner)
    profile = client.get(PROFILE)
    assert f'href="{DECLARE}"' in profile.content.decode()
    form = client.get(DECLARE).context["form"]
    assert list(form.fields) == ["organisation", "title"]
    assert foundation in form.fields["organisation"].queryset

    response = client.post(DECLARE, {"organisation": foundation.pk, "title": "Directrice"})

    assert response.status_code == 302
    assert response["Location"] == PROFILE
    affiliation = Affiliation.objects.get(person=partner)
    assert (affiliation.organisation, affiliation.state) == (foundation, State.PENDING)
    profile = client.get(PROFILE)
    assert contains(profile, "Fondation Nexem")
    assert contains(profile, translated("fr", "Awaiting verification"))


def test_a_missing_organisation_is_said_next_to_the_field_and_the_title_is_kept(client, partner):
    client.force_login(partner)
    response = client.post(DECLARE, {"organisation": "", "title": "Fondatrice"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["organisation"]
    assert 'value="Fondatrice"' in response.content.decode()
    assert not Affiliation.objects.exists()


def test_declaring_the_same_organisation_twice_is_refused_with_a_message(
    client, partner, foundation
):
    declare(partner, foundation)
    client.force_login(partner)
    response = client.post(DECLARE, {"organisation": foundation.pk, "title": ""})
    assert response.status_code == 200
    with translation.override("fr"):  # the page's language; new strings may be untranslated
        message = translation.gettext(
            "You have already declared an affiliation with this organisation."
        )
    assert message in response.context["form"].non_field_errors()
    assert Affiliation.objects.count() == 1


def test_declaring_again_after_a_refusal_or_a_withdrawal_is_allowed(partner, staff, foundation):

    first = declare(partner, foundation)
    services.decide_affiliation(first, partner, "withdraw")
    second = declare(partner, foundation)
    services.decide_affiliation(second, staff, "reject", "Inconnue de la fondation")
    form = AffiliationForm({"organisation": foundation.pk}, person=partner)
    assert form.is_valid(), form.errors


# --- Deciding (service) -------------------------------------------------------------------------


def test_staff_verify_and_the_history_says_who_from_to(partner, staff, foundation):
    affiliation = declare(partner, foundation)
    services.decide_affiliation(affiliation, staff, "verify", "Confirmé par la fondation")
    affiliation.refresh_from_db()
    assert affiliation.is_verified
    assert (affiliation.decided_by, affiliation.decision_note) == (
        staff,
        "Confirmé par la fondation",
    )
    assert affiliation.decided_at is not None
    entry = history_of(affiliation).first()
    assert (entry.action, entry.actor, entry.from_state, entry.to_state, entry.reason) == (
        "transition:verify",
        staff,
        State.PENDING,
        State.VERIFIED,
        "Confirmé par la fondation",
    )
    assert list(queries.verified_organisations(partner)) == [foundation]


def test_refusing_and_ending_need_a_reason(partner, staff, foundation):
    affiliation = declare(partner, foundation)
    with translation.override("fr"), pytest.raises(TransitionNotAllowed) as error:
        services.decide_affiliation(affiliation, staff, "reject", "  ")
    assert error.value.messages == [translated("fr", "Please give a reason.")]
    services.decide_affiliation(affiliation, staff, "verify")
    with pytest.raises(TransitionNotAllowed):
        services.decide_affiliation(affiliation, staff, "revoke")
    services.decide_affiliation(affiliation, staff, "revoke", "A quitté la fondation")
    affiliation.refresh_from_db()
    assert affiliation.state == State.REVOKED
    assert [e.action for e in history_of(affiliation)] == [
        "transition:revoke",
        "transition:verify",
        "affiliation_declared",
    ]
    assert list(queries.verified_organisations(partner)) == []


def test_the_owner_withdraws_a_pending_one_but_not_a_verified_one(partner, staff, foundation):
    affiliation = declare(partner, foundation)
    services.decide_affiliation(affiliation, partner, "withdraw")
    affiliation.refresh_from_db()
    assert (affiliation.state, affiliation.decided_by) == (State.REVOKED, None)

    verified = declare(partner, foundation)
    services.decide_affiliation(verified, staff, "verify")
    with pytest.raises(TransitionNotAllowed):
        services.decide_affiliation(verified, partner, "withdraw")
    with pytest.raises(PermissionDenied):
        services.decide_affiliation(verified, partner, "revoke", "Je pars")
    verified.refresh_from_db()
    assert verified.is_verified


def test_the_owner_withdraws_from_the_profile_and_nobody_else_finds_it(
    client, partner, person_factory, foundation
):
    affiliation = declare(partner, foundation)
    url = reverse("accounts:withdraw_affiliation", args=[affiliation.pk])
    client.force_login(person_factory(roles=[Role.STAFF]))
    assert client.post(url).status_code == 404
    client.force_login(partner)
    assert f'action="{url}"' in client.get(PROFILE).content.decode()
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == PROFILE
    affiliation.refresh_from_db()
    assert affiliation.state == State.REVOKED
    assert f'action="{url}"' not in response.content.decode()
    # Already withdrawn: said, not a server error.
    response = client.post(url, follow=True)
    assert response.status_code == 200 and len(messages_of(response)) == 1


@pytest.mark.parametrize("decision", ["verify", "reject"])
@pytest.mark.parametrize(
    "role", [None, Role.APPLICANT, Role.PARTNER, Role.COMMITTEE, Role.MODERATOR, Role.REFERENT]
)
def test_only_staff_and_admins_decide(partner, person_factory, foundation, decision, role):
    affiliation = declare(partner, foundation)
    someone = person_factory(roles=[role] if role else [])
    for actor in (someone, partner):
        with pytest.raises(PermissionDenied):
            services.decide_affiliation(affiliation, actor, decision, "raison")
    affiliation.refresh_from_db()
    assert affiliation.state == State.PENDING
    assert history_of(affiliation).count() == 1


def test_nobody_withdraws_someone_else_affiliation(partner, staff, person_factory, foundation):
    affiliation = declare(partner, foundation)
    for actor in (person_factory(), staff):
        with pytest.raises(PermissionDenied):
            services.decide_affiliation(affiliation, actor, "withdraw")
    affiliation.refresh_from_db()
    assert affiliation.state == State.PENDING


def test_a_recorded_affiliation_is_verified_at_once_and_only_staff_record_one(
    partner, staff, person_factory, foundation
):
    with pytest.raises(PermissionDenied):
        services.record_verified_affiliation(partner, foundation, partner)
    pending = declare(partner, foundation)
    recorded = services.record_verified_affiliation(partner, foundation, staff, note="Vu")
    assert recorded.pk == pending.pk and recorded.is_verified
    assert recorded.decided_by == staff
    assert services.record_verified_affiliation(partner, foundation).pk == pending.pk
    assert Affiliation.objects.count() == 1
    assert [e.action for e in history_of(recorded)] == [
        "transition:verify",
        "affiliation_declared",
    ]
    other = person_factory()
    by_platform = services.record_verified_affiliation(other, foundation)
    [entry] = history_of(by_platform)
    assert (entry.action, entry.actor, entry.to_state) == (
        "affiliation_recorded",
        None,
        State.VERIFIED,
    )


# --- The staff's queue and its decide POST ------------------------------------------------------


def test_the_queue_is_for_staff_only(client, partner, person_factory):
    assert client.get(QUEUE)["Location"].startswith(reverse("account_login"))
    for person in [partner] + [
        person_factory(roles=[role])
        for role in (Role.REFERENT, Role.MENTOR, Role.COMMITTEE, Role.SITE_CONTACT)
    ]:
        client.force_login(person)
        assert client.get(QUEUE).status_code == 403


def test_the_queue_lists_pending_affiliations_oldest_first(
    client, staff, person_factory, foundation
):
    first = declare(person_factory(full_name="Léa Fontaine"), foundation, title="Trésorière")
    second = declare(person_factory(full_name="Hugo Lambert"), foundation)
    verified = declare(person_factory(full_name="Sara El Amrani"), foundation)
    services.decide_affiliation(verified, staff, "verify")
    client.force_login(staff)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert [a.pk for a in response.context["affiliations"]] == [first.pk, second.pk]
    content = response.content.decode()
    assert "Léa Fontaine" in content and "Trésorière" in content
    assert "Sara El Amrani" not in content
    assert f'action="{decide_url(first)}"' in content
    assert [a.pk for a in client.get(QUEUE, {"state": "verified"}).context["affiliations"]] == [
        verified.pk
    ]
    assert client.get(QUEUE, {"state": "<script>"}).context["state"] == State.PENDING


def test_the_queue_has_a_bounded_number_of_queries(client, staff, person_factory):
    def queue_queries(count):
        for _ in range(count):
            person = person_factory()
            declare(person, Organisation.objects.create(name=person.email, kind="company"))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(QUEUE).status_code == 200
        return len(captured)

    client.force_login(staff)
    assert queue_queries(3) == queue_queries(20)


def test_staff_verify_refuse_and_end_from_the_queue(client, staff, partner, foundation):
    affiliation = declare(partner, foundation)
    client.force_login(staff)
    response = client.post(decide_url(affiliation), {"decision": "reject", "note": ""}, follow=True)
    assert translated("fr", "Please give a reason.") in messages_of(response)
    affiliation.refresh_from_db()
    assert affiliation.state == State.PENDING

    response = client.post(decide_url(affiliation), {"decision": "verify", "note": ""})
    assert response["Location"] == QUEUE
    affiliation.refresh_from_db()
    assert (affiliation.state, affiliation.decided_by) == (State.VERIFIED, staff)
    assert any("Camille Martin" in m for m in messages_of(client.get(QUEUE)))

    client.post(decide_url(affiliation), {"decision": "revoke", "note": "Partie"})
    affiliation.refresh_from_db()
    assert (affiliation.state, affiliation.decision_note) == (State.REVOKED, "Partie")

    client.force_login(partner)
    profile = client.get(PROFILE)
    assert contains(profile, translated("fr", "Ended")) and contains(profile, "Partie")


def test_bad_or_illegal_decisions_are_refused_with_a_message(client, staff, partner, foundation):
    affiliation = declare(partner, foundation)
    client.force_login(staff)
    response = client.post(decide_url(affiliation), {"decision": "delete"}, follow=True)
    assert translated("fr", "Choose a decision.") in messages_of(response)
    response = client.post(
        decide_url(affiliation), {"decision": "revoke", "note": "x"}, follow=True
    )
    [message] = messages_of(response)
    assert translated("fr", "Awaiting verification") in message
    affiliation.refresh_from_db()
    assert affiliation.state == State.PENDING


def test_decide_is_post_only_staff_only_and_404_for_unknown(client, staff, partner, foundation):
    affiliation = declare(partner, foundation)
    client.force_login(partner)
    assert client.post(decide_url(affiliation), {"decision": "verify"}).status_code == 403
    affiliation.refresh_from_db()
    assert affiliation.state == State.PENDING
    client.force_login(staff)
    assert client.get(decide_url(affiliation)).status_code == 405
    missing = reverse("accounts:decide_affiliation", args=[affiliation.pk + 1000])
    assert client.post(missing, {"decision": "verify"}).status_code == 404


def test_staff_home_and_menu_point_to_the_affiliations_to_verify(
    client, staff, partner, foundation
):
    declare(partner, foundation)
    client.force_login(staff)
    home = client.get(reverse("home:home"))
    assert f'href="{QUEUE}"' in home.content.decode()


# --- The Django admin: read the affiliations, never change their state there --------------------


def test_staff_only_read_affiliations_in_the_admin(client, staff, partner, foundation):
    other = Organisation.objects.create(name="Fondation convoitée", kind="partner")
    affiliation = declare(partner, foundation)
    client.force_login(staff)
    url = reverse("admin:accounts_affiliation_change", args=[affiliation.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"person": partner.pk, "organisation": other.pk, "title": "X"})
    assert response.status_code == 403
    affiliation.refresh_from_db()
    assert (affiliation.organisation, affiliation.title) == (foundation, "")
    add = reverse("admin:accounts_affiliation_add")
    assert client.post(add, {"person": partner.pk, "organisation": other.pk}).status_code == 403
    assert not Affiliation.objects.filter(organisation=other).exists()


def test_the_admin_never_changes_the_state_nor_moves_an_affiliation(
    client, person_factory, staff, partner, foundation
):
    administrator = person_factory(roles=[Role.ADMIN])
    other = Organisation.objects.create(name="Fondation convoitée", kind="partner")
    affiliation = declare(partner, foundation)
    client.force_login(administrator)
    url = reverse("admin:accounts_affiliation_change", args=[affiliation.pk])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "person": partner.pk,
            "organisation": other.pk,
            "title": "Directrice",
            "state": State.VERIFIED,
            "decided_by": staff.pk,
        },
    )
    affiliation.refresh_from_db()
    assert (affiliation.state, affiliation.organisation, affiliation.decided_by) == (
        State.PENDING,
        foundation,
        None,
    )
    assert affiliation.title == "Directrice"
    assert history_of(affiliation).first().action == "changed_in_admin"

    add = reverse("admin:accounts_affiliation_add")
    client.post(add, {"person": partner.pk, "organisation": other.pk, "state": State.VERIFIED})
    added = Affiliation.objects.get(organisation=other)
    assert added.state == State.PENDING
    assert history_of(added).first().action == "added_in_admin"
