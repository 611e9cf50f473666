"""Changing a site by hand: staff, or the site's own contact (who knows best whether the site
can host an experiment now). Every change is recorded with its before and after."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tremplin.core import history

from ..models import ExperimentationSite

EDITABLE = (
    "capacity",
    "willing_to_host",
    "address",
    "postal_code",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def update_site(site: ExperimentationSite, actor, **fields) -> ExperimentationSite:
    if not actor.has_perm("network.edit_site", site):
        raise PermissionDenied(_("You are not allowed to do this."))
    fields = {key: value for key, value in fields.items() if key in EDITABLE}
    with transaction.atomic():
        locked = ExperimentationSite.objects.select_for_update().get(pk=site.pk)
        changes = {
            key: [getattr(locked, key), value]
            for key, value in fields.items()
            if getattr(locked, key) != value
        }
        if not changes:
            return locked
        for key, value in fields.items():
            setattr(locked, key, value)
        locked.save()
        history.record(locked, "site_updated", actor, changes=changes)
    return locked
