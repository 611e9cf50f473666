"""Every ModelAdmin, walked: in the Django admin, staff cannot type what would let them climb,
take an account, seat someone, or move a workflow around the checks of the pages; nobody types a
workflow's fields or who did something. A ModelAdmin added later is held to the same rules by
this test, whatever it declares.

The rules, written here independently of tremplin.core.admin:
- a workflow's field (state, status, outcome, and those its ModelAdmin names as written by a
  workflow) and a link to the person who did something (`*_by`) are never in a form;
- for staff, the access fields of a person (flags, groups, permissions, e-mail address) and any
  link that puts a person somewhere (a seat, a team, a referent) are not in a form either,
  except the links a ModelAdmin names in staff_person_fields with its reason.
"""

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory

from tests.matrix.objects import make_objects

pytestmark = pytest.mark.django_db

WORKFLOW_NAMES = {"state", "status", "outcome"}
ACCOUNT_FIELDS = {"is_superuser", "is_staff", "is_active", "groups", "user_permissions", "email"}
# What a staff member must never type in the admin, model by model: the reviewed examples.
KNOWN = {
    "accounts.person": ACCOUNT_FIELDS,
    "accounts.membership": {"state", "person", "decided_by", "decision_note"},
    "applications.application": {"state", "applicant", "frozen_answers", "deadline_extended_to"},
    "applications.informationrequest": {"asked_by", "responded_by", "response"},
    "acceleration.laureateproject": {"state", "referent", "mentors", "team", "application"},
    "acceleration.mentorprofile": {"person"},
    "network.experiment": {"status", "proposed_by"},
    "selection.committeemember": {"person", "role", "call"},
    "selection.conflict": {"member", "application", "source"},
    "selection.assignment": {"member", "application"},
    "selection.selectionsettings": {"bidding_open", "blind_review", "reviews_visibility"},
    "selection.review": {"state", "score", "comment_for_committee"},
    "selection.meeting": {"state", "created_by"},
    "selection.decision": {"outcome", "decided_by"},
    "messaging.mailing": {"state", "created_by"},
    "messaging.messagetemplate": {"subject", "body", "updated_by"},
}


def request_for(person):
    request = RequestFactory().get("/admin/")
    request.user = person
    return request


def person_relations(model):
    return [
        f
        for f in model._meta.get_fields()
        if f.is_relation
        and not f.auto_created
        and (f.concrete or f.many_to_many)
        and f.related_model is not None
        and f.related_model._meta.label == settings.AUTH_USER_MODEL
    ]


def never_typed(model, model_admin) -> set[str]:
    names = {f.name for f in model._meta.get_fields() if f.name in WORKFLOW_NAMES}
    names |= {f.name for f in person_relations(model) if f.name.endswith("_by")}
    return names | set(getattr(model_admin, "workflow_fields", ()))


def not_for_staff(model, model_admin, adding: bool) -> set[str]:
    names = {f.name for f in person_relations(model) if not f.name.endswith("_by")}
    names -= set(getattr(model_admin, "staff_person_fields", ()))
    names |= set(getattr(model_admin, "privileged_fields", ()))
    names |= KNOWN.get(model._meta.label_lower, set())
    if model._meta.label == settings.AUTH_USER_MODEL:
        names |= ACCOUNT_FIELDS
        if adding:
            names.discard("email")  # creating an account takes nobody's: its address is typed
    return names


def typed_fields(form_class, parent=None) -> set[str]:
    fields = set()
    for name, field in form_class.base_fields.items():
        if field.disabled or name in {"id", "DELETE", "ORDER"}:
            continue
        fields.add(name)
    if parent is not None:
        fields -= {parent}
    return fields


