"""A cleaning contractor of the site's community, its contract, and a way to score it."""

import io
from datetime import date

from django.utils import timezone
from PIL import Image

from wuye.facilities.contractors import services
from wuye.facilities.contractors.models import ScoreItem
from wuye.facilities.contractors.templates_seed import seed


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "grey").save(buffer, "JPEG")
    return buffer.getvalue()


def make_cleaner(site):
    seed(ScoreItem)
    contractor = services.contractor_save(
        actor=site.engineer,
        community=site.community,
        name="洁美保洁服务有限公司",
        kind="cleaning",
        licence_number="91310000MA1K000001",
        contact="王经理",
    )
    services.contract_save(
        actor=site.engineer,
        contractor=contractor,
        scope="公共区域日常保洁",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        monthly_fee="18000.00",
        sla="楼道每日清扫一次",
        pass_score=85,
    )
    return contractor


def full_marks(contractor, **cuts):
    """Every item at its maximum, except those named in `cuts` (item name -> ItemScore
    keyword arguments)."""
    scores = []
    for item in services.template_for(contractor.kind):
        extra = cuts.get(item.name, {})
        scores.append(services.ItemScore(item_id=item.pk, **{"points": item.max_points, **extra}))
    return scores


def inspect(site, contractor, day, **cuts):
    return services.inspection_record(
        actor=site.engineer,
        contractor=contractor,
        inspected_on=day,
        scores=full_marks(contractor, **cuts),
    )


def sweep_contractor(site) -> dict:
    """A contractor, its contract and an inspection with a deduction, for the page sweeps."""
    contractor = make_cleaner(site)
    day = timezone.localdate()
    inspection = inspect(
        site,
        contractor,
        day,
        垃圾桶={"points": 6, "photo": jpeg(), "rectify_by": day},
    )
    return {
        "contractor": contractor.pk,
        "contract": contractor.contracts.get().pk,
        "inspection": inspection.pk,
    }
