"""Ending background tasks (the event feed's poller, the notifier, the app's recovery)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

log = logging.getLogger("ctecr.tasks")


async def cancel_and_wait(*tasks: asyncio.Task[Any] | None) -> None:
    """Cancel the tasks (None: none there) and wait until each has ended. asyncio.wait,
    unlike awaiting a cancelled task under suppress(CancelledError), never swallows a
    cancellation of the caller itself: a shutdown that must give up still can. A task that
    had died of an error before is logged with it, not lost."""
    running = [task for task in tasks if task is not None]
    for task in running:
        task.cancel()
    if running:
        await asyncio.wait(running)
    for task in running:
        if not task.cancelled() and task.exception() is not None:
            log.error("task %s had failed", task.get_name(), exc_info=task.exception())
