"""Bordeaux Town's plant and the people who keep it, through the services: the equipment
register, the lifts' statutory profiles, the maintenance plans with three months of completed
tasks and their readings, and the outsourced services held to their contracts.

The register: the lifts of every small high-rise block (each with its 注册代码, 使用登记证,
inspection body and periodic inspection, one of them due within the month and none lapsed),
the pump room under building 2 (three domestic water pumps and the tank), the fire systems
(alarm panel, sprinklers, hydrants, extinguishers), the two transformers and the switchgear,
the standby generator, the CCTV, the vehicle gates and the central garden's water feature.

The plans: every lift each 15 days by the lift contractor (statutory), the pumps monthly by the
engineering team with an outlet-pressure reading (0.30–0.60 MPa) and yes/no items, the
switchroom monthly with the transformer's temperature, the generator weekly, the water
feature weekly by the water-treatment contractor, the tank cleaned twice a year, the fire
systems' yearly comprehensive test. Their past occurrences are completed on their day;
pump 2's pressure once read 0.68 MPa, which raised a work order for it. The occurrences of
today and the coming week are open.

The contractors (cleaning, greenery, pest control 四害消杀, lift maintenance, water
treatment): a contract each with its scope, service levels and monthly fee, and a quality
inspection (品质检查) a month for the last three months; the older deductions were re-checked
and found rectified, the latest are still within their rectification deadline.

A fixed seed makes every run the same; a second run changes nothing.
"""

from __future__ import annotations

import io
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from wuye.core.dates import add_months
from wuye.core.models import Community
from wuye.estates.models import Building
from wuye.facilities.contractors import services as contractors
from wuye.facilities.contractors.models import ContractorKind
from wuye.facilities.equipment import services as equipment
from wuye.facilities.equipment.models import Equipment, EquipmentKind, InspectionResult
from wuye.facilities.inspections.services import plan_from_template
from wuye.facilities.maintenance import counters
from wuye.facilities.maintenance import services as maintenance
from wuye.facilities.maintenance.models import (
    Cadence,
    ChecklistItem,
    ItemKind,
    MaintenancePlan,
    TaskAnswer,
)
from wuye.facilities.stores import services as stores
from wuye.servicedesk.models import Team
from wuye.servicedesk.services import work_order_dispatch, work_order_resolve, work_order_start

SEED = 20261215
TEAM = "工程维修部"
HANDED_OVER = date(2013, 6, 18)
INSPECTION_BODY = "新疆维吾尔自治区特种设备检验研究院哈密分院"
LIFT_MAKE = ("日立电梯（中国）有限公司", "HGP-1000-CO105")
K = EquipmentKind

