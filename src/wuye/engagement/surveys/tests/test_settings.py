"""Survey settings (设置): how often a round is due and the satisfaction it must reach, set by
the manager, refused to the office, every change in its history."""

from decimal import Decimal

import pytest
from django.urls import reverse

from wuye.core.models import AuditEntry, Community, ServiceStandard
from wuye.core.services import service_standard_reset
from wuye.engagement.surveys import queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def standard(site):
    return service_standard_reset(community=site.community, actor=None)


def url(site, name="survey_settings"):
    return reverse(f"engagement:{name}", args=[site.community.pk])


@pytest.mark.parametrize("name", ["survey_settings", "survey_settings_history"])
def test_a_manager_opens_the_survey_settings_and_the_front_desk_may_not(client, site, name):
    client.force_login(site.manager)
    assert client.get(url(site, name)).status_code == 200
    client.force_login(site.frontdesk)
    assert client.get(url(site, name)).status_code == 403


def test_rounds_once_a_year_move_the_next_round_and_are_recorded(client, site, standard):
    client.force_login(site.manager)

    response = client.post(url(site), {"surveys_per_year": "1", "satisfaction_target": "85"})

    assert response.status_code == 302
    standard.refresh_from_db()
    assert (standard.surveys_per_year, standard.satisfaction_target) == (1, Decimal("85.00"))
    assert queries.next_round_due(Community.objects.get(pk=site.community.pk))["months"] == 12
    entry = AuditEntry.objects.get(action="survey.settings_change")
    assert entry.actor == site.manager
    assert entry.changes == {
        "surveys_per_year": ["2", "1"],
        "satisfaction_target": ["80.00", "85.00"],
    }


def test_no_rounds_at_all_is_refused_with_the_reason(client, site, standard):
    client.force_login(site.manager)

    response = client.post(
        url(site),
        {"surveys_per_year": "0", "satisfaction_target": "80"},
        headers={"accept-language": "zh-hans"},
    )

    assert response.status_code == 200
    assert "确保该值大于或等于1" in response.content.decode()
    standard.refresh_from_db()
    assert standard.surveys_per_year == 2
    assert not AuditEntry.objects.filter(action="survey.settings_change").exists()


def test_the_history_shows_the_survey_fields_only(client, site, standard):
    client.force_login(site.manager)
    client.post(url(site), {"surveys_per_year": "1", "satisfaction_target": "80"})
    ServiceStandard.objects.filter(pk=standard.pk).update(repair_resolve_hours=48)
    AuditEntry.objects.create(
        community=site.community,
        action="servicedesk.standard_change",
        object_type="core.servicestandard",
        object_id=str(standard.pk),
        changes={"repair_resolve_hours": ["24", "48"]},
    )

    html = client.get(
        url(site, "survey_settings_history"), headers={"accept-language": "en"}
    ).content.decode()

    assert "owner satisfaction surveys a year" in html
    assert "other repairs resolved within" not in html
