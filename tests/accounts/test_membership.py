"""Membership of the movement: declared by the person, verified, refused or ended by staff,
withdrawn by its owner; every move checked by MEMBERSHIP_WORKFLOW and written to the history."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.accounts.support import contains, html_lang, messages_of, translated
from tremplin.accounts import services
from tremplin.accounts.forms import MembershipForm
from tremplin.accounts.models import Membership, Organisation, Role
from tremplin.accounts.workflow import MEMBERSHIP_WORKFLOW
from tremplin.core.history import history_of
from tremplin.core.models import HistoryEntry
from tremplin.core.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db

State = Membership.State
DECLARE = reverse("accounts:declare_membership")
QUEUE = reverse("accounts:membership_queue")
HOME = reverse("home:home")


def decide_url(membership):
    return reverse("accounts:decide_membership", args=[membership.pk])


@pytest.fixture
def society(db):
    return Organisation.objects.create(
        name="Croix-Rouge française",
        kind=Organisation.Kind.NATIONAL_SOCIETY,
        email_domain="croix-rouge.fr",
    )


@pytest.fixture
def staff(person_factory):
    return person_factory("staff@example.org", full_name="Sophie Bernard", roles=[Role.STAFF])


@pytest.fixture
def member(person_factory):
    return person_factory("member@example.org", full_name="Camille Martin")


def declare(person, society, identifier="CRF-35-004512", **fields):
    fields.setdefault("status", Membership.Status.VOLUNTEER)
    return services.declare_membership(
        person, national_society=society, identifier=identifier, **fields
    )


# --- The workflow, as data ------------------------------------------------------------------


def test_the_workflow_says_who_may_do_what_and_when():
    transitions = MEMBERSHIP_WORKFLOW.transitions
    assert set(transitions) == {"verify", "reject", "revoke", "withdraw"}
    assert set(transitions["verify"].sources) == {State.PENDING, State.REJECTED}
    assert transitions["verify"].target == State.VERIFIED
    assert transitions["reject"].sources == (State.PENDING,)
    assert transitions["revoke"].sources == (State.VERIFIED,)
    assert set(transitions["withdraw"].sources) == {State.PENDING, State.REJECTED}
    assert transitions["withdraw"].target == State.REVOKED
    assert {n for n, t in transitions.items() if t.requires_reason} == {"reject", "revoke"}
    assert transitions["withdraw"].permission == "accounts.withdraw_membership"
    for name in ("verify", "reject", "revoke"):
        assert transitions[name].permission == "accounts.verify_membership"


def test_available_transitions_depend_on_state_and_person(member, staff, society):
    membership = declare(member, society)
    assert {t.name for t in MEMBERSHIP_WORKFLOW.available(membership, staff)} == {
        "verify",
        "reject",
    }
    assert {t.name for t in MEMBERSHIP_WORKFLOW.available(membership, member)} == {"withdraw"}
    services.decide_membership(membership, staff, "verify")
    membership.refresh_from_db()
    assert {t.name for t in MEMBERSHIP_WORKFLOW.available(membership, staff)} == {"revoke"}
    assert MEMBERSHIP_WORKFLOW.available(membership, member) == []


# --- Declaring ----------------------------------------------------------------------------------


def test_declaring_creates_a_pending_membership_and_records_it(member, society):
    membership = declare(member, society, unit="Unité locale de Rennes")
    assert membership.state == State.PENDING
    assert membership.person == member
    [entry] = history_of(membership)
    assert entry.action == "membership_declared"
    assert entry.actor == member
    assert entry.actor_name == "Camille Martin"
    assert entry.to_state == State.PENDING


def test_declaring_needs_an_account(society):

    with pytest.raises(PermissionDenied):
        services.declare_membership(
            AnonymousUser(), national_society=society, status="volunteer", identifier="X"
        )
    assert not Membership.objects.exists()


def test_the_declaration_form_opens_for_a_signed_in_person(client, member, society):
    assert client.get(DECLARE)["Location"].startswith(reverse("account_login"))
    client.force_login(member)
    response = client.get(DECLARE)
    assert response.status_code == 200
    assert html_lang(response) == "fr"
    form = response.context["form"]
    assert list(form.fields) == ["national_society", "status", "identifier", "unit"]
    assert list(form.fields["national_society"].queryset) == [society]


def test_the_declaration_form_offers_only_national_societies(client, member, society):
    partner = Organisation.objects.create(name="Nexem", kind=Organisation.Kind.PARTNER)
    client.force_login(member)
    response = client.post(
        DECLARE,
        {"national_society": partner.pk, "status": "volunteer", "identifier": "N-1"},
    )
    assert response.status_code == 200
    assert "national_society" in response.context["form"].errors
    assert not Membership.objects.exists()


def test_declaring_through_the_form(client, member, society):
    client.force_login(member)
    response = client.post(
        DECLARE,
        {
            "national_society": society.pk,
            "status": "student",
            "identifier": "IFSI-67-2031",
            "unit": "IFSI de Strasbourg",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == HOME
    membership = Membership.objects.get(person=member)
    assert (membership.state, membership.status, membership.unit) == (
        State.PENDING,
        "student",
        "IFSI de Strasbourg",
    )
    assert HistoryEntry.objects.filter(action="membership_declared", actor=member).count() == 1
    home = client.get(HOME)
    assert contains(home, "IFSI") or contains(home, "Croix-Rouge française")
    assert contains(home, translated("fr", "Awaiting verification"))


def test_a_missing_identifier_is_shown_next_to_the_field_and_the_rest_is_kept(
    client, member, society
):
    client.force_login(member)
    response = client.post(
        DECLARE,
        {"national_society": society.pk, "status": "volunteer", "unit": "Unité de Brest"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["identifier"]
    assert 'value="Unité de Brest"' in response.content.decode()
    assert html_lang(response) == "fr"
    assert not Membership.objects.exists()


def test_declaring_the_same_society_twice_is_refused_with_a_message(client, member, society):
    declare(member, society)
    client.force_login(member)
    response = client.post(
        DECLARE, {"national_society": society.pk, "status": "employee", "identifier": "OTHER-1"}
    )
    assert response.status_code == 200
    message = translated("fr", "You have already declared a membership of this national society.")
    assert message in response.context["form"].non_field_errors()
    assert Membership.objects.count() == 1


def test_someone_else_identifier_is_refused_next_to_the_field(
    client, member, person_factory, society
):
    other = person_factory("other@example.org")
    declare(other, society, identifier="CRF-1")
    client.force_login(member)
    response = client.post(
        DECLARE, {"national_society": society.pk, "status": "volunteer", "identifier": "CRF-1"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "identifier" in errors
    assert errors["identifier"] == [
        translated(
            "fr",
            "This identifier is already declared for this national society. "
            "Check it, or contact the accelerator team.",
        )
    ]
    assert Membership.objects.filter(person=member).count() == 0


def test_declaring_again_after_a_withdrawal_is_allowed(member, society):
    first = declare(member, society)
    services.decide_membership(first, member, "withdraw")

    form = MembershipForm(
        {"national_society": society.pk, "status": "volunteer", "identifier": "NEW-2"},
        person=member,
    )
    assert form.is_valid(), form.errors


# --- Deciding (service) -------------------------------------------------------------------------


def test_staff_verify_and_the_history_says_who_from_to(member, staff, society):
    membership = declare(member, society)
    services.decide_membership(membership, staff, "verify", "Vu avec l'unité locale")
    membership.refresh_from_db()
    assert membership.state == State.VERIFIED
    assert membership.is_verified
    assert membership.decided_by == staff
    assert membership.decided_at is not None
    entry = history_of(membership).first()
    assert entry.action == "transition:verify"
    assert (entry.actor, entry.actor_name) == (staff, "Sophie Bernard")
    assert (entry.from_state, entry.to_state) == (State.PENDING, State.VERIFIED)
    assert entry.reason == "Vu avec l'unité locale"


def test_refusing_needs_a_reason_and_the_reason_is_kept(member, staff, society):
    membership = declare(member, society)
    with translation.override("fr"), pytest.raises(TransitionNotAllowed) as error:
        services.decide_membership(membership, staff, "reject", "   ")
    assert error.value.messages == [translated("fr", "Please give a reason.")]
    membership.refresh_from_db()
    assert membership.state == State.PENDING
    assert history_of(membership).count() == 1

    services.decide_membership(membership, staff, "reject", "Numéro inconnu de l'unité")
    membership.refresh_from_db()
    assert membership.state == State.REJECTED
    assert membership.decision_note == "Numéro inconnu de l'unité"
    entry = history_of(membership).first()
    assert (entry.from_state, entry.to_state, entry.reason) == (
        State.PENDING,
        State.REJECTED,
        "Numéro inconnu de l'unité",
    )


def test_a_refused_membership_can_be_verified_later(member, staff, society):
    membership = declare(member, society)
    services.decide_membership(membership, staff, "reject", "Pièce manquante")
    services.decide_membership(membership, staff, "verify")
    membership.refresh_from_db()
    assert membership.state == State.VERIFIED


def test_ending_a_membership_needs_a_reason(member, staff, society):
    membership = declare(member, society)
    services.decide_membership(membership, staff, "verify")
    with pytest.raises(TransitionNotAllowed):
        services.decide_membership(membership, staff, "revoke")
    services.decide_membership(membership, staff, "revoke", "A quitté l'association")
    membership.refresh_from_db()
    assert membership.state == State.REVOKED
    assert [e.action for e in history_of(membership)] == [
        "transition:revoke",
        "transition:verify",
        "membership_declared",
    ]


def test_the_owner_withdraws_without_a_reason(member, society):
    membership = declare(member, society)
    services.decide_membership(membership, member, "withdraw")
    membership.refresh_from_db()
    assert membership.state == State.REVOKED
    assert membership.decided_by is None
    entry = history_of(membership).first()
    assert (entry.action, entry.actor, entry.from_state, entry.to_state) == (
        "transition:withdraw",
        member,
        State.PENDING,
        State.REVOKED,
    )


@pytest.mark.parametrize("decision", ["verify", "reject"])
@pytest.mark.parametrize("role", [None, Role.APPLICANT, Role.REFERENT, Role.MENTOR, Role.PARTNER])
def test_only_staff_and_admins_decide(member, person_factory, society, decision, role):
    membership = declare(member, society)
    someone = person_factory(roles=[role] if role else [])
    with pytest.raises(PermissionDenied):
        services.decide_membership(membership, someone, decision, "raison")
    with pytest.raises(PermissionDenied):
        services.decide_membership(membership, member, decision, "raison")
    membership.refresh_from_db()
    assert membership.state == State.PENDING
    assert history_of(membership).count() == 1


def test_an_admin_may_decide(member, person_factory, society):
    admin = person_factory(roles=[Role.ADMIN])
    membership = declare(member, society)
    services.decide_membership(membership, admin, "verify")
    membership.refresh_from_db()
    assert membership.state == State.VERIFIED


def test_nobody_withdraws_someone_else_membership(member, staff, person_factory, society):
    membership = declare(member, society)
    other = person_factory()
    for actor in (other, staff):
        with pytest.raises(PermissionDenied):
            services.decide_membership(membership, actor, "withdraw")
    membership.refresh_from_db()
    assert membership.state == State.PENDING


@pytest.mark.parametrize(
    ("setup", "decision"),
    [
        (["verify"], "verify"),
        (["verify"], "reject"),
        (["verify"], "withdraw"),
        ([], "revoke"),
        (["withdraw"], "verify"),
        (["withdraw"], "withdraw"),
        (["reject"], "reject"),
        (["reject"], "revoke"),
    ],
)
def test_illegal_transitions_are_refused_with_a_clear_message(
    member, staff, society, setup, decision
):
    membership = declare(member, society)
    for step in setup:
        actor = member if step == "withdraw" else staff
        services.decide_membership(membership, actor, step, "raison")
    membership.refresh_from_db()
    before_state, before_history = membership.state, history_of(membership).count()
    actor = member if decision == "withdraw" else staff
    with translation.override("fr"), pytest.raises(TransitionNotAllowed) as error:
        services.decide_membership(membership, actor, decision, "raison")
    with translation.override("fr"):
        state_label = str(Membership.State(before_state).label)
        expected = translated(
            "fr", "This action is not possible in the current state (%(state)s)."
        ) % {"state": state_label}
    assert error.value.messages == [expected]
    membership.refresh_from_db()
    assert membership.state == before_state
    assert history_of(membership).count() == before_history


def test_an_unknown_action_is_refused(member, staff, society):
    membership = declare(member, society)
    with pytest.raises(TransitionNotAllowed):
        services.decide_membership(membership, staff, "approve")
    membership.refresh_from_db()
    assert membership.state == State.PENDING


# --- The staff's queue and its decide POST ------------------------------------------------------


def test_the_queue_is_for_staff_only(client, member, person_factory):
    assert client.get(QUEUE)["Location"].startswith(reverse("account_login"))
    client.force_login(member)
    assert client.get(QUEUE).status_code == 403
    for role in (Role.REFERENT, Role.MENTOR, Role.PARTNER, Role.SITE_CONTACT, Role.MODERATOR):
        client.force_login(person_factory(roles=[role]))
        assert client.get(QUEUE).status_code == 403, role


def test_the_queue_lists_pending_memberships_oldest_first(client, staff, person_factory, society):
    first = declare(person_factory(full_name="Léa Fontaine"), society, identifier="A-1")
    second = declare(person_factory(full_name="Hugo Lambert"), society, identifier="A-2")
    verified = declare(person_factory(full_name="Sara El Amrani"), society, identifier="A-3")
    services.decide_membership(verified, staff, "verify")
    client.force_login(staff)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert html_lang(response) == "fr"
    assert [m.pk for m in response.context["memberships"]] == [first.pk, second.pk]
    content = response.content.decode()
    assert "Léa Fontaine" in content and "Hugo Lambert" in content
    assert "Sara El Amrani" not in content
    assert f'action="{decide_url(first)}"' in content

    response = client.get(QUEUE, {"state": "verified"})
    assert [m.pk for m in response.context["memberships"]] == [verified.pk]
    # An unknown state falls back to the pending ones rather than failing.
    response = client.get(QUEUE, {"state": "<script>"})
    assert response.status_code == 200
    assert response.context["state"] == State.PENDING


def test_the_queue_has_a_bounded_number_of_queries(
    client, staff, person_factory, society, django_assert_max_num_queries
):
    def queue_queries(count, start):
        for index in range(start, start + count):
            declare(person_factory(), society, identifier=f"Q-{index}")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(QUEUE)
        assert response.status_code == 200
        return len(queries)

    client.force_login(staff)
    few = queue_queries(3, 0)
    many = queue_queries(27, 3)
    assert Membership.objects.filter(state=State.PENDING).count() == 30
    assert many == few
    with django_assert_max_num_queries(15):
        client.get(QUEUE)


def test_staff_verify_from_the_queue(client, staff, member, society):
    membership = declare(member, society)
    client.force_login(staff)
    response = client.post(decide_url(membership), {"decision": "verify", "note": ""})
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    membership.refresh_from_db()
    assert membership.state == State.VERIFIED
    assert membership.decided_by == staff
    page = client.get(QUEUE)
    assert any("Camille Martin" in m for m in messages_of(page))


def test_refusing_from_the_queue_without_a_note_shows_the_reason_is_needed(
    client, staff, member, society
):
    membership = declare(member, society)
    client.force_login(staff)
    response = client.post(decide_url(membership), {"decision": "reject", "note": ""}, follow=True)
    assert response.status_code == 200
    assert translated("fr", "Please give a reason.") in messages_of(response)
    membership.refresh_from_db()
    assert membership.state == State.PENDING

    client.post(decide_url(membership), {"decision": "reject", "note": "Numéro introuvable"})
    membership.refresh_from_db()
    assert membership.state == State.REJECTED
    assert membership.decision_note == "Numéro introuvable"


def test_an_illegal_decision_from_the_queue_is_refused_with_a_message(
    client, staff, member, society
):
    membership = declare(member, society)
    client.force_login(staff)
    response = client.post(decide_url(membership), {"decision": "revoke", "note": "x"}, follow=True)
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.state == State.PENDING
    [message] = messages_of(response)
    assert translated("fr", "Awaiting verification") in message


def test_a_bad_decision_value_is_refused_with_a_message(client, staff, member, society):
    membership = declare(member, society)
    client.force_login(staff)
    response = client.post(decide_url(membership), {"decision": "delete"}, follow=True)
    assert response.status_code == 200
    assert translated("fr", "Choose a decision.") in messages_of(response)
    membership.refresh_from_db()
    assert membership.state == State.PENDING


def test_decide_is_post_only_staff_only_and_404_for_unknown(client, staff, member, society):
    membership = declare(member, society)
    client.force_login(member)
    assert client.post(decide_url(membership), {"decision": "verify"}).status_code == 403
    membership.refresh_from_db()
    assert membership.state == State.PENDING
    client.force_login(staff)
    assert client.get(decide_url(membership)).status_code == 405
    missing = reverse("accounts:decide_membership", args=[membership.pk + 1000])
    response = client.post(missing, {"decision": "verify"})
    assert response.status_code == 404
    assert contains(response, translated("fr", "Page not found"))


def test_the_decision_shows_on_the_member_home_page(client, staff, member, society):
    membership = declare(member, society)
    services.decide_membership(membership, staff, "reject", "Numéro inconnu")
    client.force_login(member)
    home = client.get(HOME)
    assert contains(home, translated("fr", "Not verified"))
    assert contains(home, "Numéro inconnu")


# --- History outlives people --------------------------------------------------------------------


def test_deleting_the_staff_member_keeps_the_history_readable(member, staff, society):
    membership = declare(member, society)
    services.decide_membership(membership, staff, "verify")
    staff.delete()
    entry = history_of(membership).first()
    assert entry.actor is None
    assert entry.actor_name == "Sophie Bernard"
    with translation.override("en"):
        assert entry.actor_display == "Sophie Bernard (former member)"
    with translation.override("fr"):
        expected = translated("fr", "%(name)s (former member)") % {"name": "Sophie Bernard"}
        assert entry.actor_display == expected
    membership.refresh_from_db()
    assert membership.decided_by is None
    assert membership.state == State.VERIFIED


def test_deleting_the_member_keeps_the_entries_about_their_membership(member, staff, society):
    membership = declare(member, society)
    services.decide_membership(membership, staff, "verify")
    pk = membership.pk
    member.delete()
    entries = HistoryEntry.objects.filter(target_id=str(pk)).order_by("id")
    assert [e.action for e in entries] == ["membership_declared", "transition:verify"]
    assert entries[0].actor is None
    assert "Camille Martin" in entries[0].target_repr
    assert str(entries[0].actor_display).startswith("Camille Martin")


def test_an_entry_without_actor_is_by_the_platform():
    entry = HistoryEntry(actor=None, actor_name="")
    with translation.override("en"):
        assert entry.actor_display == "the platform"
