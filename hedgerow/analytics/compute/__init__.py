"""Pure number crunching for area analytics: plain data in, plain data out.

Nothing in this package imports Django, so each function can be tested and
benchmarked on its own, and the same code serves the pages, the commands and
the benchmarks. The Django side (selectors, services) reads the database and
the Parquet store and hands these functions arrays, frames and file paths.
"""
