"""The customer center's indicators (服务指标) against the community's standard.

`queries` computes them for a period, `tally` keeps the daily summary they read for whole
past days, `views`, `charts` and `urls` are the manager's dashboard and `api` the route of
the HTTP API. Other apps read the indicators through `service_indicators`.
"""

from .queries import Measure, service_indicators

__all__ = ["Measure", "service_indicators"]
