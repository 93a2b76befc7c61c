"""The `wuye demo` command: what it refuses, and what its help tells the operator."""

import pytest
from django.core.management import CommandError, call_command

from wuye.core.models import Community
from wuye.estates.models import Resident
from wuye.testing import factories as f


def test_a_taken_demo_username_stops_the_load_before_anything_is_written(db):
    f.UserFactory(username="manager")
    with pytest.raises(CommandError, match="manager"):
        call_command("demo")
    assert not Community.objects.exists()
    assert not Resident.objects.exists()


def test_the_help_names_the_demo_password_and_how_to_start_again():
    from wuye.demo.management.commands.demo import Command

    text = Command().create_parser("wuye", "demo").format_help()
    assert "wuye-demo" in text and "owner2" in text and "var/wuye.sqlite3" in text
