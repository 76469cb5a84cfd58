"""Helpers for bench/bench_intake.py: a throwaway database, a gunicorn server, load."""
