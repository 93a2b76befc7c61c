"""Equipment of the tests' Bordeaux Town: a lift with its statutory profile."""

from __future__ import annotations

from datetime import date

from wuye.facilities.equipment import services


def lift(site, *, code="LIFT-2-1", next_due: date | None = None, result="pass", **profile):
    """A lift of building 2, registered by the engineering supervisor, with its profile."""
    item = services.equipment_add(
        actor=site.engineer,
        community=site.community,
        data={
            "code": code,
            "name": "Lift 1 of building 2",
            "kind": "lift",
            "building": site.buildings[1],
            "place": "Entrance 1",
        },
    )
    services.statutory_profile_save(
        actor=site.engineer,
        equipment=item,
        data={
            "registration_code": "31104403002012060001",
            "use_certificate_number": "梯11粤B00001(12)",
            "last_inspected_on": date(2025, 6, 20) if result else None,
            "last_result": result,
            "next_inspection_due": next_due,
            "last_maintained_on": profile.pop("last_maintained_on", None),
            **profile,
        },
    )
    item.refresh_from_db()
    return item


def sweep_equipment(site, community=None, *, keeper=None) -> dict[str, int]:
    """An item of the community (Bordeaux Town's by default) for the access sweeps."""
    item = services.equipment_add(
        actor=keeper or site.engineer,
        community=community or site.community,
        data={"code": "SWEEP-PUMP", "name": "Sweep pump", "kind": "water_pump"},
    )
    return {"equipment_id": item.pk}


def png_bytes(size=(8, 8)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def sweep_document(site) -> int:
    """A nameplate photo of the sweep's pump (made by `sweep_equipment` before it)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wuye.facilities.equipment.models import Equipment

    item = Equipment.objects.get(community=site.community, code="SWEEP-PUMP")
    upload = SimpleUploadedFile("plate.png", png_bytes(), "image/png")
    document = services.document_add(
        actor=site.engineer, equipment=item, kind="nameplate", title="Plate", upload=upload
    )
    return document.pk


def sweep_rule(site) -> int:
    """One of Bordeaux Town's compliance rules (its defaults, written on first use)."""
    from wuye.facilities.equipment.rules import compliance_rules

    return compliance_rules(site.community.pk)[0].pk
