"""The organisation people chose in their profile becomes a declared affiliation, awaiting
verification: nobody ever verified it, so it no longer decides anything until staff do (the
staff's affiliation page lists them). Each gets its first history entry, by the platform."""

from django.db import migrations
from django.utils import timezone

REASON = "Organisation chosen in the profile before affiliations were verified."


def to_affiliations(apps, schema_editor):
    Person = apps.get_model("accounts", "Person")
    Affiliation = apps.get_model("accounts", "Affiliation")
    HistoryEntry = apps.get_model("core", "HistoryEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    alias = schema_editor.connection.alias
    people = (
        Person.objects.using(alias)
        .filter(organisation__isnull=False)
        .select_related("organisation")
        .order_by("pk")
    )
    if not people.exists():
        return
    content_type, _created = ContentType.objects.using(alias).get_or_create(
        app_label="accounts", model="affiliation"
    )
    now = timezone.now()
    batch = 500
    # Already there (the migration undone, then applied again): not declared twice.
    existing = set(
        Affiliation.objects.using(alias)
        .filter(state__in=["pending", "verified"])
        .values_list("person_id", "organisation_id")
    )
    for start in range(0, people.count(), batch):
        chunk = [
            p
            for p in people[start : start + batch]
            if (p.pk, p.organisation_id) not in existing
        ]
        if not chunk:
            continue
        Affiliation.objects.using(alias).bulk_create(
            [
                Affiliation(person=p, organisation=p.organisation, state="pending", declared_at=now)
                for p in chunk
            ]
        )
        # Read the primary keys back rather than rely on bulk_create setting them (it depends
        # on the database).
        created = {
            (person_id, organisation_id): pk
            for person_id, organisation_id, pk in Affiliation.objects.using(alias)
            .filter(person__in=chunk, state="pending")
            .values_list("person_id", "organisation_id", "pk")
        }
        HistoryEntry.objects.using(alias).bulk_create(
            [
                HistoryEntry(
                    at=now,
                    actor=None,
                    actor_name="",
                    target_type=content_type,
                    target_id=str(created[p.pk, p.organisation_id]),
                    target_repr=f"{p.full_name or p.email} – {p.organisation.name}"[:300],
                    action="affiliation_declared",
                    to_state="pending",
                    reason=REASON,
                    data={"migrated_from": "person.organisation"},
                )
                for p in chunk
            ]
        )


def to_profile_organisations(apps, schema_editor):
    """Back: each person's most recent live affiliation (verified first) in the profile."""
    Person = apps.get_model("accounts", "Person")
    Affiliation = apps.get_model("accounts", "Affiliation")
    alias = schema_editor.connection.alias
    chosen = {}
    for person_id, organisation_id in (
        Affiliation.objects.using(alias)
        .filter(state__in=["pending", "verified"])
        .order_by("state", "declared_at", "pk")  # "pending" < "verified": verified ones last
        .values_list("person_id", "organisation_id")
    ):
        chosen[person_id] = organisation_id
    for person_id, organisation_id in chosen.items():
        Person.objects.using(alias).filter(pk=person_id).update(organisation_id=organisation_id)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_affiliation'),
        ('core', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.RunPython(to_affiliations, to_profile_organisations),
    ]
