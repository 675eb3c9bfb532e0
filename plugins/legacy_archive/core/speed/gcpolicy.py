"""When Python's cyclic garbage collector runs during a build.

A build makes millions of long-lived objects (records, YAML positions, pages). Each full
collection walks all of them, and collections come more often as the heap grows: at
10,000 records the collector took three quarters of the loading time. Loading pauses it,
and once the model and pages are made they are frozen out of its sight (`gc.freeze`);
reference counting still frees them as usual. A new build unfreezes them first, so
`mkdocs serve` rebuilds leak nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collections inside the block (loading makes no garbage cycles to find)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze_long_lived() -> None:
    """Keep every object alive now out of later collections (the model, emitted pages)."""
    gc.collect()
    gc.freeze()


def thaw() -> None:
    """Give frozen objects back to the collector, at the start of a new build."""
    gc.unfreeze()


def release_free_memory() -> None:
    """Hand memory the build has freed back to the system (glibc keeps it otherwise).

    Before render workers are forked this matters twice: every freed page the process
    still holds would be counted again in each worker that writes next to it."""
    if not sys.platform.startswith("linux"):
        return
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        trim = libc.malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc (musl has no malloc_trim)
        return
    trim.argtypes = [ctypes.c_size_t]
    trim(0)
