"""The delivery engine: sends queued broadcasts one at a time from the SQLite outbox, at its own pace.

Guarantees (see docs and tests/test_broadcast_delivery.py):
- a row is claimed ('sending', committed) only when it is about to be sent: after a free in-flight slot and the pacer
  let it go (the rows that may go at that same moment are claimed in the same statement, which also commits the
  results that came back); the slot is given back once its result is committed. At any moment at most
  max_in_flight rows are 'sending', so a crash (SIGKILL) leaves at most max_in_flight rows that become 'unknown' at
  the next start (they may have been delivered) — never resent on their own;
- on a clean stop (SIGTERM), sends in flight are abandoned and recorded 'unknown', a claim whose send never started
  goes back to 'pending', nothing is left 'sending', so a restart resumes where it stopped;
- sends draw from the bot-wide SendBudget as bulk (lane "broadcast"): interactive replies go first, other bulk
  senders share fairly, `rate_per_second` is only an optional cap;
- RetryAfter pauses only that recipient's chat (the budget backs off and recovers) and retries the same recipient;
- Forbidden / chat not found -> 'unreachable'; TimedOut -> 'unknown' (it may have been delivered), but a connect or
  pool timeout (the request never left: SendKind.NETWORK) is retried like an HTTP error answer (5xx): bounded
  retries with exponential backoff, then 'failed' with the error text;
- Telegram out of reach (no answer at all): nothing new is claimed, the sends in flight retry (backoff up to
  offline_retry_max) until Telegram answers, then sending resumes — an outage fails nobody.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from typing import cast

from bot.clock import Clock
from bot.services.agenda_pins import AgendaPinService, PinSender
from bot.services.broadcasts import personal_message
from bot.services.send_budget import Lane, SendBudget
from bot.services.sending import Notifier, Pacer, Progress, Sender, SendKind, SendOutcome

__all__ = ["DeliveryEngine", "EngineOptions", "Notifier", "Pacer", "Progress", "SendKind", "SendOutcome", "Sender"]
from storage.broadcast_models import Broadcast, Delivery, DeliveryResult, DeliveryStatus
from storage.db import Database
from storage.models import Event

log = logging.getLogger(__name__)

PEEK_ROWS = 64  # pending rows read ahead at a time (read only; each is claimed only right before its send)


@dataclass(frozen=True)
class EngineOptions:
    """Pacing and retry policy."""

    rate_per_second: float | None = None  # an optional cap; None = whatever the bot-wide budget leaves
    max_in_flight: int = 8
    progress_interval: float = 3.0
    network_attempts: int = 3
    backoff_seconds: float = 0.5
    rate_limit_retries: int = 10
    offline_retry_max: float = 5.0  # longest wait between tries while Telegram cannot be reached
    budget: SendBudget | None = None  # the bot-wide send budget shared with interactive replies (None: own budget)
    paid: bool = False  # allow_paid_broadcast: the paid bucket (~1000/s) instead of the free 30/s


class DeliveryEngine:
    """One asyncio task that sends the broadcast queue, oldest first, one broadcast at a time."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        event: Event,
        sender: Sender,
        notifier: Notifier,
        options: EngineOptions,
        pins: AgendaPinService | None = None,
    ) -> None:
        self._db = db
        self._pins = pins  # agenda notices: each recipient's pinned agenda is brought up to date after the notice
        self._clock = clock
        self._event = event
        self._sender = sender
        self._notifier = notifier
        self._options = options
        budget = options.budget or SendBudget(options.rate_per_second or 30.0)
        self._lane = budget.lane("broadcast", cap=options.rate_per_second, paid=options.paid)
        self._wakeup = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._cancelled: set[int] = set()
        self._idle = asyncio.Event()
        self._idle.set()
        self._online = asyncio.Event()  # cleared while Telegram cannot be reached: nothing new is claimed meanwhile
        self._online.set()

    @property
    def lane(self) -> Lane:
        """The broadcasts' lane in the bot-wide budget (other bulk senders take their own lane from the budget)."""
        return self._lane

    async def start(self) -> int:
        """Turn rows left 'sending' by a crash into 'unknown', then start the task; return how many were interrupted."""
        async with self._db.transaction() as uow:
            interrupted = await uow.deliveries.interrupt_in_flight(self._event.id, self._clock.now(), "interrupted")
        self._task = asyncio.create_task(self._run(), name="broadcast-delivery")
        return interrupted

    async def stop(self) -> None:
        """Stop now: in-flight sends are abandoned (recorded 'unknown'), unsent rows stay pending for the next start."""
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    def wake(self) -> None:
        """Look at the queue now (a broadcast was queued)."""
        self._wakeup.set()

    def cancel(self, broadcast_id: int) -> None:
        """Stop dispatching this broadcast as soon as possible (its state is changed by the service)."""
        self._cancelled.add(broadcast_id)
        self._wakeup.set()

    async def wait_idle(self, timeout: float = 10.0) -> None:
        """Wait until nothing is queued or sending and the engine rests (tests and benchmarks)."""

        async def settled() -> None:
            while True:
                async with self._db.read() as uow:
                    busy = await uow.broadcasts.next_to_send(self._event.id) is not None
                if not busy and self._idle.is_set():
                    return
                await asyncio.sleep(0.02)

        await asyncio.wait_for(settled(), timeout)

    async def _run(self) -> None:
        while True:
            async with self._db.read() as uow:
                broadcast = await uow.broadcasts.next_to_send(self._event.id)
            if broadcast is None:
                self._idle.set()
                self._wakeup.clear()
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._wakeup.wait(), 5.0)
                continue
            self._idle.clear()
            try:
                await _Run(self, broadcast).execute()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - one bad broadcast must not stop the queue forever
                log.exception("broadcast %s failed; retrying in 5 s", broadcast.id)
                await asyncio.sleep(5.0)


