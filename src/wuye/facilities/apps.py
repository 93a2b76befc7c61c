from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "wuye.facilities"
    label = "facilities"
    verbose_name = _("Facilities")

    def ready(self):
        from wuye.core import registries
        from wuye.servicedesk import sections

        from .equipment import intact
        from .stores.materials import materials_section

        registries.install(self, "equipment", "maintenance", "contractors", "inspections", "stores")
        sections.register(materials_section)  # the parts issued, on a work order's page
        intact.install()  # the intact rate beside the service indicators
