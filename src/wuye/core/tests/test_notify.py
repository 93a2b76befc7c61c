"""The message centre's registries: apps declare their kinds and channels, core finds them."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from wuye.core import notify


def test_the_installed_apps_kinds_are_found():
    names = [kind.name for kind in notify.discover()]
    assert names == sorted(names)
    assert all("." in name for name in names)


def test_one_name_belongs_to_one_kind():
    first = notify.kind("core-test.told", _("Test message."))
    assert notify.kind("core-test.told", _("Test message.")) == first
    with pytest.raises(ImproperlyConfigured):
        notify.kind("core-test.told", _("Another message."))
