"""The Django admin: every registered model's pages, and the admin's own pages."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tremplin.accounts.models import Person

from .base import (
    ADMIN_ACCESS,
    ANONYMOUS,
    DENIED,
    LOGIN,
    NOT_FOUND,
    OK,
    REDIRECT,
    Case,
    admin_outcome,
    admin_request,
    by_name,
)


def admin_cases() -> list[Case]:
    cases = [
        Case("admin:index", by_name("admin:index"), admin_outcome(None)),
        Case(
            "admin:login",
            by_name("admin:login"),
            lambda role: (
                LOGIN if role == ANONYMOUS else (REDIRECT if role in ADMIN_ACCESS else DENIED)
            ),
        ),
        Case("admin:logout", by_name("admin:logout"), admin_outcome(None), method="post"),
        Case("admin:password_change", by_name("admin:password_change"), admin_outcome(None)),
        Case(
            "admin:password_change_done", by_name("admin:password_change_done"), admin_outcome(None)
        ),
        Case("admin:jsi18n", by_name("admin:jsi18n"), admin_outcome(None)),
        Case(
            "admin:autocomplete",
            lambda o: (
                reverse("admin:autocomplete") + "?app_label=network"
                "&model_name=experimentationsite&field_name=contact"
            ),
            admin_outcome(None),
        ),
        Case(
            "admin:view_on_site",
            lambda o: reverse(
                "admin:view_on_site",
                kwargs={
                    "content_type_id": ContentType.objects.get_for_model(o["call"]).pk,
                    "object_id": o["call"].pk,
                },
            ),
            lambda role: (
                LOGIN if role == ANONYMOUS else (REDIRECT if role in ADMIN_ACCESS else DENIED)
            ),
        ),
        Case(
            "admin:auth_user_password_change",
            by_name("admin:auth_user_password_change", id=lambda o: o["instances"][Person].pk),
            admin_outcome("accounts.set_password"),
        ),
        Case(
            "admin:app_list",
            lambda o: reverse("admin:app_list", kwargs={"app_label": "programmes"}),
            admin_outcome("programmes.view_call"),
        ),
        Case(
            "admin/(?P<url>.*)$",
            lambda o: "/admin/no-such-page/",
            lambda role: (
                LOGIN if role == ANONYMOUS else (NOT_FOUND if role in ADMIN_ACCESS else DENIED)
            ),
        ),
    ]
    for model in admin.site._registry:
        opts = model._meta
        base = f"admin:{opts.app_label}_{opts.model_name}"
        perm = f"{opts.app_label}.%s_{opts.model_name}"

        def obj_id(o, model=model):
            return o["instances"][model].pk

        cases += [
            Case(f"{base}_changelist", by_name(f"{base}_changelist"), admin_outcome(perm % "view")),
            Case(f"{base}_add", by_name(f"{base}_add"), admin_add_outcome(model, perm % "add")),
            Case(
                f"{base}_change",
                by_name(f"{base}_change", object_id=obj_id),
                admin_outcome(perm % "view"),
            ),
            Case(
                f"{base}_history",
                by_name(f"{base}_history", object_id=obj_id),
                admin_outcome(perm % "view"),
            ),
            Case(
                f"{base}_delete",
                by_name(f"{base}_delete", object_id=obj_id),
                admin_delete_outcome(model, perm % "delete"),
            ),
            # admin/<app>/<model>/<id>/ redirects to the change page.
            Case(
                f"admin/{opts.app_label}/{opts.model_name}/<path:object_id>/",
                lambda o, model=model, opts=opts: (
                    f"/admin/{opts.app_label}/{opts.model_name}/{o['instances'][model].pk}/"
                ),
                redirect_when_ok(admin_outcome(perm % "view")),
            ),
        ]
    return cases


def redirect_when_ok(outcome):
    def expect(role, objects=None, people=None):
        result = outcome(role, objects, people)
        return REDIRECT if result == OK else result

    expect.needs_people = True
    return expect


def admin_add_outcome(model, permission):
    """Models whose ModelAdmin refuses adding to everyone (the history) are refused to all."""
    outcome = admin_outcome(permission)

    def expect(role, objects=None, people=None):
        result = outcome(role, objects, people)
        if result == OK and not admin.site._registry[model].has_add_permission(
            admin_request(people[role])
        ):
            return DENIED
        return result

    expect.needs_people = True
    return expect


def admin_delete_outcome(model, permission):
    outcome = admin_outcome(permission)

    def expect(role, objects=None, people=None):
        result = outcome(role, objects, people)
        if result == OK and not admin.site._registry[model].has_delete_permission(
            admin_request(people[role])
        ):
            return DENIED
        return result

    expect.needs_people = True
    return expect


def CASES():
    return admin_cases()
