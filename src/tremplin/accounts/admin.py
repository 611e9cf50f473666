"""People, organisations and memberships in the Django admin. Staff correct profiles there;
what gives access or takes an account (the flags, roles, groups, permissions, the e-mail
address, the activity of an account that opens the admin, the password) is an administrator's,
and each change is recorded (see tremplin.core.admin)."""

import allauth.account.admin  # registers EmailAddress first: it is registered again below
import allauth.mfa.admin  # the same for Authenticator
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from tremplin.core.admin import PlatformAdmin, PlatformTabularInline
from tremplin.core.forms import OneLineMixin

from . import services
from .models import Affiliation, Membership, Organisation, Person, RoleGrant


def _clean_address(form) -> str:
    email = Person.objects.normalize_email(form.cleaned_data.get("email") or "").strip().lower()
    if email and services.email_taken(email, form.instance):
        raise forms.ValidationError(_("Another account already uses this address."))
    return email


class PersonCreationForm(OneLineMixin, AdminUserCreationForm):
    def clean_email(self):
        return _clean_address(self)


class PersonChangeForm(OneLineMixin, UserChangeForm):
    def clean_email(self):
        return _clean_address(self)


class RoleGrantInline(PlatformTabularInline):
    """Roles are granted and revoked through accounts.services (checked, recorded, and the
    admin access kept in step): see PersonAdmin.save_formset."""

    model = RoleGrant
    fk_name = "person"
    extra = 0
    fields = ["role", "granted_at", "granted_by"]
    readonly_fields = ["granted_at", "granted_by"]
    privileged_fields = ("role",)


class MembershipInline(PlatformTabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    fields = ["national_society", "status", "identifier", "state"]
    readonly_fields = ["state"]
    # Written by the verification (workflow.MEMBERSHIP_WORKFLOW) on the staff queue.
    workflow_fields = ("declared_at", "decided_at", "decision_note")


class AffiliationInline(PlatformTabularInline):
    """A person's affiliations, read only: they are declared on the profile and decided on the
    staff's affiliation page, which keep the history."""

    model = Affiliation
    fk_name = "person"
    extra = 0
    fields = ["organisation", "title", "state", "decided_at", "decided_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Person)
class PersonAdmin(PlatformAdmin, UserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "region", "is_active", "is_staff"]
    list_filter = ["role_grants__role", "is_active", "is_staff", "preferred_language", "region"]
    search_fields = ["email", "full_name", "affiliations__organisation__name"]
    list_select_related = ["region"]
    inlines = [RoleGrantInline, MembershipInline, AffiliationInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {"fields": ["full_name", "preferred_language", "region", "phone"]},
        ),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined", "is_staff"]
    # The address changes through services.change_email, which records it.
    recorded_elsewhere = ("email",)

    def locked_fields(self, request, obj=None) -> set[str]:
        # The password's form field is a read-only summary (the hash is never shown); it is
        # set on its own page, for administrators only (user_change_password).
        locked = super().locked_fields(request, obj) - {"password"}
        locked.add("is_staff")  # follows the roles: services.sync_admin_access
        if obj is None:
            locked.discard("email")  # creating an account is not taking one
            return locked
        for name, permission in (
            ("email", "accounts.change_email"),
            ("is_active", "accounts.change_activity"),
        ):
            if request.user.has_perm(permission, obj):
                locked.discard(name)
            else:
                locked.add(name)
        return locked

    def user_change_password(self, request, id, form_url=""):
        # Setting someone else's password is an administrator's act; staff send a reset link.
        if not request.user.has_perm("accounts.set_password"):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        new_email = None
        if change and "email" in form.changed_data:
            new_email = obj.email
            obj.email = Person.objects.values_list("email", flat=True).get(pk=obj.pk)
        super().save_model(request, obj, form, change)
        if new_email is not None:
            services.change_email(obj, new_email, request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not RoleGrant:
            return super().save_formset(request, form, formset, change)
        person, actor = form.instance, request.user
        deleted = [f for f in formset.deleted_forms if f.instance.pk]
        for inline in deleted:
            services.revoke_role(person, inline.instance.role, actor=actor)
        for inline in formset.forms:
            if inline in deleted or not inline.has_changed():
                continue
            role = inline.cleaned_data.get("role")
            if not role or inline.cleaned_data.get("DELETE"):
                continue
            if inline.instance.pk:
                old = RoleGrant.objects.get(pk=inline.instance.pk).role
                if old != role:
                    services.revoke_role(person, old, actor=actor)
                    services.grant_role(person, role, actor=actor)
            else:
                services.grant_role(person, role, actor=actor)
        # What the admin's own change message reads (formset.save() is not called).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        person = form.instance
        services.sync_admin_access(person)
        if not change:
            # The login address of an account made here, to be confirmed by its owner.
            EmailAddress.objects.get_or_create(
                user=person, email=person.email, defaults={"primary": True, "verified": False}
            )


@admin.register(Organisation)
class OrganisationAdmin(PlatformAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "country", "region", "email_domain"]
    list_filter = ["kind", "country", "region"]
    search_fields = ["name", "email_domain"]
    list_select_related = ["region"]


@admin.register(Membership)
class MembershipAdmin(PlatformAdmin):
    """Declared by the person, verified on the staff queue: staff read memberships here."""

    list_display = ["person", "national_society", "status", "identifier", "state", "declared_at"]
    list_filter = ["state", "status", "national_society"]
    search_fields = ["person__email", "person__full_name", "identifier"]
    list_select_related = ["person", "national_society"]
    autocomplete_fields = ["person", "national_society"]
    readonly_fields = ["state", "declared_at", "decided_at", "decided_by"]
    workflow_fields = ("declared_at", "decided_at", "decision_note")


# allauth's own admins, with the platform's rules: read by administrators, and deleted by them
# (a lost authenticator, a stale address), recorded in the person's history. An address is
# changed on the person's page, where the login addresses follow it.
admin.site.unregister(EmailAddress)
admin.site.unregister(Authenticator)


@admin.register(EmailAddress)
class EmailAddressAdmin(PlatformAdmin, allauth.account.admin.EmailAddressAdmin):
    def history_target(self, obj):
        return obj.user


@admin.register(Authenticator)
class AuthenticatorAdmin(PlatformAdmin, allauth.mfa.admin.AuthenticatorAdmin):
    # The secret is never shown: whoever reads it can make the codes.
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def history_target(self, obj):
        return obj.user


@admin.register(Affiliation)
class AffiliationAdmin(PlatformAdmin):
    """Affiliations decide what partners see, conflicts and eligibility: their state changes only
    on the staff's affiliation queue (services.decide_affiliation, with its history), and one
    cannot be moved to another person or organisation here."""

    list_display = ["person", "organisation", "title", "state", "declared_at", "decided_at"]
    list_filter = ["state", "organisation__kind"]
    search_fields = ["person__email", "person__full_name", "organisation__name"]
    list_select_related = ["person", "organisation"]
    autocomplete_fields = ["person", "organisation"]
    fields = [
        "person",
        "organisation",
        "title",
        "state",
        "declared_at",
        "decided_at",
        "decided_by",
        "decision_note",
    ]
    readonly_fields = ["state", "declared_at", "decided_at", "decided_by"]
    workflow_fields = ("declared_at", "decided_at", "decision_note")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:  # a new one starts pending, to be verified on the staff's queue
            readonly += [name for name in ("person", "organisation") if name not in readonly]
        return readonly
