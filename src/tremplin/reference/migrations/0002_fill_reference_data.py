from django.db import migrations


def fill(apps, schema_editor):
    from tremplin.reference.sync import sync_all

    sync_all(apps)


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
