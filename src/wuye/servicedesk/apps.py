from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "wuye.servicedesk"
    label = "servicedesk"
    verbose_name = _("Customer center")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import cached, notify

        cached.connect()
        user_logged_in.connect(notify.remember_language, dispatch_uid="servicedesk-language")
