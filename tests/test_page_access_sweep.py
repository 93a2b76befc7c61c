"""Every staff page, opened by every staff role: no phone number a role may not read in full
and no full ID-card number anywhere.

The pages come from the URL patterns themselves (everything under `c/<community>/`), so a
page added by any app is swept as soon as it exists. A page whose address names an object
(`<int:pk>`) takes it from `PAGES`; an address with a name missing there fails the sweep.
Residents, work orders and the rest carry recognisable numbers; a page (or a workbook, or a
PDF) that shows one in full to a role without `resident.view_mobile` fails, and so does any
page with a full ID-card number (those are read only one at a time, audited, on request).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from io import BytesIO

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook

from wuye.billing.models import Meter
from wuye.billing.tests.fixtures import billed_home
from wuye.core import policy
from wuye.engagement.community_life import services as community_life
from wuye.engagement.community_life.tests.fixtures import community_life as life_objects
from wuye.engagement.models import ReceptionSlot
from wuye.engagement.notices.services import notice_publish, notice_save
from wuye.engagement.publicity.tests.fixtures import published
from wuye.engagement.surveys.tests.fixtures import make_survey
from wuye.engagement.votes.tests.fixtures import put_vote
from wuye.estates.models import ParkingSpace, Residency
from wuye.estates.personal_data.services import erasure_request_record
from wuye.facilities.contractors.tests.fixtures import sweep_contractor
from wuye.facilities.equipment.tests.fixtures import sweep_document, sweep_equipment, sweep_rule
from wuye.facilities.inspections.tests.fixtures import sweep_inspections
from wuye.facilities.maintenance.tests.fixtures import sweep_maintenance
from wuye.facilities.stores.tests.fixtures import sweep_stores
from wuye.security.handover.tests.fixtures import sweep_handover
from wuye.security.incidents.services import incident_report
from wuye.security.parcels.tests.fixtures import parcel_for
from wuye.security.parking.models import Gate, ParkingSession
from wuye.security.parking.services import tariff_create
from wuye.security.passes.tests.fixtures import invite
from wuye.security.patrols.tests.fixtures import sweep_patrol
from wuye.servicedesk.models import PriceListItem, SlaPolicy, Team, TeamMember
from wuye.servicedesk.services import work_order_submit
from wuye.servicedesk.tests.fixtures import home_people, orders_in_every_state
from wuye.staff.certificates.services import certificate_add
from wuye.staff.feedback import services as staff_feedback
from wuye.staff.organisation import services as organisation
from wuye.staff.rosters.tests.fixtures import sweep_roster
from wuye.staff.training import services as training
from wuye.testing.factories import valid_id_number
from wuye.testing.pdf import pdf_text

STAFF = ["admin", "manager", "frontdesk", "engineer", "electrician", "guard", "cashier"]
LANDLINE = "0902-7654321"
EMERGENCY = "13955550001"
PREFIX = "c/<int:community_id>/"

Kwargs = Callable[[dict], dict]
NOT_A_PAGE = None  # an action that only takes a POST, or a file that names nobody

# Each address that names more than its community: the objects it takes from the sweep's.
PAGES: dict[str, Kwargs | None] = {
    "billing:arrears_building": lambda o: {"building_id": o["building"]},
    "billing:reminders_building": lambda o: {"building_id": o["building"]},
    "billing:home": lambda o: {"unit_id": o["unit"]},
    "billing:reminder": lambda o: {"unit_id": o["unit"]},
    "billing:statement": lambda o: {"unit_id": o["unit"]},
    "billing:payment": lambda o: {"payment_id": o["payment"]},
    "billing:receipt": lambda o: {"payment_id": o["payment"]},
    "billing:payment_void": lambda o: {"payment_id": o["payment"]},
    "billing_readings:building": lambda o: {"building_id": o["building"]},
    "billing_readings:record": lambda o: {"meter_id": o["meter"]},
    "billing:run": lambda o: {"run_id": o["run"]},
    "billing:run_progress": lambda o: {"run_id": o["run"]},
    "billing:run_resume": NOT_A_PAGE,
    "billing:fee_item_edit": lambda o: {"item_id": o["fee_item"]},
    "billing:fee_item_price": lambda o: {"item_id": o["fee_item"]},
    "billing:fee_item_end": lambda o: {"item_id": o["fee_item"]},
    "security:parking_tariff_change": lambda o: {"tariff_id": o["tariff"]},
    "estates:unit_new": lambda o: {"building_pk": o["building"]},
    "estates:building": lambda o: {"pk": o["building"]},
    "estates:building_edit": lambda o: {"pk": o["building"]},
    "estates:unit": lambda o: {"pk": o["unit"]},
    "estates:unit_edit": lambda o: {"pk": o["unit"]},
    "estates:move_in": lambda o: {"pk": o["unit"]},
    "estates:move_out": lambda o: {"pk": o["residency"]},
    "estates:parking_edit": lambda o: {"pk": o["space"]},
    "estates:resident": lambda o: {"pk": o["resident"]},
    "estates:resident_edit": lambda o: {"pk": o["resident"]},
    "estates:resident_id_number": NOT_A_PAGE,  # the audited reading, a POST
    "estates:vehicle_new": lambda o: {"resident_pk": o["resident"]},
    "estates:vehicle_edit": lambda o: {"pk": o["vehicle"]},
    "estates:id_number_review": NOT_A_PAGE,
    "estates:personal_data": lambda o: {"pk": o["resident"]},
    "estates:personal_data_export": NOT_A_PAGE,  # the audited download, a POST
    "estates:erasure_request_new": NOT_A_PAGE,
    "estates:erasure_request": lambda o: {"pk": o["erasure"]},
    "estates:erasure_request_carry_out": NOT_A_PAGE,
    "estates:erasure_request_reject": NOT_A_PAGE,
    "engagement:committee_end": NOT_A_PAGE,
    "engagement:event": lambda o: {"pk": o["event"]},
    "engagement:event_cancel": lambda o: {"pk": o["event"]},
    "engagement:signup_act": NOT_A_PAGE,
    "engagement:group": lambda o: {"pk": o["group"]},
    "engagement:notice": lambda o: {"pk": o["notice"]},
    "engagement:notice_attach": NOT_A_PAGE,
    "engagement:notice_edit": lambda o: {"pk": o["notice"]},
    "engagement:notice_attachment": NOT_A_PAGE,
    "engagement:notice_pdf": lambda o: {"pk": o["notice"]},
    "engagement:notice_publish": NOT_A_PAGE,
    "engagement:notice_withdraw": lambda o: {"pk": o["notice"]},
    "engagement:publicity": lambda o: {"pk": o["period"]},
    "security:parking_session": lambda o: {"pk": o["parking_session"]},
    "engagement:publicity_correct": lambda o: {"pk": o["period"]},
    "engagement:publicity_fill": lambda o: {"pk": o["period"]},
    "engagement:publicity_line_add": NOT_A_PAGE,
    "engagement:publicity_line_remove": NOT_A_PAGE,
    "engagement:publicity_pdf": lambda o: {"pk": o["period"]},
    "engagement:publicity_publish": NOT_A_PAGE,
    "engagement:booking": lambda o: {"pk": o["booking"]},
    "engagement:booking_raise": lambda o: {"pk": o["booking"]},
    "engagement:reception_day": lambda o: {"day": o["day"]},
    "engagement:survey": lambda o: {"pk": o["survey"]},
    "engagement:survey_close": NOT_A_PAGE,
    "engagement:survey_edit": lambda o: {"pk": o["survey"]},
    "engagement:survey_paper": lambda o: {"pk": o["survey"]},
    "engagement:survey_publish": NOT_A_PAGE,
    "engagement:survey_question_add": NOT_A_PAGE,
    "engagement:survey_question_remove": NOT_A_PAGE,
    "engagement:survey_export": lambda o: {"pk": o["survey"]},
    "engagement:visit": lambda o: {"pk": o["visit"]},
    "engagement:visit_raise": lambda o: {"pk": o["visit"]},
    "engagement:vote": lambda o: {"pk": o["vote"]},
    "engagement:vote_close": NOT_A_PAGE,
    "engagement:vote_open": NOT_A_PAGE,
    "engagement:paper_ballot": lambda o: {"pk": o["vote"]},
    "security:parcel": lambda o: {"pk": o["parcel"]},
    "facilities:equipment_item": lambda o: {"pk": o["equipment"]},
    "facilities:equipment_edit": lambda o: {"pk": o["equipment"]},
    "facilities:equipment_statutory": lambda o: {"pk": o["equipment"]},
    "facilities:equipment_label": lambda o: {"pk": o["equipment"]},
    "facilities:equipment_retire": NOT_A_PAGE,
    "facilities:equipment_fault": NOT_A_PAGE,
    "facilities:equipment_documents": NOT_A_PAGE,
    "facilities:compliance_rule": lambda o: {"rule_id": o["compliance_rule"]},
    "facilities:equipment_document": lambda o: {
        "pk": o["equipment"],
        "document_id": o["equipment_document"],
    },
    "facilities:equipment_return": NOT_A_PAGE,
    "security:handover": lambda o: {"pk": o["handover"]},
    "security:handover_confirm": lambda o: {"pk": o["handover"]},
    "security:handover_write": lambda o: {"pk": o["handover"]},
    "facilities:contract_add": lambda o: {"pk": o["contractor"]["contractor"]},
    "facilities:contract_edit": lambda o: {
        "pk": o["contractor"]["contractor"],
        "contract_id": o["contractor"]["contract"],
    },
    "facilities:contractor": lambda o: {"pk": o["contractor"]["contractor"]},
    "facilities:contractor_edit": lambda o: {"pk": o["contractor"]["contractor"]},
    "facilities:contractor_inspect": lambda o: {"pk": o["contractor"]["contractor"]},
    "facilities:contractor_inspection": lambda o: {"pk": o["contractor"]["inspection"]},
    "facilities:contractor_photo": NOT_A_PAGE,  # a photo file, opened from the inspection
    "facilities:contractor_recheck": NOT_A_PAGE,
    "facilities:contractor_scorecard": lambda o: {"pk": o["contractor"]["contractor"]},
    "security:incident": lambda o: {"pk": o["incident"]},
    "security:incident_close": NOT_A_PAGE,
    "security:incident_follow_up": NOT_A_PAGE,
    "security:incident_photo": NOT_A_PAGE,  # a photo file, opened from the incident's page
    "security:incident_work_order": NOT_A_PAGE,
    "staff:department_edit": lambda o: {"pk": o["department"]},
    "staff:post_edit": lambda o: {"pk": o["post"]},
    "staff:post_assign": lambda o: {"pk": o["post"]},
    "staff:person": lambda o: {"user_id": o["person"]},
    "staff:assignment_end": NOT_A_PAGE,
    "staff:attendance_person": lambda o: {"user_id": o["staff_user"]},
    "staff:attendance_record": NOT_A_PAGE,
    "staff:certificate_edit": lambda o: {"pk": o["certificate"]},
    "staff:roster": lambda o: {"post_id": o["roster"]["post"]},
    "staff:roster_add": NOT_A_PAGE,
    "staff:roster_copy": NOT_A_PAGE,
    "staff:roster_publish": NOT_A_PAGE,
    "staff:roster_remove": NOT_A_PAGE,
    "staff:roster_change": lambda o: {"pk": o["roster"]["roster_entry"]},
    "staff:shift_edit": lambda o: {"pk": o["roster"]["shift"]},
    "security:parcel_pick_up": NOT_A_PAGE,
    "security:parcel_return": NOT_A_PAGE,
    "security:parking_plate_correct": NOT_A_PAGE,
    "security:parking_pair": NOT_A_PAGE,
    "security:parking_lost_ticket": NOT_A_PAGE,
    "security:pass": lambda o: {"pk": o["invitation"]},
    "security:patrol_task": lambda o: {"task_id": o["patrol_task"]},
    "facilities:maintenance_task": lambda o: {"task_id": o["maintenance"]["maintenance_task_id"]},
    "facilities:maintenance_readings": lambda o: {
        "equipment_id": o["maintenance"]["maintenance_equipment_id"]
    },
    "facilities:stores_item": lambda o: {"pk": o["stores"]["part_id"]},
    "facilities:stores_edit": lambda o: {"pk": o["stores"]["part_id"]},
    "facilities:stores_receive": NOT_A_PAGE,
    "facilities:stores_issue": NOT_A_PAGE,
    "facilities:stores_count": NOT_A_PAGE,
    "facilities:stores_return": NOT_A_PAGE,
    "facilities:maintenance_counters": lambda o: {
        "equipment_id": o["maintenance"]["maintenance_equipment_id"]
    },
    "security:patrol_photo": NOT_A_PAGE,  # a photo file, opened from the task's page
    "security:patrol_point_work_order": NOT_A_PAGE,
    "security:pass_check_in": NOT_A_PAGE,
    "security:pass_check_out": NOT_A_PAGE,
    "security:pass_confirm": NOT_A_PAGE,
    "security:pass_revoke": NOT_A_PAGE,
    "security:visitor_records_export": NOT_A_PAGE,  # the audited download, a POST
    "staff:feedback": lambda o: {"pk": o["staff_feedback"]},
    "staff:feedback_answer": NOT_A_PAGE,
    "staff:training_attachment": NOT_A_PAGE,  # the sign-in sheet as uploaded
    "staff:training_course_edit": lambda o: {"pk": o["training_session"].course_id},
    "staff:training_person": lambda o: {"user_id": o["training_session"].trainer_id},
    "staff:training_scores": NOT_A_PAGE,
    "staff:training_session": lambda o: {"pk": o["training_session"].pk},
    "servicedesk:order": lambda o: {"pk": o["order"]},
    "servicedesk:act": NOT_A_PAGE,
    "servicedesk:photo": NOT_A_PAGE,
    "servicedesk:complaint_promise": NOT_A_PAGE,
    "servicedesk:spot_check": NOT_A_PAGE,
    "servicedesk:complaint_step": NOT_A_PAGE,
    "servicedesk:settings_price": lambda o: {"pk": o["price_item"]},
    "servicedesk:settings_price_retire": NOT_A_PAGE,
    "servicedesk:settings_price_republish": NOT_A_PAGE,
    "servicedesk:settings_team": lambda o: {"pk": o["team"]},
    "servicedesk:settings_team_member": lambda o: {"pk": o["team"], "member_id": o["member"]},
    "servicedesk:settings_team_member_add": NOT_A_PAGE,
    "servicedesk:settings_duty_remove": NOT_A_PAGE,
    "servicedesk:settings_sla_policy": lambda o: {"pk": o["sla_policy"]},
}

# More of one page: the same address with a query (the intake form filled from a resident).
QUERIES: dict[str, Callable[[dict], list[dict]]] = {
    "servicedesk:intake_caller": lambda o: [{"unit": o["unit"], "resident": o["resident"]}],
    "servicedesk:intake_lookup": lambda o: [{"q": "Wang"}, {"q": "101"}],
    "servicedesk:order": lambda o: [{}],
    "estates:search": lambda o: [{"q": "Wang"}, {"q": "0001"}],
    "security:visitor_records": lambda o: [{"q": "Sun"}, {"q": "13800001111"}],
}


def community_pages() -> list[tuple[str, list[str]]]:
    """Every URL name under `c/<community>/` with the names its address takes."""
    found = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                walk(pattern.url_patterns, route, f"{namespace}{inner}:" if inner else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and route.startswith(PREFIX):
                names = re.findall(r"<(?:\w+:)?(\w+)>", route)
                found.append((namespace + pattern.name, names))

    walk(get_resolver().url_patterns, "", "")
    return sorted(found)


def sweep_objects(site) -> dict:
    """Objects of every kind a staff page shows, their people with recognisable numbers."""
    hour_ago = timezone.now() - timedelta(hours=1)
    owner = site.residents["owner"]
    for n, resident in enumerate(site.residents.values(), start=1):
        if not resident.id_number_masked:
            resident.set_id_number(valid_id_number(500 + n))
        resident.emergency_contact, resident.emergency_phone = "Wang Lei", EMERGENCY
        resident.save()
    orders = orders_in_every_state(site, home_people(site), hour_ago)
    landline = work_order_submit(
        actor=site.frontdesk,
        community=site.community,
        at=hour_ago,
        unit=site.units["owner_home"],
        category="repair_home",
        subcategory="leak",
        priority="normal",
        channel="hotline",
        description="The neighbour's pipe leaks",
        contact_name="Caller",
        contact_phone=LANDLINE,
    )
    billed = billed_home(site.units["owner_home"], site.admin)
    meter = Meter.objects.create(
        community=site.community,
        unit=site.units["owner_home"],
        number="W-101",
        kind="water",
        fee_item_id=billed["fee_item_id"],
    )
    life = life_objects(site)["here"]
    group = community_life.group_create(
        actor=site.manager, community=site.community, data={"name": "Chess"}
    )
    visit = community_life.visit_record(
        actor=site.manager,
        community=site.community,
        data={
            "unit": site.units["owner_home"],
            "visited_on": timezone.localdate(),
            "people_met": "Wang Fang",
            "findings": "A damp wall in the kitchen.",
            "resident": owner,
        },
    )
    notice = notice_save(
        actor=site.manager,
        community=site.community,
        data={"title": "Water off", "body": "For everyone."},
    )
    slot = ReceptionSlot.objects.get(pk=life["slot_id"])
    team = Team.objects.create(
        community=site.community, name="Engineering", categories=["repair_common"]
    )
    member = TeamMember.objects.create(team=team, user=site.electrician, skills=["lift"])
    price_item = PriceListItem.objects.create(
        community=site.community, name="Replace a fuse", unit="piece", price=20
    )
    sla_policy = SlaPolicy.objects.create(
        community=site.community, category="repair_home", priority="urgent", response_target=30
    )
    department = organisation.department_create(
        actor=site.manager, community=site.community, name="安管部", kind="security"
    )
    post = organisation.post_create(
        actor=site.manager, department=department, title="人行岗", code="gate"
    )
    return {
        "department": department.pk,
        "post": post.pk,
        "person": site.guard.pk,
        "community_id": site.community.pk,
        "building": site.buildings[0].pk,
        "unit": site.units["owner_home"].pk,
        "resident": owner.pk,
        "residency": Residency.objects.get(resident=site.residents["owner_spouse"]).pk,
        "vehicle": owner.vehicles.first().pk,
        "space": ParkingSpace.objects.filter(community=site.community).first().pk,
        "order": landline.pk,
        "orders": orders,
        "payment": billed["payment_id"],
        "run": billed["run_id"],
        "fee_item": billed["fee_item_id"],
        "meter": meter.pk,
        "event": life["event_id"],
        "booking": life["booking_id"],
        "day": timezone.localtime(slot.starts_at).date().isoformat(),
        "group": group.pk,
        "visit": visit.pk,
        "notice": notice_publish(actor=site.manager, notice=notice).pk,
        "period": published(site).pk,
        "parking_session": ParkingSession.objects.create(
            community=site.community,
            plate="新A12345",
            kind="temporary",
            entered_at=timezone.now() - timedelta(hours=2),
            entry_gate=Gate.objects.create(community=site.community, code="G1", name="Gate"),
        ).pk,
        "price_item": price_item.pk,
        "team": team.pk,
        "member": member.pk,
        "sla_policy": sla_policy.pk,
        "tariff": tariff_create(
            actor=site.manager,
            community=site.community,
            name="Standard",
            rule={"free_minutes": 30, "first_minutes": 60, "first_price": "5"},
        ).pk,
        "survey": make_survey(site).pk,
        "vote": put_vote(site).pk,
        "parcel": parcel_for(site, "owner_home", addressee="Wang Fang").pk,
        "contractor": sweep_contractor(site),
        "incident": incident_report(
            actor=site.guard,
            community=site.community,
            kind="theft",
            occurred_at=timezone.now() - timedelta(hours=1),
            place="Bicycle shed",
            description="A bicycle taken",
        ).pk,
        "staff_user": site.guard.pk,
        "equipment": sweep_equipment(site)["equipment_id"],
        "equipment_document": sweep_document(site),
        "compliance_rule": sweep_rule(site),
        "certificate": certificate_add(
            actor=site.manager,
            community=site.community,
            holder=site.guard,
            kind="security_guard",
            number="G-SWEEP-1",
        ).pk,
        "roster": sweep_roster(site),
        "patrol_task": sweep_patrol(site)["patrol_task_id"],
        "maintenance": sweep_maintenance(site),
        "inspections": sweep_inspections(site),
        "stores": sweep_stores(site),
        "handover": sweep_handover(site)["handover_id"],
        "invitation": invite(site, plate="新A12345").pk,
        "erasure": erasure_request_record(
            actor=site.manager, resident=owner, asked_by="In person", reason="Moving away"
        ).pk,
        "training_session": training.session_record(
            actor=site.manager,
            course=training.course_create(
                actor=site.manager, community=site.community, title="Fire safety", hours="2"
            ),
            date=timezone.localdate(),
            hours="2",
            trainer=site.engineer,
            attendees=[site.guard, site.frontdesk],
            scores={site.guard: 90},
        ),
        "staff_feedback": staff_feedback.feedback_submit(
            actor=site.guard,
            community=site.community,
            kind="suggestion",
            subject="Patrol route",
            body="More rounds in the car park.",
        ).pk,
    }


def text_of(response) -> str:
    """What a person reads in an answer: a page, a workbook's cells or a PDF's text."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        book = load_workbook(BytesIO(content), read_only=True)
        return "\n".join(
            str(value) for ws in book for row in ws.values for value in row if value is not None
        )
    if kind.startswith("application/pdf"):
        return pdf_text(content)
    return content.decode(errors="replace")


