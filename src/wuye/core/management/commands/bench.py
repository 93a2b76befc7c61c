"""`wuye bench <app>`: run an app's benchmark in a throw-away database and print its figures."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = (
        "Run a benchmark (e.g. `wuye bench servicedesk`) in a throw-away copy of the "
        "configured database; prints each figure beside a floor measured in the same run."
    )

    def add_arguments(self, parser):
        parser.add_argument("area", nargs="?", help="The app whose benchmark to run.")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Multiply the benchmark's sizes (e.g. 0.1)."
        )
        parser.add_argument("--keepdb", action="store_true", help="Keep the benchmark database.")

    def handle(self, *args, area=None, scale=1.0, keepdb=False, **options):
        available = {c.label: c.name for c in apps.get_app_configs() if self._has_bench(c.name)}
        if area not in available:
            names = ", ".join(sorted(available)) or "none"
            raise CommandError(f"Choose one of the benchmarks: {names}.")
        module = import_module(f"{available[area]}.bench")
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keepdb)
        try:
            self.stdout.write(f"Benchmark '{area}' on {connection.vendor}, scale {scale:g}")
            module.run(out=self.stdout, scale=scale)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=keepdb)

    @staticmethod
    def _has_bench(package: str) -> bool:
        try:
            import_module(f"{package}.bench")
        except ModuleNotFoundError as exc:
            if exc.name == f"{package}.bench":
                return False
            raise
        return True
