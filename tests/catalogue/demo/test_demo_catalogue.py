"""The catalogue's demo data: the accelerator's laureates published, innovations of other
national societies in their own language, a moderation queue, and the searches of the issue's
"Done means" ("personnes âgées", "mayores", "refugees") finding the right records."""

from __future__ import annotations

import pytest
from django.db.models import Q

from tests.catalogue.demo.support import load_catalogue_demo
from tremplin.acceleration.models import LaureateProject
from tremplin.catalogue import search
from tremplin.catalogue.models import (
    MAX_PUBLICS,
    MAX_SDGS,
    MAX_THEMES,
    Follow,
    Innovation,
    InnovationVersion,
    Replication,
    SocietyPolicy,
    TargetPublic,
)
from tremplin.core.history import history_of
from tremplin.demo import catalogue, dataset, files
from tremplin.messaging.models import Message

pytestmark = pytest.mark.django_db
S = InnovationVersion.State

# What the searches of the "Done means" must find, and nothing else: "personnes âgées" and
# "mayores" the records about older people, "refugees" those about migrants and refugees.
OLDER_PEOPLE = {
    "rencontres-aux-pot-ages",
    "arbitryum",
    "croix-rouge-mobilites",
    "te-acompanamos",
    "friendly-calls",
    "heatwave-watch",
}
REFUGEES = {
    "wero",
    "aalia-tech",
    "itinerarios-empleo-personas-refugiadas",
    "mobile-clinics-bekaa",
    "ateliers-numeriques-centres-accueil",
}


@pytest.fixture
def demo(db):
    return load_catalogue_demo()


def test_the_whole_demo_loads_the_catalogue(db):
    counts = dataset.load()
    assert counts["innovations"] == Innovation.objects.count() == len(files.read("innovations"))
    assert counts["published innovations"] == published().count() >= 20


def published():
    return Innovation.objects.filter(published__isnull=False).select_related("published")


def test_every_laureate_of_the_accelerator_is_a_published_innovation(demo):
    laureates = {p.name.split(" (")[0] for p in LaureateProject.objects.all()}
    in_catalogue = {r["laureate"] for r in files.read("innovations") if "laureate" in r}
    # Arkhn and Jalgos share one record (OQAPI, the tool they built together).
    assert laureates - {"Jalgos"} == in_catalogue
    slugs = {r["slug"] for r in files.read("innovations") if "laureate" in r}
    assert set(published().filter(slug__in=slugs).values_list("slug", flat=True)) == slugs
    minutis = Innovation.objects.get(slug="minutis")
    assert minutis.published.title.in_language("fr") == "Minutis"
    assert minutis.published.original_language == "fr"
    assert set(minutis.published.languages) == {"fr", "en", "es"}


def test_innovations_from_several_national_societies_in_their_own_language(demo):
    societies = {
        (i.published.national_society.name, i.published.original_language)
        for i in published().select_related("published__national_society")
    }
    assert {
        ("Croix-Rouge française", "fr"),
        ("Cruz Roja Española", "es"),
        ("Croix-Rouge canadienne", "en"),
        ("Croce Rossa Italiana", "en"),
        ("Croix-Rouge libanaise", "ar"),
        ("Croix-Rouge de Belgique", "fr"),
        ("Croix-Rouge sénégalaise", "fr"),
    } <= societies
    countries = set(published().values_list("country", flat=True))
    assert {"FR", "ES", "CA", "IT", "LB", "BE", "SN"} <= countries


def test_published_records_are_complete_and_within_the_limits(demo):
    for innovation in published().prefetch_related(
        "published__publics", "published__business_lines", "published__sdgs", "published__figures"
    ):
        version = innovation.published
        assert version.state == S.PUBLISHED
        assert innovation.published_at and innovation.first_published_at
        assert innovation.country == version.country and innovation.stage == version.stage
        for name in InnovationVersion.TEXT_FIELDS:
            assert getattr(version, name).in_language(version.original_language), (
                innovation.slug,
                name,
            )
        assert set(version.attestations) == {"need", "innovation", "impact", "strategic"}
        assert 1 <= version.publics.count() <= MAX_PUBLICS
        assert 1 <= version.business_lines.count() <= MAX_THEMES
        assert 1 <= version.sdgs.count() <= MAX_SDGS
        for figure in version.figures.all():
            assert figure.source and figure.measured_on
        assert version.reviews.filter(decision="accept").exists()
        actions = [e.action for e in history_of(version)]
        assert "transition:submit" in actions and "transition:publish" in actions
        assert innovation.search_documents.exists()


