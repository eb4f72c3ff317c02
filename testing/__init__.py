"""Local fakes of the far side of the network, shared by the tests and the benchmarks.

Not part of the installed bot (the wheel ships `bot` and `adapters` only): these
run from a checkout, next to `tests/` and `bench/`.
"""
