"""The engagement app's models, one module per area: votes, notices and the rest."""

from .notices import *  # noqa: F403
from .publicity import *  # noqa: F403
from .votes import *  # noqa: F403
