"""Writes about programmes: create one, change one (its partners included)."""

from __future__ import annotations

from django.db import transaction

from tremplin.core import history
from tremplin.core.services import require

from .. import audit
from ..models import Programme
from ._common import created, set_if_changed, updated


def create_programme(actor, *, partners=(), **fields) -> Programme:
    require(actor, "programmes.manage_programmes")
    with transaction.atomic():
        programme = created(Programme, fields)
        programme.partners.set(partners)
        history.record(programme, audit.PROGRAMME_CREATED, actor)
    return programme


def update_programme(programme: Programme, actor, *, partners=None, **fields) -> Programme:
    require(actor, "programmes.manage_programmes", programme)
    with transaction.atomic():
        current, changed = updated(programme, fields)
        if partners is not None and set_if_changed(current.partners, partners):
            changed.append("partners")
        if changed:
            history.record(current, audit.PROGRAMME_UPDATED, actor, fields=changed)
    return current
