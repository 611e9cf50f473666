"""The vocabulary of the permission matrix: outcomes, expectations per role, URL cases.

The rule for a page about one object (named in its URL): a person who may not see the object
gets NOT_FOUND, the very answer as for an object that does not exist, so that nobody learns
that it exists; a person who sees the object but may not do this gets DENIED. DENIED is also
the answer of pages whose permission does not depend on an object (staff pages, pages of a
call, whose page is public): the permission is checked before anything is looked up, or the
object is public, so the refusal tells nothing.

Each module of this package declares CASES (a list of Case, or a function returning one) for the
URLs of one part of the platform, and may define extend_objects(objects, people) to create
the objects its URLs need. tests/test_permission_matrix.py runs them all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, reverse

from tests.conftest import ROLES, TOTP_ROLES

ANONYMOUS = "anonymous"
EVERYONE = [ANONYMOUS, *ROLES]
ADMIN_ACCESS = {"staff", "admin"}  # roles whose holders open the Django admin (is_staff)

# Outcomes, observed by following redirects.
OK = "ok"  # the page itself (200)
LOGIN = "login"  # sent to the sign-in page
DENIED = "denied"  # 403
REDIRECT = "redirect"  # sent elsewhere (e.g. a signed-in person opening the sign-up page)
NOT_FOUND = "not_found"


def all_routes() -> set[str]:
    """Every URL pattern, by name (namespace:name) or, when unnamed, by its route."""

    def walk(resolver, prefix="", namespace=None):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern, prefix + str(pattern.pattern), ns)
            elif pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name
            else:
                yield prefix + str(pattern.pattern)

    return set(walk(get_resolver()))


@dataclass
class Case:
    """One URL: how to build it, how to call it, and the outcome per role."""

    key: str
    url: Callable[[dict], str]
    expect: Callable[[str], str]
    method: str = "get"
    data: Callable[[dict], dict] = field(default=lambda objects: {})


def public(_role):
    return OK


def signed_in(role):
    return LOGIN if role == ANONYMOUS else OK


def anonymous_only(role):
    return OK if role == ANONYMOUS else REDIRECT


def staff_only(role):
    if role == ANONYMOUS:
        return LOGIN
    return OK if role in ADMIN_ACCESS else DENIED


def on_object(allowed, seers, outcome=OK):
    """A page about one object: `allowed` roles get `outcome`; the other roles among `seers`
    (who may see the object) are refused (403); everyone else signed in gets 404, as if the
    object did not exist. Anonymous visitors sign in."""

    def expect(role):
        if role == ANONYMOUS:
            return LOGIN
        if role in allowed:
            return outcome
        return DENIED if role in seers else NOT_FOUND

    return expect


def staff_redirect(role):
    """A POST by staff that redirects back to a staff page."""
    if role == ANONYMOUS:
        return LOGIN
    return REDIRECT if role in ADMIN_ACCESS else DENIED


def signed_in_redirect(role):
    return LOGIN if role == ANONYMOUS else REDIRECT


# TOTP_ROLES (tests/conftest.py): the fixtures give them a TOTP authenticator.


def with_totp(holder, others):
    """Outcome for people who have a TOTP authenticator, and for the others."""
    return lambda role: LOGIN if role == ANONYMOUS else (holder if role in TOTP_ROLES else others)


def by_name(name, **kwargs):
    return lambda objects: reverse(name, kwargs={k: v(objects) for k, v in kwargs.items()})


def admin_outcome(permission: str | None):
    """Admin pages: anonymous people sign in; people without admin access are refused at the
    admin's door; staff and admins get the page when their rules allow the permission."""

    def expect(role, _objects=None, people=None):
        if role == ANONYMOUS:
            return LOGIN
        if role not in ADMIN_ACCESS:
            return DENIED
        if permission is None:
            return OK
        return OK if people[role].has_perm(permission) else DENIED

    expect.needs_people = True
    return expect


def admin_request(person):
    request = RequestFactory().get("/")
    request.user = person
    return request
