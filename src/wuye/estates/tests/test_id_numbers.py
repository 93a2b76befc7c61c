"""ID-card numbers typed twice: the front desk cannot tell a number on file from a new one,
changes are audited and limited, and a supervisor decides whose the number is."""

import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from wuye.core import policy
from wuye.core.models import AuditEntry, Role
from wuye.core.validators import mask_id_number
from wuye.estates import id_numbers, services
from wuye.estates.models import IdNumberReview, Resident, ReviewOutcome
from wuye.estates.transfer.importers import register_import
from wuye.testing.api import bearer
from wuye.testing.factories import valid_id_number

from .fixtures import xlsx

pytestmark = pytest.mark.django_db


def url(name, site, *args):
    return reverse(f"estates:{name}", args=[site.community.pk, *args])


def edit_id_number(client, site, resident, number):
    """The front desk types a new ID-card number on the resident's form; the page it ends on."""
    client.force_login(site.frontdesk)
    data = {"name": resident.name, "mobile": resident.mobile, "id_number": number}
    return client.post(url("resident_edit", site, resident.pk), data, follow=True)


def answer(response, resident) -> list[str]:
    """What the clerk is told, and the resident's ID-card number as the page shows it."""
    html = response.content.decode()
    told = re.findall(r'<div class="alert[^>]*>(.*?)</div>', html)
    shown = re.search(r'<span id="id-number".*?</span>\s*</span>', html, re.S).group(0)
    return [*told, shown.replace(f"/residents/{resident.pk}/", "/residents/…/")]


def test_the_front_desk_cannot_tell_a_number_on_file_from_a_new_one(client, site):
    owner, spouse = site.residents["owner"], site.residents["owner_spouse"]
    tenant = site.residents["tenant"]
    taken, free = owner.reveal_id_number(), valid_id_number(1, birth="19800128")
    assert taken[:4] + taken[-4:] == free[:4] + free[-4:]  # the same once masked

    clash = edit_id_number(client, site, spouse, taken)
    fresh = edit_id_number(client, site, tenant, free)

    spouse.refresh_from_db()
    tenant.refresh_from_db()
    assert clash.status_code == fresh.status_code == 200
    assert clash.redirect_chain == [(url("resident", site, spouse.pk), 302)]
    assert answer(clash, spouse) == answer(fresh, tenant)
    assert answer(clash, spouse)[0] == "Saved."
    assert "already has" not in clash.content.decode()
    # Both residents keep the number typed, shown alike; only one has its look-up digest.
    assert spouse.id_number_masked == tenant.id_number_masked
    assert spouse.reveal_id_number() == taken and spouse.id_number_digest == ""
    assert tenant.reveal_id_number() == free and tenant.id_number_digest
    review = IdNumberReview.objects.get()
    assert (review.resident, review.holder, review.outcome) == (spouse, owner, "open")
    assert review.raised_by == site.frontdesk
    # Every change is audited; the clerk read no number.
    changes = AuditEntry.objects.filter(action="resident.id_number_change")
    assert sorted(e.object_id for e in changes) == sorted([str(spouse.pk), str(tenant.pk)])
    assert not AuditEntry.objects.filter(action="resident.id_number_read").exists()


def test_the_api_answers_alike_whether_the_number_is_on_file_or_not(client, site):
    owner, spouse = site.residents["owner"], site.residents["owner_spouse"]
    tenant = site.residents["tenant"]

    def patch(resident, number):
        response = client.patch(
            f"/api/v1/residents/{resident.pk}",
            data=json.dumps({"id_number": number}),
            content_type="application/json",
            headers=bearer(site.frontdesk),
        )
        body = response.json()
        return response.status_code, {k: body[k] for k in ("id_number_masked",)}

    taken, free = owner.reveal_id_number(), valid_id_number(1, birth="19800128")
    assert patch(spouse, taken) == patch(tenant, free) == (200, patch(tenant, free)[1])
    assert IdNumberReview.objects.filter(resident=spouse, outcome="open").exists()


def test_a_new_resident_with_a_number_on_file_is_saved_and_checked(client, site):
    owner = site.residents["owner"]
    client.force_login(site.frontdesk)

    response = client.post(
        url("resident_new", site), {"name": "Twin", "id_number": owner.reveal_id_number()}
    )

    twin = Resident.objects.get(name="Twin")
    assert response["Location"] == url("resident", site, twin.pk)
    assert IdNumberReview.objects.get().resident == twin
    owner.refresh_from_db()
    assert owner.reveal_id_number() == valid_id_number(1) and owner.id_number_digest


def test_whoever_may_read_full_numbers_is_told_plainly(client, site):
    owner, spouse = site.residents["owner"], site.residents["owner_spouse"]
    client.force_login(site.manager)
    data = {"name": spouse.name, "id_number": owner.reveal_id_number()}

    response = client.post(url("resident_edit", site, spouse.pk), data)

    assert response.status_code == 200
    assert "Another resident already has this ID-card number." in response.content.decode()
    spouse.refresh_from_db()
    assert spouse.id_number_masked == ""
    assert not IdNumberReview.objects.exists()


def test_id_number_changes_are_limited_per_hour_with_a_translated_refusal(site, monkeypatch):
    monkeypatch.setattr(id_numbers, "ID_NUMBER_CHANGES_PER_HOUR", 3)
    spouse = site.residents["owner_spouse"]
    for seq in range(3):
        services.resident_save(
            actor=site.frontdesk,
            community=site.community,
            resident=spouse,
            data={"id_number": valid_id_number(100 + seq)},
        )

    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        services.resident_save(
            actor=site.frontdesk,
            community=site.community,
            resident=spouse,
            data={"id_number": valid_id_number(200), "name": "Changed"},
        )

    assert "最近一小时" in refused.value.message_dict["id_number"][0]
    spouse.refresh_from_db()
    assert spouse.reveal_id_number() == valid_id_number(102) and spouse.name == "Li Na"
    # Other details still change; the allowance counts ID-card numbers only.
    services.resident_save(
        actor=site.frontdesk,
        community=site.community,
        resident=spouse,
        data={"name": "Li Na", "notes": "Works nights"},
    )


