"""Roles: granted and revoked through the services, recorded, and kept in step with the
Django admin access (is_staff) of the roles in ROLES_WITH_ADMIN_ACCESS."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied
from django.utils import translation

from tests.conftest import add_totp
from tremplin.accounts import services
from tremplin.accounts.models import ROLES_WITH_ADMIN_ACCESS, Person, Role, RoleGrant
from tremplin.core.history import history_of

pytestmark = pytest.mark.django_db


def fresh(person):
    return Person.objects.get(pk=person.pk)


def test_admin_access_roles():
    assert {Role.STAFF, Role.ADMIN} == ROLES_WITH_ADMIN_ACCESS


@pytest.mark.parametrize("role", sorted(ROLES_WITH_ADMIN_ACCESS))
def test_granting_an_admin_role_opens_the_admin_and_revoking_closes_it(person, role):
    assert not person.is_staff
    services.grant_role(person, role)
    assert person.is_staff and fresh(person).is_staff
    assert person.has_role(role)
    services.revoke_role(person, role)
    assert not person.is_staff and not fresh(person).is_staff
    assert not person.has_role(role)


@pytest.mark.parametrize("role", sorted(set(Role) - ROLES_WITH_ADMIN_ACCESS))
def test_other_roles_do_not_open_the_admin(person, role):
    services.grant_role(person, role)
    assert fresh(person).has_role(role)
    assert not fresh(person).is_staff


def test_revoking_one_admin_role_keeps_access_through_the_other(person):
    services.grant_role(person, Role.STAFF)
    services.grant_role(person, Role.ADMIN)
    services.revoke_role(person, Role.STAFF)
    assert fresh(person).is_staff
    services.revoke_role(person, Role.ADMIN)
    assert not fresh(person).is_staff


def test_a_superuser_keeps_admin_access_without_roles(person_factory):
    boss = person_factory("boss@example.org", is_superuser=True, is_staff=True)
    services.grant_role(boss, Role.STAFF)
    services.revoke_role(boss, Role.STAFF)
    assert fresh(boss).is_staff
    assert Role.ADMIN in fresh(boss).roles


def test_a_hand_set_is_staff_is_corrected_at_the_next_change(person):
    Person.objects.filter(pk=person.pk).update(is_staff=True)
    person = fresh(person)
    services.grant_role(person, Role.MENTOR)
    assert not fresh(person).is_staff


def test_grants_and_revocations_are_recorded_once(person_factory):
    admin = person_factory("admin@example.org", full_name="Équipe Tremplin", roles=[Role.ADMIN])
    person = person_factory("p@example.org")
    services.grant_role(person, Role.REFERENT, actor=admin)
    services.grant_role(person, Role.REFERENT, actor=admin)
    assert RoleGrant.objects.filter(person=person, role=Role.REFERENT).count() == 1
    grant = RoleGrant.objects.get(person=person, role=Role.REFERENT)
    assert grant.granted_by == admin
    services.revoke_role(person, Role.REFERENT, actor=admin)
    services.revoke_role(person, Role.REFERENT, actor=admin)
    entries = list(history_of(person).order_by("id"))
    assert [(e.action, e.data["role"], e.actor) for e in entries] == [
        ("role_granted", "referent", admin),
        ("role_revoked", "referent", admin),
    ]
    assert entries[0].actor_name == "Équipe Tremplin"


def test_a_grant_by_the_platform_has_no_actor(person):
    services.grant_role(person, Role.MENTOR)
    entry = history_of(person).get()
    assert entry.actor is None
    with translation.override("en"):
        assert entry.actor_display == "the platform"


@pytest.mark.parametrize("role", [Role.STAFF, Role.REFERENT, Role.APPLICANT, Role.COMMITTEE])
def test_only_admins_grant_or_revoke(person_factory, role):
    actor = person_factory(roles=[role])
    target = person_factory()
    with pytest.raises(PermissionDenied):
        services.grant_role(target, Role.STAFF, actor=actor)
    services.grant_role(target, Role.MENTOR)
    with pytest.raises(PermissionDenied):
        services.revoke_role(target, Role.MENTOR, actor=actor)
    target = fresh(target)
    assert target.roles == {Role.MENTOR}
    assert not target.is_staff


def test_a_new_staff_member_reaches_the_admin_and_a_revoked_one_no_longer(client, person):

    add_totp(person)
    client.force_login(person)
    assert client.get("/admin/", follow=True).status_code == 403
    services.grant_role(person, Role.STAFF)
    assert client.get("/admin/").status_code == 200
    services.revoke_role(person, Role.STAFF)
    assert client.get("/admin/", follow=True).status_code == 403


def test_deleting_a_person_keeps_the_history_of_what_they_did(person_factory):
    admin = person_factory("admin@example.org", full_name="Équipe Tremplin", roles=[Role.ADMIN])
    person = person_factory("p@example.org")
    services.grant_role(person, Role.MENTOR, actor=admin)
    admin.delete()
    entry = history_of(person).get()
    assert entry.actor is None and entry.actor_name == "Équipe Tremplin"
    with translation.override("en"):
        assert entry.actor_display == "Équipe Tremplin (former member)"
    grant = RoleGrant.objects.get(person=person)
    assert grant.granted_by is None


def test_a_person_with_every_kind_of_link_can_be_deleted(person_factory):

    person = person_factory(roles=list(Role))
    assert Authenticator.objects.filter(user=person).exists()
    services.update_profile(person, person, full_name="Nouveau nom")
    pk = person.pk
    person.delete()
    assert not Person.objects.filter(pk=pk).exists()
    assert not RoleGrant.objects.filter(person_id=pk).exists()
    assert not Authenticator.objects.filter(user_id=pk).exists()


def test_update_profile_is_for_oneself_and_records_changed_fields(person, person_factory):
    other = person_factory()
    with pytest.raises(PermissionDenied):
        services.update_profile(person, other, full_name="Pirate")
    services.update_profile(person, person, full_name="Aïcha", phone="")
    entry = history_of(person).get()
    assert entry.action == "profile_updated"
    assert entry.data["fields"] == ["full_name"]
