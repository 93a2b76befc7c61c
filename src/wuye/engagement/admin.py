"""The engagement areas in the Django admin: each area registers its own models."""

from .community_life import admin as community_life  # noqa: F401
from .notices import admin as notices  # noqa: F401
from .publicity import admin as publicity  # noqa: F401
from .service_report import admin as service_report  # noqa: F401
from .surveys import admin as surveys  # noqa: F401
from .votes import admin as votes  # noqa: F401