def test_the_check_queue_is_for_those_who_may_read_full_numbers(client, site):
    owner, spouse = site.residents["owner"], site.residents["owner_spouse"]
    edit_id_number(client, site, spouse, owner.reveal_id_number())

    for who, status in (("manager", 200), ("frontdesk", 403), ("guard", 403), ("owner", 403)):
        client.force_login(getattr(site, who))
        response = client.get(url("id_number_reviews", site))
        assert response.status_code == status, who
    client.force_login(site.manager)
    html = client.get(url("id_number_reviews", site)).content.decode()
    assert spouse.name in html and owner.name in html
    assert owner.reveal_id_number() not in html
    page = client.get(url("resident", site, spouse.pk)).content.decode()
    assert "Waiting for a check" in page
    client.force_login(site.frontdesk)
    assert (
        "Waiting for a check" not in client.get(url("resident", site, spouse.pk)).content.decode()
    )
    assert "ID-number checks" not in client.get(url("overview", site)).content.decode()


def test_a_supervisor_keeps_the_number_for_the_resident_it_was_typed_for(client, site):
    owner, spouse = site.residents["owner"], site.residents["owner_spouse"]
    number = owner.reveal_id_number()
    edit_id_number(client, site, spouse, number)
    review = IdNumberReview.objects.get()
    client.force_login(site.manager)

    response = client.post(
        url("id_number_review", site, review.pk),
        {f"{review.pk}-outcome": "kept", f"{review.pk}-note": "Her card; his was mistyped."},
    )

    assert response["Location"] == url("id_number_reviews", site)
    owner.refresh_from_db()
    spouse.refresh_from_db()
    review.refresh_from_db()
    assert (review.outcome, review.resolved_by) == ("kept", site.manager)
    assert review.note == "Her card; his was mistyped."
    assert spouse.reveal_id_number() == number and spouse.id_number_digest
    assert owner.id_number_masked == owner.id_number_digest == ""
    assert AuditEntry.objects.filter(
        action="resident.id_number_remove", object_id=str(owner.pk)
    ).exists()
    entry = AuditEntry.objects.get(action="resident.id_number_review_resolve")
    assert entry.changes["outcome"] == "kept" and entry.actor == site.manager
    assert client.get(url("id_number_reviews", site)).context["reviews"] == []


def test_a_dismissed_number_gives_way_to_the_one_on_file_before(client, site):
    owner, tenant = site.residents["owner"], site.residents["tenant"]
    before = valid_id_number(300)
    tenant.set_id_number(before)
    tenant.save()
    edit_id_number(client, site, tenant, valid_id_number(301))
    edit_id_number(client, site, tenant, owner.reveal_id_number())
    edit_id_number(client, site, tenant, owner.reveal_id_number().lower())  # no change
    review = IdNumberReview.objects.get()
    assert review.previous_masked == mask_id_number(valid_id_number(301))

    id_numbers.id_number_review_resolve(
        actor=site.manager, review=review, outcome="dismissed", note="Typo"
    )

    tenant.refresh_from_db()
    assert tenant.reveal_id_number() == valid_id_number(301)
    assert tenant.id_number_digest
    owner.refresh_from_db()
    assert owner.reveal_id_number() == valid_id_number(1)
    with pytest.raises(ValidationError):
        id_numbers.id_number_review_resolve(actor=site.manager, review=review, outcome="kept")


def test_a_later_change_replaces_an_unchecked_one(client, site):
    owner, spouse = site.residents["owner"], site.residents["owner_spouse"]
    owner2 = site.residents["owner2"]
    owner2.set_id_number(valid_id_number(400))
    owner2.save()
    edit_id_number(client, site, spouse, owner.reveal_id_number())
    edit_id_number(client, site, spouse, owner2.reveal_id_number())

    first, second = IdNumberReview.objects.order_by("pk")
    assert first.outcome == ReviewOutcome.SUPERSEDED and second.outcome == ReviewOutcome.OPEN
    assert second.holder == owner2 and second.previous_masked == ""

    id_numbers.id_number_review_resolve(actor=site.manager, review=second, outcome="dismissed")
    spouse.refresh_from_db()
    assert spouse.id_number_masked == ""


def test_only_those_who_may_read_full_numbers_decide(site):
    owner, spouse = site.residents["owner"], site.residents["owner_spouse"]
    services.resident_save(
        actor=site.frontdesk,
        community=site.community,
        resident=spouse,
        data={"id_number": owner.reveal_id_number()},
    )
    review = IdNumberReview.objects.get()
    with pytest.raises(PermissionDenied):
        id_numbers.id_number_review_resolve(actor=site.frontdesk, review=review, outcome="kept")


def test_importing_the_register_takes_the_right_to_read_full_numbers(site, monkeypatch):
    monkeypatch.setitem(
        policy.PERMISSIONS,
        "register.import",
        policy.PERMISSIONS["register.import"] | {Role.FRONT_DESK},
    )
    upload = xlsx({"住户": [["姓名", "身份证号"], ["Twin", valid_id_number(1)]]})

    with pytest.raises(PermissionDenied):
        register_import(actor=site.frontdesk, community=site.community, upload=upload)
    assert not Resident.objects.filter(name="Twin").exists()
