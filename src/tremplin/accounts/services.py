"""Every write about people, memberships and roles: one transaction, checked, recorded."""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tremplin.core import history
from tremplin.core.workflow import StateMachine

from . import audit
from .models import (
    ROLES_WITH_ADMIN_ACCESS,
    Affiliation,
    Declaration,
    Membership,
    Organisation,
    Person,
    RoleGrant,
)
from .workflow import AFFILIATION_WORKFLOW, MEMBERSHIP_WORKFLOW, STAFF_DECISIONS

State = Declaration.State


def update_profile(person: Person, actor: Person, **fields) -> Person:
    if actor.pk != person.pk:
        raise PermissionDenied
    with transaction.atomic():
        changed = sorted(k for k, v in fields.items() if getattr(person, k) != v)
        for key, value in fields.items():
            setattr(person, key, value)
        person.save()
        if changed:
            history.record(person, audit.PROFILE_UPDATED, actor, fields=changed)
    return person


def set_preferred_language(person: Person, language: str) -> None:
    if person.preferred_language != language:
        Person.objects.filter(pk=person.pk).update(preferred_language=language)
        person.preferred_language = language


def declare_membership(person: Person, **fields) -> Membership:
    if not person.has_perm("accounts.declare_membership"):
        raise PermissionDenied
    with transaction.atomic():
        membership = Membership.objects.create(person=person, **fields)
        history.record(membership, audit.MEMBERSHIP_DECLARED, person, to_state=membership.state)
    return membership


def decide_membership(membership: Membership, actor: Person, decision: str, note: str = ""):
    """Fire a transition of MEMBERSHIP_WORKFLOW: verify, reject, revoke or withdraw."""
    return _decide(MEMBERSHIP_WORKFLOW, membership, actor, decision, note)


def declare_affiliation(
    person: Person, *, organisation: Organisation, title: str = ""
) -> Affiliation:
    """The person says they act for an organisation: pending until staff verify it."""
    if not person.has_perm("accounts.declare_affiliation"):
        raise PermissionDenied
    with transaction.atomic():
        affiliation = Affiliation.objects.create(
            person=person, organisation=organisation, title=title
        )
        history.record(affiliation, audit.AFFILIATION_DECLARED, person, to_state=affiliation.state)
    return affiliation


def decide_affiliation(affiliation: Affiliation, actor: Person, decision: str, note: str = ""):
    """Fire a transition of AFFILIATION_WORKFLOW: verify, reject, revoke or withdraw."""
    return _decide(AFFILIATION_WORKFLOW, affiliation, actor, decision, note)


def record_verified_affiliation(
    person: Person,
    organisation: Organisation,
    actor: Person | None = None,
    *,
    title: str = "",
    note: str = "",
) -> Affiliation:
    """An affiliation known to be true, recorded verified at once: by staff, or by the
    platform (actor None) when it loads the demo or imports people. An existing live one is
    verified rather than doubled."""
    if actor is not None and not actor.has_perm("accounts.verify_affiliation"):
        raise PermissionDenied
    with transaction.atomic():
        pending = (
            Affiliation.objects.select_for_update()
            .filter(person=person, organisation=organisation, state__in=Affiliation.LIVE_STATES)
            .first()
        )
        if pending is not None and pending.state == State.VERIFIED:
            return pending
        stamp = {"decided_at": timezone.now(), "decided_by": actor, "decision_note": note}
        if pending is None:
            affiliation = Affiliation.objects.create(
                person=person, organisation=organisation, title=title, state=State.VERIFIED, **stamp
            )
            history.record(affiliation, audit.AFFILIATION_RECORDED, actor, to_state=State.VERIFIED)
            return affiliation
        Affiliation.objects.filter(pk=pending.pk).update(state=State.VERIFIED, **stamp)
        history.record(
            pending,
            "transition:verify",
            actor,
            from_state=pending.state,
            to_state=State.VERIFIED,
            reason=note,
        )
        pending.refresh_from_db()
    return pending


def _decide(workflow: StateMachine, declaration, actor: Person, decision: str, note: str):
    with transaction.atomic():
        declaration = workflow.fire(declaration, decision, actor, reason=note)
        if decision in STAFF_DECISIONS:
            type(declaration).objects.filter(pk=declaration.pk).update(
                decided_at=timezone.now(), decided_by=actor, decision_note=note
            )
    return declaration


def grant_role(person: Person, role: str, actor: Person | None = None) -> RoleGrant:
    if actor is not None and not actor.has_perm("accounts.grant_role"):
        raise PermissionDenied
    with transaction.atomic():
        grant, created = RoleGrant.objects.get_or_create(
            person=person, role=role, defaults={"granted_by": actor}
        )
        if created:
            history.record(person, audit.ROLE_GRANTED, actor, role=role)
        sync_admin_access(person)
    return grant


def revoke_role(person: Person, role: str, actor: Person | None = None) -> None:
    if actor is not None and not actor.has_perm("accounts.grant_role"):
        raise PermissionDenied
    with transaction.atomic():
        deleted, _ = RoleGrant.objects.filter(person=person, role=role).delete()
        if deleted:
            history.record(person, audit.ROLE_REVOKED, actor, role=role)
        sync_admin_access(person)


def sync_admin_access(person: Person) -> None:
    """The Django admin opens to staff and admins; is_staff follows their roles."""
    person.forget_roles()
    should = person.is_superuser or bool(person.roles & ROLES_WITH_ADMIN_ACCESS)
    if person.is_staff != should:
        Person.objects.filter(pk=person.pk).update(is_staff=should)
        person.is_staff = should


def email_taken(email: str, person: Person | None = None) -> bool:
    """Whether another account uses `email`, as its address or as one of its login addresses
    (verified or not: allauth would find that account by it)."""
    others = Person.objects.filter(email__iexact=email)
    addresses = EmailAddress.objects.filter(email__iexact=email)
    if person is not None and person.pk:
        others = others.exclude(pk=person.pk)
        addresses = addresses.exclude(user=person)
    return others.exists() or addresses.exists()


def change_email(person: Person, email: str, actor: Person) -> Person:
    """An administrator corrects a person's address. The login addresses follow (allauth finds
    people by them for sign-in and password resets): the old address stops reaching the
    account, the new one is the primary, verified on the administrator's word. Recorded."""
    if not actor.has_perm("accounts.change_email", person):
        raise PermissionDenied
    email = Person.objects.normalize_email(email).strip().lower()
    with transaction.atomic():
        old = Person.objects.select_for_update().values_list("email", flat=True).get(pk=person.pk)
        if email == old:
            return person
        if email_taken(email, person):
            raise ValidationError(_("Another account already uses this address."))
        Person.objects.filter(pk=person.pk).update(email=email)
        person.email = email
        EmailAddress.objects.filter(user=person, email__iexact=old).delete()
        EmailAddress.objects.filter(user=person).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=person, email=email, defaults={"verified": True, "primary": True}
        )
        history.record(person, audit.EMAIL_CHANGED, actor, field="email", old=old, new=email)
    return person
