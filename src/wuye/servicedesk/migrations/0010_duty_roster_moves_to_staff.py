"""The duty roster lives in the staff app's rosters (copied by staff 0002)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('servicedesk', '0009_messages_move_to_core_inbox'),
        ('staff', '0002_duty_roster'),
    ]

    operations = [
        migrations.DeleteModel(
            name='DutyRoster',
        ),
    ]
