"""Benchmarks run by `make bench` (`python -m benchmarks`); figures are printed, never
asserted."""
