"""People are named as others know them."""

from wuye.core.people import display_name
from wuye.testing import factories as f


def test_a_chinese_name_reads_family_name_first(db):
    assert display_name(f.UserFactory(first_name="建国", last_name="王")) == "王建国"


def test_other_names_read_as_written_and_a_login_only_when_there_is_no_name(db):
    assert display_name(f.UserFactory(first_name="Fang", last_name="Wang")) == "Fang Wang"
    assert display_name(f.UserFactory(username="cashier2", first_name="")) == "cashier2"
    assert display_name(None) == ""
