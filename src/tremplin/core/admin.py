"""What every ModelAdmin of the platform shares: the fields nobody may type, the fields only
administrators may type, and the history of what was changed in the admin.

The admin is a repair tool beside the pages, not a way around them:
- a workflow's fields (a state, a status, an outcome, and what a transition writes) are read-only
  for everyone: they move only through the services of the pages, which check and record;
- the fields saying who did something (`*_by` links to a person) are read-only for everyone, and
  filled with the person adding the object: typing another name would forge their act;
- the fields that give access or take an account (the flags, groups and permissions of a person,
  and any link that seats a person somewhere: a committee seat, a referent, a team, a validator)
  are read-only for anyone who may not grant roles (`accounts.grant_role`, the administrators);
- every addition, change and deletion made in the admin is written in the history (who, which
  fields, and before → after for short values).

A field left out of the form is refused server-side too: the admin builds its form without the
read-only fields, so a crafted request cannot set them, and save_model checks it once more."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.db import models

from . import history
from .forms import OneLineMixin
from .models import HistoryEntry

# Whoever holds this permission (the administrators) may type the guarded fields.
PRIVILEGE = "accounts.grant_role"
# The field names a workflow moves; a state machine's field is named one of these. (A
# membership's status, what staff verified, is held by this rule too: rightly so.)
WORKFLOW_FIELD_NAMES = frozenset({"state", "status", "outcome"})
# On the person model itself: what opens the admin or another person's account.
ACCOUNT_SECURITY_FIELDS = frozenset(
    {"is_superuser", "is_staff", "is_active", "groups", "user_permissions", "password", "email"}
)
# Values too long or too private to copy into the history: only their name is recorded.
_UNRECORDED_VALUE_TYPES = (models.TextField, models.JSONField, models.FileField)


def _is_person_model(model) -> bool:
    return model._meta.label == settings.AUTH_USER_MODEL


def _person_relations(model):
    return [
        field
        for field in model._meta.get_fields()
        if field.is_relation
        and not field.auto_created
        and (field.concrete or field.many_to_many)
        and field.related_model is not None
        and _is_person_model(field.related_model)
    ]


def actor_fields(model) -> set[str]:
    """Links to the person who did something (decided_by, created_by...)."""
    return {f.name for f in _person_relations(model) if f.name.endswith("_by")}


def person_links(model) -> set[str]:
    """Links that put a person somewhere (a seat, a team, a contact): each gives access."""
    return {f.name for f in _person_relations(model) if not f.name.endswith("_by")}


def workflow_fields(model) -> set[str]:
    return {f.name for f in model._meta.get_fields() if f.name in WORKFLOW_FIELD_NAMES}


def security_fields(model) -> set[str]:
    """Fields that give access to the platform or to someone's account."""
    names = person_links(model)
    if _is_person_model(model):
        names |= {f.name for f in model._meta.get_fields()} & ACCOUNT_SECURITY_FIELDS
    return names


def may_grant(request) -> bool:
    return request.user.has_perm(PRIVILEGE)


def _plain(value):
    """A value as the history keeps it (JSON, short)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, models.Manager):
        value = value.all()
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(str(item)[:200] for item in value)
    return str(value)[:200]


def _field_value(obj, name: str):
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return list(getattr(obj, name).all()) if obj.pk else []
    return getattr(obj, name)


class PlatformModelForm(OneLineMixin, forms.ModelForm):
    """The admin's forms keep single-line fields on one line, as every form of the platform."""


