"""`wuye gate simulate`: drive a day of traffic through a community's gates."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.models import Community
from wuye.security.parking.barriers.simulator import simulate_day
from wuye.security.parking.models import ExceptionKind, Gate, SessionKind


class Command(BaseCommand):
    # argparse needs a plain string; like Django's own commands, the help is in English.
    help = "The gate's barrier cameras: `simulate` drives a day of traffic through the ingest."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        simulate = actions.add_parser(
            "simulate",
            help=(
                "A day of cars at the community's gates (monthly, temporary and visitor cars, "
                "misread plates, one exit with no entry), the same for the same seed; running "
                "it again records nothing twice."
            ),
        )
        simulate.add_argument("--community", type=int, required=True, help="The community's id.")
        simulate.add_argument("--date", dest="day", required=True, help="The day, YYYY-MM-DD.")
        simulate.add_argument("--cars", type=int, help="Cars that day (default: spaces / 4).")
        simulate.add_argument("--seed", type=int, default=0, help="Seed of the day's traffic.")

    def handle(self, *args, action, community, day: str, cars, seed, **options):
        found = Community.objects.filter(pk=community).first()
        if found is None:
            raise CommandError(_("There is no community %(id)s.") % {"id": community})
        try:
            day = date.fromisoformat(day)
        except ValueError:
            raise CommandError(_("Give the day as YYYY-MM-DD.")) from None
        if day > timezone.localdate():
            raise CommandError(_("Simulate a day that has begun: today or before."))
        if cars is not None and not 1 <= cars <= 5000:
            raise CommandError(_("Between 1 and 5,000 cars a day."))
        if not lanes_both_ways(found):
            raise CommandError(_("The community has no gates with an entry and an exit lane."))
        report = simulate_day(found, day, cars=cars, seed=seed)
        write = self.stdout.write
        write(
            _("%(community)s, %(day)s (seed %(seed)s)")
            % {"community": found, "day": day.isoformat(), "seed": seed}
        )
        write(
            _(
                "Events: %(events)d; in: %(entries)d, out: %(exits)d; sent late by a lane "
                "that lost the server: %(replayed)d; already recorded: %(duplicates)d."
            )
            % vars(report)
        )
        write(
            _("Cars in, monthly: %(monthly)d; temporary: %(temporary)d; visitors: %(visitor)d.")
            % {kind: report.cars[kind] for kind in SessionKind.values}
        )
        write(
            _("For the guard, exits with no entry: %(no_entry)d; plates not read: %(unreadable)d.")
            % {
                kind: report.exceptions[kind]
                for kind in (ExceptionKind.NO_ENTRY, ExceptionKind.UNREADABLE)
            }
        )
        write(
            _(
                "Stays closed: %(closed)d; barrier opened: %(opened)d; payments: %(payments)d; "
                "income: ¥%(income)s."
            )
            % {
                "closed": report.closed_sessions,
                "opened": report.opened,
                "payments": report.payments,
                "income": f"{report.income:.2f}",
            }
        )


def lanes_both_ways(community) -> bool:
    """Whether the community has a lane letting cars in and one letting them out."""
    lanes = Gate.objects.filter(community=community).values_list("directions", flat=True)
    directions = {d for lane in lanes for d in lane.split(",")}
    return {"in", "out"} <= directions
