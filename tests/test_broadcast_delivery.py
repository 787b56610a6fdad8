"""Delivery guarantees end to end through the emulator: once each, personalised, 403/429/timeouts/5xx, restarts."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator

import pytest

from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.app import build_application, start_application, stop_application
from tests.support.broadcast import (
    FAST,
    Bots,
    broadcast_messages,
    compose,
    id_from,
    statuses,
    user_id_of,
    wait_done,
    wait_report,
)
from tests.support.harness import ORGANIZER_ID, TOKEN, Harness, nothing_more


async def send(harness: Harness, label: str, text_vi: str, text_en: str | None = None) -> int:
    """Compose through Telegram and press Send now; return the broadcast id."""
    summary = await compose(harness, label, text_vi, text_en)
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    return id_from(summary)


def counts_per_chat(emu: BotApiEmulator, numbers: range, needle: str) -> dict[int, int]:
    """How many messages containing needle each generated delegate got."""
    return {n: len(broadcast_messages(emu, user_id_of(n), needle)) for n in numbers}


async def test_every_linked_delegate_gets_one_personal_message_in_their_language(
    emulator: BotApiEmulator, bots: Bots
) -> None:
    harness = await bots.start(emulator, delegates=4, unlinked=(3,), english=(2,))
    since = emulator.sent_count(ORGANIZER_ID)
    broadcast_id = await send(harness, "Tất cả", "Hội trường đổi sang <Phòng 2> & tầng 3", "Hall moved to <Room 2>")
    report = await wait_report(harness, since)
    assert "Đã gửi tới: 3" in report.plain_text and "Chưa kết nối Telegram: 1" in report.plain_text
    vi = emulator.messages(user_id_of(1))
    assert [m.plain_text for m in vi] == ["Kính gửi đồng chí Đại biểu 001,\n\nHội trường đổi sang <Phòng 2> & tầng 3"]
    en = emulator.messages(user_id_of(2))
    assert [m.plain_text for m in en] == ["Dear Comrade Đại biểu 002,\n\nHall moved to <Room 2>"]
    assert emulator.messages(user_id_of(3)) == []
    assert await statuses(harness, broadcast_id) == {"sent": 3, "never_linked": 1}


async def test_blocked_and_unknown_chats_are_unreachable_and_never_retried(
    emulator: BotApiEmulator, bots: Bots
) -> None:
    harness = await bots.start(emulator, delegates=3)
    emulator.block(user_id_of(1))
    async with harness.services.db.transaction() as uow:  # a linked account whose chat Telegram does not know
        delegate = await uow.delegates.by_code(harness.services.event.id, "DB002")
        assert delegate is not None
        await uow.delegates.link(delegate.id, 299999, harness.clock.now())
    since = emulator.sent_count(ORGANIZER_ID)
    broadcast_id = await send(harness, "Tất cả", "Thông báo")
    report = await wait_report(harness, since)
    assert "Đã chặn bot: 2" in report.plain_text and "Đã gửi tới: 1" in report.plain_text
    assert await statuses(harness, broadcast_id) == {"sent": 1, "unreachable": 2}
    sends = [r for r in emulator.request_log if r.method == "sendMessage" and r.chat_id in (user_id_of(1), 299999)]
    assert len(sends) == 2  # one attempt each


@pytest.fixture
def limited() -> Iterator[BotApiEmulator]:
    """Flood limits on, with a global rate below the broadcast rate to force 429s (the organizer's chat unthrottled)."""
    emu = BotApiEmulator(
        token=TOKEN,
        bot_username="hoinghi_test_bot",
        limits=True,
        global_rate=5.0,
        per_chat_rate=20.0,
        per_chat_burst=20.0,
    )
    emu.start()
    try:
        yield emu
    finally:
        emu.stop()


async def test_429_pauses_the_engine_and_retries_the_same_recipient(limited: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(limited, delegates=12)
    since = limited.sent_count(ORGANIZER_ID)
    broadcast_id = await send(harness, "Tất cả", "Giờ khai mạc đổi")
    await wait_report(harness, since, timeout=9.0)
    assert limited.stats()["429"] > 0
    assert await statuses(harness, broadcast_id) == {"sent": 12}
    assert counts_per_chat(limited, range(1, 13), "Giờ khai mạc đổi") == {n: 1 for n in range(1, 13)}


async def test_timed_out_sends_are_unknown_never_resent_unless_asked(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=3, broadcast=dataclasses.replace(FAST, send_timeout=0.5))
    summary = await compose(harness, "Tất cả", "Xe đưa đón lúc 7 giờ")
    emulator.timeout_rate, emulator.timeout_delay = 1.0, 1.0
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    await harness.emu.wait_for(
        lambda: all(broadcast_messages(emulator, user_id_of(n), "Xe đưa đón") for n in (1, 2, 3))
    )
    emulator.timeout_rate = 0.0
    report = await wait_report(harness, since)
    assert "Chưa rõ (có thể đã nhận): 3" in report.plain_text
    assert await statuses(harness, id_from(summary)) == {"unknown": 3}
    await nothing_more(emulator)
    assert counts_per_chat(emulator, range(1, 4), "Xe đưa đón") == {1: 1, 2: 1, 3: 1}  # delivered late, not resent
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, report, "Gửi lại cho 3")
    await wait_report(harness, since)
    assert counts_per_chat(emulator, range(1, 4), "Xe đưa đón") == {1: 2, 2: 2, 3: 2}  # the organizer chose to


async def test_server_errors_are_retried_with_backoff_then_failed_with_the_reason(
    emulator: BotApiEmulator, bots: Bots
) -> None:
    harness = await bots.start(emulator, delegates=10)
    summary = await compose(harness, "Tất cả", "Họp trù bị")
    emulator.error_rate = 0.5
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    await wait_done(harness, id_from(summary), timeout=9.0)
    emulator.error_rate = 0.0
    counts = await statuses(harness, id_from(summary))
    assert set(counts) <= {"sent", "failed"} and sum(counts.values()) == 10
    received = counts_per_chat(emulator, range(1, 11), "Họp trù bị")
    assert sum(received.values()) == counts.get("sent", 0) and max(received.values()) == 1
    async with harness.services.db.read() as uow:
        failed = await uow.deliveries.failure_reasons(id_from(summary))
    assert all(reason in ("Internal Server Error", "Bad Gateway") for reason, _ in failed)
    assert emulator.stats()["injected_errors"] > counts.get("failed", 0) * 3  # the others were retried, not dropped


async def test_restart_mid_broadcast_loses_no_one_and_sends_no_one_twice(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=40, broadcast=dataclasses.replace(FAST, max_in_flight=4))
    summary = await compose(harness, "Tất cả", "Đổi địa điểm")
    broadcast_id = id_from(summary)
    emulator.latency = 0.2
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    await emulator.wait_for(lambda: sum(counts_per_chat(emulator, range(1, 41), "Đổi địa điểm").values()) >= 8)
    # The next sends are held, so the stop surely finds some in flight however busy the machine is.
    emulator.method_latency = {"sendMessage": 30.0}
    await emulator.wait_for(lambda: emulator.in_progress("sendMessage") > 0)
    await stop_application(harness.app)  # stops while sends are in flight
    emulator.method_latency = {}
    # Read the rows as the stop left them, before a new start lets the engine claim pending rows again.
    with sqlite3.connect(harness.settings.database.path) as conn:
        after_stop = dict(
            conn.execute(
                "SELECT status, COUNT(*) FROM deliveries WHERE broadcast_id = ? GROUP BY status", (broadcast_id,)
            ).fetchall()
        )
    harness.app = build_application(harness.settings, clock=harness.clock)
    await start_application(harness.app)
    assert after_stop.get("pending", 0) > 0 and after_stop.get("sending", 0) == 0
    in_flight_at_stop = after_stop.get("unknown", 0)
    assert 0 < in_flight_at_stop <= 4  # only the sends in flight (max_in_flight); claimed-but-unsent rows are pending
    emulator.latency = 0.0
    report = await wait_report(harness, 0)
    assert f"Chưa rõ (có thể đã nhận): {in_flight_at_stop}" in report.plain_text
    assert report.button_data(f"Gửi lại cho {in_flight_at_stop}") == f"bc:resend:{broadcast_id}"
    final = await statuses(harness, broadcast_id)
    assert final == {"sent": 40 - in_flight_at_stop, **({"unknown": in_flight_at_stop} if in_flight_at_stop else {})}
    received = counts_per_chat(emulator, range(1, 41), "Đổi địa điểm")
    assert max(received.values()) == 1  # nobody twice
    async with harness.services.db.read() as uow:
        unknown = set(await uow.deliveries.delegates_with_status(broadcast_id, "unknown"))
        everyone = {d.id: int(d.code[2:]) for d in await uow.delegates.all(harness.services.event.id)}
    assert all(received[everyone[d]] == 1 for d in everyone if d not in unknown)  # every sent one got it once
    assert sum(1 for d in unknown if received[everyone[d]] <= 1) == len(unknown)


async def test_a_second_broadcast_waits_for_the_first(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=6)
    emulator.latency = 0.05
    first = await compose(harness, "Tất cả", "Thông báo thứ nhất")
    second = await compose(harness, "Tất cả", "Thông báo thứ hai")
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, first, "Gửi ngay")
    await harness.press(ORGANIZER_ID, second, "Gửi ngay")
    await emulator.wait_for_message(ORGANIZER_ID, lambda m: "còn 1 thông báo gửi trước" in m.plain_text, since=since)
    await wait_done(harness, id_from(second))
    for n in range(1, 7):
        assert [m.plain_text.split()[-1] for m in emulator.messages(user_id_of(n))] == ["nhất", "hai"]
    first_sends = [r.timestamp for r in emulator.request_log if r.method == "sendMessage" and r.chat_id != ORGANIZER_ID]
    assert len(first_sends) == 12
    async with harness.services.db.read() as uow:
        one = await uow.broadcasts.get(harness.services.event.id, id_from(first))
        two = await uow.broadcasts.get(harness.services.event.id, id_from(second))
    assert one is not None and two is not None and one.status == two.status == "done"


