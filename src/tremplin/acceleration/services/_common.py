"""What the acceleration's services share."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require(actor, perm: str, obj=None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You are not allowed to do this."))


def name_of(person) -> str:
    return str(person)[:200] if person is not None else ""
