"""The engine claims a row only when it is about to be sent, and a stop leaves nothing 'sending' — even when the stop
lands while a claim's COMMIT is running (the CI flake of test_restart_mid_broadcast, reproduced on purpose)."""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.app import stop_application
from storage.broadcast_models import DeliveryResult
from storage.broadcast_repositories import DeliveryRepository
from tests.support.broadcast import FAST, Bots, compose, id_from, user_id_of, wait_done
from tests.support.harness import ORGANIZER_ID, Harness

WINDOW = 4  # max_in_flight in these tests


def outbox(harness: Harness, broadcast_id: int) -> dict[str, int]:
    """The deliveries by state, read from the file by another connection (works while the bot is stopped)."""
    with sqlite3.connect(harness.settings.database.path) as db:
        rows = db.execute(
            "SELECT status, count(*) FROM deliveries WHERE broadcast_id = ? GROUP BY status", (broadcast_id,)
        )
        return dict(rows.fetchall())


async def send_now(harness: Harness, text_vi: str) -> int:
    summary = await compose(harness, "Tất cả", text_vi)
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    return id_from(summary)


async def test_a_stop_while_a_claim_commits_leaves_nothing_sending(
    emulator: BotApiEmulator, bots: Bots, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = await bots.start(emulator, delegates=20, broadcast=dataclasses.replace(FAST, max_in_flight=WINDOW))
    emulator.latency = 0.05
    claimed = {"pending": False}
    committing = asyncio.Event()
    armed = {"on": False}  # every claim's commit is slow; once armed, the next one is where the stop lands

    def mark(original: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        async def claim(self: DeliveryRepository, *args: Any, **kwargs: Any) -> Any:
            result = await original(self, *args, **kwargs)
            if self._conn.in_transaction:
                claimed["pending"] = True  # on disk at the COMMIT below
            else:  # one statement outside BEGIN … COMMIT: on disk now, while the engine still awaits it
                if armed["on"]:
                    committing.set()
                await asyncio.sleep(0.3)
            return result

        return claim

    for name in ("claim", "claim_one"):  # whichever the engine uses
        if hasattr(DeliveryRepository, name):
            monkeypatch.setattr(DeliveryRepository, name, mark(getattr(DeliveryRepository, name)))
    conn = harness.services.db._conn
    real_execute = conn.execute

    def execute(sql: str, *args: Any) -> Any:
        if sql == "COMMIT" and claimed["pending"]:

            async def slow_commit() -> Any:
                result = await real_execute(sql, *args)  # the claim is on disk …
                if armed["on"]:
                    committing.set()
                await asyncio.sleep(0.3)  # … and the engine is still awaiting its COMMIT (a loaded machine)
                return result

            return slow_commit()
        if sql in ("BEGIN IMMEDIATE", "BEGIN"):
            claimed["pending"] = False
        return real_execute(sql, *args)

    monkeypatch.setattr(conn, "execute", execute)
    broadcast_id = await send_now(harness, "Đổi giờ họp")
    await emulator.wait_for(lambda: sum(len(emulator.messages(user_id_of(n))) for n in range(1, 21)) >= 5, timeout=20)
    armed["on"] = True
    await asyncio.wait_for(committing.wait(), 5.0)
    await stop_application(harness.app)
    after = outbox(harness, broadcast_id)
    assert after.get("sending", 0) == 0, after
    assert after.get("pending", 0) > 0 and after.get("unknown", 0) <= WINDOW, after
    assert sum(after.values()) == 20


async def test_never_more_than_the_in_flight_window_is_sending(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=40, broadcast=dataclasses.replace(FAST, max_in_flight=WINDOW))
    emulator.latency = 0.1
    broadcast_id = await send_now(harness, "Thông báo khẩn")
    most = 0
    while (await harness.services.broadcasts.get(broadcast_id)).status != "done":  # type: ignore[union-attr]
        most = max(most, outbox(harness, broadcast_id).get("sending", 0))
        await asyncio.sleep(0.01)
    await wait_done(harness, broadcast_id)
    assert 0 < most <= WINDOW  # what a SIGKILL at the worst moment would leave 'unknown'
    assert outbox(harness, broadcast_id) == {"sent": 40}


async def test_a_paid_broadcast_claims_what_may_go_together_but_never_more_than_the_window(
    emulator: BotApiEmulator, bots: Bots, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = 8
    paid = dataclasses.replace(FAST, paid=True, rate_per_second=None, max_in_flight=window)
    harness = await bots.start(emulator, delegates=60, broadcast=paid)
    emulator.latency = 0.05
    batches: list[int] = []
    sending: list[int] = []
    original = DeliveryRepository.claim

    async def claim(self: DeliveryRepository, deliveries: Any, now: Any, **kwargs: Any) -> Any:
        claimed = await original(self, deliveries, now, **kwargs)
        batches.append(len(claimed))
        (count,) = await (
            await self._conn.execute("SELECT count(*) FROM deliveries WHERE status = 'sending'")
        ).fetchone()
        sending.append(count)  # inside the claiming transaction: what a SIGKILL right after its COMMIT would leave
        return claimed

    monkeypatch.setattr(DeliveryRepository, "claim", claim)
    broadcast_id = await send_now(harness, "Thông báo trả phí")
    await wait_done(harness, broadcast_id)
    assert outbox(harness, broadcast_id) == {"sent": 60}
    assert sum(batches) == 60 and max(batches) > 1  # several rows per COMMIT when the paid rate lets them go
    assert len(batches) < 60
    assert max(sending) <= window


async def test_one_statement_records_the_results_and_claims_only_while_the_broadcast_is_sending(
    emulator: BotApiEmulator, bots: Bots
) -> None:
    harness = await bots.start(emulator, delegates=6)
    await harness.app.bot_data.delivery.stop()  # type: ignore[union-attr]  # the rows are moved by hand here
    service, db = harness.services.broadcasts, harness.services.db
    draft = await service.create_draft(ORGANIZER_ID, "all", (), "Thông báo", None)
    now = harness.clock.now()
    async with db.transaction() as uow:
        await uow.deliveries.add_many(draft.id, await uow.broadcasts.recipients(draft.event_id, "all", ()), now)
        await uow.broadcasts.set_status(draft.id, "sending", now)
    async with db.read() as uow:
        rows = await uow.deliveries.next_pending(draft.id, 10)
    async with db.statement() as uow:  # outside a transaction: committed on its own
        first = await uow.deliveries.claim(rows[:2], now, while_sending=draft.id)
    assert [row.id for row in first] == [rows[0].id, rows[1].id] and outbox(harness, draft.id)["sending"] == 2
    results = [
        DeliveryResult(rows[0].id, "sent", 77, None, 1),
        DeliveryResult(rows[1].id, "unreachable", None, "Forbidden", 1),
    ]
    async with db.statement() as uow:  # the two results and the claims taking their slots, in one statement
        second = await uow.deliveries.claim([*rows[2:4], rows[0]], now, results=results, while_sending=draft.id)
    assert [row.id for row in second] == [rows[2].id, rows[3].id]  # rows[0] was not pending: not claimed again
    assert outbox(harness, draft.id) == {"sent": 1, "unreachable": 1, "sending": 2, "pending": 2}
    async with db.transaction() as uow:
        await uow.broadcasts.set_status(draft.id, "cancelled", now)
    late = [
        DeliveryResult(rows[2].id, "sent", 78, None, 1),
        DeliveryResult(rows[3].id, "unknown", None, "timed out", 1),
    ]
    async with db.statement() as uow:  # cancelled meanwhile: the results are stored, nothing more is claimed
        third = await uow.deliveries.claim(rows[4:], now, results=late, while_sending=draft.id)
    assert third == []
    assert outbox(harness, draft.id) == {"sent": 2, "unreachable": 1, "unknown": 1, "pending": 2}
    with sqlite3.connect(harness.settings.database.path) as conn:
        stored = conn.execute(
            "SELECT id, message_id, error, attempts FROM deliveries WHERE id IN (?, ?) ORDER BY id",
            (rows[0].id, rows[1].id),
        ).fetchall()
    assert stored == [(rows[0].id, 77, None, 1), (rows[1].id, None, "Forbidden", 1)]
