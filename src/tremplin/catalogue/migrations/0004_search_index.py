"""The catalogue's full-text index (see catalogue/search.py): on SQLite an FTS5 table of stemmed
text, one row per innovation (rowid = its id) with head, text and facets columns per platform
language (if settings.LANGUAGES changes, drop the table, migrate again from 0003 and run
`tremplin manage catalogue_reindex`), on PostgreSQL a stored tsvector column on SearchDocument,
built with the document language's text search configuration, and its GIN index. Nothing is
created on the other database; no extension is needed."""

from django.conf import settings
from django.db import migrations

# SearchDocument.body is "head \f text \f facets", already folded (search.document_body).
CONFIG = (
    "CASE language WHEN 'fr' THEN 'french'::regconfig WHEN 'en' THEN 'english'::regconfig "
    "WHEN 'es' THEN 'spanish'::regconfig ELSE 'simple'::regconfig END"
)
VECTOR = " || ".join(
    f"setweight(to_tsvector({CONFIG}, split_part(body, E'\\f', {part})), '{weight}')"
    for part, weight in ((1, "A"), (2, "B"), (3, "C"))
)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        columns = ", ".join(
            f"{section}_{code}" for code, _name in settings.LANGUAGES for section in "htf"
        )
        try:
            schema_editor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS catalogue_search_fts USING fts5("
                f"innovation UNINDEXED, {columns}, "
                "tokenize = 'unicode61 remove_diacritics 2')"
            )
        except Exception:  # noqa: BLE001, S110 - SQLite without FTS5: search falls back to LIKE
            pass
    elif vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE catalogue_searchdocument ADD COLUMN IF NOT EXISTS search_vector tsvector "
            f"GENERATED ALWAYS AS ({VECTOR}) STORED"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS catalogue_searchdocument_vector "
            "ON catalogue_searchdocument USING gin (search_vector)"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS catalogue_search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalogue_searchdocument_vector")
        schema_editor.execute(
            "ALTER TABLE catalogue_searchdocument DROP COLUMN IF EXISTS search_vector"
        )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_opendata_licence_default")]
    operations = [migrations.RunPython(create, drop)]
