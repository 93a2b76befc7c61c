"""Guards start on the gate: the pass they check is their first job."""

from wuye.core.home import Landing
from wuye.core.policy import R as Role

LANDINGS = [
    Landing("security:gate", frozenset({Role.GUARD}), "pass.verify", priority=400),
]
