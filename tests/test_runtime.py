"""The garbage collector is tuned while the app serves and restored when it stops."""

from __future__ import annotations

import gc

from server.app import create_app
from tests.hardening import development


async def test_the_collector_is_tuned_while_serving_and_restored_after(store, clock):
    before = gc.get_threshold()
    app = create_app(development(gc_gen0_threshold=12_345), store=store, clock=clock)
    async with app.router.lifespan_context(app):
        assert gc.get_threshold() == (12_345, *before[1:])
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


async def test_a_threshold_of_zero_leaves_the_collector_alone(store, clock):
    before = gc.get_threshold()
    app = create_app(development(gc_gen0_threshold=0), store=store, clock=clock)
    async with app.router.lifespan_context(app):
        assert gc.get_threshold() == before
        assert gc.get_freeze_count() == 0
