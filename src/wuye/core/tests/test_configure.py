"""Settings changed in the console: validated as the model says, refused to those without the
permission, and every change written down field by field for the history page."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import translation

from wuye.core import configure
from wuye.core.models import AuditEntry, Community, ServiceLevel


def change(site, actor, **fields):
    community = Community.objects.get(pk=site.community.pk)
    return configure.save_setting(
        actor=actor,
        perm="community.change",
        community_id=community.pk,
        obj=community,
        fields=fields,
        action="community.profile",
    )


def test_a_change_is_saved_and_recorded_old_to_new(site):
    site.community.service_phone = "0902-1234567"
    site.community.save()

    changes = change(site, site.manager, service_phone="0902-7654321", city=site.community.city)

    assert changes == {"service_phone": ["0902-1234567", "0902-7654321"]}
    assert Community.objects.get(pk=site.community.pk).service_phone == "0902-7654321"
    entry = AuditEntry.objects.get(action="community.profile")
    assert entry.actor == site.manager
    assert entry.changes == changes


def test_saving_without_a_change_records_nothing(site):
    assert change(site, site.manager, city=site.community.city) == {}
    assert not AuditEntry.objects.filter(action="community.profile").exists()


def test_a_value_the_model_refuses_changes_nothing(site):
    with pytest.raises(ValidationError) as refused:
        change(site, site.manager, total_building_area=Decimal("-1"))
    assert "total_building_area" in refused.value.message_dict
    assert Community.objects.get(pk=site.community.pk).total_building_area >= 0
    assert not AuditEntry.objects.exists()


def test_only_those_the_policy_names_may_change_a_setting(site):
    with pytest.raises(PermissionDenied):
        change(site, site.frontdesk, service_phone="110")
    assert not AuditEntry.objects.exists()


def test_the_history_reads_each_field_by_its_label_and_choice(site):
    change(site, site.manager, service_level=ServiceLevel.LEVEL_2)
    entry = AuditEntry.objects.get(action="community.profile")

    with translation.override("en"):
        rows = configure.readable(entry)

    assert rows == [
        {
            "field": "service level",
            "old": str(ServiceLevel(site.community.service_level).label),
            "new": str(ServiceLevel.LEVEL_2.label),
        }
    ]


def test_the_history_page_lists_changes_newest_first(site):
    change(site, site.manager, service_phone="1")
    change(site, site.manager, service_phone="2")
    request = RequestFactory().get("/")
    request.user = site.manager
    request.session = {}
    with translation.override("en"):
        response = configure.history(
            request, site.community, models_=[Community], title="Profile", back_url="/"
        )
    html = response.content.decode()
    assert html.index("<strong>2</strong>") < html.index("<strong>1</strong>")


def test_the_history_leaves_out_what_other_actions_recorded_on_the_row(site):
    """The community's row also carries entries of other shapes (its standards reseeded from
    a level, a count): the history reads them without failing and shows no field for them."""
    for changes in ({"service_level": "1"}, {"years": [2025, 2026], "days": 5}, {"x": 1}):
        AuditEntry.objects.create(
            community=site.community,
            action="community.other",
            object_type="core.community",
            object_id=str(site.community.pk),
            changes=changes,
        )
    change(site, site.manager, service_phone="0902-1")
    request = RequestFactory().get("/")
    request.user = site.manager
    request.session = {}
    with translation.override("en"):
        response = configure.history(
            request, site.community, models_=[Community], title="Profile", back_url="/"
        )
    assert response.status_code == 200
    assert "<strong>0902-1</strong>" in response.content.decode()
