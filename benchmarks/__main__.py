"""`python -m benchmarks` runs every benchmark module in MODULES; `python -m benchmarks NAME..`
runs those. Each module has a `main()` that prints its figures."""

from __future__ import annotations

import importlib
import sys

MODULES = [
    "subscriptions",
    "graphql_vs_plain",
    "request_budget",
    "cold_caches",
    "round_trips",
    "limits_cache",
    "auth",
    "bundle_size",
    "hardening",
]


def main(names: list[str]) -> None:
    for name in names or MODULES:
        importlib.import_module(f"benchmarks.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
