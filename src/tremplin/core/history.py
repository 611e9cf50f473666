"""Writing and reading the history of an object."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _lazy

from .models import HistoryEntry

# What the Django admin records (tremplin.core.admin), for the pages that list a history.
ADMIN_ACTIONS = {
    "added_in_admin": _lazy("Added in the administration"),
    "changed_in_admin": _lazy("Changed in the administration"),
    "deleted_in_admin": _lazy("Deleted in the administration"),
}


def record(target, action: str, actor=None, *, from_state="", to_state="", reason="", **data):
    actor_name = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_name = str(actor)
    else:
        actor = None
    return HistoryEntry.objects.create(
        actor=actor,
        actor_name=actor_name,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data,
    )


def history_of(target):
    return HistoryEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")
