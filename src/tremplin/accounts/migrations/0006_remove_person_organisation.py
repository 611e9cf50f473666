# The profile's organisation is now an affiliation that staff verify (0005 moved the values).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_affiliations_from_profile_organisations'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='person',
            name='organisation',
        ),
    ]