def test_every_page_with_an_object_in_its_address_is_in_the_sweep():
    missing = [
        name
        for name, args in community_pages()
        if set(args) - {"community_id"} and name not in PAGES
    ]
    assert not missing, f"Say in PAGES which object these pages take: {missing}"
    stale = set(PAGES) - {name for name, _ in community_pages()}
    assert not stale, f"Rows of PAGES for pages that no longer exist: {sorted(stale)}"


def test_no_staff_page_shows_a_number_its_reader_may_not_see(client, site):
    objects = sweep_objects(site)
    people = [r for r in site.residents.values() if r.community_id == site.community.pk]
    phones = {r.mobile for r in people if r.mobile} | {EMERGENCY, LANDLINE}
    id_numbers = {r.reveal_id_number() for r in people}
    addresses = []
    for name, _names in community_pages():
        if name in PAGES and PAGES[name] is NOT_A_PAGE:
            continue
        kwargs = {"community_id": objects["community_id"]}
        if name in PAGES:
            kwargs |= PAGES[name](objects)
        url = reverse(name, kwargs=kwargs)
        addresses += [(url, query) for query in QUERIES.get(name, lambda o: [{}])(objects)]
    addresses += [
        (reverse("servicedesk:order", args=[site.community.pk, pk]), {})
        for state, pk in objects["orders"].items()
        if state in ("dispatched", "resolved", "closed")
    ]

    problems, rendered = [], 0
    for role in STAFF:
        user = getattr(site, role)
        may_read_phones = policy.has_perm(user, "resident.view_mobile", site.community.pk)
        client.force_login(user)
        for url, query in addresses:
            response = client.get(url, query)
            if response.status_code >= 500:
                problems.append(f"{role:12} {url} {query}: {response.status_code}")
            if response.status_code != 200:
                continue
            rendered += 1
            text = text_of(response)
            shown = {n for n in id_numbers if n in text}
            if not may_read_phones:
                shown |= {n for n in phones if n in text}
            if shown:
                problems.append(f"{role:12} {url} {query}: {sorted(shown)}")

    assert not problems, "Numbers shown in full:\n" + "\n".join(problems)
    assert rendered > 300  # the sweep saw the pages, not only refusals
