import pytest

from wuye.core import policy
from wuye.core.models import AuditEntry


def test_company_admin_reaches_every_community_of_the_company(site):
    assert set(policy.roles_by_community(site.admin)) == {site.community.pk, site.other.pk}


def test_staff_reach_only_their_own_community(site):
    assert policy.can(site.manager, "view", site.units["owner_home"])
    assert not policy.can(site.manager, "view", site.units["other_home"])
    assert not policy.can(site.other_manager, "view", site.units["owner_home"])


def test_guard_sees_the_register_but_not_mobiles_or_id_numbers(site):
    owner = site.residents["owner"]
    assert policy.can(site.guard, "view", owner)
    assert not policy.can(site.guard, "view_mobile", owner)
    assert not policy.can(site.guard, "change", owner)
    assert policy.can(site.frontdesk, "view_mobile", owner)
    assert not policy.can(site.frontdesk, "view_id_number", owner)
    assert policy.can(site.manager, "view_id_number", owner)


def test_owner_sees_own_home_and_household_only(site):
    owner = site.owner
    assert policy.can(owner, "view", site.units["owner_home"])
    assert policy.can(owner, "view", site.residents["owner_spouse"])
    assert not policy.can(owner, "view", site.units["owner2_home"])
    assert not policy.can(owner, "view", site.residents["owner2"])
    assert policy.can(owner, "change", site.residents["owner"])
    assert not policy.can(owner, "change", site.residents["owner_spouse"])


def test_user_without_membership_or_home_reaches_nothing(site):
    for obj in [site.community, site.units["owner_home"], site.residents["owner"]]:
        assert not policy.can(site.nobody, "view", obj)


def test_audit_trail_is_append_only(site):
    entry = AuditEntry.objects.create(
        action="test", object_type="x", object_id="1", object_repr="x"
    )
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
