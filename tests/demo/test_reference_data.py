"""Reference data filled by the migrations: French regions and departments (pycountry), the
movement's business lines and the 17 SDGs, each named in the four interface languages."""

import pytest
from django.core.management import call_command
from django.utils import translation

from tremplin.reference.models import (
    BusinessLine,
    Department,
    Region,
    SustainableDevelopmentGoal,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "en", "es", "ar")
OVERSEAS = {"FR-971", "FR-972", "FR-973", "FR-974", "FR-976"}


def test_eighteen_regions_thirteen_metropolitan_and_five_overseas():
    assert Region.objects.count() == 18
    kinds = {kind: set() for kind in Region.Kind.values}
    for region in Region.objects.all():
        kinds[region.kind].add(region.code)
    assert len(kinds[Region.Kind.METROPOLITAN]) == 13
    assert kinds[Region.Kind.OVERSEAS] == OVERSEAS
    assert {"FR-IDF", "FR-ARA", "FR-PAC", "FR-BRE", "FR-20R"} <= kinds[Region.Kind.METROPOLITAN]


def test_a_hundred_and_one_departments_each_in_a_region():
    departments = list(Department.objects.select_related("region"))
    assert len(departments) == 101
    assert len({d.code for d in departments}) == 101
    by_code = {d.code: d for d in departments}
    assert by_code["75"].region.code == "FR-IDF"
    assert by_code["13"].region.code == "FR-PAC"
    assert by_code["2A"].region.code == by_code["2B"].region.code == "FR-20R"
    assert by_code["67"].region.code == by_code["68"].region.code == "FR-GES"
    for code in ("971", "972", "973", "974", "976"):
        assert by_code[code].region.code == f"FR-{code}"
    assert all(d.region_id for d in departments)
    # Every region has at least one department.
    assert {d.region.code for d in departments} == set(
        Region.objects.values_list("code", flat=True)
    )


def test_sixteen_business_lines_named_in_four_languages():
    lines = list(BusinessLine.objects.all())
    assert len(lines) == 16
    for line in lines:
        for language in LANGUAGES:
            assert line.name.in_language(language), (line.code, language)
    assert [line.position for line in lines] == sorted(line.position for line in lines)


def test_seventeen_sdgs_named_in_four_languages():
    goals = list(SustainableDevelopmentGoal.objects.all())
    assert [goal.number for goal in goals] == list(range(1, 18))
    for goal in goals:
        for language in LANGUAGES:
            assert goal.name.in_language(language), (goal.number, language)
    first = goals[0]
    assert first.name.in_language("fr") == "Pas de pauvreté"
    assert first.name.in_language("es") == "Fin de la pobreza"
    with translation.override("ar"):
        assert str(first) == "1. القضاء على الفقر"


def test_region_names_follow_the_reader_language():
    region = Region.objects.get(code="FR-BRE")
    with translation.override("fr"):
        assert region.display_name == "Bretagne"
    with translation.override("es"):
        spanish = region.display_name
    assert spanish


def test_sync_reference_is_idempotent():
    before = (
        Region.objects.count(),
        Department.objects.count(),
        BusinessLine.objects.count(),
        SustainableDevelopmentGoal.objects.count(),
    )
    call_command("sync_reference", verbosity=0)
    call_command("sync_reference", verbosity=0)
    after = (
        Region.objects.count(),
        Department.objects.count(),
        BusinessLine.objects.count(),
        SustainableDevelopmentGoal.objects.count(),
    )
    assert before == after == (18, 101, 16, 17)
