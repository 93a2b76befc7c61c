"""Timelines written before each line said who reads it are classified as the workflow now
writes them: the owner keeps their milestones and their own words, staff's notes stay
internal."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wuye.servicedesk.models import WorkOrderEvent

from .fixtures import MONDAY_10

BEFORE = ("servicedesk", "0006_notification_language")


@pytest.mark.django_db(transaction=True)
def test_existing_timelines_are_classified_owner_progress_or_internal(site):
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    Order, Event = (
        old.get_model("servicedesk", "WorkOrder"),
        old.get_model("servicedesk", "WorkOrderEvent"),
    )
    owner, desk, tech = site.owner, site.frontdesk, site.electrician
    resident = site.residents["owner"]
    common = {
        "community_id": site.community.pk,
        "unit_id": site.units["owner_home"].pk,
        "category": "complaint",
        "subcategory": "noise",
        "description": "Noise",
        "created_at": MONDAY_10,
    }
    by_phone = Order.objects.create(
        number="BDX-1",
        channel="hotline",
        reporter_user_id=desk.pk,
        reporter_resident_id=resident.pk,
        **common,
    )
    by_portal = Order.objects.create(
        number="BDX-2", channel="portal", reporter_user_id=owner.pk, **common
    )
    lines = {
        "submit": (by_phone, desk, ""),
        "dispatch": (by_phone, desk, "业主在家，请带水管配件"),
        "transfer": (by_phone, tech, "Needs a welder"),
        "hold": (by_phone, tech, "Waiting for parts"),
        "comment": (by_phone, site.manager, "Supervisor: watch the tone"),
        "complaint_step": (by_phone, desk, "Listen fully"),
        "resolve": (by_phone, tech, "Replaced the pipe"),
        "chase": (by_portal, owner, "Any news?"),
        "reopen": (by_portal, owner, "Still noisy"),
        "escalate": (by_phone, None, ""),
    }
    ids = {}
    for action, (order, actor, note) in lines.items():
        ids[action] = Event.objects.create(
            order_id=order.pk,
            community_id=site.community.pk,
            at=MONDAY_10,
            actor_id=actor.pk if actor else None,
            action=action,
            to_status="accepted",
            note=note,
        ).pk

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    visibility = dict(WorkOrderEvent.objects.values_list("pk", "visibility"))
    assert {action: visibility[pk] for action, pk in ids.items()} == {
        "submit": "progress",
        "dispatch": "progress",
        "transfer": "internal",
        "hold": "internal",
        "comment": "internal",
        "complaint_step": "internal",
        "resolve": "owner",
        "chase": "owner",
        "reopen": "owner",
        "escalate": "internal",
    }
