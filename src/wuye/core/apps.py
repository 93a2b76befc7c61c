from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wuye.core"
    label = "core"
    verbose_name = _("Company and communities")

    def ready(self):
        # checks and the password receiver of tokens register themselves
        from . import checks, registries, tokens  # noqa: F401

        registries.install(self)
        registries.install(self, "inbox")
