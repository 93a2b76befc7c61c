"""Checklist templates: the item sets a plan starts from, kept as data in code with
translatable labels. `services.plan_from_template` copies one into a plan's checklist in the
language active at the time, so a plan's questions read as the people who made it speak.

Lifts: a representative subset of TSG T5002-2017 附件A (电梯维护保养项目及要求), by interval
(half-monthly, quarterly, half-yearly, yearly); maintenance at least every 15 days is
特种设备安全监察条例 第三十一条. Fire systems: the yearly comprehensive test (消防法 第十六条).
The office's daily inspection is the training report's hardware checklist (§7); the cleaning
and greenery rounds follow the service level's rhythms (一级: bins cleared and roads swept
twice a day, stairwells mopped weekly)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..maintenance import schedule

MAINTENANCE, INSPECTION = "maintenance", "inspection"


@dataclass(frozen=True)
class Item:
    question: Promise
    kind: str = "yes_no"
    failing_answer: str = "no"
    unit: str = ""
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    choices: tuple[Promise, ...] = ()
    failing_choice: int | None = None  # for a choice: the index of the one that fails
    required: bool = True


@dataclass(frozen=True)
class Template:
    key: str
    name: Promise
    purpose: str
    cadence: str
    interval: int
    items: tuple[Item, ...]
    statutory: bool = False
    basis: Promise | str = ""
    lead_days: int = 7
    equipment_kinds: tuple[str, ...] = field(default=())


def ok(question) -> Item:
    """A yes-or-no item that fails on "no" (the question asks whether all is well)."""
    return Item(question)


def found(question) -> Item:
    """A yes-or-no item that fails on "yes" (the question asks whether a fault is found)."""
    return Item(question, failing_answer="yes")


def reading(question, unit: str, low=None, high=None) -> Item:
    return Item(
        question,
        kind="number",
        failing_answer="",
        unit=unit,
        min_value=None if low is None else Decimal(low),
        max_value=None if high is None else Decimal(high),
    )


def note() -> Item:
    return Item(_("Notes"), kind="text", failing_answer="", required=False)


def signature() -> Item:
    return Item(_("Signed by"), kind="signature", failing_answer="")


LIFT_BASIS = _("TSG T5002-2017 Annex A; Special Equipment Safety Regulations art. 31")

TEMPLATES: dict[str, Template] = {
    t.key: t
    for t in (
        Template(
            key="lift_half_monthly",
            name=_("Lift maintenance, half-monthly (TSG T5002)"),
            purpose=MAINTENANCE,
            cadence=schedule.DAYS,
            interval=15,
            statutory=True,
            basis=LIFT_BASIS,
            lead_days=3,
            equipment_kinds=("lift",),
            items=(
                ok(_("Machine room clean, doors and windows intact, lighting normal")),
                ok(_("Manual emergency operation device in place and intact")),
                found(_("Drive machine: abnormal vibration or noise while running")),
                ok(_("Brake pins lubricated and moving freely")),
                reading(_("Brake clearance"), "mm", "0.2", "0.7"),
                ok(_("Car top clean; stop switch and inspection switch working")),
                ok(_("Car lighting, fan and emergency lighting working")),
                ok(_("Landing calls and floor indicators working")),
                ok(_("Landing and car door lock contacts clean and secure")),
                ok(_("Self-closing device of the landing doors working")),
                ok(_("Pit clean and dry; pit stop switch working")),
                reading(_("Levelling accuracy"), "mm", "-10", "10"),
                note(),
                signature(),
            ),
        ),
        Template(
            key="lift_quarterly",
            name=_("Lift maintenance, quarterly (TSG T5002)"),
            purpose=MAINTENANCE,
            cadence=schedule.MONTHS,
            interval=3,
            statutory=True,
            basis=LIFT_BASIS,
            equipment_kinds=("lift",),
            items=(
                ok(_("Gearbox oil at the right level, no leak")),
                ok(_("Brake linings clean, wear within limits")),
                ok(_("Encoder clean and secure")),
                ok(_("Traction sheave grooves and ropes clean, tension even")),
                reading(_("Largest deviation of rope tension from the mean"), "%", None, "5"),
                ok(_("Governor sheave and rope clean, no damage")),
                ok(_("Guide shoe linings and rollers: wear within limits")),
                ok(_("Fire-service switch working")),
                note(),
                signature(),
            ),
        ),
        Template(
            key="lift_half_yearly",
            name=_("Lift maintenance, half-yearly (TSG T5002)"),
            purpose=MAINTENANCE,
            cadence=schedule.MONTHS,
            interval=6,
            statutory=True,
            basis=LIFT_BASIS,
            equipment_kinds=("lift",),
            items=(
                ok(_("Motor and gearbox coupling bolts tight")),
                ok(_("Sheave and diverter bearings: no abnormal noise or vibration")),
                ok(_("Control cabinet terminals tight, meters correct")),
                found(_("Ropes: broken wires, kinks or excessive wear found")),
                ok(_("Rope terminations and their fastenings secure")),
                ok(_("Travelling cable undamaged")),
                ok(_("Upper and lower limit switches working")),
                reading(_("Counterweight buffer run-by"), "mm", "150", "400"),
                note(),
                signature(),
            ),
        ),
        Template(
            key="lift_yearly",
            name=_("Lift maintenance, yearly (TSG T5002)"),
            purpose=MAINTENANCE,
            cadence=schedule.MONTHS,
            interval=12,
            statutory=True,
            basis=LIFT_BASIS,
            lead_days=14,
            equipment_kinds=("lift",),
            items=(
                ok(_("Contactor and relay contacts clean, no burning")),
                ok(_("Brake core dismantled, cleaned and lubricated")),
                reading(_("Insulation resistance of the power circuits"), "MΩ", "0.5", None),
                ok(_("Governor and safety gear linked test passed")),
                ok(_("Ascending car overspeed protection test passed")),
                ok(_("Car load weighing device working")),
                ok(_("Buffers secure, oil level correct")),
                ok(_("Counterweight filler blocks and their clamps secure")),
                reading(_("Largest gap between door panels and frame"), "mm", None, "6"),
                note(),
                signature(),
            ),
        ),
        Template(
            key="fire_yearly",
            name=_("Fire systems, yearly comprehensive test"),
            purpose=MAINTENANCE,
            cadence=schedule.MONTHS,
            interval=12,
            statutory=True,
            basis=_("Fire Protection Law art. 16"),
            lead_days=30,
            equipment_kinds=("fire_alarm_panel", "sprinklers", "hydrants", "extinguishers"),
            items=(
                ok(_("Fire alarm panel self-test passed, no standing fault")),
                ok(_("Sampled smoke detectors raised an alarm")),
                ok(_("Manual call points raised an alarm")),
                ok(_("Sounders and strobes working")),
                ok(_("Fire public address and fire telephones working")),
                reading(_("Hydrant static pressure at the highest outlet"), "MPa", "0.07", "1.0"),
                reading(
                    _("Sprinkler pressure at the end-of-line test valve"), "MPa", "0.05", "1.2"
                ),
                ok(_("Wet alarm valve and water-flow alarm operated")),
                ok(_("Fire pumps started automatically and by hand")),
                ok(_("Smoke control fans started on the linked signal")),
                ok(_("Fire shutters and fire doors closed on the linked signal")),
                reading(_("Emergency lighting duration on battery"), "min", "30", None),
                ok(_("Fire water tank at its level")),
                ok(_("Extinguisher gauges in the green zone, within date")),
                note(),
                signature(),
            ),
        ),
        Template(
            key="water_pump_monthly",
            name=_("Water pump, monthly check"),
            purpose=MAINTENANCE,
            cadence=schedule.MONTHS,
            interval=1,
            equipment_kinds=("water_pump",),
            items=(
                reading(_("Outlet pressure"), "MPa", "0.3", "0.6"),
                reading(_("Vibration velocity at the bearing housing"), "mm/s", None, "4.5"),
                Item(
                    _("Running noise"),
                    kind="choice",
                    failing_answer="",
                    failing_choice=2,
                    choices=(
                        _("Normal sound"),
                        _("Slight abnormal noise"),
                        _("Severe abnormal noise"),
                    ),
                ),
                found(_("Leaks at seals, valves or joints")),
                reading(_("Motor casing temperature"), "°C", None, "75"),
                note(),
                signature(),
            ),
        ),
        Template(
            key="office_daily",
            name=_("Office daily inspection"),
            purpose=INSPECTION,
            cadence=schedule.DAYS,
            interval=1,
            lead_days=1,
            items=(
                ok(_("Service counter tidy")),
                ok(_("Logos and tenant directories clean")),
                ok(_("Floors free of litter")),
                ok(_("Lifts clean and working")),
                ok(_("Lighting normal")),
                ok(_("Air flow and ventilation good")),
                ok(_("Toilets clean and dry")),
                ok(_("Bins and ashtrays clean")),
                found(_("Stair or lobby lighting damaged")),
                found(_("Ceilings or walls leaking, stained or peeling")),
                ok(_("Phone, fax and e-mail working")),
                note(),
                signature(),
            ),
        ),
        Template(
            key="cleaning_daily",
            name=_("Daily cleaning round"),
            purpose=INSPECTION,
            cadence=schedule.DAYS,
            interval=1,
            lead_days=1,
            items=(
                ok(_("Roads and squares swept, free of litter")),
                ok(_("Bins cleared twice today, clean and without smell")),
                ok(_("Lobbies and lift cars clean")),
                ok(_("Stairwells free of litter and obstruction")),
                ok(_("Refuse collection points tidy")),
                ok(_("Water features clean, nothing floating")),
                found(_("Dog waste or spilt rubbish left on paths")),
                note(),
                signature(),
            ),
        ),
        Template(
            key="greenery_weekly",
            name=_("Weekly greenery round"),
            purpose=INSPECTION,
            cadence=schedule.WEEKS,
            interval=1,
            lead_days=2,
            items=(
                reading(_("Lawn height"), "cm", None, "10"),
                ok(_("Shrubs and hedges trimmed")),
                found(_("Dead or missing plants")),
                found(_("Pests or disease found")),
                ok(_("Irrigation working, no leaking pipes")),
                ok(_("Green beds free of litter")),
                ok(_("Trees staked and safe")),
                note(),
                signature(),
            ),
        ),
    )
}


def choices() -> list[tuple[str, Promise]]:
    return [(key, template.name) for key, template in TEMPLATES.items()]
