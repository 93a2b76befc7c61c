from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "wuye.facilities"
    label = "facilities"
    verbose_name = _("Facilities")

    def ready(self):
        from wuye.core import registries

        registries.install(self, "equipment", "maintenance", "contractors")
        from .equipment import intact

        intact.install()
