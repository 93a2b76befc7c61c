"""The engagement app's models, one module per area: votes, notices and the rest."""

from .community_life import *  # noqa: F403
from .notices import *  # noqa: F403
from .publicity import *  # noqa: F403
from .service_report import *  # noqa: F403
from .surveys import *  # noqa: F403
from .votes import *  # noqa: F403
