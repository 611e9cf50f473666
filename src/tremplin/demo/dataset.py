"""The demo dataset: the accelerator "21" as DOMAIN.md describes it (programmes, seasons 1 to 4
and their calls, the named laureates of seasons 1 and 2, partners, national societies), a few
hundred experimentation sites across every region, and one demo account per role.

The records are in demo/data/*.json (one file per kind of content, readable and editable
without programming); the modules beside this one load them through the platform's services,
in the name of the demo's admin, staff, referents and members, so that every load checks the
services' rules. Deterministic: the same content at every load. Season 4 is the current
season: it and its five calls are placed relative to the day of loading, so that the demo
always has calls open."""

from __future__ import annotations

from django.db import transaction

from tremplin.accounts.models import Person
from tremplin.demo import acceleration, accounts, catalogue, network, programmes, selection
from tremplin.reference.models import Region

DEMO_PASSWORD = "tremplin-demo"  # noqa: S105 - printed by `tremplin demo`, demo data only

# (role, e-mail): one account per role, printed by `tremplin demo`.
DEMO_ACCOUNTS = [
    ("applicant", "applicant@example.org"),
    ("staff", "staff@example.org"),
    ("referent", "referent@example.org"),
    ("mentor", "mentor@example.org"),
    ("committee", "committee@example.org"),
    ("partner", "partner@example.org"),
    ("site_contact", "site@example.org"),
    ("moderator", "moderator@example.org"),
    ("admin", "admin@example.org"),
]
# (what they do, e-mail): more accounts the walkthroughs of the issues use, printed after.
DEMO_MORE_ACCOUNTS = [
    ("chair of the entrepreneurs' selection committee", "committee2@example.org"),
    ("team of the laureate project Minutis", "minutis@example.org"),
    ("validator of the Moroccan Red Crescent (catalogue)", "validation.crm@example.org"),
]

DEMO_ADMIN = accounts.ADMIN


def demo_data_loaded() -> bool:
    return Person.objects.filter(email=DEMO_ACCOUNTS[0][1]).exists()


@transaction.atomic
def load(stdout=None) -> dict[str, int]:
    """Create the whole demo dataset. Call on an empty database (after migrate)."""
    regions = {r.code: r for r in Region.objects.all()}
    organisations = accounts.load_organisations(regions)
    people = accounts.load_people(regions, organisations, DEMO_PASSWORD)
    admin = people[DEMO_ADMIN]
    programme_list = programmes.load_programmes(organisations, admin)
    seasons = programmes.load_seasons(admin)
    calls = programmes.load_calls(programme_list, seasons, admin)
    projects = acceleration.load_laureates(programme_list, seasons, organisations, regions, people)
    sites = network.load_sites(people)
    selection_counts = selection.load(DEMO_PASSWORD)
    catalogue_counts = catalogue.load(DEMO_PASSWORD)
    acceleration_counts = acceleration.load(DEMO_PASSWORD)
    network_counts = network.load(DEMO_PASSWORD)
    return {
        "organisations": len(organisations),
        "people": Person.objects.count(),
        "programmes": len(programme_list),
        "seasons": len(seasons),
        "calls": calls,
        "laureates": projects,
        "sites": sites,
        **selection_counts,
        **catalogue_counts,
        **acceleration_counts,
        **network_counts,
    }
