"""How the Application takes updates under load (issue 17): one user's updates in order, presses answered in time.

`UserOrderedProcessor` is the Application's update processor (`ApplicationBuilder.concurrent_updates(...)`):
- updates of one user are handled one after another, in the order Telegram sent them, never two at once;
  different users are handled in parallel (at most `max_concurrent` handlers run at once); nothing is dropped;
- a button press is answered within `answer_after` seconds of its arrival even when its handler waits (behind the
  same user's earlier update, the database, a slow edit): if the handler has not answered by then, the press is
  answered blank so the spinner stops inside Telegram's callback window. "Arrival" is the moment the Updater hands
  the update over (`ArrivalQueue`, the Application's update queue, polling and webhook alike), before it waits in
  any queue; when more than `ANSWER_AT_ARRIVAL` updates are already waiting or running, the press is answered at
  once, blank — on a starved machine its turn would come too late anyway — and handlers about to start let the
  blank answers on their way go first (at most `ANSWERS_FIRST_WAIT`). A handler answers through
  `handlers.common.answer_quietly`, which asks `claim_answer` first: a press is answered exactly once, and an alert
  that comes after the press was answered is sent as a message instead, so it still reaches the person;
- the number of updates waiting or running is logged when it grows (32, 64, 128, …) and when it drains.
Work that can wait asks `busy(app)` and yields while replies are queued: the broadcast progress-card edit is skipped
for that tick (handlers/broadcast_notify.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from inspect import iscoroutine
from typing import Any

from telegram import CallbackQuery, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, BaseUpdateProcessor

log = logging.getLogger(__name__)

ANSWER_AFTER = 1.5
"""Seconds after its arrival a press is answered blank if its handler has not answered it (Telegram allows ~15)."""
MAX_CONCURRENT = 256
"""Handlers running at once (64 measured worse on one core: bench/README.md, one core vs two)."""
DEPTH_LOG_FROM = 32
ANSWER_AT_ARRIVAL = 16
"""More updates than this ahead of a press when it arrives: it is answered at once (blank), before any queue."""
BLANK_ATTEMPTS = 3
"""Tries of a blank answer that failed on the network (not refused): Telegram's window is ~15 s."""
ANSWERS_FIRST_WAIT = 2.0
"""Longest a handler waits, before it starts, for blank answers already on their way: a burst's answers go out
ahead of its work (database, card edits) instead of queueing behind it for the same CPU and connections."""
BUSY_DEPTH = 8
"""More updates than this waiting or running: deferrable work (progress cards) waits."""


@dataclass
class _Press:
    """A callback query being handled: who answers it is decided once."""

    query: CallbackQuery
    claimed: bool = False
    timer: asyncio.TimerHandle | None = field(default=None, repr=False)


_PRESSES: dict[tuple[int, str], _Press] = {}


def _press_key(query: CallbackQuery) -> tuple[int, str]:
    return (id(query.get_bot()), query.id)


def claim_answer(query: CallbackQuery) -> bool:
    """True if the caller may answer this press now (the first to ask); False if it has been answered already."""
    press = _PRESSES.get(_press_key(query))
    if press is None:
        return True  # not handled through the processor (e.g. called directly): nobody else answers it
    if press.claimed:
        return False
    press.claimed = True
    return True


async def _answer_blank(press: _Press, why: str) -> None:
    """Answer a press nobody has answered yet (the handler ended without answering)."""
    if press.claimed:
        return
    press.claimed = True
    await _send_blank(press, why)


async def _send_blank(press: _Press, why: str) -> None:
    """The blank answer of a press already claimed for it; a network failure (e.g. no free connection under load)
    is tried again, a refusal (already answered, too old) is not."""
    log.info("callback query %s answered %s", press.query.id, why)
    for attempt in range(1, BLANK_ATTEMPTS + 1):
        try:
            await press.query.answer()
            return
        except BadRequest as error:
            log.info("callback query not answered: %s", error.message)
            return
        except TelegramError as error:
            log.info("callback query not answered (attempt %d): %s", attempt, error.message)


