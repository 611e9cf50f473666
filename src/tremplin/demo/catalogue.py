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
from django.utils import timezone
from django.utils.text import slugify

from tremplin.accounts.models import Organisation, Person, Role
from tremplin.accounts.services import grant_role
from tremplin.catalogue.models import (
    Criterion,
    ImpactFigure,
    Innovation,
    InnovationVersion,
    Replication,
    Resource,
    Review,
    TargetPublic,
)
from tremplin.catalogue.services import follows, moderation, replication, submission
from tremplin.catalogue.target_publics import sync_target_publics
from tremplin.demo import files, past
from tremplin.demo.accounts import create_demo_person
from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

S = InnovationVersion.State
MODERATOR = "moderator@example.org"
ADMIN = "admin@example.org"


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
    _policies(people, organisations, people_data["society_policies"], people[ADMIN])
    publics = {p.code: p for p in TargetPublic.objects.all()}
    lines = {b.code: b for b in BusinessLine.objects.all()}
    sdgs = {g.number: g for g in SustainableDevelopmentGoal.objects.all()}
    innovations = {}
    for record in records:
        innovation, version = _create(record, people, organisations, publics, lines, sdgs)
        innovations[record["slug"]] = innovation
        when = now - timedelta(days=record["days"], hours=len(innovations))
        state = record.get("state", S.PUBLISHED)
        # The submission service checks that the record is complete and sends it to its
        # society first when the society validates its records (SocietyPolicy).
        submission.submit(version, version.author)
        if version.state == S.SOCIETY_REVIEW:
            _backdate(version, "transition:submit_to_society", when)
        else:
            _backdate(version, "transition:submit", when - timedelta(days=7))
        if (state == S.SOCIETY_REVIEW) != (version.state == S.SOCIETY_REVIEW):
            raise ValueError(f"{record['slug']}: its society's policy sends it elsewhere")
        if state == S.PUBLISHED:
            _publish(version, moderator, when)
        elif state == S.CHANGES_REQUESTED:
            _request_changes(version, moderator, record["changes_message"], when)
    for row in activity["new_versions"]:
        _new_version(innovations[row["innovation"]], row["changes"], now - timedelta(days=1))
    for row in activity["replications"]:
        _replication(innovations[row["innovation"]], people[row["person"]], row)
    for row in activity["follows"]:
        follows.follow(people[row["person"]], row["kind"], row["value"])
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


def _policies(people, organisations, policies, admin) -> None:
    for row in policies:
        moderation.set_society_policy(
            organisations[row["society"]],
            admin,
            requires_validation=True,
            validators=[people[email] for email in row["validators"]],
        )


def _create(record, people, organisations, publics, lines, sdgs):
    """The record's innovation and first version, written directly: the submission services
    build a record field by field in one language and give an unpublished record an address
    made from its title, while the demo's records keep short addresses chosen by hand (pages,
    tests and walkthroughs link to them) and arrive in several languages at once. Submitting it
    (services.submission.submit) then checks that it is complete."""
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


def _backdate(target, action, when) -> None:
    """The history, the version and its review say when things happened in the demo's story,
    not when the demo was loaded (see demo/past.py: no service dates a step in the past)."""
    past.backdate(target, action, when)
    if isinstance(target, InnovationVersion):
        stamp = {"submitted_at": when} if "submit" in action else {"decided_at": when}
        InnovationVersion.objects.filter(pk=target.pk).update(**stamp)
        if "submit" not in action:
            Review.objects.filter(version=target).update(created_at=when)


def _publish(version, moderator, when) -> None:
    """Accept and publish through services.moderation.decide (the four criteria met, review,
    workflow, history, search index, the submitter told), then date it in the demo's story."""
    moderation.decide(
        version,
        moderator,
        decision=Review.Decision.ACCEPT,
        checklist=dict.fromkeys(Criterion.values, True),
    )
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
    """Version 2 of a published record, made by its owner through the submission services:
    copied from the published version, `changes` saved (a translated text, or a value such as
    the stage), then submitted."""
    innovation.refresh_from_db()
    owner = innovation.owner
    version = submission.start_new_version(innovation, owner)
    for name, value in changes.items():
        if name in InnovationVersion.TEXT_FIELDS:
            for language, text in value.items():
                submission.save_fields(version, owner, texts={name: text}, language=language)
        else:
            submission.save_fields(version, owner, values={name: value})
    submission.submit(version, owner)
    _backdate(version, "transition:submit", when)
    return version


# What the owner answered, by the state the request is in.
OUTCOMES = {
    Replication.State.ANSWERED: replication.Outcome.ANSWER,
    Replication.State.CONFIRMED: replication.Outcome.CONFIRM,
}


def _replication(innovation, person, row) -> None:
    """A request to replicate, and the owner's answer, through services.replication."""
    innovation.refresh_from_db()
    request = replication.request_replication(
        innovation,
        person,
        country=row["country"],
        organisation=row["organisation"],
        plan=row["plan"],
    )
    if row["state"] in OUTCOMES:
        replication.answer_replication(
            request, innovation.owner, outcome=OUTCOMES[row["state"]], answer=row["answer"]
        )
