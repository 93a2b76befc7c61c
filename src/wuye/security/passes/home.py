"""The gate check, where a guard with no post board lands (see `security/posts/home.py`)."""

from wuye.core.home import Landing
from wuye.core.policy import R as Role

LANDINGS = [
    Landing("security:gate", frozenset({Role.GUARD}), "pass.verify", priority=400),
]