class _Run:
    """Sending one broadcast: claim rows right before they are sent, pace, send, record; clean up on stop.

    A row is 'sending' in the database only while it holds one of max_in_flight slots: a slot is taken when the row
    is claimed (after the pacer let it go) and given back once its result is committed. The results that came back
    are committed in the same statement as the claims that take their slots (one commit, one fsync, for both), so the
    count of 'sending' rows never exceeds max_in_flight, committed or not. A hard kill therefore leaves at most max_in_flight
    rows 'sending' (they become 'unknown' at the next start), and a clean stop leaves none: rows whose claim was in
    progress go back to 'pending', sends in flight become 'unknown'.
    """

    def __init__(self, engine: DeliveryEngine, broadcast: Broadcast) -> None:
        self.e = engine
        self.broadcast = broadcast
        self.in_flight: dict[int, asyncio.Task[DeliveryResult]] = {}
        self.unrecorded: dict[int, DeliveryResult] = {}
        self.claiming: list[int] = []  # a claim whose statement may or may not have committed (stop mid-claim)
        self.holding = 0  # slots held: rows claimed (or being claimed) whose result is not committed yet
        self.results_ready = asyncio.Event()  # a send finished (its result waits in unrecorded)
        self.record_now = asyncio.Event()  # wakes the recorder: results wait and the dispatcher will not claim soon
        self.dispatcher_waiting = True  # the dispatcher waits for a token, Telegram or its end (not for a slot)
        self.writing = asyncio.Lock()
        self.sent_now = 0
        self.started = time.monotonic()
        self.file_id: str | None = None  # a meeting document attached to the broadcast: sent by file_id

    async def execute(self) -> None:
        e = self.e
        async with e._db.transaction() as uow:
            # The status read by the loop may be stale (cancelled since): decide on the one read in this transaction.
            current = await uow.broadcasts.get(e._event.id, self.broadcast.id)
            if current is None or current.status not in ("queued", "sending"):
                e._cancelled.discard(self.broadcast.id)
                return
            if current.status == "queued":
                await uow.broadcasts.set_status(self.broadcast.id, "sending", e._clock.now())
            self.broadcast = await uow.broadcasts.get(e._event.id, self.broadcast.id) or current
            document = await uow.documents.of_broadcast(self.broadcast.id)
            if document is None and self.broadcast.resend_of is not None:
                document = await uow.documents.of_broadcast(self.broadcast.resend_of)
            self.file_id = document.file_id if document else None
        # The organizer's progress card goes out while sending begins (its round trip is not the first send's delay);
        # the ticker's edits and the final report wait for it.
        started = asyncio.create_task(self._notify("started"))
        ticker = asyncio.create_task(self._tick(started))
        recorder = asyncio.create_task(self._recorder())
        try:
            await self._dispatch_all()
            self._waiting(True)  # from now on the recorder commits every result as it comes
            if self.in_flight:
                await asyncio.gather(*self.in_flight.values(), return_exceptions=True)
            await self._write()
            await started
            await self._finish()
        finally:
            for task in (started, ticker, recorder):
                task.cancel()
            await asyncio.gather(started, ticker, recorder, return_exceptions=True)
            await self._clean_up()

    def _free(self) -> int:
        """Slots a claim may take now: the free ones plus those of the results waiting to be committed (a claim's
        statement commits every waiting result with it, so the 'sending' rows stay within max_in_flight)."""
        return self.e._options.max_in_flight - self.holding + len(self.unrecorded)

    def _waiting(self, waiting: bool) -> None:
        """The dispatcher starts (or stops) waiting for something other than a slot: results must not wait for it."""
        self.dispatcher_waiting = waiting
        if waiting and self.unrecorded:
            self.record_now.set()

    async def _dispatch_all(self) -> None:
        """Send pending rows in order at the engine's pace, claiming each one only when it is about to be sent."""
        e = self.e
        upcoming: list[Delivery] = []
        peek = max(PEEK_ROWS, 2 * e._options.max_in_flight)
        while self.broadcast.id not in e._cancelled:
            if not upcoming:
                upcoming = await self._peek(peek)
                if not upcoming:
                    break
            if not e._online.is_set():
                self._waiting(True)
                await e._online.wait()
            while self._free() <= 0:
                self._waiting(False)  # a result will come: the claim that takes its slot commits it
                self.results_ready.clear()
                await self.results_ready.wait()
            if not e._lane.try_take(upcoming[0].chat_id):
                self._waiting(True)
                await e._lane.take(upcoming[0].chat_id)
            self._waiting(False)
            batch = [upcoming.pop(0)]
            # The rows that may go at once as well (a slot, a token granted without waiting) are claimed in the same
            # statement: one commit (an fsync) for all of them and for the results whose slots they take.
            while upcoming and len(batch) < self._free() and e._lane.try_take(upcoming[0].chat_id):
                batch.append(upcoming.pop(0))
            claimed = await self._write(batch)
            if len(claimed) < len(batch):  # rows changed meanwhile, or the broadcast stopped (cancelled)
                upcoming = []
            if not claimed:
                async with e._db.read() as uow:
                    current = await uow.broadcasts.get(e._event.id, self.broadcast.id)
                if current is None or current.status != "sending":
                    break
                continue
            for delivery in claimed:
                task = asyncio.create_task(self._deliver(delivery))
                self.in_flight[delivery.id] = task
                task.add_done_callback(self._sent)
        if self.broadcast.id in e._cancelled:
            async with e._db.transaction() as uow:
                current = await uow.broadcasts.get(e._event.id, self.broadcast.id)
                if current is None or current.status == "cancelled":
                    await uow.deliveries.cancel_pending(self.broadcast.id, e._clock.now())

    def _sent(self, _task: asyncio.Task[DeliveryResult]) -> None:
        """A send finished: the dispatcher may claim in its slot (committing its result), or the recorder commits it."""
        self.results_ready.set()
        if self.dispatcher_waiting:
            self.record_now.set()

    async def _peek(self, limit: int) -> list[Delivery]:
        """The next pending rows in order (read only: nothing is claimed)."""
        e = self.e
        async with e._db.statement() as uow:  # one SELECT: consistent on its own, no BEGIN/ROLLBACK round trips
            return await uow.deliveries.next_pending(self.broadcast.id, limit)

    async def _write(self, claims: list[Delivery] | None = None) -> list[Delivery]:
        """One statement: record the results known so far and claim the rows given (in the slots free and those of
        the results recorded); give back the slots of the rows recorded and of the rows not claimed.

        A stop (cancellation) while it runs leaves `claiming` set: the statement completes or not before any later
        unit of work, and the clean-up puts those rows back to 'pending' (never sent) either way."""
        e = self.e
        async with self.writing:
            results = list(self.unrecorded.values())
            if not results and not claims:
                return []
            claims = claims or []
            assert len(claims) <= self._free(), "a claim beyond the in-flight window"
            self.holding += len(claims)
            self.claiming = [claim.id for claim in claims]
            claimed: list[Delivery] = []
            try:
                async with e._db.statement() as uow:  # one statement, committed on its own (one fsync)
                    claimed = await uow.deliveries.claim(
                        claims, e._clock.now(), results=results, while_sending=self.broadcast.id
                    )
            except BaseException:
                self.holding -= len(claims)
                raise
            self.claiming = []
            self.holding -= len(claims) - len(claimed) + len(results)
            for result in results:
                self.unrecorded.pop(result.delivery_id, None)
                self.in_flight.pop(result.delivery_id, None)
            return claimed

    async def _recorder(self) -> None:
        """Commit results as they come while the dispatcher waits for a token or for Telegram (or has finished);
        otherwise the dispatcher's next claim commits them in its own statement."""
        while True:
            await self.record_now.wait()
            self.record_now.clear()
            if self.dispatcher_waiting:
                await self._write()

    async def _deliver(self, delivery: Delivery) -> DeliveryResult:
        e, options = self.e, self.e._options
        assert delivery.chat_id is not None
        html = personal_message(self.broadcast, delivery.full_name, delivery.language)
        attempts = limited = outages = 0
        while True:
            attempts += 1
            if self.file_id is not None:
                outcome = await e._sender.send_document(delivery.chat_id, self.file_id, html)  # type: ignore[attr-defined]
            else:
                outcome = await e._sender.send(delivery.chat_id, html)
            if outcome.kind is SendKind.OFFLINE:
                # Telegram out of reach (nothing delivered): hold every new claim and retry this recipient until it
                # answers; an outage does not use up the recipient's attempts.
                e._online.clear()
                attempts -= 1
                outages += 1
                await asyncio.sleep(min(options.backoff_seconds * 2 ** min(outages - 1, 6), options.offline_retry_max))
                continue
            e._online.set()
            if outcome.kind is SendKind.SENT:
                result = DeliveryResult(delivery.id, "sent", outcome.message_id, None, attempts)
                self.sent_now += 1
                if self.broadcast.agenda_version is not None:
                    await self._refresh_pin(delivery)
            elif outcome.kind is SendKind.RETRY_AFTER and limited < options.rate_limit_retries:
                limited += 1
                e._lane.rate_limited(delivery.chat_id, outcome.retry_after)
                await e._lane.take(delivery.chat_id)
                continue
            elif outcome.kind is SendKind.NETWORK and attempts < options.network_attempts:
                await asyncio.sleep(options.backoff_seconds * 2 ** (attempts - 1))
                await e._lane.take(delivery.chat_id)
                continue
            else:
                statuses: dict[SendKind, DeliveryStatus] = {
                    SendKind.UNREACHABLE: "unreachable",
                    SendKind.TIMED_OUT: "unknown",
                }
                result = DeliveryResult(
                    delivery.id,
                    statuses.get(outcome.kind, "failed"),
                    None,
                    outcome.error or outcome.kind.value,
                    attempts,
                )
            self.unrecorded[delivery.id] = result
            return result

    async def _refresh_pin(self, delivery: Delivery) -> None:
        """After an agenda notice: the recipient's pinned agenda edited to the latest version (or sent and pinned)."""
        e = self.e
        if e._pins is None or delivery.chat_id is None:
            return
        try:
            await e._pins.refresh(
                cast(PinSender, e._sender),
                e._lane,
                delivery.delegate_id,
                delivery.chat_id,
                delivery.language,
                self.broadcast.id,
            )
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the notice was delivered; a failed pin update must not fail it
            log.exception("pinned agenda of delegate %s not updated", delivery.delegate_id)

    async def _finish(self) -> None:
        e = self.e
        async with e._db.transaction() as uow:
            current = await uow.broadcasts.get(e._event.id, self.broadcast.id)
            if current is not None and current.status == "sending":
                await uow.broadcasts.set_status(self.broadcast.id, "done", e._clock.now())
            counts = await uow.deliveries.counts(self.broadcast.id)
            await uow.audit.add(
                e._event.id,
                "system",
                "broadcast_finished",
                e._clock.now(),
                subject=str(self.broadcast.id),
                detail={str(status): count for status, count in counts.items()},
            )
            self.broadcast = await uow.broadcasts.get(e._event.id, self.broadcast.id) or self.broadcast
        e._cancelled.discard(self.broadcast.id)
        try:
            await e._notifier.finished(self.broadcast)
        except Exception:  # noqa: BLE001 - a failed report must not stop the queue
            log.exception("could not report broadcast %s", self.broadcast.id)

    async def _clean_up(self) -> None:
        """On any exit: record what is known, abandon what is in flight (unknown), release a claim never sent."""
        for task in self.in_flight.values():
            task.cancel()
        await asyncio.gather(*self.in_flight.values(), return_exceptions=True)
        now = self.e._clock.now()
        async with self.e._db.transaction() as uow:
            await uow.deliveries.record(list(self.unrecorded.values()), now)
            await uow.deliveries.release(self.claiming, now)
            await uow.deliveries.interrupt_in_flight(self.e._event.id, now, "interrupted")
        self.unrecorded.clear()
        self.in_flight.clear()
        self.claiming = []

    async def _tick(self, started: asyncio.Task[None]) -> None:
        await asyncio.wait({started})  # the card exists before it is edited (waiting does not cancel it)
        while True:
            await asyncio.sleep(self.e._options.progress_interval)
            await self._notify("progress")

    async def _notify(self, what: str) -> None:
        try:
            async with self.e._db.read() as uow:
                counts = await uow.deliveries.counts(self.broadcast.id)
                self.broadcast = await uow.broadcasts.get(self.e._event.id, self.broadcast.id) or self.broadcast
            elapsed = max(time.monotonic() - self.started, 1e-6)
            progress = Progress(
                total=sum(counts.values()),
                sent=counts.get("sent", 0),
                failed=sum(counts.get(s, 0) for s in ("failed", "unreachable", "unknown", "never_linked")),
                left=counts.get("pending", 0) + counts.get("sending", 0),
                rate=self.sent_now / elapsed if self.sent_now else 0.0,
            )
            await getattr(self.e._notifier, what)(self.broadcast, progress)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the card is a courtesy; sending goes on
            log.exception("progress card of broadcast %s not updated", self.broadcast.id)
