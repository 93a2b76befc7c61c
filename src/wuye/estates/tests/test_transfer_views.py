"""The import and export page: who may use it, and what a clerk sees after an upload."""

import base64
import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from wuye.estates.models import Building, Unit

from .fixtures import (
    UNIT_HEADERS,
    good_register,
    register_state,
    xlsx,
)


def page(site):
    return reverse("estates:transfer", args=[site.community.pk])


def upload(client, user, site, file, kind=""):
    client.force_login(user)
    return client.post(page(site), {"file": file, "kind": kind})


def test_a_manager_sees_templates_exports_and_the_upload_form(client, site):
    client.force_login(site.manager)

    response = client.get(page(site))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert reverse("estates:template", args=[site.community.pk]) + "?kind=residents" in html
    assert reverse("estates:export", args=[site.community.pk]) + "?kind=units" in html


def test_the_front_desk_exports_but_cannot_import(client, site):
    client.force_login(site.frontdesk)

    response = client.get(page(site))

    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' not in response.content.decode()
    export = client.get(reverse("estates:export", args=[site.community.pk]), {"kind": "units"})
    assert export.status_code == 200
    assert upload(client, site.frontdesk, site, xlsx(good_register())).status_code == 403
    assert not Building.objects.filter(community=site.community, number="3").exists()


@pytest.mark.parametrize("who", ["guard", "electrician", "owner", "other_manager"])
def test_others_may_neither_import_nor_export(client, site, who):
    user = getattr(site, who)
    client.force_login(user)
    args = [site.community.pk]

    assert client.get(page(site)).status_code == 403
    assert client.get(reverse("estates:export", args=args), {"kind": "units"}).status_code == 403
    assert client.get(reverse("estates:template", args=args), {"kind": "units"}).status_code == 403
    assert upload(client, user, site, xlsx(good_register())).status_code == 403
    assert not Building.objects.filter(community=site.community, number="3").exists()


def test_visitors_are_sent_to_log_in(client, site):
    response = client.get(page(site))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_good_upload_shows_what_was_created_updated_and_left_alone(client, site):
    response = upload(client, site.manager, site, xlsx(good_register()))

    assert response.status_code == 200
    html = response.content.decode()
    units = re.search(r'<tr data-kind="units">(.*?)</tr>', html, re.S).group(1)
    assert re.search(r'data-count="created">4<', units)
    again = upload(client, site.manager, site, xlsx(good_register())).content.decode()
    units = re.search(r'<tr data-kind="units">(.*?)</tr>', again, re.S).group(1)
    assert re.search(r'data-count="unchanged">4<', units)


def test_a_bad_upload_lists_each_problem_and_offers_the_file_back_marked(client, site):
    before = register_state(site.community)
    sheets = {
        "房屋": [
            UNIT_HEADERS,
            ["1", "1", 7, "701", 90, None, "住宅", "空置"],
            ["1", "1", 7, "702", "ninety", None, "住宅", "空置"],
            ["8", "1", 7, "703", 90, None, "住宅", "空置"],
        ]
    }

    response = upload(client, site.manager, site, xlsx(sheets))

    assert response.status_code == 422
    html = response.content.decode()
    table = re.search(r'<table[^>]*id="import-errors".*?</table>', html, re.S).group(0)
    cells = [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]
    assert [c[:3] for c in cells if c] == [["房屋", "3", "建筑面积"], ["房屋", "4", "楼栋号"]]
    assert register_state(site.community) == before
    assert not Unit.objects.filter(number="701").exists()

    encoded = re.search(r"base64,([A-Za-z0-9+/=]+)", html).group(1)
    marked = load_workbook(BytesIO(base64.b64decode(encoded)))["房屋"]
    assert marked["I1"].value == "错误说明"
    assert marked["I2"].value is None
    assert marked["I3"].value.startswith("建筑面积: ")
    assert marked["E3"].fill.fgColor.rgb.endswith("FFC7CE")
    assert marked["I4"].value.startswith("楼栋号: ")


def test_the_marked_file_imports_once_corrected(client, site):
    sheets = {"房屋": [UNIT_HEADERS, ["1", "1", 7, "701", "ninety", None, "住宅", "空置"]]}
    html = upload(client, site.manager, site, xlsx(sheets)).content.decode()
    marked = load_workbook(
        BytesIO(base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", html).group(1)))
    )
    marked["房屋"]["E2"] = 90
    output = BytesIO()
    marked.save(output)

    response = upload(
        client, site.manager, site, SimpleUploadedFile("fixed.xlsx", output.getvalue())
    )

    assert response.status_code == 200
    assert Unit.objects.filter(building__community=site.community, number="701").exists()


def test_a_file_that_is_not_a_workbook_is_refused_on_the_form(client, site):
    response = upload(client, site.manager, site, SimpleUploadedFile("homes.csv", b"1,1,101"))

    assert response.status_code == 422
    assert "Upload an Excel workbook (.xlsx)." in response.content.decode()
