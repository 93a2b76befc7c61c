"""Benchmarks that print their figures beside a floor measured in the same run.

An app offers a benchmark by defining `run(*, out, scale) -> None` in `<app>/bench.py`;
`wuye bench <app>` runs it in a throw-away database (the test database of the configured
one: SQLite or PostgreSQL), so the working data is never touched.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], runs: int = 15, warm: bool = True) -> float:
    """The median wall-clock time of `fn` in milliseconds."""
    if warm:
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """Seconds taken by one call of `fn`, and what it returned."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


class Table:
    """Rows of figures printed as an aligned table, each with its ratio to a named floor."""

    def __init__(self, out, title: str, unit: str):
        self.out, self.title, self.unit = out, title, unit
        self.rows: list[tuple[str, float, str | None]] = []

    def add(self, name: str, value: float, floor: str | None = None) -> None:
        self.rows.append((name, value, floor))

    def print(self) -> None:
        values = {name: value for name, value, _ in self.rows}
        self.out.write(f"\n{self.title}\n")
        self.out.write(f"{'what':<48}{self.unit:>14}{'× floor':>10}\n")
        for name, value, floor in self.rows:
            ratio = f"{value / values[floor]:>10.2f}" if floor and values.get(floor) else ""
            self.out.write(f"{name:<48}{value:>14.1f}{ratio}\n")
