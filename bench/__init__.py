"""Benchmarks: print their figures; not tests."""
