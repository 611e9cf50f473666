from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from tremplin.core import history

from . import services
from .models import Affiliation, Membership, Organisation, Person, RoleGrant


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "person"
    extra = 0
    fields = ["role", "granted_at", "granted_by"]
    readonly_fields = ["granted_at", "granted_by"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    fields = ["national_society", "status", "identifier", "state"]
    readonly_fields = ["state"]


class AffiliationInline(admin.TabularInline):
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
class PersonAdmin(UserAdmin):
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

    def user_change_password(self, request, id, form_url=""):
        # Setting someone else's password is an administrator's act; staff send a reset link.
        if not request.user.has_perm("accounts.set_password"):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services._sync_admin_access(form.instance)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "country", "region", "email_domain"]
    list_filter = ["kind", "country", "region"]
    search_fields = ["name", "email_domain"]
    list_select_related = ["region"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "national_society", "status", "identifier", "state", "declared_at"]
    list_filter = ["state", "status", "national_society"]
    search_fields = ["person__email", "person__full_name", "identifier"]
    list_select_related = ["person", "national_society"]
    autocomplete_fields = ["person", "national_society"]
    readonly_fields = ["state", "declared_at", "decided_at", "decided_by"]


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    """Affiliations decide what partners see, conflicts and eligibility: their state changes only
    on the staff's affiliation page (services.decide_affiliation, with its history), and a
    verified one cannot be moved to another person or organisation here."""

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
    readonly_fields = ["state", "declared_at", "decided_at", "decided_by", "decision_note"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:  # a new one starts pending, to be verified on the staff's page
            return self.readonly_fields
        return ["person", "organisation", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            history.record(obj, "affiliation_declared", request.user, to_state=obj.state)
        elif form.changed_data:
            history.record(obj, "affiliation_changed", request.user, fields=form.changed_data)
