from django.db import migrations


class Migration(migrations.Migration):
    """The facilities app; each area's tables follow in their own migrations."""

    initial = True

    dependencies = []

    operations = []
