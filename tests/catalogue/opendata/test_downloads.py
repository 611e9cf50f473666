"""The CSV and JSON downloads: only published records, one CSV row per record and language,
stable columns, formulas neutralised, the licence everywhere, and a number of queries that
does not grow with the number of records."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.catalogue.factories import make_innovation
from tremplin.catalogue import export, opendata_text
from tremplin.catalogue.models import ImpactFigure, Innovation, InnovationVersion, Resource

pytestmark = pytest.mark.django_db
S = InnovationVersion.State
DOCS = Path(__file__).resolve().parents[3] / "docs" / "catalogue-open-data.md"


def body_of(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def csv_of(client, **params) -> list[dict]:
    response = client.get(reverse("catalogue:opendata_csv"), params)
    text = body_of(response)
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def json_of(client) -> dict:
    return json.loads(body_of(client.get(reverse("catalogue:opendata_json"))))


def offline_records():
    """Records that must never appear: a draft, one awaiting moderation, a rejected one, a
    withdrawn one, one taken down (published pointer cleared) and one whose pointer still
    designates a version that is no longer published."""
    for state in (S.DRAFT, S.SUBMITTED, S.REJECTED, S.WITHDRAWN, S.CHANGES_REQUESTED):
        make_innovation(title=f"Secret {state}", state=state, pitch="Hidden pitch")
    taken_down = make_innovation(title="Secret taken down")
    taken_down.published.state = S.WITHDRAWN
    taken_down.published.save()
    Innovation.objects.filter(pk=taken_down.pk).update(published=None)
    stale = make_innovation(title="Secret stale pointer")
    InnovationVersion.objects.filter(pk=stale.published_id).update(state=S.WITHDRAWN)


def test_only_published_records_are_exported(client):
    online = make_innovation(title={"fr": "En ligne", "en": "Online"}, pitch="Visible")
    # A newer draft of a published record: its published text is exported, not the draft's.
    InnovationVersion.objects.create(
        innovation=online,
        number=2,
        author=online.owner,
        original_language="fr",
        title={"fr": "Brouillon secret"},
        state=S.DRAFT,
    )
    offline_records()
    rows = csv_of(client)
    assert {row["slug"] for row in rows} == {online.slug}
    data = json_of(client)
    assert [item["slug"] for item in data["innovations"]] == [online.slug]
    everything = json.dumps(data) + json.dumps(rows)
    assert "Secret" not in everything
    assert "Brouillon" not in everything
    assert "Hidden" not in everything


def test_csv_has_one_row_per_record_and_language(client):
    innovation = make_innovation(
        title={"fr": "Aide aux aînés", "es": "Ayuda a mayores"},
        pitch={"fr": "Une phrase", "es": "Una frase"},
        need={"fr": "Le besoin"},
        themes=["elderly"],
        publics=["older-people", "isolated"],
        sdgs=[3, 10],
        country="ES",
        stage="deployed",
        original_language="es",
    )
    rows = csv_of(client)
    assert [row["language"] for row in rows] == ["es", "fr"]  # the original first
    spanish, french = rows
    assert spanish["title"] == "Ayuda a mayores"
    assert spanish["is_original_language"] == "1"
    assert french["is_original_language"] == "0"
    assert french["need"] == "Le besoin"
    assert spanish["need"] == ""  # no fallback inside a row
    assert spanish["themes"] == "elderly"
    assert spanish["publics"] == "older-people|isolated"
    assert spanish["sdgs"] == "3|10"
    assert spanish["country"] == "ES"
    assert french["country_name"] == "Espagne"
    assert spanish["country_name"] == "España"
    assert french["theme_names"] != spanish["theme_names"]  # names in the row's language
    assert spanish["stage"] == "deployed"
    assert spanish["url"] == f"http://testserver/innovations/{innovation.slug}/"
    assert spanish["licence"] == "CC-BY-4.0"
    assert spanish["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert spanish["published_at"].endswith("Z")


def test_csv_columns_encoding_and_headers(client):
    make_innovation(title="Élan")
    response = client.get(reverse("catalogue:opendata_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="innovations-')
    assert response["Access-Control-Allow-Origin"] == "*"
    assert 'rel="license"' in response["Link"]
    text = body_of(response)
    assert text.startswith("\ufeffslug,url,language,")
    header = next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert header == export.CSV_COLUMNS
    assert "\r\n" in text
    without = body_of(client.get(reverse("catalogue:opendata_csv"), {"bom": "0"}))
    assert without.startswith("slug,")


def test_csv_neutralises_formulas(client):
    make_innovation(
        title='=HYPERLINK("http://evil.example","x")',
        pitch="  +33 1 23",
        need="-2+3",
        solution="@SUM(A1)",
        results="Normal text with = inside",
        carrying_organisation="  =cmd",
    )
    (row,) = csv_of(client)
    assert row["title"] == '\'=HYPERLINK("http://evil.example","x")'
    assert row["pitch"] == "'+33 1 23"  # texts are stripped, then neutralised
    assert row["need"] == "'-2+3"
    assert row["solution"] == "'@SUM(A1)"
    assert row["results"] == "Normal text with = inside"
    assert row["carrying_organisation"] == "'  =cmd"


def test_csv_texts_are_plain_text(client):
    make_innovation(need="<p>Aide &amp; soutien</p><p>Deux<br>lignes</p><ul><li>un</li></ul>")
    (row,) = csv_of(client)
    assert row["need"] == "Aide & soutien\nDeux\nlignes\nun"


def test_json_has_one_object_per_record_with_its_translations(client):
    innovation = make_innovation(
        title={"fr": "Titre", "en": "Title"},
        pitch={"fr": "<p>Phrase &amp; plus</p>"},
        themes=["health"],
        sdgs=[3],
        duration_months=6,
        cost_range="10k-50k",
    )
    version = innovation.published
    version.moderator_translations = {"en": ["title"]}
    version.save()
    ImpactFigure.objects.create(
        version=version,
        label={"fr": "Personnes aidées"},
        value=Decimal("1200"),
        unit="personnes",
        source="Rapport 2021",
        measured_on=date(2021, 6, 30),
    )
    Resource.objects.create(version=version, title="Guide", url="https://example.org/guide")
    data = json_of(client)
    assert data["default_licence"]["id"] == "CC-BY-4.0"
    assert data["documentation"].endswith(reverse("catalogue:opendata"))
    assert data["vocabularies"]["themes"]["health"]["fr"]
    assert set(data["vocabularies"]["stages"]) == {
        "idea",
        "prototype",
        "pilot",
        "deployed",
        "scaled",
    }
    (item,) = data["innovations"]
    assert item["title"] == {"fr": "Titre", "en": "Title"}
    assert item["pitch"] == {"fr": "<p>Phrase &amp; plus</p>"}  # as stored, sanitised
    assert item["languages"] == ["fr", "en"]
    assert item["translated_by_moderators"] == {"en": ["title"]}
    assert item["themes"] == ["health"]
    assert item["sdgs"] == [3]
    assert item["duration_months"] == 6
    assert item["cost_range"] == "10k-50k"
    assert item["impact_figures"] == [
        {
            "label": {"fr": "Personnes aidées"},
            "value": "1200.00",
            "unit": "personnes",
            "source": "Rapport 2021",
            "measured_on": "2021-06-30",
        }
    ]
    assert item["links"] == [{"title": "Guide", "url": "https://example.org/guide"}]
    assert item["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert set(item) == set(opendata_text.JSON_HELP)
    assert "contact" not in json.dumps(item)


def test_exports_do_not_publish_contact_details(client):
    make_innovation(contact_name="Jeanne Contact", contact_email="jeanne@example.org")
    text = body_of(client.get(reverse("catalogue:opendata_csv")))
    text += body_of(client.get(reverse("catalogue:opendata_json")))
    assert "jeanne" not in text.lower()


def test_licence_per_record_and_from_the_setting(client, settings):
    settings.TREMPLIN_CATALOGUE_LICENCE = "CC-BY-SA-4.0"
    shared_alike = make_innovation(title="Partage")
    assert shared_alike.licence == "CC-BY-SA-4.0"
    public_domain = make_innovation(title="Domaine public")
    Innovation.objects.filter(pk=public_domain.pk).update(licence="CC0-1.0")
    rows = {row["slug"]: row for row in csv_of(client)}
    assert rows[shared_alike.slug]["licence"] == "CC-BY-SA-4.0"
    assert rows[public_domain.slug]["licence_url"].startswith(
        "https://creativecommons.org/publicdomain/zero/"
    )
    data = json_of(client)
    assert data["default_licence"]["id"] == "CC-BY-SA-4.0"
    licences = {item["slug"]: item["licence"]["id"] for item in data["innovations"]}
    assert licences == {shared_alike.slug: "CC-BY-SA-4.0", public_domain.slug: "CC0-1.0"}


def _queries_of(client, name) -> int:
    with CaptureQueriesContext(connection) as queries:
        body_of(client.get(reverse(name)))
    return len(queries)


@pytest.mark.parametrize("name", ["catalogue:opendata_csv", "catalogue:opendata_json"])
def test_streamed_exports_make_a_bounded_number_of_queries(client, name, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_SIZE", 2)  # several chunks even with few records

    def add(count):
        for number in range(count):
            innovation = make_innovation(
                title={"fr": f"Titre {number}", "en": f"Title {number}"},
                themes=["health", "elderly"],
                publics=["migrants"],
                sdgs=[1, 3],
            )
            ImpactFigure.objects.create(
                version=innovation.published,
                label={"fr": "x"},
                value=1,
                source="s",
                measured_on=date(2020, 1, 1),
            )
            Resource.objects.create(version=innovation.published, title="r", url="https://x.org")

    add(2)
    few = _queries_of(client, name)
    add(13)
    many = _queries_of(client, name)
    assert many == few
    assert many <= 12


def test_records_stream_is_not_read_at_once(monkeypatch):
    """The records come from iterator(): a generator reading in chunks, not a list."""
    make_innovation()
    records = export.iter_records(export.Vocabularies())
    assert iter(records) is records
    assert next(records).innovation.published_id


def test_the_documentation_describes_every_column_and_field(client):
    text = DOCS.read_text(encoding="utf-8")
    for name in export.CSV_COLUMNS:
        assert f"`{name}`" in text, name
    for name in opendata_text.JSON_HELP:
        assert f"`{name}`" in text, name
    assert set(opendata_text.CSV_HELP) == set(export.CSV_COLUMNS)
    page = client.get(reverse("catalogue:opendata"))
    assert page.status_code == 200
    content = page.content.decode()
    for name in [*export.CSV_COLUMNS, *opendata_text.JSON_HELP]:
        assert f"<code>{name}</code>" in content
    assert "https://creativecommons.org/licenses/by/4.0/" in content
