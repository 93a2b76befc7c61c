from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EstatesConfig(AppConfig):
    name = "wuye.estates"
    label = "estates"
    verbose_name = _("Register")
