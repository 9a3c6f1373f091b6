"""Helpers shared by the tests and the benchmarks: sample libraries, servers, the browser."""