def test_a_moderation_queue_with_a_society_validation_and_changes_requested(demo):
    states = dict(
        InnovationVersion.objects.filter(number=1).values_list("innovation__slug", "state")
    )
    assert states["proches-aidants-en-ligne"] == S.SUBMITTED
    assert states["epicerie-solidaire-en-ligne"] == S.CHANGES_REQUESTED
    assert states["secourisme-a-l-ecole"] == S.SOCIETY_REVIEW

    moroccan = InnovationVersion.objects.get(innovation__slug="secourisme-a-l-ecole")
    policy = SocietyPolicy.objects.get(society=moroccan.national_society)
    assert policy.requires_validation
    validator = policy.validators.get()
    assert validator.has_perm("catalogue.validate_for_society", moroccan)
    assert moroccan.original_language == "ar"

    changes = InnovationVersion.objects.get(innovation__slug="epicerie-solidaire-en-ligne")
    assert changes.author.email == "applicant@example.org"  # a printed demo account
    assert changes.reviews.get().decision == "changes"
    assert changes.author.has_perm("catalogue.edit_version", changes)
    # The submitter was told, in the platform's messages.
    assert Message.objects.filter(recipient=changes.author).exists()

    # A newer version waits for moderation while the first one stays online.
    toutes = Innovation.objects.get(slug="toutes-mes-aides")
    assert toutes.published.number == 1
    assert toutes.versions.get(number=2).state == S.SUBMITTED

    moderator = dataset.Person.objects.get(email=catalogue.MODERATOR)
    assert moderator.has_perm("catalogue.moderate")
    pending = InnovationVersion.objects.filter(state=S.SUBMITTED)
    assert all(moderator.has_perm("catalogue.moderate_version", v) for v in pending)
    assert pending.count() == 2


def test_replications_and_follows(demo):
    minutis = Replication.objects.filter(innovation__slug="minutis")
    assert set(minutis.values_list("country", "state")) == {
        ("BE", Replication.State.CONFIRMED),
        ("LU", Replication.State.ANSWERED),
    }
    assert Replication.objects.filter(state=Replication.State.PROPOSED).count() == 1
    assert Follow.objects.filter(person__email="applicant@example.org").exists()


def tagged(publics=(), themes=()):
    return set(
        published()
        .filter(
            Q(published__publics__code__in=publics) | Q(published__business_lines__code__in=themes)
        )
        .values_list("slug", flat=True)
    )


def mentioning(language, stem):
    return {
        innovation.slug
        for innovation in published()
        if any(
            stem in getattr(innovation.published, name).in_language(language).casefold()
            for name in InnovationVersion.TEXT_FIELDS
        )
    }


def test_the_data_answers_the_three_searches_of_the_done_means(demo):
    # Search documents hold the facet names in every language ("Personnes âgées", "Personas
    # mayores", "Migrants and refugees"), so the records tagged so are what must be found...
    assert tagged(publics=["older-people"], themes=["elderly"]) == OLDER_PEOPLE
    assert tagged(publics=["migrants"]) == REFUGEES
    # ... and no other record uses those words in its own text.
    assert mentioning("fr", "âgé") <= OLDER_PEOPLE
    assert mentioning("es", "mayor") <= OLDER_PEOPLE
    assert mentioning("en", "refugee") <= REFUGEES
    assert mentioning("fr", "personnes âgées") and mentioning("es", "personas mayores")
    assert mentioning("en", "refugees") == REFUGEES


def test_the_three_searches_of_the_done_means_find_the_right_records(demo):
    for words, expected in [
        ("personnes âgées", OLDER_PEOPLE),
        ("personnes agees", OLDER_PEOPLE),
        ("mayores", OLDER_PEOPLE),
        ("refugees", REFUGEES),
    ]:
        results = search.search(search.Query(text=words, per_page=50))
        found = set(Innovation.objects.filter(pk__in=results.ids).values_list("slug", flat=True))
        assert found == expected, words
        assert results.total == len(expected)


def test_loads_after_a_flush_emptied_the_target_publics(db):
    # A transactional test (the browser tests) empties every table, data migrations' too.
    TargetPublic.objects.all().delete()
    load_catalogue_demo()
    assert published().filter(published__publics__code="older-people").exists()
