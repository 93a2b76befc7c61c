"""`wuye demo`: load the Bordeaux Town demo community (idempotent)."""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from wuye.demo import services
from wuye.demo.attendance import attendance_load
from wuye.demo.billing import billing_load
from wuye.demo.community_life import community_life_load
from wuye.demo.engagement import engagement_demo_load
from wuye.demo.facilities import facilities_load
from wuye.demo.facts import TOTP_KEY, TOTP_SECRET
from wuye.demo.guards import guards_load
from wuye.demo.messages import messages_load
from wuye.demo.organisation import organisation_load
from wuye.demo.parcels import parcels_load
from wuye.demo.parking import gates_and_traffic_load, tariffs_load
from wuye.demo.publicity import publicity_load
from wuye.demo.rosters import rosters_load
from wuye.demo.servicedesk import servicedesk_demo_load
from wuye.demo.surveys import surveys_demo_load
from wuye.demo.training import training_load
from wuye.demo.visitors import visitors_load

# Each area's demo after the register, in this order (the service reports published last
# read every other area): its loader, and the line that says what it loaded when it did.
AREAS = [
    (
        organisation_load,
        gettext_lazy(
            "Staff: %(departments)d departments, %(posts)d posts, %(people)d people in posts."
        ),
    ),
    (
        rosters_load,
        gettext_lazy(
            "Rosters: %(rosters)d weekly rosters with %(entries)d shifts, %(changes)d changes "
            "for leave, sickness or a swap."
        ),
    ),
    (
        training_load,
        gettext_lazy(
            "Training: %(courses)d courses, %(sessions)d sessions with %(records)d attendances; "
            "%(feedback)d staff suggestions and complaints."
        ),
    ),
    (
        servicedesk_demo_load,
        gettext_lazy(
            "Customer center: %(orders)d work orders of the past year, %(callbacks)d "
            "call-backs, %(spot_checks)d spot checks."
        ),
    ),
    (
        attendance_load,
        gettext_lazy(
            "Attendance: %(certificates)d certificates, %(clock_events)d clock-ins and "
            "clock-outs of the last four weeks."
        ),
    ),
    (
        billing_load,
        gettext_lazy(
            "Billing: %(fee_items)d fee standards, %(bill_runs)d monthly bill runs, "
            "%(charges)d charges, %(readings)d meter readings, %(payments)d payments."
        ),
    ),
    (
        tariffs_load,
        gettext_lazy("Parking: %(tariffs)d temporary-parking tariffs."),
    ),
    (
        gates_and_traffic_load,
        gettext_lazy(
            "The gate: %(gates)d lanes, %(events)d camera events of the last fortnight, "
            "¥%(income)s of temporary parking."
        ),
    ),
    (
        publicity_load,
        gettext_lazy(
            "Fund usage: %(periods)d published periods, %(committee)d members of the "
            "owners' committee."
        ),
    ),
    (
        surveys_demo_load,
        gettext_lazy(
            "Surveys: %(surveys)d rounds of the owner satisfaction survey, "
            "%(responses)d homes answered."
        ),
    ),
    (
        community_life_load,
        gettext_lazy(
            "Community life: %(events)d events with %(signups)d sign-ups, %(groups)d "
            "interest groups, %(reception_bookings)d reception-day meetings, "
            "%(visits)d visits."
        ),
    ),
    (
        engagement_demo_load,
        gettext_lazy(
            "Owners: %(notices)d notices read %(reads)d times by %(logins)d portal "
            "logins, %(votes)d owners' votes with %(ballots)d ballots, %(reports)d "
            "published service reports."
        ),
    ),
    (
        visitors_load,
        gettext_lazy(
            "Gate: %(passes)d visitors' passes today, %(inside)d visitors inside, "
            "%(closed)d passes ended as no-show or expired."
        ),
    ),
    (
        parcels_load,
        gettext_lazy(
            "Parcels: %(parcels)d received in the last ten days, %(picked_up)d picked up, "
            "%(waiting)d waiting on the shelf, %(returned)d returned."
        ),
    ),
    (
        guards_load,
        gettext_lazy(
            "Guards: %(checkpoints)d patrol checkpoints, %(tasks)d rounds of the last "
            "fortnight with %(scans)d scans and %(missed)d missed points, %(incidents)d "
            "incidents of the past year, %(handovers)d shift handovers."
        ),
    ),
    (
        facilities_load,
        gettext_lazy(
            "Facilities: %(equipment)d items of equipment with %(lifts)d lifts, %(plans)d "
            "maintenance and inspection plans with %(tasks)d tasks done and %(readings)d "
            "readings (%(work_orders)d work orders raised for readings out of range or failed "
            "items), %(contractors)d contractors with %(inspections)d quality inspections and "
            "%(deductions)d deductions, %(parts)d spare parts in the store."
        ),
    ),
    (
        messages_load,
        gettext_lazy("Messages: %(messages)d in the inboxes of the demo logins."),
    ),
]


class Command(BaseCommand):
    # argparse needs a plain string; like Django's own commands, the help is in English.
    help = (
        "Load the demo community Bordeaux Town (波尔多小镇), Hami: its buildings, homes, "
        "residents, vehicles, parking spaces and staff, in one transaction. Running it again "
        "changes nothing. Every demo account, the staff included, has the password "
        "wuye-demo: admin (company administrator, also for /admin/), manager, frontdesk, "
        "engineer, electrician, guard, cashier, owner, owner2 and tenant, plus the rest of "
        "the organisation chart (cs-supervisor, security, accountant, clubhouse, ...). "
        "Accounts that read full ID numbers, approve money or configure the community "
        f"(admin, manager, cs-supervisor, accountant) then give a code of the key {TOTP_SECRET} "
        "(`wuye demo_code` prints it). "
        "To start again from nothing, delete the database (var/wuye.sqlite3) and migrate: "
        "the audit trail is append-only, so demo rows are never deleted one by one."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            result = services.demo_load()
            _analyze()
            loaded = []
            for load, message in AREAS:
                loaded.append((load(result.community), message))
                _analyze()
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        seconds = time.perf_counter() - started
        name = result.community.name
        for counts, message in loaded:
            if counts:
                self.stdout.write(message % counts)
        self._second_factor()
        if not result.created:
            self.stdout.write(_("%(name)s is already loaded; nothing changed.") % {"name": name})
            return
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Loaded %(name)s in %(seconds).1f s: %(buildings)d buildings, %(units)d "
                    "homes and other units, %(residents)d residents, %(vehicles)d vehicles, "
                    "%(parking_spaces)d parking spaces, %(staff)d staff."
                )
                % {"name": name, "seconds": seconds, **result.counts}
            )
        )

    def _second_factor(self) -> None:
        names = sorted(
            TOTPDevice.objects.filter(key=TOTP_KEY.hex(), confirmed=True).values_list(
                "user__username", flat=True
            )
        )
        if names:
            self.stdout.write(
                _(
                    "Two-factor sign-in: %(names)s give a code after the password. Add the "
                    "key %(secret)s to an authenticator app, or run `wuye demo_code` for the "
                    "current code."
                )
                % {"names": ", ".join(names), "secret": TOTP_SECRET}
            )


def _analyze() -> None:
    """Refresh PostgreSQL's table statistics after a bulk load, so that the planner sees
    thousands of rows where it last saw none (SQLite plans without them)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
