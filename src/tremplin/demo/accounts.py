"""Demo and synthetic people: accounts with a verified e-mail address, ready to sign in; and the
demo's organisations, people and memberships (data/organisations.json, data/people.json)."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from tremplin.accounts import services
from tremplin.accounts.models import Membership, Organisation, Person, Role
from tremplin.demo import files

# The demo's administrator sets the platform up through the services (programmes, seasons,
# calls, roles, policies), as a person with every permission would.
ADMIN = "admin@example.org"
STAFF = "staff@example.org"


def create_demo_person(
    email, full_name, password, *, language="fr", region=None, organisation=None, superuser=False
) -> Person:
    """A person who signs in at once. Written directly: the platform's only way to create an
    account is signing up (allauth), which waits for the person to confirm their address."""
    manager = Person.objects
    create = manager.create_superuser if superuser else manager.create_user
    person = create(
        email,
        password,
        full_name=full_name,
        preferred_language=language,
        region=region,
    )
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    if organisation is not None:
        # The demo's people act for their organisation as if staff had verified it, so that
        # partner pages and conflicts of interest show.
        services.record_verified_affiliation(person, organisation)
    return person


def load_organisations(regions) -> dict[str, Organisation]:
    """National societies, partners and the laureates' organisations, by name. Written directly:
    organisations are reference data that no service creates (staff add them in the admin)."""
    data = files.read("organisations")
    orgs = {}
    for row in data["national_societies"]:
        orgs[row["name"]] = Organisation.objects.create(
            name=row["name"],
            kind=Organisation.Kind.NATIONAL_SOCIETY,
            country=row["country"],
            email_domain=row["email_domain"],
            region=regions["FR-IDF"] if row["country"] == "FR" else None,
        )
    for row in data["partners"]:
        orgs[row["name"]] = Organisation.objects.create(
            name=row["name"],
            kind=Organisation.Kind.PARTNER,
            country="FR",
            email_domain=row["email_domain"],
            description=row["description"],
            region=regions["FR-IDF"],
        )
    for row in data["laureate_organisations"]:
        orgs[row["name"]] = Organisation.objects.create(
            name=row["name"],
            kind=row["kind"],
            country="FR",
            region=regions[row["region"]],
            email_domain=row["email_domain"],
        )
    return orgs


def load_people(regions, organisations, password) -> dict[str, Person]:
    """The demo accounts and the people the walkthroughs use, their roles and memberships (the
    verified ones verified by the demo's staff), by e-mail."""
    data = files.read("people")
    people = {}
    for row in data["people"]:
        person = create_demo_person(
            row["email"],
            row["full_name"],
            password,
            language=row["language"],
            region=regions[row["region"]] if row["region"] else None,
            organisation=organisations[row["organisation"]],
            superuser=Role.ADMIN in row["roles"],
        )
        people[row["email"]] = person
    # The demo's administrator grants the roles.
    admin = people[ADMIN]
    for row in data["people"]:
        for role in row["roles"]:
            services.grant_role(people[row["email"]], role, admin)
    staff = people[STAFF]
    for row in data["memberships"]:
        membership = services.declare_membership(
            people[row["email"]],
            national_society=organisations[row["society"]],
            status=row["status"],
            identifier=row["identifier"],
        )
        if row["state"] == Membership.State.VERIFIED:
            services.decide_membership(membership, staff, "verify")
    # Affiliations awaiting verification, so that the staff's queue shows how it works.
    for row in data["affiliations_to_verify"]:
        services.declare_affiliation(
            people[row["email"]],
            organisation=organisations[row["organisation"]],
            title=row["title"],
        )
    return people
