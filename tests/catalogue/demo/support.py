"""The catalogue's demo records with only what they build on (organisations, people, the
accelerator's laureates): much faster than the whole demo (sites, calls, selection)."""

from __future__ import annotations

from tremplin.demo import catalogue, dataset
from tremplin.reference.models import BusinessLine, Region


def load_catalogue_demo() -> dict[str, int]:
    regions = {r.code: r for r in Region.objects.all()}
    lines = {b.code: b for b in BusinessLine.objects.all()}
    organisations = dataset._organisations(regions)
    people = dataset._people(regions, organisations)
    programmes = dataset._programmes(organisations)
    seasons = dataset._seasons()
    dataset._laureates(programmes, seasons, organisations, regions, lines, people)
    return catalogue.load(dataset.DEMO_PASSWORD)
