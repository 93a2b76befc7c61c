"""The customer center's indicators (服务指标) against the community's standard.

`queries` computes them for a period, `tally` keeps the daily summary they read for whole
past days, `views`, `charts` and `urls` are the manager's dashboard and `api` the route of
the HTTP API. Other apps read the indicators through `service_indicators`, and add their
own figures beside them through `register_measure` (`extra`).
"""

from .extra import extra_measures
from .extra import register as register_measure
from .queries import Measure, service_indicators

__all__ = ["Measure", "extra_measures", "register_measure", "service_indicators"]
