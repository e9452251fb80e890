"""Benchmarks, run by `make bench` (`python -m benchmarks`). Speed is measured here, never
asserted by tests."""