# code, name, kind, building number (or ""), floor, place, make, model, importance
PLANT = (
    ("PUMP-1", "1号生活给水泵", K.WATER_PUMP, "2", "B1", "水泵房", "格兰富", "CR 32-4", "A"),
    ("PUMP-2", "2号生活给水泵", K.WATER_PUMP, "2", "B1", "水泵房", "格兰富", "CR 32-4", "A"),
    (
        "PUMP-3",
        "3号生活给水泵（备用）",
        K.WATER_PUMP,
        "2",
        "B1",
        "水泵房",
        "格兰富",
        "CR 32-4",
        "B",
    ),
    ("TANK-1", "生活水箱", K.WATER_TANK, "2", "B1", "水泵房", "不锈钢组合水箱", "60 m³", "A"),
    (
        "FIRE-PANEL",
        "火灾报警控制器",
        K.FIRE_ALARM_PANEL,
        "",
        "",
        "物业楼一层消防控制室",
        "海湾安全技术",
        "JB-QB-GST200",
        "A",
    ),
    ("FIRE-SPRINKLER", "自动喷水灭火系统", K.SPRINKLERS, "", "B1", "地下车库", "", "湿式", "A"),
    ("FIRE-HYDRANT", "室内外消火栓系统", K.HYDRANTS, "", "", "全区", "", "", "A"),
    (
        "FIRE-EXT",
        "灭火器（412具）",
        K.EXTINGUISHERS,
        "",
        "",
        "各楼栋楼道及车库",
        "",
        "MFZ/ABC4",
        "B",
    ),
    ("TR-1", "1号箱式变压器", K.TRANSFORMER, "", "", "配电房", "特变电工", "SCB13-800/10", "A"),
    ("TR-2", "2号箱式变压器", K.TRANSFORMER, "", "", "配电房", "特变电工", "SCB13-800/10", "A"),
    ("SWG-1", "高低压配电柜", K.SWITCHGEAR, "", "", "配电房", "正泰电气", "KYN28A-12/GCS", "A"),
    ("GEN-1", "柴油发电机组", K.GENERATOR, "", "", "配电房旁发电机房", "康明斯", "C250D5", "A"),
    (
        "CCTV-1",
        "视频监控系统",
        K.CCTV,
        "",
        "",
        "消防控制室（监控中心）",
        "海康威视",
        "DS-9664N-I16",
        "B",
    ),
    ("GATE-N", "北门车辆道闸", K.ACCESS_GATE, "", "", "北门", "捷顺", "JSDZ0801", "B"),
    ("GATE-S", "南门车辆道闸", K.ACCESS_GATE, "", "", "南门", "捷顺", "JSDZ0801", "B"),
    ("FEATURE-1", "中心花园水景", K.WATER_FEATURE, "", "", "中心花园", "", "循环过滤", "C"),
)
FIRE = ("FIRE-PANEL", "FIRE-SPRINKLER", "FIRE-HYDRANT", "FIRE-EXT")
PUMPS = ("PUMP-1", "PUMP-2", "PUMP-3")

