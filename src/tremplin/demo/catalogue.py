"""Demo data for the innovation catalogue: the accelerator's laureates published as innovations
(in French, with English and Spanish translations), innovations of other national societies
of the movement written in their own language, and what moderators and members do with them
(a moderation queue, a society's own validation, changes requested, a new version waiting,
replications, follows).

Deterministic: the same records at every load, dated relative to the day of loading so that
the catalogue always has recent publications. Records are created through the models, moved
through the moderation workflow (so their history is recorded) and indexed for search."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify

from tremplin.accounts.models import Organisation, Person, Role
from tremplin.accounts.services import grant_role
from tremplin.catalogue.models import (
    Criterion,
    Follow,
    ImpactFigure,
    Innovation,
    InnovationVersion,
    Replication,
    Resource,
    Review,
    SocietyPolicy,
    TargetPublic,
)
from tremplin.catalogue.services import moderation
from tremplin.catalogue.target_publics import sync_target_publics
from tremplin.catalogue.workflow import VERSION_WORKFLOW
from tremplin.core.models import HistoryEntry
from tremplin.demo import files
from tremplin.demo.accounts import create_demo_person
from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

S = InnovationVersion.State
MODERATOR = "moderator@example.org"


# --- Loading ----------------------------------------------------------------------------------


def load(password: str) -> dict[str, int]:
    """Create the catalogue's demo records. Call after dataset.py created organisations and
    the demo accounts."""
    now = timezone.now()
    people_data = files.read("innovation_people")
    activity = files.read("innovation_activity")
    records = files.read("innovations")
    # Normally there from the data migration; a transactional test's flush empties the table.
    sync_target_publics()
    organisations = {o.name: o for o in Organisation.objects.all()}
    people = _owners(password, organisations, people_data["owners"])
    moderator = people[MODERATOR]
    grant_role(moderator, Role.MODERATOR)  # already granted by dataset.py; kept explicit
    _policies(people, organisations, people_data["society_policies"])
    publics = {p.code: p for p in TargetPublic.objects.all()}
    lines = {b.code: b for b in BusinessLine.objects.all()}
    sdgs = {g.number: g for g in SustainableDevelopmentGoal.objects.all()}
    innovations = {}
    for record in records:
        innovation, version = _create(record, people, organisations, publics, lines, sdgs)
        innovations[record["slug"]] = innovation
        when = now - timedelta(days=record["days"], hours=len(innovations))
        state = record.get("state", S.PUBLISHED)
        if state == S.SOCIETY_REVIEW:
            _fire(version, "submit_to_society", version.author, when)
        else:
            _fire(version, "submit", version.author, when - timedelta(days=7))
        if state == S.PUBLISHED:
            _publish(version, moderator, when)
        elif state == S.CHANGES_REQUESTED:
            _request_changes(version, moderator, record["changes_message"], when)
    for row in activity["new_versions"]:
        _new_version(innovations[row["innovation"]], row["changes"], now - timedelta(days=1))
    for row in activity["replications"]:
        Replication.objects.create(
            innovation=innovations[row["innovation"]],
            person=people[row["person"]],
            country=row["country"],
            organisation=row["organisation"],
            plan=row["plan"],
            answer=row["answer"],
            state=row["state"],
        )
    for row in activity["follows"]:
        Follow.objects.create(person=people[row["person"]], kind=row["kind"], value=row["value"])
    return {
        "innovations": len(innovations),
        "published innovations": Innovation.objects.filter(published__isnull=False).count(),
    }


def _owners(password, organisations, owners) -> dict[str, Person]:
    # One hash for every demo owner: Argon2 per account would make the demo slow to load.
    hashed = make_password(password)
    people = {p.email: p for p in Person.objects.all()}
    for row in owners:
        if row["email"] in people:
            continue
        person = create_demo_person(
            row["email"],
            row["full_name"],
            None,
            language=row["language"],
            organisation=organisations[row["organisation"]],
        )
        person.password = hashed
        person.save(update_fields=["password"])
        people[row["email"]] = person
    return people


def _policies(people, organisations, policies) -> None:
    for row in policies:
        policy = SocietyPolicy.objects.create(
            society=organisations[row["society"]], requires_validation=True
        )
        policy.validators.set([people[email] for email in row["validators"]])


def _create(record, people, organisations, publics, lines, sdgs):
    owner = people[record["owner"]]
    innovation = Innovation.objects.create(slug=slugify(record["slug"])[:120], owner=owner)
    texts = {name: record.get(name, {}) for name in InnovationVersion.TEXT_FIELDS}
    language = record["language"]
    version = InnovationVersion.objects.create(
        innovation=innovation,
        number=1,
        author=owner,
        original_language=language,
        stage=record["stage"],
        cost_range=record["cost"],
        duration_months=record["months"],
        country=record["country"],
        national_society=organisations[record["society"]],
        carrying_organisation=record["organisation"],
        contact_name=owner.full_name,
        contact_email=owner.email,
        moderator_translations=record.get("moderator_translations", {}),
        attestations={
            Criterion.NEED.value: _in(record["need"], language),
            Criterion.INNOVATION.value: _in(record["value_proposition"], language),
            Criterion.IMPACT.value: _in(record["results"], language)
            or _in(record["pitch"], language),
            Criterion.STRATEGIC.value: _in(record["pitch"], language),
        },
        **texts,
    )
    version.publics.set([publics[code] for code in record["publics"]])
    version.business_lines.set([lines[code] for code in record["themes"]])
    version.sdgs.set([sdgs[number] for number in record["sdgs"]])
    ImpactFigure.objects.bulk_create(
        ImpactFigure(
            version=version,
            position=position,
            label=row["label"],
            value=Decimal(row["value"]),
            unit=row["unit"],
            source=row["source"],
            measured_on=files.day(row["measured_on"]),
        )
        for position, row in enumerate(record["figures"])
    )
    Resource.objects.bulk_create(
        Resource(version=version, position=position, title=row["title"], url=row["url"])
        for position, row in enumerate(record["links"])
    )
    return innovation, version


def _in(text: dict, language: str) -> str:
    return text.get(language) or next(iter(text.values()), "")


def _fire(version, transition, actor, when, reason=""):
    VERSION_WORKFLOW.fire(version, transition, actor, reason=reason)
    _backdate(version, f"transition:{transition}", when)


def _backdate(target, action, when) -> None:
    """The history, the version and its review say when things happened in the demo's story,
    not when the demo was loaded."""
    entry = (
        HistoryEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(target),
            target_id=str(target.pk),
            action=action,
        )
        .order_by("-pk")
        .first()
    )
    if entry is not None:
        HistoryEntry.objects.filter(pk=entry.pk).update(at=when)
    if isinstance(target, InnovationVersion):
        stamp = {"submitted_at": when} if "submit" in action else {"decided_at": when}
        InnovationVersion.objects.filter(pk=target.pk).update(**stamp)
        if "submit" not in action:
            Review.objects.filter(version=target).update(created_at=when)


def _publish(version, moderator, when) -> None:
    """Publish as the moderation part does (services.moderation.publish: workflow, history,
    search index), then date it in the demo's story."""
    Review.objects.create(
        version=version,
        level=Review.Level.CENTRAL,
        moderator=moderator,
        checklist=dict.fromkeys(Criterion.values, True),
        decision=Review.Decision.ACCEPT,
    )
    moderation.publish(version, moderator)
    _backdate(version, "transition:publish", when)
    _backdate(version.innovation, "published", when)
    Innovation.objects.filter(pk=version.innovation_id).update(
        first_published_at=when, published_at=when
    )


def _request_changes(version, moderator, message, when) -> None:
    """Through services.moderation.decide, so that the submitter finds the moderator's message
    among their notices."""
    moderation.decide(
        version, moderator, decision=Review.Decision.CHANGES, checklist={}, message=message
    )
    _backdate(version, "transition:request_changes", when)


def _new_version(innovation, changes, when) -> InnovationVersion:
    """Copy the published version into version 2 with `changes`, and submit it."""
    innovation.refresh_from_db()
    current = innovation.published
    version = InnovationVersion.objects.get(pk=current.pk)
    version.pk = None
    version.id = None
    version.number = current.number + 1
    version.state = S.DRAFT
    version.submitted_at = version.decided_at = None
    for name, value in changes.items():
        setattr(version, name, value)
    version.save()
    version.publics.set(current.publics.all())
    version.business_lines.set(current.business_lines.all())
    version.sdgs.set(current.sdgs.all())
    ImpactFigure.objects.bulk_create(
        ImpactFigure(
            version=version,
            label=f.label,
            value=f.value,
            unit=f.unit,
            source=f.source,
            measured_on=f.measured_on,
            position=f.position,
        )
        for f in current.figures.all()
    )
    _fire(version, "submit", version.author, when)
    return version
