"""The migration that turned the profile's organisation into affiliations: every existing choice
becomes a declared affiliation awaiting verification (nobody ever verified it), with its first
history entry; the migration can be undone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0004_affiliation")]
AFTER = [("accounts", "0006_remove_person_organisation")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_profile_organisations_become_pending_affiliations_and_back():
    apps = migrate(BEFORE)
    Person = apps.get_model("accounts", "Person")
    Organisation = apps.get_model("accounts", "Organisation")
    nexem = Organisation.objects.create(name="Nexem", kind="partner")
    chosen = Person.objects.create(
        email="partner@example.org", full_name="Camille", organisation=nexem
    )
    Person.objects.create(email="nobody@example.org")

    apps = migrate(AFTER)

    Affiliation = apps.get_model("accounts", "Affiliation")
    HistoryEntry = apps.get_model("core", "HistoryEntry")
    [affiliation] = Affiliation.objects.all()
    assert (affiliation.person_id, affiliation.organisation_id, affiliation.state) == (
        chosen.pk,
        nexem.pk,
        "pending",
    )
    [entry] = HistoryEntry.objects.filter(target_id=str(affiliation.pk))
    assert (entry.action, entry.actor_id, entry.to_state) == (
        "affiliation_declared",
        None,
        "pending",
    )
    assert entry.target_type.model == "affiliation"

    apps = migrate(BEFORE)
    Person = apps.get_model("accounts", "Person")
    assert Person.objects.get(pk=chosen.pk).organisation_id == nexem.pk
    assert Person.objects.get(email="nobody@example.org").organisation_id is None
    migrate(AFTER)
