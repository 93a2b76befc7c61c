from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "wuye.security"
    label = "security"
    verbose_name = _("The gate")

    def ready(self):
        from wuye.core import registries

        registries.install(
            self, "passes", "parcels", "parking", "incidents", "patrols", "posts", "handover"
        )
