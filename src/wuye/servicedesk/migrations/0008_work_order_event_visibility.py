"""Each line of a work order's timeline says who reads it: staff only, the owner without
its note (the progress of the request), or the owner with its note (a reply, or the
owner's own words).

Existing lines are classified as the workflow now writes them: the milestones an owner
follows are progress, the result of the work and the owner's score are the owner's, the
owner's own notes (chasing, reopening, cancelling, commenting) stay theirs, and every
other note — dispatch, transfer, hold, supervisors', the complaint checklist — is kept
internal.
"""

from django.db import migrations, models
from django.db.models import F, Q

PROGRESS = ("submit", "accept", "dispatch", "start", "visit", "close", "reopen", "cancel", "photo")
OWNER = ("resolve", "rate")
RESIDENT_CHANNELS = ("portal", "app")


def classify(apps, schema_editor):
    Event = apps.get_model("servicedesk", "WorkOrderEvent")
    Event.objects.filter(action__in=PROGRESS).update(visibility="progress")
    Event.objects.filter(action__in=OWNER).update(visibility="owner")
    # Written by the owner: the resident the order was reported for, or the resident who
    # reported it through the portal or the app (staff who receive a call report it too).
    by_owner = Event.objects.filter(
        Q(actor_id=F("order__reporter_resident__user_id"))
        | Q(actor_id=F("order__reporter_user_id"), order__channel__in=RESIDENT_CHANNELS),
        actor_id__isnull=False,
    )
    Event.objects.filter(pk__in=by_owner.values("pk")).update(visibility="owner")


class Migration(migrations.Migration):
    dependencies = [
        ("servicedesk", "0007_repair_charges_settings_and_item_approval"),
    ]

    operations = [
        migrations.AddField(
            model_name="workorderevent",
            name="visibility",
            field=models.CharField(
                choices=[
                    ("internal", "Staff only"),
                    ("progress", "Progress shown to the owner, note kept internal"),
                    ("owner", "Reply to the owner"),
                ],
                default="internal",
                max_length=10,
                verbose_name="visibility",
            ),
        ),
        migrations.RunPython(classify, migrations.RunPython.noop),
    ]