def forms_of(model_admin, request, obj):
    """(what, form class, adding) for each form this request may submit; an inline's form
    comes with its link to the parent and the inline."""
    if model_admin.has_add_permission(request):
        yield "add", model_admin.get_form(request, None, change=False), True
    if model_admin.has_change_permission(request, obj):
        yield "change", model_admin.get_form(request, obj, change=True), False
    for inline in model_admin.get_inline_instances(request, obj):
        may_add = inline.has_add_permission(request, obj)
        may_change = inline.has_change_permission(request, obj)
        if not (may_add or may_change):
            continue  # shown read-only; the admin ignores what is sent for it
        formset = inline.get_formset(request, obj)
        yield (
            f"inline {inline.model._meta.label}",
            (formset.form, formset.fk.name, inline),
            False,
        )


@pytest.fixture
def instances(people_by_role):
    objects = make_objects(people_by_role)
    found = dict(objects["instances"])
    # The person the staff member would climb over: one whose role opens the admin.
    found[next(m for m in found if m._meta.label == settings.AUTH_USER_MODEL)] = people_by_role[
        "admin"
    ]
    return found


def check(model_admin, request, obj, for_staff: bool) -> list[str]:
    problems = []
    model = model_admin.model
    for what, form, adding in forms_of(model_admin, request, obj):
        if isinstance(form, tuple):
            form_class, parent, inline = form
            guarded = never_typed(inline.model, inline)
            if for_staff:
                guarded |= not_for_staff(inline.model, inline, adding=False)
            typed = typed_fields(form_class, parent)
        else:
            guarded = never_typed(model, model_admin)
            if for_staff:
                guarded |= not_for_staff(model, model_admin, adding)
            typed = typed_fields(form)
        bad = sorted(typed & guarded)
        if bad:
            problems.append(f"{model._meta.label} {what}: {bad}")
    return problems


def test_staff_type_nothing_that_escalates_seats_or_bypasses_a_workflow(people_by_role, instances):
    request = request_for(people_by_role["staff"])
    problems = []
    for model, model_admin in admin.site._registry.items():
        problems += check(model_admin, request, instances[model], for_staff=True)
    assert not problems, "\n".join(problems)


def test_administrators_type_no_workflow_field_nor_who_did_something(people_by_role, instances):
    request = request_for(people_by_role["admin"])
    problems = []
    for model, model_admin in admin.site._registry.items():
        problems += check(model_admin, request, instances[model], for_staff=False)
    assert not problems, "\n".join(problems)


def test_the_reviewed_examples_are_all_walked():
    """Each reviewed example names a registered model, so that the walk above checks it."""
    labels = {model._meta.label_lower for model in admin.site._registry}
    assert set(KNOWN) <= labels


def test_every_admin_of_the_platform_uses_the_shared_base():
    """The shared base records every change made in the admin (who, which fields, before and
    after) and applies the rules above per request."""
    from tremplin.core.admin import PlatformAdmin, PlatformInline

    for model, model_admin in admin.site._registry.items():
        if not type(model_admin).__module__.startswith("tremplin."):
            continue
        assert isinstance(model_admin, PlatformAdmin), model
        for inline in model_admin.inlines:
            assert issubclass(inline, PlatformInline), inline
    # allauth's records, which sign-in reads, are held by it too.
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    assert isinstance(admin.site._registry[EmailAddress], PlatformAdmin)
    assert isinstance(admin.site._registry[Authenticator], PlatformAdmin)


def test_every_admin_form_keeps_one_line_fields_on_one_line(people_by_role, instances):
    """The admin's forms, the inlines' included, clean single-line fields to one line, as every
    form of the platform does (tests/core/test_one_line.py): a name typed in the admin reaches
    e-mail subjects too."""
    from tremplin.core.admin import PlatformAdmin
    from tremplin.core.forms import OneLineMixin

    request = request_for(people_by_role["admin"])
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, PlatformAdmin):
            continue
        for what, form, _adding in forms_of(model_admin, request, instances.get(model)):
            form_class = form[0] if isinstance(form, tuple) else form
            assert issubclass(form_class, OneLineMixin), f"{model._meta.label} {what}"
