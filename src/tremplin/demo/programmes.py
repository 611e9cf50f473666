"""The accelerator's programmes, seasons 1 to 4 and their calls (data/programmes.json,
data/calls.json). Season 4 is the current season: it and its five calls are placed relative to
the day of loading, so that the demo always has calls open."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from tremplin.demo import files
from tremplin.demo.forms import build_form
from tremplin.programmes.models import Call, Programme, Season
from tremplin.programmes.services import calls as call_services
from tremplin.programmes.services import programmes as programme_services
from tremplin.programmes.services import seasons as season_services


def load_programmes(organisations, actor) -> dict[str, Programme]:
    programmes = {}
    for row in files.read("programmes")["programmes"]:
        programme = programme_services.create_programme(
            actor,
            partners=[organisations[name] for name in row["partners"]],
            slug=row["slug"],
            name=row["name"],
            summary=row["summary"],
            description=row.get("description", {}),
            thematic_focus=row.get("thematic_focus", {}),
            audience=row["audience"],
            financial_package=Decimal(row["package"]),
            places=row["places"],
            regional_representativeness=row["regional"],
            launched_on=files.day(row["launched"]),
        )
        programmes[row["slug"]] = programme
    return programmes


def load_seasons(actor) -> dict[int, Season]:
    data = files.read("programmes")
    seasons = {
        row["number"]: season_services.create_season(
            actor, number=row["number"], opened_on=files.day(row["opened_on"]), theme=row["theme"]
        )
        for row in data["seasons"]
    }
    current = data["current_season"]
    seasons[current["number"]] = season_services.create_season(
        actor,
        number=current["number"],
        opened_on=timezone.localdate() - timedelta(days=current["opened_days_ago"]),
        theme=current["theme"],
    )
    return seasons


def load_calls(programmes, seasons, actor) -> int:
    """Every call, each with the demo's application form and the default eligibility checklist
    of its programme (programmes.services.calls.create_call)."""
    data = files.read("calls")
    count = 0
    for row in data["calls"]:
        _create_call(
            actor,
            data["title"],
            programmes[row["programme"]],
            seasons[row["season"]],
            files.moment(row["opens"]),
            files.moment(row["closes"]),
        )
        count += 1
    current = data["current_calls"]
    today = timezone.localdate()
    opens = datetime.combine(
        today - timedelta(days=current["opens_days_ago"]),
        time.fromisoformat(current["opens_at"]),
        tzinfo=files.PARIS,
    )
    closes = datetime.combine(
        today + timedelta(days=current["closes_in_days"]),
        time.fromisoformat(current["closes_at"]),
        tzinfo=files.PARIS,
    )
    for slug in current["programmes"]:
        _create_call(
            actor, data["title"], programmes[slug], seasons[current["season"]], opens, closes
        )
        count += 1
    return count


def _title(templates: dict, programme: Programme, season: Season) -> dict:
    names = programme.name
    return {
        lang: template.format(programme=names.get(lang) or names.get("fr"), n=season.number)
        for lang, template in templates.items()
    }


def _create_call(actor, templates, programme, season, opens, closes) -> Call:
    call = call_services.create_call(
        actor,
        programme=programme,
        season=season,
        slug=f"{programme.slug}-s{season.number}",
        title=_title(templates, programme, season),
        summary=programme.summary,
        opens_at=opens,
        closes_at=closes,
    )
    build_form(call, actor)
    return call
