"""One send budget for the whole bot: interactive replies first, bulk sending takes all the rest, per-chat limits.

Telegram lets one bot send about 30 new messages a second in all, about 1 a second in one private chat (with a
short burst) and 20 a minute in one group; edits count towards the chat's limit too. Every request that sends or
edits a message asks this budget first:

- **two classes**: an interactive request (a reply to a delegate's button or command, a check-in scan) is granted
  before any waiting bulk request; bulk (broadcasts, reminders, roll-ups, task reminders) gets every token the
  interactive class leaves, up to the limit — no fixed margin is kept idle;
- **fair bulk**: each bulk sender has its own `Lane`; waiting lanes are served round-robin, so a reminder run that
  falls due during a broadcast shares the bulk capacity with it and both progress;
- **per-chat limits** hold for every chat (the organizer's own chat gets progress edits, reports and replies at
  once): a request for a chat waits in that chat's own queue and only then competes for the bot-wide token, so a
  busy chat never holds up the others;
- **429 learning**: a 429 pauses only its chat for the time Telegram asked (the request is then retried), and the
  bot-wide rate backs off (×0.75, once a second at most) then recovers linearly to the configured rate in
  `RECOVERY_SECONDS`;
- **paid broadcasts** (`allow_paid_broadcast`) draw from a separate bucket at Telegram's paid rate (~1000/s); the
  per-chat limits still hold.

One dispatcher task (started on demand, ended when nothing waits) grants tokens; a request that can be granted at
once (nothing of its class or higher waiting, tokens free) never touches it.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum

PER_CHAT_RATE = 1.0  # Telegram: about one message a second in one private chat...
PER_CHAT_BURST = 2.0  # ...with a short burst (kept below Telegram's so a little network jitter never costs a 429)
GROUP_RATE = 20.0 / 60.0  # 20 messages a minute in one group
GROUP_BURST = 3.0
PAID_RATE = 1000.0  # allow_paid_broadcast: up to about 1000 messages a second
BACKOFF_FACTOR = 0.75
MIN_RATE_SHARE = 0.25  # never back off below a quarter of the configured rate
RECOVERY_SECONDS = 20.0  # from the lowest rate back to the configured one


class SendClass(IntEnum):
    """Who waits for a token: interactive replies always go first."""

    INTERACTIVE = 0
    BULK = 1


@dataclass(eq=False)
class _Waiter:
    chat_id: int | None
    send_class: SendClass
    lane: str
    needs_global: bool
    paid: bool
    future: asyncio.Future[None]
    state: str = "queued"  # queued (behind its chat's head) -> asleep (chat not ready) / ready (wants a token)


@dataclass
class _Bucket:
    rate: float
    capacity: float
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        if now > self.updated:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
            self.updated = now

    def ready_at(self, now: float) -> float:
        self.refill(now)
        return now if self.tokens >= 1.0 else now + (1.0 - self.tokens) / self.rate


@dataclass
class _Chat:
    bucket: _Bucket
    paused_until: float = 0.0
    queue: deque[_Waiter] = field(default_factory=deque)

    def ready_at(self, now: float) -> float:
        return max(self.paused_until, self.bucket.ready_at(now))


class SendBudget:
    """The bot-wide budget (see the module's docstring)."""

    def __init__(
        self,
        rate: float = 30.0,
        *,
        capacity: float = 2.0,
        paid_rate: float = PAID_RATE,
        per_chat_rate: float = PER_CHAT_RATE,
        per_chat_burst: float = PER_CHAT_BURST,
        monotonic: Callable[[], float] = time.monotonic,
        trace: bool = False,
    ) -> None:
        now = monotonic()
        self._monotonic = monotonic
        self._max_rate = rate
        self._global = _Bucket(rate, capacity, 1.0, now)
        self._paid = _Bucket(paid_rate, max(capacity, paid_rate / 50), 1.0, now)
        self._per_chat = (per_chat_rate, per_chat_burst)
        self._chats: dict[int, _Chat] = {}
        self._asleep: list[tuple[float, int, int]] = []  # (ready time, tie-breaker, chat id)
        self._seq = itertools.count()
        self._interactive: deque[_Waiter] = deque()
        self._bulk: dict[str, deque[_Waiter]] = {}
        self._turns: deque[str] = deque()  # bulk lanes with a ready waiter, in round-robin order
        self._paid_ready: deque[_Waiter] = deque()
        self._waiting = 0  # waiters not yet granted or dropped
        self._changed: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._cut_rate = rate
        self._cut_at = -1e9
        self.rate_limited_count = 0
        self.granted: dict[SendClass, int] = {SendClass.INTERACTIVE: 0, SendClass.BULK: 0}
        # (time, class, lane, chat, new message) of every grant, in order, when asked for (tests and benchmarks)
        self.trace: list[tuple[float, SendClass, str, int | None, bool]] | None = [] if trace else None

    # ---- public ---------------------------------------------------------------------------------------------------
    def lane(self, name: str, *, cap: float | None = None, paid: bool = False) -> Lane:
        """A bulk sender's way in (one per kind of bulk sending: "broadcast", "reminders", "tasks"…)."""
        return Lane(self, name, cap, paid)

    @property
    def max_rate(self) -> float:
        """The configured bot-wide rate."""
        return self._max_rate

    def current_rate(self) -> float:
        """The bot-wide rate now: the configured one, or less for a while after a 429."""
        recovered = self._cut_rate + (self._monotonic() - self._cut_at) * self._max_rate / RECOVERY_SECONDS
        return min(self._max_rate, recovered)

    async def take(
        self,
        chat_id: int | None = None,
        send_class: SendClass = SendClass.INTERACTIVE,
        *,
        lane: str = "",
        new_message: bool = True,
        paid: bool = False,
        urgent: bool = False,
    ) -> None:
        """Wait until this request may go: its chat's limit, then (for a new message) the bot-wide token.

        urgent: go right behind the request its chat is already serving, ahead of the chat's other waiters (a flood
        notice must not wait behind the replies queued for the flooder).
        """
        if not new_message and chat_id is None:
            return
        now = self._monotonic()
        self._set_rate(now)
        if self._grant_now(chat_id, send_class, lane, new_message, paid, now):
            return
        loop = asyncio.get_running_loop()
        waiter = _Waiter(chat_id, send_class, lane, new_message, paid, loop.create_future())
        self._waiting += 1
        if chat_id is None:
            self._make_ready(waiter)
        else:
            chat = self._chat(chat_id, now)
            if urgent and chat.queue:
                chat.queue.insert(1, waiter)
            else:
                chat.queue.append(waiter)
            if len(chat.queue) == 1:
                self._offer(chat_id, chat, now)
        self._kick(loop)
        try:
            await waiter.future
        finally:
            if not waiter.future.done():  # cancelled while waiting: the dispatcher drops it when it comes up
                waiter.future.cancel()
                self._kick(loop)

    def try_take(self, chat_id: int | None, send_class: SendClass, *, lane: str = "", paid: bool = False) -> bool:
        """Take a new message's token only if it is free now and nobody waits ahead for it (never waits)."""
        now = self._monotonic()
        self._set_rate(now)
        return self._grant_now(chat_id, send_class, lane, True, paid, now)

    def rate_limited(self, chat_id: int | None, seconds: float, *, paid: bool = False) -> None:
        """Telegram answered 429: pause that chat for `seconds` and back the bot-wide rate off (once a second)."""
        now = self._monotonic()
        self.rate_limited_count += 1
        if chat_id is not None:
            chat = self._chat(chat_id, now)
            chat.paused_until = max(chat.paused_until, now + seconds)
            chat.bucket.tokens = min(chat.bucket.tokens, 0.0)
        if paid:
            self._paid.tokens = min(self._paid.tokens, 0.0)
        elif now - self._cut_at >= 1.0:
            self._set_rate(now)
            self._cut_rate = max(self._max_rate * MIN_RATE_SHARE, self.current_rate() * BACKOFF_FACTOR)
            self._cut_at = now
            self._global.rate = self._cut_rate
        if self._changed is not None:
            self._changed.set()

    async def close(self) -> None:
        """Stop the dispatcher (at shutdown); requests still waiting are cancelled."""
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # ---- granting -------------------------------------------------------------------------------------------------
    def _set_rate(self, now: float) -> None:
        self._global.refill(now)
        self._global.rate = self.current_rate()

    def _chat(self, chat_id: int, now: float) -> _Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            rate, burst = (GROUP_RATE, GROUP_BURST) if chat_id < 0 else self._per_chat
            chat = self._chats[chat_id] = _Chat(_Bucket(rate, burst, burst, now))
        return chat

    def _grant_now(
        self, chat_id: int | None, send_class: SendClass, lane: str, new_message: bool, paid: bool, now: float
    ) -> bool:
        """The fast path: grant without queueing when nobody ahead could be served instead."""
        chat = self._chat(chat_id, now) if chat_id is not None else None
        if chat is not None and (chat.queue or chat.ready_at(now) > now):
            return False
        if new_message:
            if paid:
                if self._paid_ready or self._paid.ready_at(now) > now:
                    return False
                self._paid.tokens -= 1.0
            else:
                ahead = self._interactive or (send_class is SendClass.BULK and self._turns)
                if ahead or self._global.ready_at(now) > now:
                    return False
                self._global.tokens -= 1.0
        if chat is not None:
            chat.bucket.tokens -= 1.0
        self._count(send_class, lane, chat_id, new_message, now)
        return True

    def _count(self, send_class: SendClass, lane: str, chat_id: int | None, new_message: bool, now: float) -> None:
        self.granted[send_class] += 1
        if self.trace is not None:
            self.trace.append((now, send_class, lane, chat_id, new_message))

    def _kick(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._changed is None or self._task is None or self._task.done() or self._task.get_loop() is not loop:
            self._changed = asyncio.Event()
            self._task = loop.create_task(self._dispatch(self._changed), name="send-budget")
        self._changed.set()

    def _make_ready(self, waiter: _Waiter) -> None:
        waiter.state = "ready"
        if waiter.paid:
            self._paid_ready.append(waiter)
        elif waiter.send_class is SendClass.INTERACTIVE:
            self._interactive.append(waiter)
        else:
            queue = self._bulk.setdefault(waiter.lane, deque())
            if not queue:
                self._turns.append(waiter.lane)
            queue.append(waiter)

    def _sleep(self, waiter: _Waiter, until: float) -> None:
        assert waiter.chat_id is not None
        waiter.state = "asleep"
        heapq.heappush(self._asleep, (until, next(self._seq), waiter.chat_id))

    def _offer(self, chat_id: int, chat: _Chat, now: float) -> None:
        """Move the chat's first live waiter on: asleep until the chat allows, granted (an edit) or ready."""
        while chat.queue:
            head = chat.queue[0]
            if head.future.done():  # cancelled
                chat.queue.popleft()
                self._waiting -= 1
                continue
            ready = chat.ready_at(now)
            if ready > now:
                self._sleep(head, ready)
            elif head.needs_global:
                self._make_ready(head)
            else:
                self._grant(head, now)  # an edit: only the chat's limit counts
                continue
            return

    def _grant(self, waiter: _Waiter, now: float) -> None:
        """Take the chat's token, wake the waiter; the caller offers the chat's next waiter."""
        self._waiting -= 1
        waiter.state = "granted"
        if waiter.chat_id is not None:
            chat = self._chats[waiter.chat_id]
            chat.bucket.refill(now)
            chat.bucket.tokens -= 1.0
            chat.queue.popleft()
        waiter.future.set_result(None)
        self._count(waiter.send_class, waiter.lane, waiter.chat_id, waiter.needs_global, now)

    def _next_global(self) -> _Waiter | None:
        if self._interactive:
            return self._interactive.popleft()
        if self._turns:
            lane = self._turns.popleft()
            queue = self._bulk[lane]
            waiter = queue.popleft()
            if queue:
                self._turns.append(lane)
            else:
                del self._bulk[lane]
            return waiter
        return None

    def _next_paid(self) -> _Waiter | None:
        return self._paid_ready.popleft() if self._paid_ready else None

    def _has_ready(self, bucket: _Bucket) -> bool:
        if bucket is self._paid:
            return bool(self._paid_ready)
        return bool(self._interactive or self._turns)

    def _pump(self, now: float) -> float | None:
        """Grant everything that may go now; return seconds until something else may (None: nothing to wait for)."""
        self._set_rate(now)
        while self._asleep and self._asleep[0][0] <= now:
            _, _, asleep_id = heapq.heappop(self._asleep)
            asleep = self._chats[asleep_id]
            if asleep.queue and asleep.queue[0].state == "asleep":
                asleep.queue[0].state = "queued"
                self._offer(asleep_id, asleep, now)
        waits: list[float] = []
        for bucket, take_next in ((self._paid, self._next_paid), (self._global, self._next_global)):
            while self._has_ready(bucket):
                ready = bucket.ready_at(now)
                if ready > now:
                    waits.append(ready - now)
                    break
                waiter = take_next()
                assert waiter is not None
                chat_id = waiter.chat_id
                chat = self._chats[chat_id] if chat_id is not None else None
                if waiter.future.done():  # cancelled while ready
                    self._waiting -= 1
                    if chat_id is not None and chat is not None:
                        chat.queue.popleft()
                        self._offer(chat_id, chat, now)
                    continue
                if chat is not None and (until := chat.ready_at(now)) > now:  # paused by a 429 meanwhile
                    self._sleep(waiter, until)
                    continue
                bucket.tokens -= 1.0
                self._grant(waiter, now)
                if chat_id is not None and chat is not None:
                    self._offer(chat_id, chat, now)
        if self._asleep:
            waits.append(self._asleep[0][0] - now)
        return max(0.0, min(waits)) if waits else None

    async def _dispatch(self, changed: asyncio.Event) -> None:
        while True:
            changed.clear()
            delay = self._pump(self._monotonic())
            if delay is None:
                if self._waiting <= 0:
                    if self._task is asyncio.current_task():
                        self._task = None
                    return
                await changed.wait()
            else:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(max(delay, 0.001)):
                        await changed.wait()


class Lane:
    """One kind of bulk sending in the budget, with an optional rate cap of its own (`[broadcast] rate_per_second`)."""

    def __init__(self, budget: SendBudget, name: str, cap: float | None = None, paid: bool = False) -> None:
        self.budget = budget
        self.name = name
        self.paid = paid
        self._cap = _Bucket(cap, 1.0, 1.0, budget._monotonic()) if cap else None

    async def take(self, chat_id: int | None = None) -> None:
        """Wait for this lane's cap (if any), then for a bulk token of the shared budget and the chat's limit."""
        if self._cap is not None:
            now = self.budget._monotonic()
            ready = self._cap.ready_at(now)
            if ready > now:
                await asyncio.sleep(ready - now)
                self._cap.refill(self.budget._monotonic())
            self._cap.tokens -= 1.0
        await self.budget.take(chat_id, SendClass.BULK, lane=self.name, paid=self.paid)

    def try_take(self, chat_id: int | None = None) -> bool:
        """Take a token only if one is free at once (the cap's, the bot-wide bulk one and the chat's); never waits."""
        now = self.budget._monotonic()
        if self._cap is not None and self._cap.ready_at(now) > now:
            return False
        if not self.budget.try_take(chat_id, SendClass.BULK, lane=self.name, paid=self.paid):
            return False
        if self._cap is not None:
            self._cap.tokens -= 1.0
        return True

    def rate_limited(self, chat_id: int | None, seconds: float) -> None:
        """Telegram answered this lane's send with 429."""
        self.budget.rate_limited(chat_id, seconds, paid=self.paid)

    def pause(self, seconds: float) -> None:
        """The old Pacer interface: a 429 on a send whose chat is not known."""
        self.rate_limited(None, seconds)