class GuardedFieldsMixin:
    """The read-only rules above, for a ModelAdmin or an inline.

    - `workflow_fields`: more fields a workflow writes (read-only for everyone);
    - `privileged_fields`: more fields only administrators type;
    - `staff_person_fields`: links to a person that staff may set here all the same, each with
      the reason written next to it."""

    form = PlatformModelForm
    workflow_fields: tuple[str, ...] = ()
    privileged_fields: tuple[str, ...] = ()
    staff_person_fields: tuple[str, ...] = ()

    def locked_fields(self, request, obj=None) -> set[str]:
        """The model fields this request may not type in the admin."""
        model = self.model
        locked = workflow_fields(model) | actor_fields(model) | set(self.workflow_fields)
        if not may_grant(request):
            locked |= security_fields(model) - set(self.staff_person_fields)
            locked |= set(self.privileged_fields)
        return locked

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # Names the admin does not show stay out of the form without being displayed.
        shown = set(self._shown_fields(request, obj))
        extra = sorted(self.locked_fields(request, obj) - set(readonly))
        return readonly + [name for name in extra if name in shown]

    def _shown_fields(self, request, obj=None) -> list[str]:
        declared = self.fieldsets or self.fields
        if declared:
            return list(flatten_fieldsets(self.get_fieldsets(request, obj)))
        return [
            f.name
            for f in self.model._meta.get_fields()
            if f.editable and (f.concrete or f.many_to_many) and not f.auto_created
        ]

    def _required_field_locked(self, request) -> bool:
        """A required field this request may not type: adding would fail, so it is refused.
        (An inline's link to its parent object is filled by the admin itself.)"""
        locked = self.locked_fields(request)
        parent = getattr(self, "parent_model", None)
        for field in self.model._meta.concrete_fields:
            if field.name not in locked or field.blank or field.has_default():
                continue
            if field.name in actor_fields(self.model):
                continue  # filled with the person adding
            if parent is not None and field.is_relation and field.related_model is parent:
                continue
            return True
        return False


class PlatformAdmin(GuardedFieldsMixin, admin.ModelAdmin):
    """The base of every ModelAdmin of the platform (see the module's docstring)."""

    # Fields whose change a service records itself (left out of the admin's own entry).
    recorded_elsewhere: tuple[str, ...] = ()

    def history_target(self, obj):
        """Whose history an admin change of `obj` belongs to."""
        return obj

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self._required_field_locked(request)

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            before = type(obj)._default_manager.get(pk=obj.pk)
            locked = self.locked_fields(request, before)
            for field in obj._meta.concrete_fields:
                if field.name in locked and (
                    getattr(before, field.attname) != getattr(obj, field.attname)
                ):
                    raise PermissionDenied
        else:
            for name in actor_fields(self.model):
                if getattr(obj, f"{name}_id", None) is None:
                    setattr(obj, name, request.user)
        form.admin_before = {
            name: _plain(_field_value(before, name)) if before is not None else None
            for name in form.changed_data
            if name in {f.name for f in obj._meta.get_fields()}
        }
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.record(request, form.instance, form, change)

    def record(self, request, obj, form, change) -> None:
        before = getattr(form, "admin_before", {})
        fields, changes = [], {}
        for name in before:
            if name in self.recorded_elsewhere:
                continue
            after = _plain(_field_value(obj, name))
            if change and after == before[name]:
                continue  # e.g. a change the save turned back (the e-mail, done by a service)
            fields.append(name)
            if not isinstance(obj._meta.get_field(name), _UNRECORDED_VALUE_TYPES):
                changes[name] = [before[name], after]
        if change and not fields:
            return
        action = "changed_in_admin" if change else "added_in_admin"
        target = self.history_target(obj)
        data = {"fields": sorted(fields), "changes": changes}
        if target is not obj:
            data["object"] = f"{obj._meta.label}:{obj.pk}"
        history.record(target, action, request.user, **data)

    def delete_model(self, request, obj):
        self._record_deletion(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._record_deletion(request, obj)
        super().delete_queryset(request, queryset)

    def _record_deletion(self, request, obj) -> None:
        target = self.history_target(obj)
        data = {"object": f"{obj._meta.label}:{obj.pk}", "was": str(obj)[:200]}
        history.record(target, "deleted_in_admin", request.user, **data)


class PlatformInline(GuardedFieldsMixin):
    """The base of every inline of the platform: the same read-only rules as PlatformAdmin."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._required_field_locked(request)


class PlatformTabularInline(PlatformInline, admin.TabularInline):
    pass


@admin.register(HistoryEntry)
class HistoryEntryAdmin(PlatformAdmin):
    list_display = ["at", "actor_name", "action", "target_repr", "from_state", "to_state"]
    list_filter = ["action", "target_type", "at"]
    search_fields = ["actor_name", "target_repr", "reason", "action"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in HistoryEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
