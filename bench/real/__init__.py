"""Adapters that run presslens on the shared real-news sets and score it; `bench/realnews.py` prints them.

Each module reads one set from the path it is given (never from the repository), returns `Row`s,
and returns a single "skipped" row naming the missing file where the set is absent.
"""
