"""`wuye calendar_seed`: add China's official public holidays to a company's calendar."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wuye.core.calendar import CHINA_HOLIDAYS, calendar_seed_china
from wuye.core.models import Company


class Command(BaseCommand):
    # argparse needs a plain string; like Django's own commands, the help is in English.
    help = (
        "Add China's public holidays and swapped working days (国务院办公厅 schedule) of the "
        "given years to a company's service calendar, for all its communities. Days the "
        "company already has are kept, so running it again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--company", required=True, help="The company's name.")
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            dest="years",
            help="A year to add (repeatable); all known years when left out.",
        )

    def handle(self, *args, company, years, **options):
        found = Company.objects.filter(name=company).first()
        if found is None:
            raise CommandError(_("There is no company named %(name)s.") % {"name": company})
        known = sorted(CHINA_HOLIDAYS)
        unknown = sorted(set(years or ()) - set(known))
        if unknown:
            raise CommandError(
                _("China's holiday schedule is known for %(known)s, not for %(years)s.")
                % {
                    "known": ", ".join(map(str, known)),
                    "years": ", ".join(map(str, unknown)),
                }
            )
        added = calendar_seed_china(company=found, years=years or known)
        self.stdout.write(
            _("Added %(days)d calendar days to %(company)s.") % {"days": added, "company": found}
        )
