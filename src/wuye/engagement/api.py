"""API of the engagement areas: one router gathering each area's router for `wuye.api`."""

from ninja import Router

from .community_life import api as community_life
from .notices import api as notices
from .publicity import api as publicity
from .service_report import api as service_report
from .surveys import api as surveys
from .votes import api as votes

# Operation ids are the method names of clients generated from the schema, so they keep the
# names they were published with: the votes' and notices' views then lived in
# `wuye.engagement.api`, each other area's in a module of its own.
AREAS = (
    (votes.router, "wuye_engagement_api"),
    (notices.router, "wuye_engagement_api"),
    (service_report.router, "wuye_engagement_report_api"),
    (surveys.router, "wuye_engagement_surveys_api"),
    (community_life.router, "wuye_engagement_culture_api"),
    (publicity.router, "wuye_engagement_publicity_api"),
)

router = Router(tags=["engagement"])

for area_router, operation_prefix in AREAS:
    for path_view in area_router.path_operations.values():
        for operation in path_view.operations:
            operation.operation_id = f"{operation_prefix}_{operation.view_func.__name__}"
    router.add_router("", area_router)
