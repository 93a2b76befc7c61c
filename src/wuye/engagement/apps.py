from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "wuye.engagement"
    label = "engagement"
    verbose_name = _("Owners informed and heard")

    def ready(self):
        from wuye.core import registries

        registries.install(self)
