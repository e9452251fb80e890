"""Garbage collector settings while the application serves.

Measured (`make bench`): a GraphQL operation leaves reference cycles behind (execution
contexts, extensions, resolve infos, futures), so CPython's cyclic collector runs about
every other request at its default threshold (700 allocations), and each full collection
walks every object of the process: the schema, the loaded data. That took a fifth of the
time of a `participantRecords` request; the plain JSON route leaves no cycles and never
triggers it. Freezing what exists once the app has started takes the long-lived heap out
of those walks, and a higher first-generation threshold makes collections rarer.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def tuned_gc(gen0_threshold: int) -> Iterator[None]:
    """Freeze the started app's heap and raise the collection threshold until exit, when
    both are undone (tests start many apps in one process). 0 leaves the collector alone."""
    if gen0_threshold <= 0:
        yield
        return
    previous = gc.get_threshold()
    gc.freeze()  # constant time (no collection first): the start's garbage waits for exit
    gc.set_threshold(gen0_threshold, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()
