from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EstatesConfig(AppConfig):
    name = "wuye.estates"
    label = "estates"
    verbose_name = _("Register")

    def ready(self):
        from wuye.core import policy, registries

        from . import access

        registries.install(self)
        registries.install(self, "personal_data")
        policy.register_residents(access.RESIDENTS)
