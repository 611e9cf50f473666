"""Objects for the moderation tests: national societies with validators, versions awaiting
moderation (new records and updates of published ones)."""

from __future__ import annotations

from django.utils import timezone

from tests.catalogue.factories import make_innovation
from tests.conftest import add_totp, make_person
from tremplin.accounts.models import Organisation
from tremplin.catalogue.models import Criterion, InnovationVersion, SocietyPolicy

State = InnovationVersion.State

ATTESTATIONS = {
    Criterion.NEED: "Older people living alone lack daily contact.",
    Criterion.INNOVATION: "Volunteers and neighbours share one planning tool.",
    Criterion.IMPACT: "Loneliness scores fell by a third in the pilot.",
    Criterion.STRATEGIC: "Fits the movement's priority on ageing.",
}
ALL_CRITERIA = dict.fromkeys(Criterion.values, True)


def society(name="Cruz Roja Española", country="ES", *, validators=(), requires=True):
    organisation = Organisation.objects.create(
        name=name, kind=Organisation.Kind.NATIONAL_SOCIETY, country=country
    )
    if validators or requires:
        policy = SocietyPolicy.objects.create(society=organisation, requires_validation=requires)
        policy.validators.set(validators)
        # Validating for a society requires two-factor authentication: validators have it.
        for validator in validators:
            if not validator.authenticator_set.exists():
                add_totp(validator)
    return organisation


def moderator(email=None, **fields):
    return make_person(email, roles=["moderator"], **fields)


def submitted(owner=None, *, state=State.SUBMITTED, national_society=None, **kwargs):
    """A new record whose first version awaits moderation."""
    kwargs.setdefault("attestations", dict(ATTESTATIONS))
    innovation = make_innovation(owner, state=state, national_society=national_society, **kwargs)
    version = innovation.versions.get()
    version.submitted_at = timezone.now()
    version.save(update_fields=["submitted_at"])
    return version


def new_version(innovation, *, state=State.SUBMITTED, author=None, **changes):
    """A copy of the innovation's latest version with `changes`, numbered after it."""
    latest = innovation.versions.order_by("-number").first()
    publics = list(latest.publics.all())
    themes = list(latest.business_lines.all())
    sdgs = list(latest.sdgs.all())
    latest.pk = None
    latest.id = None
    latest._state.adding = True
    latest.number += 1
    latest.state = state
    latest.author = author or innovation.owner
    latest.moderator_translations = {}
    latest.submitted_at = timezone.now()
    latest.decided_at = None
    for name, value in changes.items():
        setattr(latest, name, value)
    latest.save()
    latest.publics.set(publics)
    latest.business_lines.set(themes)
    latest.sdgs.set(sdgs)
    return latest
