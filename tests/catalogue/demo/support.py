"""The catalogue's demo records with only what they build on (organisations, people, the
accelerator's laureates): much faster than the whole demo (sites, calls, selection)."""

from __future__ import annotations

from tremplin.demo import acceleration, accounts, catalogue, dataset, programmes
from tremplin.reference.models import Region


def load_catalogue_demo() -> dict[str, int]:
    regions = {r.code: r for r in Region.objects.all()}
    organisations = accounts.load_organisations(regions)
    people = accounts.load_people(regions, organisations, dataset.DEMO_PASSWORD)
    admin = people[dataset.DEMO_ADMIN]
    programme_list = programmes.load_programmes(organisations, admin)
    seasons = programmes.load_seasons(admin)
    acceleration.load_laureates(programme_list, seasons, organisations, regions, people)
    return catalogue.load(dataset.DEMO_PASSWORD)
