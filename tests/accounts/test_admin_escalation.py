"""The person admin cannot be used to climb: only people who may grant roles (administrators)
change the access flags (superuser, admin access, active), groups, permissions and roles of an
account; nobody but an administrator changes the e-mail address, the activity or the password
of a person whose role opens the admin; and every change of a role, a flag or an e-mail address
made in the admin is written in the person's history (who, which field, before and after).

The staff member here is the real thing: role "staff", admin access, two-factor set up. Their
requests are the ones a browser would send, and crafted ones with the fields the form does not
show."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from tests.conftest import make_person
from tests.core.admin_support import change_form_data, management_prefix
from tremplin.accounts import services
from tremplin.accounts.models import Person, Role, RoleGrant
from tremplin.core.history import history_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_person("staff@example.org", roles=[Role.STAFF], full_name="Sam Staff")


@pytest.fixture
def boss():
    return make_person("boss@example.org", roles=[Role.ADMIN], full_name="Ada Admin")


def change_url(person):
    return reverse("admin:accounts_person_change", args=[person.pk])


def open_change(client, person):
    response = client.get(change_url(person))
    assert response.status_code == 200
    return response


def post_change(client, person, **changes):
    """Send the change form of `person` back with `changes` (None removes a field)."""
    data = change_form_data(open_change(client, person))
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return client.post(change_url(person), data)


def fresh(person):
    return Person.objects.get(pk=person.pk)


def editable(client, person) -> set[str]:
    return set(open_change(client, person).context["adminform"].form.fields)


# --- Staff cannot climb ---------------------------------------------------------------------


def test_staff_cannot_make_themselves_superuser(client, staff):
    client.force_login(staff)
    assert "is_superuser" not in editable(client, staff)
    response = post_change(client, staff, is_superuser="on", is_staff="on")
    assert response.status_code in (200, 302)
    staff = fresh(staff)
    assert not staff.is_superuser
    assert staff.roles == {Role.STAFF}


def test_staff_cannot_create_a_superuser(client, staff):
    client.force_login(staff)
    add = reverse("admin:accounts_person_add")
    data = change_form_data(client.get(add))
    data.update(
        email="new@example.org",
        password1="a long enough pass phrase",
        password2="a long enough pass phrase",
        usable_password="true",
        is_superuser="on",
        is_staff="on",
    )
    response = client.post(add, data)
    assert response.status_code == 302
    new = Person.objects.get(email="new@example.org")
    assert not new.is_superuser and not new.is_staff
    # Nor on its change form right after.
    post_change(client, new, is_superuser="on")
    assert not fresh(new).is_superuser


def test_staff_cannot_change_an_administrators_email_nor_take_the_account_by_reset(
    client, staff, boss
):
    client.force_login(staff)
    assert "email" not in editable(client, boss)
    post_change(client, boss, email="attacker@evil.example")
    assert fresh(boss).email == "boss@example.org"
    client.logout()
    mail.outbox.clear()
    client.post(reverse("account_reset_password"), {"email": "attacker@evil.example"})
    links = [m for m in mail.outbox if "/account/password/reset/key/" in m.body]
    assert links == []


def test_staff_cannot_change_anyones_email(client, staff):
    """An address is who reads the account's password resets: changing one is taking the
    account. People change their own address by confirming it; administrators may correct one."""
    applicant = make_person("applicant@example.org", roles=[Role.APPLICANT])
    client.force_login(staff)
    assert "email" not in editable(client, applicant)
    post_change(client, applicant, email="attacker@evil.example")
    assert fresh(applicant).email == "applicant@example.org"


def test_staff_cannot_deactivate_an_administrator_or_another_staff_member(client, staff, boss):
    colleague = make_person("colleague@example.org", roles=[Role.STAFF])
    client.force_login(staff)
    for target in (boss, colleague):
        assert "is_active" not in editable(client, target)
        post_change(client, target, is_active=None)
        assert fresh(target).is_active


def test_staff_may_deactivate_an_ordinary_account_and_it_is_recorded(client, staff):
    spammer = make_person("spam@example.org")
    client.force_login(staff)
    assert "is_active" in editable(client, spammer)
    response = post_change(client, spammer, is_active=None)
    assert response.status_code == 302
    assert not fresh(spammer).is_active
    entry = history_of(spammer).filter(action="changed_in_admin").get()
    assert entry.actor == staff
    assert entry.data["changes"]["is_active"] == [True, False]


def test_staff_cannot_grant_a_role_through_the_inline(client, staff):
    client.force_login(staff)
    response = open_change(client, staff)
    data = change_form_data(response)
    prefix = management_prefix(response, RoleGrant)
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    data[f"{prefix}-{total}-role"] = Role.ADMIN
    data[f"{prefix}-{total}-person"] = str(staff.pk)
    client.post(change_url(staff), data)
    assert fresh(staff).roles == {Role.STAFF}


def test_staff_cannot_set_groups_or_permissions(client, staff):
    group = Group.objects.create(name="everything")
    permission = Permission.objects.get(codename="change_person")
    client.force_login(staff)
    fields = editable(client, staff)
    assert not {"groups", "user_permissions"} & fields
    post_change(client, staff, groups=[str(group.pk)], user_permissions=[str(permission.pk)])
    staff = fresh(staff)
    assert not staff.groups.exists() and not staff.user_permissions.exists()


def test_staff_cannot_set_a_password_in_the_admin(client, staff, boss):
    client.force_login(staff)
    url = reverse("admin:auth_user_password_change", args=[boss.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "taken over 12345", "password2": "taken over 12345"})
    assert response.status_code == 403
    assert not fresh(boss).check_password("taken over 12345")


def test_staff_still_edit_a_profile_and_the_change_is_recorded(client, staff, boss):
    client.force_login(staff)
    response = post_change(client, boss, phone="+33 1 23 45 67 89")
    assert response.status_code == 302
    assert fresh(boss).phone == "+33 1 23 45 67 89"
    entry = history_of(boss).filter(action="changed_in_admin").get()
    assert entry.actor == staff and entry.data["fields"] == ["phone"]


# --- Administrators: the same changes, recorded -------------------------------------------


def test_an_administrator_makes_a_superuser_and_it_is_recorded(client, boss):
    person = make_person("p@example.org")
    client.force_login(boss)
    assert {"is_superuser", "is_active", "email"} <= editable(client, person)
    response = post_change(client, person, is_superuser="on")
    assert response.status_code == 302
    person = fresh(person)
    assert person.is_superuser and person.is_staff  # admin access follows
    entry = history_of(person).filter(action="changed_in_admin").get()
    assert entry.actor == boss
    assert entry.data["changes"] == {"is_superuser": [False, True]}


def test_an_administrator_changes_an_email_and_the_login_addresses_follow(client, boss):
    person = make_person("old@example.org")
    client.force_login(boss)
    response = post_change(client, person, email="New@Example.org")
    assert response.status_code == 302
    person = fresh(person)
    assert person.email == "new@example.org"
    addresses = list(EmailAddress.objects.filter(user=person).values_list("email", "verified"))
    assert addresses == [("new@example.org", True)]
    assert EmailAddress.objects.get_primary(person).email == "new@example.org"
    entry = history_of(person).filter(action="email_changed").get()
    assert entry.actor == boss
    assert entry.data == {"field": "email", "old": "old@example.org", "new": "new@example.org"}
    # The old address no longer reaches the account.
    client.logout()
    mail.outbox.clear()
    client.post(reverse("account_reset_password"), {"email": "old@example.org"})
    assert not [m for m in mail.outbox if "/account/password/reset/key/" in m.body]


def test_an_address_of_another_account_is_refused_and_the_form_kept(client, boss):
    person = make_person("one@example.org")
    other = make_person("two@example.org")
    EmailAddress.objects.create(user=other, email="second@example.org", verified=False)
    client.force_login(boss)
    for taken in ("TWO@example.org", "second@example.org"):
        response = post_change(client, person, email=taken, phone="0102030405")
        assert response.status_code == 200
        form = response.context["adminform"].form
        assert "email" in form.errors
        assert form["phone"].value() == "0102030405"
    assert fresh(person).email == "one@example.org"
    assert EmailAddress.objects.get(user=person).email == "one@example.org"


def test_roles_granted_and_revoked_in_the_admin_go_through_the_services(client, boss):
    person = make_person("p@example.org", roles=[Role.MENTOR])
    client.force_login(boss)
    response = open_change(client, person)
    data = change_form_data(response)
    prefix = management_prefix(response, RoleGrant)
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    assert total == 1
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    data[f"{prefix}-{total}-role"] = Role.STAFF
    data[f"{prefix}-0-DELETE"] = "on"  # the mentor role
    response = client.post(change_url(person), data)
    assert response.status_code == 302
    person = fresh(person)
    assert person.roles == {Role.STAFF}
    assert person.is_staff
    grant = RoleGrant.objects.get(person=person)
    assert grant.granted_by == boss
    actions = [(e.action, e.data.get("role"), e.actor) for e in history_of(person).order_by("id")]
    assert ("role_granted", Role.STAFF, boss) in actions
    assert ("role_revoked", Role.MENTOR, boss) in actions


def test_an_administrator_deactivates_another_and_it_is_recorded(client, boss):
    other = make_person("other-admin@example.org", roles=[Role.ADMIN])
    client.force_login(boss)
    response = post_change(client, other, is_active=None)
    assert response.status_code == 302
    assert not fresh(other).is_active
    entry = history_of(other).filter(action="changed_in_admin").get()
    assert entry.data["changes"] == {"is_active": [True, False]}


def test_admin_access_still_follows_the_roles(client, boss):
    """is_staff is never typed: it follows the roles (services.sync_admin_access)."""
    person = make_person("p@example.org")
    client.force_login(boss)
    assert "is_staff" not in editable(client, person)
    post_change(client, person, is_staff="on")
    assert not fresh(person).is_staff
    services.grant_role(person, Role.STAFF, actor=boss)
    assert fresh(person).is_staff


def test_login_addresses_are_not_typed_in_their_own_admin_and_a_deletion_is_recorded(client, boss):
    """allauth's EmailAddress is what sign-in and password resets look up: an address changes
    on the person's page, where the login addresses follow; here it is only read or removed."""
    person = make_person("p@example.org")
    address = EmailAddress.objects.get(user=person)
    client.force_login(boss)
    url = reverse("admin:account_emailaddress_change", args=[address.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert not page.context["adminform"].form.fields
    response = client.post(url, {"email": "elsewhere@example.org", "user": str(person.pk)})
    assert response.status_code == 403
    assert EmailAddress.objects.get(pk=address.pk).email == "p@example.org"
    delete = reverse("admin:account_emailaddress_delete", args=[address.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    entry = history_of(person).filter(action="deleted_in_admin").get()
    assert entry.actor == boss and entry.data["was"] == "p@example.org"
