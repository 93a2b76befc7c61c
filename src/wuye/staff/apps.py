from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "wuye.staff"
    label = "staff"
    verbose_name = _("Staff")

    def ready(self):
        from wuye.core import registries

        registries.install(
            self, "organisation", "rosters", "attendance", "certificates", "training", "feedback"
        )
