"""The apps fill core's registries at start-up; a wrong entry fails the start-up check."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from wuye.core import checks, navigation, policy
from wuye.core.navigation import NavEntry


def _ids(errors) -> list[str]:
    return [error.id for error in errors]


def test_the_registered_apps_pass_the_start_up_check():
    assert checks.registries(None) == []
    call_command("check")


def test_a_navigation_entry_with_an_unknown_permission_stops_start_up(monkeypatch):
    wrong = NavEntry("estates:buildings", "Buildings", "register.veiw")
    monkeypatch.setattr(navigation, "STAFF_NAV", [*navigation.STAFF_NAV, wrong])
    assert _ids(checks.registries(None)) == ["wuye.E001"]
    with pytest.raises(SystemCheckError, match="register.veiw"):
        call_command("check")


def test_a_model_claimed_by_two_areas_stops_start_up(monkeypatch):
    claims = {**policy.CLAIMS, "estates.unit": ["register", "parking"]}
    monkeypatch.setattr(policy, "CLAIMS", claims)
    assert _ids(checks.registries(None)) == ["wuye.E002"]


def test_every_permission_comes_from_an_area_an_app_declared():
    declared = {f"{area.name}.{verb}" for area in policy.REGISTERED.values() for verb in area.verbs}
    assert declared == set(policy.PERMISSIONS)
    # Each app's areas: the register, billing, the customer center and engagement all plug in.
    assert {"register.view", "billing.collect", "workorder.close", "notice.publish"} <= declared


def test_the_bars_keep_the_order_the_apps_declare():
    staff = [entry.url_name for entry in navigation.STAFF_NAV]
    assert staff[0] == "estates:overview"
    assert staff.index("servicedesk:board") < staff.index("billing:desk")
    assert staff.index("billing:desk") < staff.index("engagement:notices")
    portal = [entry.url_name for entry in navigation.RESIDENT_NAV]
    # 报事报修 and 缴费 first, the owner's details last
    assert portal[:3] == ["servicedesk_portal:orders", "billing_portal:bills", "portal:home"]
    assert portal[-1] == "portal:profile"


def test_the_service_report_gathers_the_sections_each_app_contributes():
    from wuye.core import report

    apps = [contribution.section.__module__ for contribution in report.CONTRIBUTIONS]
    assert apps[:2] == ["wuye.servicedesk.report", "wuye.billing.report"]
    assert "wuye.engagement.surveys.report" in apps


def test_personal_data_gathers_what_each_app_holds_about_a_person():
    from wuye.core import privacy

    names = [contribution.name for contribution in privacy.CONTRIBUTIONS]
    assert names == [
        "register",
        "billing",
        "servicedesk",
        "visitors",
        "votes",
        "surveys",
        "community_life",
        "messages",
        "parcels",
    ]
