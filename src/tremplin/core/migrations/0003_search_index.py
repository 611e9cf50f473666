"""The full-text index over SearchEntry.body: an FTS5 table on SQLite (its rowid is the entry's
id), a GIN index on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        try:
            schema_editor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS core_search_fts USING fts5("
                "body, tokenize = 'unicode61 remove_diacritics 2')"
            )
        except Exception:  # noqa: BLE001, S110 - SQLite without FTS5: search falls back to LIKE
            pass
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS core_searchentry_body_fts ON core_searchentry "
            "USING gin (to_tsvector('simple', body))"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS core_search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS core_searchentry_body_fts")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_searchentry")]
    operations = [migrations.RunPython(create, drop)]
