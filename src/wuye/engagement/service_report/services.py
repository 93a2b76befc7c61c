"""Publishing the management service report (管理服务报告) to the owners."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core import audit, policy
from wuye.core.models import Community
from wuye.core.report import Period

from ..models import PublishedReport
from . import queries


def service_report_publish(*, actor, community: Community, period: Period) -> PublishedReport:
    """Publish a closed period's report to the owners, frozen as it reads now.

    The sections are stored in every language of the site; later changes to work orders,
    bills or notices do not change a published report, and a period is published once.
    """
    policy.require_perm(actor, queries.PUBLISH, community.pk)
    if not queries.is_closed(period):
        raise ValidationError({"period": [_("A report is published once its period has ended.")]})
    frozen = queries.report_in_every_language(community, period)
    try:
        with transaction.atomic():
            report = PublishedReport.objects.create(
                community=community,
                kind=period.kind,
                start=period.start,
                end=period.end,
                sections=frozen,
                published_at=timezone.now(),
                published_by=actor,
            )
            audit.record(
                actor=actor,
                action="service_report.publish",
                obj=report,
                changes={"period": ["", queries.period_code(period)]},
            )
    except IntegrityError:
        raise ValidationError(
            {"period": [_("The report of this period has already been published.")]}
        ) from None
    return report
