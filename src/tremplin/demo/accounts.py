"""Demo and synthetic people: accounts with a verified e-mail address, ready to sign in."""

from allauth.account.models import EmailAddress

from tremplin.accounts import services
from tremplin.accounts.models import Person


def create_demo_person(
    email, full_name, password, *, language="fr", region=None, organisation=None, superuser=False
) -> Person:
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
