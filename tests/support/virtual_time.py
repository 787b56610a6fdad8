"""A virtual clock for pacing tests: an event loop whose time jumps ahead whenever nothing is ready to run.

Timing code under test (the send budget, a lane's cap) reads `loop.time()` and sleeps with asyncio; on this loop a
sleep of 0.5 s takes no real time and the clock reads exactly 0.5 s later, whatever the machine's load. So a test can
assert *how long* something waited (in virtual seconds) without a timed assertion on the wall clock:

    def test_x() -> None:
        async def scenario() -> None:
            budget = SendBudget(20.0, monotonic=now)
            ...
            assert now() - started == pytest.approx(0.5)
        run_virtual(scenario())

Only for code that waits on timers (no sockets: a request to the emulator would see the clock jump while it is
answered).
"""

from __future__ import annotations

import asyncio
import selectors
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class _JumpingSelector(selectors.DefaultSelector):
    """Never sleeps for a timer: when no I/O is ready, the loop's clock moves to the next timer instead."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 0.0

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        if timeout is None:  # no timer at all: only I/O (a thread's call_soon_threadsafe) can wake the loop
            return super().select(None)
        events = super().select(0)
        if not events and timeout > 0:
            self.now += timeout
        return events


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """asyncio's selector loop on a virtual clock starting at 0.0 (see the module's docstring)."""

    def __init__(self) -> None:
        self._jumping = _JumpingSelector()
        super().__init__(self._jumping)

    def time(self) -> float:
        return self._jumping.now


def now() -> float:
    """The running loop's time (virtual under run_virtual): pass it as `monotonic=` to the code under test."""
    return asyncio.get_running_loop().time()


def run_virtual(main: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion on a fresh VirtualTimeLoop."""
    loop = VirtualTimeLoop()
    try:
        return loop.run_until_complete(main)
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()
