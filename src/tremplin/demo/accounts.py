"""Demo and synthetic people: accounts with a verified e-mail address, ready to sign in."""

from allauth.account.models import EmailAddress

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
        organisation=organisation,
    )
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    return person