async def test_double_tap_on_resend_sends_one_more_copy_only(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=3, broadcast=dataclasses.replace(FAST, send_timeout=0.5))
    summary = await compose(harness, "Tất cả", "Phòng họp số 5")
    emulator.timeout_rate, emulator.timeout_delay = 1.0, 1.0
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")
    await harness.emu.wait_for(lambda: all(broadcast_messages(emulator, user_id_of(n), "Phòng họp") for n in (1, 2, 3)))
    emulator.timeout_rate = 0.0
    report = await wait_report(harness, since)
    assert await statuses(harness, id_from(summary)) == {"unknown": 3}
    since = emulator.sent_count(ORGANIZER_ID)
    first = await harness.press(ORGANIZER_ID, report, "Gửi lại cho 3")
    second = await harness.press(ORGANIZER_ID, report, "Gửi lại cho 3")  # a double tap: both updates run at once
    await wait_report(harness, since)
    await harness.app.bot_data.delivery.wait_idle()  # type: ignore[union-attr]
    await nothing_more(emulator)
    assert counts_per_chat(emulator, range(1, 4), "Phòng họp") == {1: 2, 2: 2, 3: 2}
    answers = [await emulator.wait_for_callback_answer(q) for q in (first, second)]
    assert sum(1 for a in answers if a.show_alert and "đã được gửi lại" in (a.text or "")) == 1
    later = await harness.services.broadcasts.resend_unknown(id_from(summary), ORGANIZER_ID)  # the same report later
    assert later.decision.value == "already_resent"
    resends = [b for b in await harness.services.broadcasts.recent() if b.resend_of == id_from(summary)]
    assert len(resends) == 1


