"""`wuye demo_code`: the code the demo's authenticator shows now, for signing in as a demo
account that needs a second factor without an authenticator app at hand."""

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from wuye.demo.facts import TOTP_KEY, TOTP_SECRET


class Command(BaseCommand):
    help = (
        "Print the current 6-digit code of the demo's published authenticator key "
        f"({TOTP_SECRET}), which admin, manager, cs-supervisor and accountant sign in with "
        "after the password wuye-demo. Only the demo's key: real accounts have their own."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{TOTP(TOTP_KEY).token():06d}")
