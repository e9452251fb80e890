"""Ending background tasks: domain.tasks.cancel_and_wait."""

from __future__ import annotations

import asyncio

import pytest

from domain.tasks import cancel_and_wait


async def _stubborn(ended: asyncio.Event) -> None:
    """A task that takes its time to end once cancelled."""
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        await asyncio.sleep(0.5)
        ended.set()
        raise


async def test_it_waits_for_every_task_to_end():
    ended = [asyncio.Event(), asyncio.Event()]
    tasks = [asyncio.create_task(_stubborn(e)) for e in ended]
    await asyncio.sleep(0)
    await cancel_and_wait(*tasks, None)
    assert all(e.is_set() for e in ended) and all(t.cancelled() for t in tasks)


async def test_a_cancellation_of_the_caller_is_not_swallowed():
    """Awaiting a cancelled task under suppress(CancelledError) would swallow the caller's
    own cancellation too: the timeout below would then never fire."""
    task = asyncio.create_task(_stubborn(asyncio.Event()))
    await asyncio.sleep(0)
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.1):
            await cancel_and_wait(task)
    await asyncio.wait([task])


async def test_a_task_that_had_failed_is_logged_with_its_error(caplog):
    async def failing() -> None:
        raise RuntimeError("the database went away")

    task = asyncio.create_task(failing(), name="notifier")
    await asyncio.sleep(0)
    await cancel_and_wait(task)
    [record] = [r for r in caplog.records if r.name == "ctecr.tasks"]
    assert "notifier" in record.getMessage()
    assert record.exc_info is not None and "database went away" in str(record.exc_info[1])