async def test_a_resend_that_was_cancelled_before_sending_can_be_asked_again(
    emulator: BotApiEmulator, bots: Bots
) -> None:
    harness = await bots.start(emulator, delegates=2)
    service = harness.services.broadcasts
    await harness.app.bot_data.delivery.stop()  # type: ignore[union-attr]  # nothing is sent in this test
    draft = await service.create_draft(ORGANIZER_ID, "all", (), "Thông báo", None)
    now = harness.clock.now()
    async with harness.services.db.transaction() as uow:  # an ended broadcast whose two deliveries are unknown
        await uow.deliveries.add_many(draft.id, await uow.broadcasts.recipients(draft.event_id, "all", ()), now)
        await uow.broadcasts.set_status(draft.id, "done", now)
        await uow.deliveries.claim(await uow.deliveries.next_pending(draft.id, 10), now)
        await uow.deliveries.interrupt_in_flight(draft.event_id, now, "interrupted")
    first = await service.resend_unknown(draft.id, ORGANIZER_ID)
    assert first.decision.value == "queued" and first.broadcast is not None
    assert (await service.resend_unknown(draft.id, ORGANIZER_ID)).decision.value == "already_resent"
    assert (await service.cancel(first.broadcast.id, ORGANIZER_ID)).decision.value == "cancelled"
    again = await service.resend_unknown(draft.id, ORGANIZER_ID)
    assert again.decision.value == "queued" and again.broadcast is not None
    assert await statuses(harness, again.broadcast.id) == {"pending": 2}


class _Recorder:
    """A sender and notifier that only remember what they were asked to do."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    async def send(self, chat_id: int, html: str, buttons: object = None) -> object:
        self.calls.append(f"send:{chat_id}")
        raise AssertionError("nothing may be sent")

    async def started(self, broadcast: object, progress: object) -> None:
        self.calls.append("started")

    async def progress(self, broadcast: object, progress: object) -> None:
        self.calls.append("progress")

    async def finished(self, broadcast: object) -> None:
        self.calls.append("finished")


async def test_engine_rereads_the_state_and_never_overwrites_a_cancellation(
    emulator: BotApiEmulator, bots: Bots
) -> None:
    from bot.services.delivery import DeliveryEngine, EngineOptions, _Run

    harness = await bots.start(emulator, delegates=2)
    services = harness.services
    await harness.app.bot_data.delivery.stop()  # type: ignore[union-attr]  # this test drives its own engine
    draft = await services.broadcasts.create_draft(ORGANIZER_ID, "all", (), "Sẽ bị hủy", None)
    assert (await services.broadcasts.send_now(draft.id, ORGANIZER_ID)).decision.value == "queued"
    async with services.db.read() as uow:  # what the engine's loop read...
        stale = await uow.broadcasts.next_to_send(services.event.id)
    assert stale is not None and stale.status == "queued"
    assert (await services.broadcasts.cancel(draft.id, ORGANIZER_ID)).decision.value == "cancelled"  # ...then this
    recorder = _Recorder()
    engine = DeliveryEngine(
        services.db,
        services.clock,
        services.event,
        recorder,  # type: ignore[arg-type]
        recorder,
        EngineOptions(),
    )  # type: ignore[arg-type]
    await _Run(engine, stale).execute()
    after = await services.broadcasts.get(draft.id)
    assert after is not None and after.status == "cancelled" and after.started_at is None
    assert recorder.calls == [] and await statuses(harness, draft.id) == {"cancelled": 2}
