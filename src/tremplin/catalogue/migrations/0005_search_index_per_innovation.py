"""The catalogue's full-text index, second layout (see catalogue/search.py): facet values are
indexed with the words, so that the index itself intersects words and facet filters.

- SQLite: the FTS5 table gets a column `fv` (facet tokens); FTS5 tables cannot be altered, so
  it is created again.
- PostgreSQL: one row per innovation in `catalogue_search_vector` (model SearchVector: a tsvector of
  language-prefixed stems computed in Python, the same analysis as on SQLite, plus the facet
  tokens; and its publication date and facet values, read by the page and the counts) with a GIN index, instead of the generated column of each SearchDocument.

The new index is empty: after `migrate`, catalogue.apps rebuilds it from the published
innovations (`indexing.reindex_all`, with the models as they are once every migration ran)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import tremplin.catalogue.models

FTS_COLUMNS = ", ".join(
    f"{section}_{code}" for code, _name in settings.LANGUAGES for section in "htf"
)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS catalogue_search_fts")
        try:
            schema_editor.execute(
                "CREATE VIRTUAL TABLE catalogue_search_fts USING fts5("
                f"innovation UNINDEXED, {FTS_COLUMNS}, fv, "
                "tokenize = 'unicode61 remove_diacritics 2')"
            )
        except Exception:  # noqa: BLE001, S110 - SQLite without FTS5: search falls back to LIKE
            pass
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalogue_searchdocument_vector")
        schema_editor.execute(
            "ALTER TABLE catalogue_searchdocument DROP COLUMN IF EXISTS search_vector"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS catalogue_search_vector_gin "
            "ON catalogue_search_vector USING gin (vector)"
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS catalogue_search_fts")
        try:
            schema_editor.execute(
                "CREATE VIRTUAL TABLE catalogue_search_fts USING fts5("
                f"innovation UNINDEXED, {FTS_COLUMNS}, "
                "tokenize = 'unicode61 remove_diacritics 2')"
            )
        except Exception:  # noqa: BLE001, S110
            pass
    elif vendor == "postgresql":
        from importlib import import_module

        previous = import_module("tremplin.catalogue.migrations.0004_search_index")
        schema_editor.execute("DROP INDEX IF EXISTS catalogue_search_vector_gin")
        previous.create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_search_index")]
    operations = [
        migrations.CreateModel(
            name="SearchVector",
            fields=[
                (
                    "innovation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="catalogue.innovation",
                        verbose_name="innovation",
                    ),
                ),
                (
                    "vector",
                    tremplin.catalogue.models.VectorField(verbose_name="search vector"),
                ),
                ("published_at", models.DateTimeField(null=True, verbose_name="published")),
                *[
                    (f"f_{facet}", tremplin.catalogue.models.FacetListField(verbose_name=label))
                    for facet, label in (
                        ("theme", "themes"),
                        ("public", "publics"),
                        ("country", "country"),
                        ("sdg", "SDGs"),
                        ("stage", "stage"),
                    )
                ],
            ],
            options={
                "verbose_name": "search vector",
                "verbose_name_plural": "search vectors",
                "db_table": "catalogue_search_vector",
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
