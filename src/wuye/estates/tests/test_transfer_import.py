"""Importing the register from Excel: all of a file or none of it, and never twice."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from wuye.core.models import AuditEntry
from wuye.estates.models import (
    Building,
    Occupancy,
    ParkingSpace,
    Relation,
    Residency,
    Resident,
    Unit,
    Vehicle,
)
from wuye.estates.transfer.importers import ImportRefused, register_import
from wuye.testing.factories import valid_id_number

from .fixtures import (
    BUILDING_HEADERS,
    RESIDENT_HEADERS,
    UNIT_HEADERS,
    VEHICLE_HEADERS,
    ZHAO_ID,
    good_register,
    register_state,
    xlsx,
)


def counts(report) -> dict:
    return {slug: vars(c) for slug, c in report.counts.items()}


def errors(report) -> set[tuple]:
    return {(e.sheet, e.row, e.header) for e in report.errors}


def test_a_good_workbook_imports_every_sheet(site):
    report = register_import(
        actor=site.manager, community=site.community, upload=xlsx(good_register())
    )

    assert report.ok, report.errors
    assert counts(report) == {
        "buildings": {"created": 2, "updated": 0, "unchanged": 0},
        "units": {"created": 4, "updated": 0, "unchanged": 0},
        "residents": {"created": 3, "updated": 1, "unchanged": 0},
        "vehicles": {"created": 2, "updated": 0, "unchanged": 0},
        "parking": {"created": 2, "updated": 0, "unchanged": 0},
    }
    tower = Building.objects.get(community=site.community, number="3")
    assert (tower.kind, tower.floors, tower.lifts) == ("small_high_rise", 11, 2)
    assert Building.objects.get(community=site.community, number="S1").lifts == 0
    home = Unit.objects.get(building=tower, entrance="1", number="101")
    assert (home.building_area, home.inner_area) == (Decimal("98.50"), Decimal("80.20"))
    zhao = Resident.objects.get(community=site.community, name="赵敏")
    assert zhao.reveal_id_number() == ZHAO_ID
    assert zhao.emergency_contact == "赵强"
    assert sorted(zhao.residencies.values_list("unit__number", "relation")) == [
        ("101", Relation.OWNER),
        ("201", Relation.OWNER),
    ]
    sun = Resident.objects.get(community=site.community, name="孙丽")
    assert sun.needs_attention and sun.notes == "独居老人"
    tenant = Residency.objects.get(resident__name="周杰")
    assert (tenant.relation, str(tenant.start_date)) == (Relation.TENANT, "2023-07-15")
    assert Unit.objects.get(building=tower, entrance="1", number="201").occupancy == (
        Occupancy.RENTED
    )
    assert Vehicle.objects.get(community=site.community, plate="新B66666").resident == zhao
    space = ParkingSpace.objects.get(community=site.community, number="B-001")
    assert (space.kind, space.unit, space.vehicle.plate) == ("owned", home, "新B66666")


def test_an_import_is_audited_with_its_counts(site):
    known = set(Resident.objects.values_list("pk", flat=True))
    register_import(actor=site.manager, community=site.community, upload=xlsx(good_register()))

    entry = AuditEntry.objects.get(action="register.import")
    assert (entry.actor, entry.community) == (site.manager, site.community)
    assert entry.changes["file"] == "register.xlsx"
    assert entry.changes["units"] == {"created": 4, "updated": 0, "unchanged": 0}
    created = AuditEntry.objects.filter(action="register.import.create", actor=site.manager)
    assert created.filter(object_type="estates.unit").count() == 4
    new_residents = {
        str(pk) for pk in Resident.objects.values_list("pk", flat=True) if pk not in known
    }
    audited = created.filter(object_type="estates.resident").values_list("object_id", flat=True)
    assert new_residents and set(audited) == new_residents


def test_reimporting_the_same_file_changes_nothing(site):
    register_import(actor=site.manager, community=site.community, upload=xlsx(good_register()))
    before = register_state(site.community)

    report = register_import(
        actor=site.manager, community=site.community, upload=xlsx(good_register())
    )

    assert report.ok, report.errors
    assert all(c.created == c.updated == 0 for c in report.counts.values())
    assert counts(report)["residents"]["unchanged"] == 4
    assert register_state(site.community) == before


def test_a_changed_value_updates_only_that_row(site):
    register_import(actor=site.manager, community=site.community, upload=xlsx(good_register()))
    sheets = good_register()
    sheets["房屋"][3][4] = 130  # 3-2-201 was 126.32 m²
    sheets["住户"][2][1] = "13800000012"  # 孙丽 has a new mobile, found by name and home

    report = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))

    assert report.ok, report.errors
    assert counts(report)["units"] == {"created": 0, "updated": 1, "unchanged": 3}
    assert counts(report)["residents"] == {"created": 0, "updated": 1, "unchanged": 3}
    assert Resident.objects.get(name="孙丽").mobile == "13800000012"
    change = AuditEntry.objects.filter(action="unit.update").get()
    assert change.changes == {"building_area": ["126.32", "130"]}


def test_bad_rows_write_nothing_and_each_is_reported_by_row_and_column(site):
    before = register_state(site.community)
    sheets = good_register()
    sheets["房屋"] += [
        ["3", "1", 1, "101", 90, None, "住宅", "空置"],  # row 6: 3-1-101 again
        ["3", "1", 3, "301", -5, None, "住宅", "空置"],  # row 7: negative area
        ["9", "1", 1, "101", 90, None, "住宅", "空置"],  # row 8: no building 9
        ["3", "1", 3, "302", 90, 95, "住宅", "空置"],  # row 9: inner area too large
    ]
    sheets["住户"] += [
        ["吴刚", "1380000000", None, None, None, None, None, None, None, None, None, None],
        ["郑爽", "13800000005", "110105194912310021", None, None, None, None, None,
         None, None, None, None],
        ["王五", "13800000006", ZHAO_ID, None, None, None, None, None,
         None, None, None, None],
    ]  # fmt: skip

    report = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))

    assert not report.ok
    assert errors(report) == {
        ("房屋", 6, "房号"),
        ("房屋", 7, "建筑面积"),
        ("房屋", 8, "楼栋号"),
        ("房屋", 9, "套内面积"),
        ("住户", 6, "手机"),
        ("住户", 7, "身份证号"),
        ("住户", 8, "姓名"),  # 赵敏's ID number under another name
    }
    messages = {(e.row, e.header): e.message for e in report.errors}
    assert "row 2" in messages[(6, "房号")]
    assert "building 9" in messages[(8, "楼栋号")]
    assert "check digit" in messages[(7, "身份证号")]
    assert register_state(site.community) == before


def test_errors_are_reported_in_the_users_language(site):
    sheets = {"楼栋": [BUILDING_HEADERS, ["3", "3号楼", "小高层", 0, 2]]}

    with translation.override("zh-hans"):
        report = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))

    assert report.errors[0].header == "层数"
    assert "确保" in report.errors[0].message  # Django's own Chinese: 确保该值大于或等于 1


def test_full_width_digits_and_stray_spaces_are_normalised(site):
    sheets = {
        "房屋": [
            UNIT_HEADERS,
            ["１", " １单元 ", "６", "６０１室", "９８．５０", "８０．２", "住宅", "空置"],
        ],
        "住户": [
            RESIDENT_HEADERS,
            [
                "  钱 多多 ",
                "１３８ ００００ ０００７",
                valid_id_number(77).lower().replace("x", "ｘ"),
                "１",
                "1",
                "６０１",
                "业主",
                "２０２２/３/１",
                None,
                None,
                None,
                "否",
            ],
        ],  # fmt: skip
    }

    report = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))

    assert report.ok, report.errors
    unit = Unit.objects.get(building=site.buildings[0], entrance="1", number="601")
    assert (unit.floor, unit.building_area) == (6, Decimal("98.50"))
    resident = Resident.objects.get(community=site.community, mobile="13800000007")
    assert resident.name == "钱 多多"
    assert str(resident.residencies.get().start_date) == "2022-03-01"
    again = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))
    assert all(c.changed == 0 for c in again.counts.values())


def test_rows_already_in_the_register_are_matched_by_their_natural_keys(site):
    owner = site.residents["owner"]
    sheets = {
        "楼栋": [BUILDING_HEADERS, ["1", "", "多层", 6, 0]],
        "房屋": [UNIT_HEADERS, ["1", "1", 1, "101", 98.5, 80.2, "住宅", "自住"]],
        "住户": [
            ["姓名", "手机", "身份证号", "楼栋号", "单元", "房号", "关系"],
            [owner.name, "13912349999", valid_id_number(1), "1", "1", "101", "业主"],
            ["Li Na", "13912340002", None, "1", "1", "101", "家庭成员"],
        ],
        "车辆": [VEHICLE_HEADERS[:1] + ["品牌颜色"], ["新B12345", "白色大众"]],
    }

    report = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))

    assert report.ok, report.errors
    assert counts(report) == {
        "buildings": {"created": 0, "updated": 0, "unchanged": 1},
        "units": {"created": 0, "updated": 0, "unchanged": 1},
        "residents": {"created": 0, "updated": 1, "unchanged": 1},
        "vehicles": {"created": 0, "updated": 1, "unchanged": 0},
    }
    owner.refresh_from_db()
    assert owner.mobile == "13912349999"  # found by ID number, new mobile taken
    vehicle = Vehicle.objects.get(community=site.community, plate="新B12345")
    assert (vehicle.description, vehicle.resident) == ("白色大众", owner)  # owner kept


def test_a_relation_cannot_be_changed_by_import(site):
    sheets = {
        "住户": [
            ["姓名", "手机", "楼栋号", "单元", "房号", "关系"],
            ["Li Na", "13912340002", "1", "1", "101", "租户"],
        ]
    }

    report = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))

    assert errors(report) == {("住户", 2, "关系")}
    assert "move-out" in report.errors[0].message


def test_moving_in_by_import_keeps_occupancy_in_step(site):
    sheets = {
        "住户": [
            ["姓名", "手机", "楼栋号", "单元", "房号", "关系"],
            ["钱七", "13800000021", "2", "1", "401", "租户"],
        ]
    }

    report = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))

    assert report.ok, report.errors
    assert Unit.objects.get(pk=site.units["vacant_home"].pk).occupancy == Occupancy.RENTED


def test_the_occupancy_a_file_states_is_kept_and_stays_on_reimport(site):
    sheets = {
        "房屋": [UNIT_HEADERS, ["2", "1", 6, "601", 90, None, "住宅", "空置"]],
        "住户": [
            ["姓名", "手机", "楼栋号", "单元", "房号", "关系"],
            ["钱七", "13800000021", "2", "1", "601", "业主"],  # owns it, lives elsewhere
        ],
    }

    register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))
    again = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))

    assert Unit.objects.get(building=site.buildings[1], number="601").occupancy == "vacant"
    assert all(c.changed == 0 for c in again.counts.values())


def test_a_title_row_above_the_headers_is_allowed(site):
    sheets = {"楼栋": [["Bordeaux Town 楼栋档案"], [], BUILDING_HEADERS, ["7", "", "多层", 6, 0]]}

    report = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))

    assert report.ok
    assert Building.objects.filter(community=site.community, number="7").exists()


def test_one_sheet_imports_as_the_chosen_kind_whatever_its_name(site):
    sheets = {"Sheet1": [UNIT_HEADERS, ["2", "1", 5, "501", 88, None, None, None]]}

    report = register_import(
        actor=site.manager, community=site.community, upload=xlsx(sheets), kind="units"
    )

    assert report.ok, report.errors
    unit = Unit.objects.get(building=site.buildings[1], number="501")
    assert (unit.use, unit.occupancy) == ("residential", "vacant")


@pytest.mark.parametrize(
    ("upload", "says"),
    [
        (SimpleUploadedFile("register.csv", b"a,b\n"), "xlsx"),
        (SimpleUploadedFile("register.xls", b"\xd0\xcf\x11\xe0"), ".xls"),
        (SimpleUploadedFile("register.xlsx", b"not a zip"), "could not be read"),
        (SimpleUploadedFile("big.xlsx", b"0" * (5 * 1024 * 1024 + 1)), "5 MB"),
        (xlsx({"房屋": [["楼栋号", "单元", "房号"], ["1", "1", "101"]]}), "楼层、建筑面积"),
        (xlsx({"Sheet1": [BUILDING_HEADERS]}), "No sheet is named"),
        (xlsx({"楼栋": [BUILDING_HEADERS + ["楼号"]]}), "twice"),
    ],
)
def test_files_that_cannot_be_imported_are_refused_with_a_reason(site, upload, says):
    with pytest.raises(ImportRefused, match=says):
        register_import(actor=site.manager, community=site.community, upload=upload)


@pytest.mark.parametrize("who", ["frontdesk", "guard", "other_manager", "owner"])
def test_only_office_leads_may_import(site, who):
    with pytest.raises(PermissionDenied):
        register_import(
            actor=getattr(site, who), community=site.community, upload=xlsx(good_register())
        )


def test_unchanged_rows_are_checked_without_a_query_per_row(site, django_assert_max_num_queries):
    rows = [["1", "1", 1, f"{n}", 90, None, "住宅", "空置"] for n in range(1000, 1060)]
    sheets = {"房屋": [UNIT_HEADERS, *rows]}
    register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))

    with django_assert_max_num_queries(8):
        report = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))
    assert report.counts["units"].unchanged == 60


def test_a_father_and_son_of_the_same_name_in_one_home_are_two_people(site):
    sheets = {
        "住户": [
            ["姓名", "手机", "楼栋号", "单元", "房号", "关系"],
            ["伊力哈木·伊力哈木", "13800000031", "2", "1", "401", "业主"],
            ["伊力哈木·伊力哈木", "13800000032", "2", "1", "401", "家庭成员"],
        ]
    }

    report = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))
    again = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))

    assert report.counts["residents"].created == 2
    assert again.counts["residents"].unchanged == 2


def test_text_stored_before_normalisation_is_not_rewritten(site):
    resident = site.residents["owner_spouse"]
    Resident.objects.filter(pk=resident.pk).update(notes="独居老人，每周电话问候（周一）")
    sheets = {
        "住户": [
            ["姓名", "手机", "备注"],
            ["Li Na", "13912340002", "独居老人，每周电话问候（周一）"],
        ]
    }

    report = register_import(actor=site.manager, community=site.community, upload=xlsx(sheets))

    assert report.counts["residents"].unchanged == 1
    resident.refresh_from_db()
    assert resident.notes == "独居老人，每周电话问候（周一）"
