from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class StaffConfig(AppConfig):
    name = "wuye.staff"
    label = "staff"
    verbose_name = pgettext_lazy("people at work", "Staff")

    def ready(self):
        from wuye.core import registries

        registries.install(
            self, "organisation", "rosters", "attendance", "certificates", "training", "feedback"
        )
