from django.db import migrations


def fill(apps, schema_editor):
    from tremplin.catalogue.reference_data import sync_target_publics

    sync_target_publics(apps)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
