"""Python's cyclic garbage collector, paused while a batch makes its many short-lived objects.

Checking a claim makes many short-lived objects and no reference cycles, so the cyclic
collector, run every few hundred allocations, costs a quarter of a batch's time (and three
quarters of receiving the workers' reports) while freeing nothing that reference counting
does not. It is paused during a batch, and the young objects are collected every
COLLECT_EVERY files instead, so a stray cycle is still freed.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

COLLECT_EVERY = 256  # files checked between two collections of the young objects


@contextmanager
def collector_paused():
    """The collector off for the block, and on again after it if it was on before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
