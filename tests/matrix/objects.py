"""The objects every URL case may need (one of each kind)."""

from django.contrib import admin
from django.utils import timezone

from tests.conftest import make_person


def make_objects(people) -> dict:
    """One object of each kind the URLs need; modules of this package add theirs with
    extend_objects()."""

    from tremplin.acceleration.models import LaureateProject
    from tremplin.accounts.models import Membership, Organisation
    from tremplin.core import history
    from tremplin.network.models import ExperimentationSite
    from tremplin.programmes.models import Audience, Call, Programme, Season
    from tremplin.reference.models import Department

    society = Organisation.objects.create(name="Croix-Rouge française", kind="national_society")
    member = make_person("member@example.org")
    membership = Membership.objects.create(
        person=member, national_society=society, status="volunteer", identifier="CRF-1"
    )
    programme = Programme.objects.create(
        slug="entrepreneurs", name={"fr": "Entrepreneurs"}, audience=Audience.OUTSIDERS
    )
    season = Season.objects.create(number=1, opened_on=timezone.localdate())
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        season=season,
        slug="entrepreneurs-s1",
        title={"fr": "Appel"},
        opens_at=now,
        closes_at=now + timezone.timedelta(days=9),
    )
    department = Department.objects.get(code="13")
    site = ExperimentationSite.objects.create(
        kind="local_unit",
        name="Unité locale de Marseille",
        region=department.region,
        department=department,
        town="Marseille",
    )
    project = LaureateProject.objects.create(
        name="Minutis",
        slug="minutis",
        pitch={"fr": "x"},
        season=season,
        programme=programme,
        track="intrapreneur",
        starts_on=season.opened_on,
        ends_on=season.opened_on,
    )
    entry = history.record(membership, "changed_in_admin", people["staff"])
    instances = {}
    missing = []
    for model in admin.site._registry:
        label = model._meta.label_lower
        known = {
            "core.historyentry": entry,
            "accounts.person": member,
            "accounts.organisation": society,
            "accounts.membership": membership,
            "programmes.programme": programme,
            "programmes.season": season,
            "programmes.call": call,
            "network.experimentationsite": site,
            "acceleration.laureateproject": project,
            "account.emailaddress": member.emailaddress_set.first(),
            "mfa.authenticator": people["staff"].authenticator_set.first(),
        }
        found = known.get(label) or model._default_manager.first()
        if found is None:
            missing.append(model)
        else:
            instances[model] = found
    # The others are made by model_bakery, linked to the objects above wherever they can be:
    # left to itself, it would make a whole chain of calls and seasons for each, whose random
    # season numbers (unique) collide now and then.
    while missing:
        ready = [model for model in missing if _links_ready(model, instances)] or missing[:1]
        for model in ready:
            instances[model] = _make(model, instances)
            missing.remove(model)
    return {"membership": membership, "call": call, "instances": instances}


def _foreign_keys(model):
    return [
        field
        for field in model._meta.concrete_fields
        if field.many_to_one and not field.null and field.related_model is not model
    ]


def _links_ready(model, instances) -> bool:
    return all(field.related_model in instances for field in _foreign_keys(model))


def _make(model, instances):
    from django.db import IntegrityError, transaction
    from model_bakery import baker

    links = _links(model, instances)
    try:
        with transaction.atomic():
            return baker.make(model, **links)
    except IntegrityError:
        # One of a kind per linked objects (a cohort per programme and season): that one is
        # left to model_bakery.
        unique = {name for names in _unique_sets(model) for name in names}
        return baker.make(model, **{k: v for k, v in links.items() if k not in unique})


def _unique_sets(model):
    from django.db.models import UniqueConstraint

    yield from model._meta.unique_together
    for constraint in model._meta.constraints:
        if isinstance(constraint, UniqueConstraint):
            yield constraint.fields


def _links(model, instances) -> dict:
    return {
        field.name: instances[field.related_model]
        for field in _foreign_keys(model)
        if field.related_model in instances
    }
