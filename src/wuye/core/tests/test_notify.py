"""The message centre's registry: apps declare their kinds and channels, core keeps them."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from wuye.core import notify


def test_the_installed_apps_kinds_are_registered_at_start_up():
    names = [kind.name for kind in notify.kinds()]
    assert names and names == sorted(names)
    assert all("." in name for name in names)


def test_one_name_belongs_to_one_kind():
    told = notify.Kind("core-test.told", _("Test message."))
    notify.register(kinds=[told])
    notify.register(kinds=[notify.Kind("core-test.told", _("Test message."))])
    assert notify.KINDS["core-test.told"] == told
    with pytest.raises(ImproperlyConfigured):
        notify.register(kinds=[notify.Kind("core-test.told", _("Another message."))])
