"""`wuye bench security`: the gate's hot paths, each beside a floor measured in the same run.

- Pass verification, one process: signed tokens checked and their rows read, beside a floor
  that checks one signature and reads one row by its key (`passes/bench.py`).
- Gate events: cars in and out ingested as a batch, sessions built and priced, beside a
  set-based SQL floor (`parking/bench.py`).
"""

from __future__ import annotations

from .parking import bench as parking
from .passes import bench as passes


def run(*, out, scale: float) -> None:
    passes.measure(out, scale)
    parking.measure(out, scale)
