from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "wuye.servicedesk"
    label = "servicedesk"
    verbose_name = _("Customer center")

    def ready(self):
        from . import cached

        cached.connect()
