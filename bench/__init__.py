"""Benchmarks that print tables; run them with `make bench`."""