# kind, name, licence, contact, monthly fee, scope, service levels, pass score
CONTRACTORS = (
    (
        ContractorKind.CLEANING,
        "哈密洁雅保洁服务有限公司",
        "91650502MA77XJ2K3Q",
        "王经理 0902-2236618",
        "68000.00",
        "全区楼道、电梯轿厢、大堂、道路广场、地下车库及公共卫生间的保洁，垃圾清运，入户管家协助。",
        "楼道每日清扫一次、每周拖洗一次；垃圾日产日清；电梯轿厢每日擦拭两次；"
        "大堂玻璃每周清洁一次；接到投诉30分钟内到场。",
        85,
    ),
    (
        ContractorKind.GREENERY,
        "哈密绿源园林绿化工程有限公司",
        "91650502MA77Q8LW5D",
        "马经理 0902-2258093",
        "32000.00",
        "全区绿地（绿地率38.8%）的日常养护：草坪修剪、绿篱造型、乔灌木修剪、浇灌施肥、"
        "病虫害防治和冬季防寒。",
        "草坪高度不超过8厘米；生长季每周浇水两次；病虫害发现后48小时内处理；枯枝落叶当日清理。",
        80,
    ),
    (
        ContractorKind.PEST_CONTROL,
        "哈密康达有害生物防治有限公司",
        "91650502MA78B1HC7N",
        "李师傅 13899671205",
        "4500.00",
        "四害消杀：鼠、蚊、蝇、蟑螂的防治，化粪池、垃圾站、地下室定期投药和喷洒。",
        "每月消杀两次，夏季每周一次；药饵投放有记录、有警示标识；投诉24小时内处理。",
        80,
    ),
    (
        ContractorKind.LIFT_MAINTENANCE,
        "哈密安达电梯工程有限公司",
        "TS3465081-2027",
        "张工 13999025516",
        "8100.00",
        "小高层住宅楼全部电梯的维护保养、故障修理和应急救援。",
        "每15日维保一次（TSG T5002）；困人30分钟内到场；一般故障24小时内修复；"
        "每年至少一次应急救援演练。",
        85,
    ),
    (
        ContractorKind.WATER_TREATMENT,
        "新疆清泉水处理技术有限公司",
        "91650100MA79C6RT2E",
        "赵工 18999307742",
        "6800.00",
        "二次供水水箱清洗消毒和水质检测，中心花园水景的水处理与水面清洁。",
        "水箱每半年清洗消毒一次并出具检测报告；水景每周巡查加药；水面漂浮物当日清理。",
        85,
    ),
)
LIFT_COMPANY = CONTRACTORS[3][1]
WATER_COMPANY = CONTRACTORS[4][1]
FIRE_COMPANY = "新疆安泰消防技术服务有限公司"
# What the inspector writes beside a deduction (any other item: the general remark).
REMARKS = {
    "楼道地面": "5号楼2单元楼道有鞋印和烟头，未按频次拖洗。",
    "垃圾桶": "垃圾桶外壁有污渍，桶边散落垃圾。",
    "垃圾清运": "北门垃圾站上午十点仍未清运。",
    "电梯轿厢": "37号楼1号电梯轿厢镜面有手印。",
    "大堂玻璃": "39号楼大堂玻璃门有明显水渍。",
    "草坪修剪": "中心花园东侧草坪高度超过10厘米。",
    "绿篱造型": "3号楼前绿篱未修剪，枝条伸入人行道。",
    "枯枝落叶清理": "儿童游乐区周边落叶未及时清理。",
    "病虫害防治": "中心花园月季有蚜虫，未见防治记录。",
    "药饵投放记录": "地下车库B区毒饵站记录缺两次。",
    "警示标识": "化粪池周边投药处缺警示标识。",
    "鼠密度": "垃圾站周边发现鼠迹。",
    "维保记录": "维保记录缺维保人员签字。",
    "机房环境": "35号楼机房有杂物堆放。",
    "水景水面清洁": "水景水面有落叶漂浮。",
    "加药记录": "加药记录未写明药剂用量。",
}
RUN_HOURS = "运行小时"
HARDWARE = "哈密市恒通五金机电有限公司"
# code, name, unit, category, the equipment it fits, reorder point, receipts
STORE = (
    (
        "SEAL-CR32",
        "水泵机械密封 CR32",
        "套",
        "给排水",
        PUMPS,
        2,
        ((4, "380.00", "格兰富水泵（上海）有限公司"),),
    ),
    ("BRG-6204", "轴承 6204-2RS", "个", "机电", PUMPS, 6, ((10, "12.60", HARDWARE),)),
    ("VALVE-DN50", "闸阀 DN50", "个", "给排水", (), 2, ((3, "210.00", HARDWARE),)),
    (
        "LED-T8-18W",
        "LED 灯管 T8 18W",
        "支",
        "电气",
        (),
        30,
        ((120, "18.50", HARDWARE), (60, "17.80", HARDWARE)),
    ),
    (
        "LIFT-DOOR-CONTACT",
        "电梯层门门锁触点",
        "个",
        "电梯",
        (),
        4,
        ((6, "65.00", "日立电梯（中国）有限公司"),),
    ),
    (
        "EXT-ABC4",
        "干粉灭火器 4 kg",
        "具",
        "消防",
        (),
        10,
        ((20, "95.00", "新疆安泰消防技术服务有限公司"),),
    ),
)
LIFT_ITEMS = (
    "机房、井道及底坑清洁无杂物",
    "曳引机及制动器工作正常",
    "层门、轿门门锁电气触点可靠",
    "轿厢照明、通风及紧急报警装置有效",
    "平层准确度符合要求",
)


def facilities_load(community: Community, now: datetime | None = None) -> dict[str, int]:
    """Load the register, the plans and the contractors, unless the community has equipment
    already or has no engineering team yet."""
    if Equipment.objects.filter(community=community).exists():
        return {}
    team = Team.objects.filter(community=community, name=TEAM).first()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=_LOGINS)}
    if team is None or any(name not in users for name in _LOGINS):
        return {}
    now = now or timezone.now()
    # the orders and readings are written in the community's language
    with transaction.atomic(), translation.override("zh-hans"):
        return _Load(community, team, users, now).run()


