"""Counting calls to the database, for tests and benchmarks of the data access pattern."""

from __future__ import annotations

from dataclasses import dataclass

from ..observe import round_trip


@dataclass
class RoundTrips:
    count: int = 0

    def tick(self) -> None:
        self.count += 1
        round_trip()
