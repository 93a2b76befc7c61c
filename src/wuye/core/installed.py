"""The third-party apps as Wuye installs them (INSTALLED_APPS names these configurations):
the same apps, named in the user's language in the admin, where their own names are English
and some of their models' names are not translatable at all."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticDeviceAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpDeviceAppConfig
from django_tasks_db.apps import TasksAppConfig


class TasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")


class AxesConfig(AxesAppConfig):
    verbose_name = _("Sign-in lockouts")


class _NamedDevicesMixin:
    """Names the app's one device model: django-otp gives it an English name that no
    catalogue can translate. Only the name shown changes (the migrations read the model's
    own Meta), so no migration follows."""

    device_name: str
    device_name_plural: str

    def ready(self):
        super().ready()
        for model in self.get_models():
            model._meta.verbose_name = self.device_name
            model._meta.verbose_name_plural = self.device_name_plural


class TotpDevicesConfig(_NamedDevicesMixin, TotpDeviceAppConfig):
    verbose_name = _("Authenticator apps")
    device_name = _("authenticator app")
    device_name_plural = _("authenticator apps")


class StaticDevicesConfig(_NamedDevicesMixin, StaticDeviceAppConfig):
    verbose_name = _("Backup codes")
    device_name = _("backup code list")
    device_name_plural = _("backup code lists")