def _user_of(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return None


class ArrivalQueue(asyncio.Queue[object]):
    """The Application's update queue (`ApplicationBuilder.update_queue`): the Updater puts every update here the
    moment it has it; a button press is marked arrived then (`UserOrderedProcessor.arrived`)."""

    def __init__(self, processor: UserOrderedProcessor) -> None:
        """processor: the Application's update processor, told of each arrival."""
        super().__init__()
        self.processor = processor

    def put_nowait(self, item: object) -> None:
        """Tell the processor first (its press deadline starts now), then queue as usual."""
        self.processor.arrived(item, self.qsize())
        super().put_nowait(item)


class UserOrderedProcessor(BaseUpdateProcessor):
    """Per-user order, parallel users, presses answered by a deadline; see the module docstring."""

    def __init__(self, max_concurrent: int = MAX_CONCURRENT, *, answer_after: float = ANSWER_AFTER) -> None:
        """`answer_after`: seconds before an unanswered press is answered blank."""
        super().__init__(max_concurrent)
        self.answer_after = answer_after
        self.answer_at_arrival = ANSWER_AT_ARRIVAL
        self._tails: dict[int, asyncio.Event] = {}
        self._depth = 0
        self._peak = 0
        self._next_log = DEPTH_LOG_FROM
        self._late: set[asyncio.Task[None]] = set()
        self._arrival_hooks: list[Callable[[object], None]] = []

    def on_arrival(self, hook: Callable[[object], None]) -> None:
        """Call hook(update) the moment each update arrives, before it waits behind anything (the flood guard)."""
        self._arrival_hooks.append(hook)

    def arrival_queue(self) -> ArrivalQueue:
        """The update queue to give the ApplicationBuilder, so presses are seen the moment they arrive."""
        return ArrivalQueue(self)

    @property
    def depth(self) -> int:
        """Updates waiting for their turn or being handled now."""
        return self._depth

    @property
    def peak(self) -> int:
        """The largest depth seen."""
        return self._peak

    def arrived(self, update: object, queued: int = 0) -> None:
        """An update has just come from Telegram (`queued` more wait before the processor sees it): a press gets
        its deadline now, and is answered at once when more than `answer_at_arrival` updates are ahead of it."""
        for hook in self._arrival_hooks:
            try:
                hook(update)
            except Exception:  # noqa: BLE001 - a failing hook must not keep the update out of the queue
                log.exception("arrival hook %r failed; the update is handled anyway", hook)
        press = self._watch(update)
        if press is not None and self._depth + queued > self.answer_at_arrival:
            self._answer_now(press, f"at arrival ({self._depth + queued} updates ahead)")

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:  # type: ignore[misc]
        """Wait for this user's previous update, then run the handler under the concurrency bound."""
        press = self._watch(update)
        key = _user_of(update)
        done = asyncio.Event()
        previous = self._tails.get(key) if key is not None else None
        if key is not None:
            self._tails[key] = done
        self._enter()
        started = False
        try:
            if previous is not None:
                await previous.wait()
            await self._answers_first()
            async with self._semaphore:
                started = True
                await coroutine
        finally:
            if not started and iscoroutine(coroutine):
                coroutine.close()
            done.set()
            if key is not None and self._tails.get(key) is done:
                del self._tails[key]
            self._leave()
            if press is not None:
                await self._finish(press)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Not used: process_update does the work (kept because the base class requires it)."""
        await coroutine

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Let deadline answers in flight finish."""
        if self._late:
            await asyncio.gather(*self._late, return_exceptions=True)

    # ---- presses ---------------------------------------------------------------------------------------------------
    def _watch(self, update: object) -> _Press | None:
        """The press this update carries, with its deadline running from its first sight (arrival, else now)."""
        if not isinstance(update, Update) or update.callback_query is None:
            return None
        query = update.callback_query
        press = _PRESSES.get(_press_key(query))
        if press is None:
            press = _PRESSES[_press_key(query)] = _Press(query)
            press.timer = asyncio.get_running_loop().call_later(self.answer_after, self._deadline, press)
        return press

    def _deadline(self, press: _Press) -> None:
        self._answer_now(press, f"after {self.answer_after:g} s")

    async def _answers_first(self) -> None:
        """Let the blank answers already on their way go first (at most ANSWERS_FIRST_WAIT seconds)."""
        if self._late:
            await asyncio.wait(set(self._late), timeout=ANSWERS_FIRST_WAIT)

    def _answer_now(self, press: _Press, why: str) -> None:
        if press.claimed:
            return
        press.claimed = True  # from now on the handler's own answer is dropped (an alert becomes a message)
        task = asyncio.get_running_loop().create_task(_send_blank(press, why))
        self._late.add(task)
        task.add_done_callback(self._late.discard)

    async def _finish(self, press: _Press) -> None:
        if press.timer is not None:
            press.timer.cancel()
        try:
            await _answer_blank(press, "when its handler ended without answering")
        finally:
            _PRESSES.pop(_press_key(press.query), None)

    # ---- depth -----------------------------------------------------------------------------------------------------
    def _enter(self) -> None:
        self._depth += 1
        self._peak = max(self._peak, self._depth)
        if self._depth >= self._next_log:
            log.warning(
                "updates queued: %d (one user's in order; presses answered within %g s)", self._depth, self.answer_after
            )
            self._next_log *= 2

    def _leave(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._next_log > DEPTH_LOG_FROM:
            log.info("update queue drained (peak %d)", self._peak)
            self._next_log = DEPTH_LOG_FROM


def busy(app: Application) -> bool:
    """True while replies are queued: deferrable work (progress-card edits, roll-ups) should wait."""
    processor = app.update_processor
    return isinstance(processor, UserOrderedProcessor) and processor.depth > BUSY_DEPTH


async def yield_to_replies(app: Application, *, longest: float = 5.0) -> None:
    """Wait (up to `longest` seconds) while the bot has replies queued; used before deferrable work."""
    waited = 0.0
    while busy(app) and waited < longest:
        await asyncio.sleep(0.1)
        waited += 0.1
