"""Changing a site by hand: staff, or the site's own contact (who knows best whether the site
can host an experiment now). Every change is recorded with its before and after."""

from __future__ import annotations

from django.db import transaction

from tremplin.core import history
from tremplin.core.services import require

from .. import audit
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
    require(actor, "network.edit_site", site)
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
        history.record(locked, audit.SITE_UPDATED, actor, changes=changes)
    return locked
