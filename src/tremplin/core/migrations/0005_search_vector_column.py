"""On PostgreSQL, keep each entry's tsvector in a stored column with its GIN index, so that a
search matching most documents does not compute to_tsvector for every row."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS core_searchentry_body_fts")
    schema_editor.execute(
        "ALTER TABLE core_searchentry ADD COLUMN IF NOT EXISTS body_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS core_searchentry_body_vector ON core_searchentry "
        "USING gin (body_vector)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS core_searchentry_body_vector")
    schema_editor.execute("ALTER TABLE core_searchentry DROP COLUMN IF EXISTS body_vector")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS core_searchentry_body_fts ON core_searchentry "
        "USING gin (to_tsvector('simple', body))"
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0004_verbose_names")]
    operations = [migrations.RunPython(create, drop)]
