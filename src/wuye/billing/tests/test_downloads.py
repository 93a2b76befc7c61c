"""Every billing download is named in the user's language: 收缴报表-BDX-2026-01.xlsx for a
Chinese cashier, collection-BDX-2026-01.xlsx for an English one."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.billing import services
from wuye.billing.runs.services import bill_run_start
from wuye.testing.downloads import saved_as

from .fixtures import FeeItemFactory

CHINESE = {
    "receipt": "收据",
    "arrears": "欠费明细",
    "reminder": "催缴通知",
    "collection": "收缴报表",
    "daily": "收款日报",
    "building": "催缴通知-{}号楼",
}
ENGLISH = {k: k for k in CHINESE} | {"building": "reminders-{}"}
LANGUAGES = pytest.mark.parametrize(("language", "stem"), [("zh-hans", CHINESE), ("en", ENGLISH)])


@pytest.fixture
def paid(site):
    """Two months of property fee on every home; the owner paid part of it in cash."""
    FeeItemFactory(community=site.community, name="物业费", start_date=date(2026, 1, 1))
    for period in ("2026-01", "2026-02"):
        bill_run_start(
            community=site.community, period=period, actor=site.manager, background=False
        )
    payment, _created = services.payment_record(
        unit=site.units["owner_home"], amount="10.00", method="cash", actor=site.cashier
    )
    return payment


def get(client, user, url, language, **params):
    client.force_login(user)
    response = client.get(url, params, headers={"accept-language": language})
    assert response.status_code == 200
    return response


def desk(site, name, *args):
    return reverse(f"billing:{name}", args=[site.community.pk, *args])


@LANGUAGES
def test_a_receipt_at_the_desk_and_in_the_portal(client, site, paid, language, stem):
    expected = ("inline", f"{stem['receipt']}-{paid.receipt_number}.pdf")
    response = get(client, site.cashier, desk(site, "receipt", paid.pk), language)
    assert saved_as(response) == expected
    portal = reverse("billing_portal:receipt", args=[paid.pk])
    assert saved_as(get(client, site.owner, portal, language)) == expected


@LANGUAGES
def test_reminder_notices_of_a_home_and_of_a_building(client, site, paid, language, stem):
    home, building = site.units["owner_home"], site.buildings[0]
    one = get(client, site.frontdesk, desk(site, "reminder", home.pk), language, on="2026-06-30")
    assert saved_as(one) == ("inline", f"{stem['reminder']}-{home.label}.pdf")
    url = desk(site, "reminders_building", building.pk)
    batch = get(client, site.frontdesk, url, language, on="2026-06-30")
    assert saved_as(batch) == ("inline", stem["building"].format(building.number) + ".pdf")


@LANGUAGES
def test_the_excel_reports(client, site, paid, language, stem):
    code = site.community.code
    arrears = get(
        client, site.manager, desk(site, "arrears"), language, on="2026-06-30", format="xlsx"
    )
    assert saved_as(arrears) == ("attachment", f"{stem['arrears']}-{code}-20260630.xlsx")
    collection = get(
        client, site.manager, desk(site, "collection"), language, period="2026-01", format="xlsx"
    )
    assert saved_as(collection) == ("attachment", f"{stem['collection']}-{code}-2026-01.xlsx")
    today = timezone.localdate()
    daily = get(
        client, site.cashier, desk(site, "daily"), language, day=f"{today:%Y-%m-%d}", format="xlsx"
    )
    assert saved_as(daily) == ("attachment", f"{stem['daily']}-{code}-{today:%Y%m%d}.xlsx")
