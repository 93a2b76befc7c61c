"""Receipts name the payer (交款人). Payments taken before name the home's owners on the day
the money was received, as their receipts will from now on."""

from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations, models

BATCH = 1000


def name_earlier_payers(apps, schema_editor):
    Payment = apps.get_model("billing", "Payment")
    Residency = apps.get_model("estates", "Residency")
    zone = ZoneInfo(settings.TIME_ZONE)
    owners = defaultdict(list)
    for residency in (
        Residency.objects.filter(relation="owner")
        .select_related("resident")
        .order_by("resident__name")
        .iterator()
    ):
        owners[residency.unit_id].append(residency)
    changed = []
    earlier = Payment.objects.filter(payer_name="").only("pk", "unit_id", "received_at")
    for payment in earlier.iterator(chunk_size=BATCH):
        day = payment.received_at.astimezone(zone).date()
        names = [
            r.resident.name
            for r in owners[payment.unit_id]
            if r.start_date <= day and (r.end_date is None or r.end_date > day)
        ]
        payment.payer_name = "、".join(names)[:100]
        if payment.payer_name:
            changed.append(payment)
        if len(changed) == BATCH:
            Payment.objects.bulk_update(changed, ["payer_name"])
            changed = []
    Payment.objects.bulk_update(changed, ["payer_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0004_fee_item_season"),
        ("estates", "0002_natural_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="payment",
            name="payer_name",
            field=models.CharField(blank=True, max_length=100, verbose_name="payer"),
        ),
        migrations.RunPython(name_earlier_payers, migrations.RunPython.noop),
    ]
