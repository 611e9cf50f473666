from django.db import migrations

from tremplin.catalogue.target_publics import sync_target_publics


def fill(apps, schema_editor):
    sync_target_publics(apps)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
