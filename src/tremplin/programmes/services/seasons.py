"""Writes about seasons: create one, change one."""

from __future__ import annotations

from django.db import transaction

from tremplin.core import history
from tremplin.core.services import require

from .. import audit
from ..models import Season
from ._common import created, updated


def create_season(actor, **fields) -> Season:
    require(actor, "programmes.manage_seasons")
    with transaction.atomic():
        season = created(Season, fields)
        history.record(season, audit.SEASON_CREATED, actor)
    return season


def update_season(season: Season, actor, **fields) -> Season:
    require(actor, "programmes.manage_seasons", season)
    with transaction.atomic():
        current, changed = updated(season, fields)
        if changed:
            history.record(current, audit.SEASON_UPDATED, actor, fields=changed)
    return current
