"""Small builders for programmes, seasons, calls, laureate projects and experimentation sites."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from django.utils import timezone

from tremplin.acceleration.models import LaureateProject
from tremplin.accounts.models import Organisation
from tremplin.network.models import ExperimentationSite
from tremplin.programmes.models import Audience, Call, Programme, Season
from tremplin.reference.models import Department

_numbers = itertools.count(1)


def programme(slug=None, name=None, *, partners=(), audience=Audience.OUTSIDERS) -> Programme:
    n = next(_numbers)
    slug = slug or f"programme-{n}"
    result = Programme.objects.create(
        slug=slug,
        name=name or {"fr": f"Programme {n}", "en": f"Programme {n} (en)", "es": f"Programa {n}"},
        audience=audience,
    )
    result.partners.set(partners)
    return result


def season(number=None) -> Season:
    number = number or (100 + next(_numbers))
    return Season.objects.get_or_create(number=number, defaults={"opened_on": date(2019, 5, 21)})[0]


def call(prog=None, seas=None, *, state="open", title=None, days=20) -> Call:
    """A call that is open now, upcoming or closed (`days` ago for a closed one)."""
    now = timezone.now()
    prog = prog or programme()
    seas = seas or season()
    if state == "open":
        opens, closes = now - timedelta(days=10), now + timedelta(days=days)
    elif state == "upcoming":
        opens, closes = now + timedelta(days=days), now + timedelta(days=days + 40)
    else:
        opens, closes = now - timedelta(days=days + 40), now - timedelta(days=days)
    n = next(_numbers)
    return Call.objects.create(
        programme=prog,
        season=seas,
        slug=f"call-{n}",
        title=title or {"fr": f"Appel numéro {n}", "es": f"Convocatoria número {n}"},
        opens_at=opens,
        closes_at=closes,
    )


def project(name=None, *, prog=None, seas=None, referent=None, mentors=(), team=(), org=None):
    n = next(_numbers)
    prog = prog or programme()
    seas = seas or season()
    result = LaureateProject.objects.create(
        name=name or f"Projet {n}",
        slug=f"projet-{n}",
        pitch={"fr": f"Le pitch du projet {n}", "en": f"Pitch {n}"},
        season=seas,
        programme=prog,
        track=LaureateProject.Track.ENTREPRENEUR,
        organisation=org,
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 7, 1),
        referent=referent,
    )
    result.mentors.set(mentors)
    result.team.set(team)
    return result


def site(name=None, *, contact=None, kind=ExperimentationSite.Kind.LOCAL_UNIT, lines=()):
    department = Department.objects.select_related("region").order_by("code").first()
    n = next(_numbers)
    result = ExperimentationSite.objects.create(
        kind=kind,
        name=name or f"Site {n}",
        region=department.region,
        department=department,
        town=f"Ville {n}",
        contact=contact,
    )
    result.business_lines.set(lines)
    return result


def organisation(name=None, kind=Organisation.Kind.PARTNER) -> Organisation:
    return Organisation.objects.create(name=name or f"Organisation {next(_numbers)}", kind=kind)
