"""The register's test kit: workbooks filled the way a clerk fills the import template, and
a snapshot of everything an import can touch.

Registered as a pytest plugin in the root conftest.
"""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from wuye.core.models import AuditEntry
from wuye.estates.models import Building, ParkingSpace, Residency, Resident, Unit, Vehicle
from wuye.testing.factories import valid_id_number

BUILDING_HEADERS = ["楼栋号", "楼栋名称", "类型", "层数", "电梯数"]
UNIT_HEADERS = ["楼栋号", "单元", "楼层", "房号", "建筑面积", "套内面积", "用途", "状态"]
RESIDENT_HEADERS = [
    "姓名", "手机", "身份证号", "楼栋号", "单元", "房号", "关系", "入住日期",
    "紧急联系人", "紧急联系电话", "备注", "重点关注",
]  # fmt: skip
VEHICLE_HEADERS = ["车牌", "车主姓名", "车主手机", "品牌颜色"]
PARKING_HEADERS = ["车位号", "区域", "类型", "楼栋号", "单元", "房号", "车牌"]
ZHAO_ID = valid_id_number(321, birth="19750304")


def xlsx(sheets: dict[str, list[list]], name: str = "register.xlsx") -> SimpleUploadedFile:
    """A workbook built the way a clerk would fill the template."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    output = BytesIO()
    book.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def good_register() -> dict[str, list[list]]:
    """A register whose every sheet imports cleanly: two buildings, four homes, their people,
    two cars and two parking spaces."""
    return {
        "楼栋": [
            BUILDING_HEADERS,
            ["3", "3号楼", "小高层", 11, 2],
            ["S1", "商业街", "商铺", 2, None],
        ],
        "房屋": [
            UNIT_HEADERS,
            ["3", "1", 1, "101", 98.5, 80.2, "住宅", "自住"],
            ["3", "1", 2, "201", "126.32", None, "住宅", "出租"],
            ["3", "2", 2, "201", 126.32, None, "住宅", "空置"],
            ["S1", None, 1, "S-01", 60, None, "商铺", "未售"],
        ],
        "住户": [
            RESIDENT_HEADERS,
            [
                "赵敏",
                "13800000001",
                ZHAO_ID,
                "3",
                "1",
                "101",
                "业主",
                "2021-03-01",
                "赵强",
                "13800000009",
                "",
                "否",
            ],
            [
                "孙丽",
                "13800000002",
                None,
                "3",
                "1",
                "101",
                "家庭成员",
                "2021-03-01",
                None,
                None,
                "独居老人",
                "是",
            ],
            [
                "赵敏",
                "13800000001",
                ZHAO_ID,
                "3",
                "1",
                "201",
                "业主",
                "2021-03-01",
                "赵强",
                "13800000009",
                "",
                "否",
            ],
            [
                "周杰",
                "13800000003",
                None,
                "3",
                "1",
                "201",
                "租户",
                "2023-07-15",
                None,
                None,
                None,
                None,
            ],
        ],  # fmt: skip
        "车辆": [
            VEHICLE_HEADERS,
            ["新B66666", "赵敏", "13800000001", "黑色丰田"],
            ["新BD88888", "周杰", None, None],
        ],
        "车位": [
            PARKING_HEADERS,
            ["B-001", "地下一层", "自有", "3", "1", "101", "新B66666"],
            ["V-002", "地面", "访客", None, None, None, None],
        ],
    }


def register_state(community) -> dict:
    """Everything an import can touch, to show that a refused file touched nothing."""
    return {
        "buildings": list(Building.objects.filter(community=community).values()),
        "units": list(Unit.objects.filter(community=community).values()),
        "residents": list(Resident.objects.filter(community=community).values().order_by("pk")),
        "residencies": list(Residency.objects.filter(unit__community=community).values()),
        "vehicles": list(Vehicle.objects.filter(community=community).values()),
        "parking": list(ParkingSpace.objects.filter(community=community).values()),
        "audit": AuditEntry.objects.count(),
    }
