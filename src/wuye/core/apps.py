from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wuye.core"
    label = "core"
    verbose_name = _("Company and communities")

    def ready(self):
        from . import checks, registries  # noqa: F401 - checks register themselves

        registries.install(self)
