"""Ending background tasks (the event feed's poller, the notifier, the app's recovery)."""

from __future__ import annotations

import asyncio
from typing import Any


async def cancel_and_wait(*tasks: asyncio.Task[Any] | None) -> None:
    """Cancel the tasks (None: none there) and wait until each has ended. asyncio.wait,
    unlike awaiting a cancelled task under suppress(CancelledError), never swallows a
    cancellation of the caller itself: a shutdown that must give up still can."""
    running = [task for task in tasks if task is not None]
    for task in running:
        task.cancel()
    if running:
        await asyncio.wait(running)