_LOGINS = ("engineer", "electrician", "manager")


class _Load:
    def __init__(self, community, team, users, now):
        self.community, self.team, self.now = community, team, now
        self.engineer, self.electrician = users["engineer"], users["electrician"]
        self.manager = users["manager"]
        self.today = timezone.localtime(now).date()
        self.rng = random.Random(SEED)
        self.items: dict[str, Equipment] = {}
        self.counts = {"tasks": 0, "readings": 0, "work_orders": 0}

    def run(self) -> dict[str, int]:
        lifts = self._register()
        last_maintained = {code: self._lift_plan(n, code) for n, code in enumerate(lifts)}
        for n, code in enumerate(lifts):
            self._lift_profile(n, code, last_maintained[code])
        self._plant_plans()
        self._fire_profiles_and_test()
        self._inspections()
        self._stores()
        counts = {
            "equipment": len(self.items),
            "lifts": len(lifts),
            "plans": MaintenancePlan.objects.filter(community=self.community).count(),
            **self.counts,
            **self._contractors(),
        }
        return counts

    # ---- the register ---------------------------------------------------------------------

    def _add(self, **data) -> Equipment:
        item = equipment.equipment_add(actor=self.engineer, community=self.community, data=data)
        self.items[item.code] = item
        return item

    def _register(self) -> list[str]:
        buildings = {b.number: b for b in Building.objects.filter(community=self.community)}
        lifts = []
        high = sorted(
            (b for b in buildings.values() if b.lifts), key=lambda b: (len(b.number), b.number)
        )
        for building in high:
            per_entrance = 2 if building.floors >= 12 else 1
            for n in range(1, building.lifts + 1):
                item = self._add(
                    code=f"LIFT-{building.number}-{n}",
                    name=f"{building.number}号楼{n}号电梯",
                    kind=K.LIFT,
                    building=building,
                    place=f"{(n - 1) // per_entrance + 1}单元",
                    make=LIFT_MAKE[0],
                    model=LIFT_MAKE[1],
                    serial_number=f"HT{HANDED_OVER:%y}{len(lifts) + 1:05d}",
                    installed_on=HANDED_OVER - timedelta(days=40),
                    warranty_until=HANDED_OVER + timedelta(days=730),
                    importance="A",
                )
                lifts.append(item.code)
        for code, name, kind, number, floor, place, make, model, importance in PLANT:
            self._add(
                code=code,
                name=name,
                kind=kind,
                building=buildings.get(number) if number else None,
                floor=floor,
                place=place,
                make=make,
                model=model,
                installed_on=HANDED_OVER - timedelta(days=60),
                importance=importance,
            )
        return lifts

    def _lift_profile(self, n: int, code: str, last_maintained: date | None) -> None:
        # The first lift's periodic inspection is due within the month; the others spread
        # over the year to come, none lapsed.
        due = self.today + timedelta(days=18 if n == 0 else 75 + (n * 37) % 270)
        last = add_months(due, -12)
        equipment.statutory_profile_save(
            actor=self.engineer,
            equipment=self.items[code],
            data={
                "registration_code": f"3110650502{HANDED_OVER:%Y}{n + 1:06d}",
                "use_certificate_number": f"梯11新L{n + 1:05d}(13)",
                "use_certificate_date": HANDED_OVER,
                "inspection_body": INSPECTION_BODY,
                "last_inspected_on": last,
                "last_report_number": f"DT{last:%Y}-HM{n + 1:04d}",
                "last_result": InspectionResult.PASSED,
                "next_inspection_due": due,
                "last_maintained_on": last_maintained,
                "maintenance_company": LIFT_COMPANY,
                "maintenance_contract_number": f"AD-WB-{self.today.year}-017",
                "maintenance_licence_number": CONTRACTORS[3][2],
            },
        )

    def _fire_profiles_and_test(self) -> None:
        tested = self.today - timedelta(days=290)
        plan = self._plan(
            "消防系统年度全面检测",
            Cadence.MONTHS,
            12,
            tested,
            [self.items[code] for code in FIRE],
            contractor=FIRE_COMPANY,
            statutory=True,
            place="全区消防设施",
            items=[
                ("火灾自动报警系统联动试验正常", ItemKind.YES_NO, {"failing_answer": "no"}),
                ("喷淋末端试水压力", ItemKind.NUMBER, {"unit": "MPa", "min_value": "0.05"}),
                ("消火栓静压", ItemKind.NUMBER, {"unit": "MPa", "min_value": "0.07"}),
                ("灭火器压力及有效期抽查合格", ItemKind.YES_NO, {"failing_answer": "no"}),
                ("检测报告编号", ItemKind.TEXT, {}),
            ],
        )
        self._history(
            plan,
            self.engineer,
            lambda task, items: ["yes", "0.12", "0.26", "yes", f"XF-JC-{task.occurrence:%Y}-031"],
        )
        for code in FIRE:
            equipment.statutory_profile_save(
                actor=self.engineer,
                equipment=self.items[code],
                data={"last_tested_on": tested, "maintenance_company": FIRE_COMPANY},
            )

    # ---- inspections ----------------------------------------------------------------------

    def _inspections(self) -> None:
        """The office's daily inspection (the report's hardware checklist), the daily cleaning
        round and the weekly greenery round from their templates, done for the last four weeks:
        a damaged lobby light at the office once, dog waste on a path twice, a dead shrub once."""
        start = self.today - timedelta(days=28)
        rounds = (
            ("office_daily", "综合服务中心", self.engineer, {13: "found"}),
            (
                "cleaning_daily",
                "全区道路、楼道及垃圾收集点",
                self.engineer,
                {4: "found", 17: "found"},
            ),
            ("greenery_weekly", "全区绿地", self.engineer, {2: "found"}),
        )
        with translation.override("zh-hans"):
            for key, place, actor, faults in rounds:
                plan = plan_from_template(
                    actor=self.manager,
                    community=self.community,
                    template_key=key,
                    starts_on=start,
                    team=self.team,
                    place=place,
                )
                day = iter(range(100))

                def answer(task, items, faults=faults, day=day, actor=actor):
                    fault = faults.get(next(day))
                    values, flagged = [], False
                    for item in items:
                        if item.kind == ItemKind.NUMBER:
                            values.append(str(Decimal(6 + self.rng.randint(0, 3))))
                        elif item.kind == ItemKind.TEXT:
                            values.append("")
                        elif item.kind == ItemKind.SIGNATURE:
                            values.append(actor.get_full_name() or actor.username)
                        elif item.failing_answer == "yes":  # "is a fault found?"
                            values.append("yes" if fault and not flagged else "no")
                            flagged = True
                        else:
                            values.append("yes")
                    return values

                self._history(plan, actor, answer)

    # ---- spare parts ----------------------------------------------------------------------

    def _stores(self) -> None:
        """The engineering store: parts received at their prices, and the seal and bearing
        that mended PUMP-2 issued to its work order, which leaves the seals at their reorder
        point."""
        parts = {}
        for code, name, unit, category, fits, reorder, receipts in STORE:
            part = stores.stock_item_add(
                actor=self.manager,
                community=self.community,
                data={
                    "code": code,
                    "name": name,
                    "unit": unit,
                    "category": category,
                    "reorder_point": reorder,
                    "fits": [self.items[f] for f in fits],
                },
            )
            for quantity, cost, supplier in receipts:
                stores.stock_receive(
                    actor=self.manager,
                    item=part,
                    quantity=quantity,
                    unit_cost=cost,
                    supplier=supplier,
                )
            parts[code] = part
        answer = TaskAnswer.objects.filter(failed=True, equipment=self.items["PUMP-2"]).first()
        for code, quantity in (("SEAL-CR32", 2), ("BRG-6204", 2)):
            stores.stock_issue(
                actor=self.electrician,
                item=parts[code],
                quantity=quantity,
                work_order=answer.work_order,
                key=f"demo-{code}",
            )
        self.counts["parts"] = len(parts)
        # and the order was done that day
        order, at = answer.work_order, answer.work_order.created_at
        work_order_dispatch(
            order=order,
            assignee=self.electrician,
            actor=self.engineer,
            at=at + timedelta(minutes=12),
        )
        work_order_start(order=order, actor=self.electrician, at=at + timedelta(minutes=40))
        work_order_resolve(
            order=order,
            result="更换机械密封及轴承，检修减压阀后出水压力 0.45 MPa，运行正常。",
            actor=self.electrician,
            at=at + timedelta(hours=4),
        )

    # ---- maintenance ----------------------------------------------------------------------

    def _plan(self, name, cadence, interval, starts_on, gear, *, items, **fields):
        plan = MaintenancePlan(
            community=self.community,
            name=name,
            cadence=cadence,
            interval=interval,
            starts_on=starts_on,
            **fields,
        )
        plan.full_clean()
        plan.save()
        plan.equipment.set(gear)
        for order, (question, kind, extra) in enumerate(items):
            ChecklistItem.objects.create(
                plan=plan, order=order, question=question, kind=kind, **extra
            )
        return plan

    def _history(self, plan, actor, answer) -> date | None:
        """Complete the plan's occurrences before today on their day; today's and the coming
        week's are left open. The last completed occurrence's date."""
        items = list(plan.items.order_by("order", "pk"))
        done = None
        while True:
            task = maintenance.task_generate(plan, self.today)
            if task is None or task.occurrence >= self.today:
                return done
            minutes = self.rng.randint(0, 150)
            at = timezone.make_aware(datetime.combine(task.occurrence, time(9, 0)))
            values = answer(task, items)
            completion = maintenance.task_complete(
                actor=actor,
                task=task,
                answers=[(item.pk, value) for item, value in zip(items, values, strict=True)],
                at=at + timedelta(minutes=minutes),
            )
            self.counts["tasks"] += 1
            self.counts["work_orders"] += len(completion.work_orders)
            done = task.occurrence

    def _lift_plan(self, n: int, code: str) -> date | None:
        plan = self._plan(
            f"电梯半月维保 {code}",
            Cadence.DAYS,
            15,
            self.today - timedelta(days=88 - n % 15),
            [self.items[code]],
            contractor=LIFT_COMPANY,
            statutory=True,
            items=[(q, ItemKind.YES_NO, {"failing_answer": "no"}) for q in LIFT_ITEMS]
            + [("维保人员签字", ItemKind.SIGNATURE, {"required": False})],
        )
        return self._history(
            plan, self.engineer, lambda task, items: ["yes"] * len(LIFT_ITEMS) + ["张建军"]
        )

    def _plant_plans(self) -> None:
        monthly = add_months(self.today, -3) + timedelta(days=4)
        for n, code in enumerate(PUMPS):
            pump = self.items[code]
            plan = self._plan(
                f"生活水泵月度保养 {code}",
                Cadence.MONTHS,
                1,
                monthly,
                [pump],
                team=self.team,
                place="2号楼地下一层水泵房",
                items=[
                    (
                        "出水压力",
                        ItemKind.NUMBER,
                        {
                            "unit": "MPa",
                            "min_value": "0.30",
                            "max_value": "0.60",
                            "equipment": pump,
                        },
                    ),
                    ("运行平稳，无异响、无异常振动", ItemKind.YES_NO, {"failing_answer": "no"}),
                    ("机械密封无渗漏", ItemKind.YES_NO, {"failing_answer": "no"}),
                    ("电机温升正常", ItemKind.YES_NO, {"failing_answer": "no"}),
                ],
            )
            month = iter(range(12))

            def pressure(task, items, n=n, month=month, code=code):
                m = next(month)
                if code == "PUMP-2" and m == 1:
                    reading = Decimal("0.68")  # the pressure-reducing valve stuck
                else:
                    reading = Decimal("0.44") + Decimal(n) / 50 + Decimal(m) / 100
                    reading += Decimal(self.rng.randint(-2, 2)) / 100
                self.counts["readings"] += 1
                return [str(reading), "yes", "yes", "yes"]

            self._history(plan, self.electrician, pressure)

        switchroom = self._plan(
            "配电房月度巡检",
            Cadence.MONTHS,
            1,
            monthly + timedelta(days=2),
            [self.items["TR-1"], self.items["TR-2"], self.items["SWG-1"]],
            team=self.team,
            place="配电房",
            items=[
                (
                    "1号变压器绕组温度",
                    ItemKind.NUMBER,
                    {"unit": "°C", "max_value": "100", "equipment": self.items["TR-1"]},
                ),
                (
                    "2号变压器绕组温度",
                    ItemKind.NUMBER,
                    {"unit": "°C", "max_value": "100", "equipment": self.items["TR-2"]},
                ),
                ("配电柜指示灯、仪表正常", ItemKind.YES_NO, {"failing_answer": "no"}),
                ("绝缘垫、安全工具齐全", ItemKind.YES_NO, {"failing_answer": "no"}),
            ],
        )

        def temperatures(task, items):
            self.counts["readings"] += 2
            return [str(self.rng.randint(58, 72)), str(self.rng.randint(55, 70)), "yes", "yes"]

        self._history(switchroom, self.electrician, temperatures)

        generator = self._plan(
            "发电机每周试运行",
            Cadence.WEEKS,
            1,
            self.today - timedelta(days=34),
            [self.items["GEN-1"]],
            team=self.team,
            place="发电机房",
            items=[
                ("启动正常", ItemKind.YES_NO, {"failing_answer": "no"}),
                (
                    "蓄电池电压",
                    ItemKind.NUMBER,
                    {"unit": "V", "min_value": "24", "max_value": "28.5"},
                ),
                ("空载运行10分钟无异常", ItemKind.YES_NO, {"failing_answer": "no"}),
                (
                    "燃油液位",
                    ItemKind.CHOICE,
                    {"choices": "满\n3/4\n1/2\n低于1/2", "failing_answer": "低于1/2"},
                ),
                ("运行小时计读数", ItemKind.NUMBER, {"unit": "h", "feeds_counter": RUN_HOURS}),
            ],
        )
        # The run-hour meter as read when the plan began, and the 250-hour service it drives.
        gen = self.items["GEN-1"]
        hours = iter(Decimal("1186.5") + Decimal(n) / 2 for n in range(1, 100))
        counters.counter_reading_record(
            actor=self.electrician,
            equipment=gen,
            counter=RUN_HOURS,
            value=Decimal("1186.5"),
            unit="h",
            read_at=timezone.make_aware(datetime.combine(generator.starts_on, time(8, 0)))
            - timedelta(days=1),
        )
        service = MaintenancePlan(
            community=self.community,
            name="发电机组 250 小时保养",
            trigger="usage",
            usage_equipment=gen,
            counter=RUN_HOURS,
            usage_interval=250,
            usage_baseline=Decimal("1000"),
            team=self.team,
            place="发电机房",
        )
        service.full_clean()
        service.save()
        service.equipment.set([gen])
        for order, question in enumerate(("更换机油及机油滤清器", "更换燃油及空气滤清器")):
            ChecklistItem.objects.create(
                plan=service,
                order=order,
                question=question,
                kind=ItemKind.YES_NO,
                failing_answer="no",
            )

        def battery(task, items):
            self.counts["readings"] += 1
            volts = Decimal("26.8") + Decimal(self.rng.randint(-4, 4)) / 10
            return ["yes", str(volts), "yes", self.rng.choice(("满", "3/4")), str(next(hours))]

        self._history(generator, self.electrician, battery)

        feature = self._plan(
            "水景每周巡查加药",
            Cadence.WEEKS,
            1,
            self.today - timedelta(days=31),
            [self.items["FEATURE-1"]],
            contractor=WATER_COMPANY,
            place="中心花园水景",
            items=[
                ("水面无漂浮物", ItemKind.YES_NO, {"failing_answer": "no"}),
                ("循环泵、过滤器运行正常", ItemKind.YES_NO, {"failing_answer": "no"}),
                ("投加药剂", ItemKind.TEXT, {"required": False}),
            ],
        )
        self._history(feature, self.engineer, lambda task, items: ["yes", "yes", "除藻剂 2 kg"])

        tank = self._plan(
            "生活水箱清洗消毒",
            Cadence.MONTHS,
            6,
            self.today - timedelta(days=100),
            [self.items["TANK-1"]],
            contractor=WATER_COMPANY,
            place="2号楼地下一层水泵房",
            items=[
                ("清洗消毒完成", ItemKind.YES_NO, {"failing_answer": "no"}),
                ("水质检测报告编号", ItemKind.TEXT, {}),
            ],
        )
        self._history(tank, self.engineer, lambda task, items: ["yes", "QQ-SZ-0412"])

    # ---- contractors ----------------------------------------------------------------------

    def _contractors(self) -> dict[str, int]:
        photo = _photo()
        counts = {"contractors": 0, "inspections": 0, "deductions": 0}
        start = add_months(self.today.replace(day=1), -8)
        for kind, name, licence, contact, fee, scope, sla, pass_score in CONTRACTORS:
            contractor = contractors.contractor_save(
                actor=self.manager,
                community=self.community,
                name=name,
                kind=kind,
                licence_number=licence,
                contact=contact,
            )
            contractors.contract_save(
                actor=self.manager,
                contractor=contractor,
                scope=scope,
                starts_on=start,
                ends_on=add_months(start, 12) - timedelta(days=1),
                monthly_fee=Decimal(fee),
                sla=sla,
                pass_score=pass_score,
            )
            counts["contractors"] += 1
            template = contractors.template_for(kind)
            for months_ago in (2, 1, 0):
                day = self.today - timedelta(days=2 + 28 * months_ago)
                scores = []
                for position, item in enumerate(template):
                    lost = 0
                    if self.rng.random() < 0.12 or (
                        months_ago == 0 and kind == ContractorKind.CLEANING and position == 2
                    ):
                        lost = min(item.max_points, self.rng.randint(1, 3))
                    scores.append(
                        contractors.ItemScore(
                            item_id=item.pk,
                            points=item.max_points - lost,
                            remark=REMARKS.get(item.name, f"{item.name}未达标准。") if lost else "",
                            photo=photo if lost else None,
                            rectify_by=day + timedelta(days=7) if lost else None,
                        )
                    )
                inspection = contractors.inspection_record(
                    actor=self.engineer,
                    contractor=contractor,
                    inspected_on=day,
                    scores=scores,
                    notes="月度品质检查。",
                    at=timezone.make_aware(datetime.combine(day, time(15, 0))),
                )
                counts["inspections"] += 1
                for score in inspection.scores.filter(points__lt=F("max_points")):
                    counts["deductions"] += 1
                    if months_ago:
                        contractors.deduction_recheck(
                            actor=self.engineer,
                            score=score,
                            rechecked_on=day + timedelta(days=5),
                            rectified=True,
                            note="已整改到位。",
                            at=timezone.make_aware(
                                datetime.combine(day + timedelta(days=5), time(10, 0))
                            ),
                        )
        return counts


def _photo() -> bytes:
    """A small grey JPEG standing in for the inspector's photo of a deduction."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (160, 120), (150, 150, 140)).save(buffer, "JPEG", quality=70)
    return buffer.getvalue()
