"""Faults from Telegram during a broadcast, all at once on the sandbox: 429 bursts (retry_after scaled down to 1 s),
403 for 10 % of delegates, sends delivered but answered too late, 5xx, and the API out of reach in the middle.

The bot keeps answering as soon as Telegram answers, resumes sending, and the report tells the truth: each recipient
is in exactly one state and that state agrees with what the emulator delivered.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time

import pytest

from bot.sandbox.emulator import BotApiEmulator, SentMessage
from storage.broadcast_models import DeliveryStatus
from tests.support.broadcast import FAST, Bots, broadcast_messages, compose, id_from, user_id_of, wait_done, wait_report
from tests.support.harness import ORGANIZER_ID, Harness

DELEGATES = 60
BLOCKED = range(1, DELEGATES + 1, 10)  # 10 %
TEXT = "Điều chỉnh chương trình hội nghị"


async def assert_the_truth(
    harness: Harness, broadcast_id: int, report: SentMessage, delegates: int, blocked: range
) -> dict[DeliveryStatus, int]:
    """Each recipient is in exactly one state, which agrees with what the emulator delivered (sent and unknown: once,
    unknown being delivered but answered late; unreachable: exactly the blocked ones); the outage failed nobody; the
    report's numbers are the outbox's. Returns the counts by state."""
    async with harness.services.db.read() as uow:
        reasons = await uow.deliveries.failure_reasons(broadcast_id)
        counts = await uow.deliveries.counts(broadcast_id)
        states: dict[int, str] = {}
        for status in ("sent", "unreachable", "failed", "unknown"):
            for delegate_id in await uow.deliveries.delegates_with_status(broadcast_id, status):
                states[delegate_id] = status
        number_of = {d.id: int(d.code[2:]) for d in await uow.delegates.all(harness.services.event.id)}
    assert set(counts) <= {"sent", "unreachable", "failed", "unknown"}, counts
    assert len(states) == sum(counts.values()) == delegates  # each recipient exactly one state
    for delegate_id, status in states.items():
        number = number_of[delegate_id]
        got = len(broadcast_messages(harness.emu, user_id_of(number), TEXT))
        assert got == {"sent": 1, "unreachable": 0, "failed": 0, "unknown": 1}[status], (number, status, got)
        assert (status == "unreachable") == (number in blocked)
    assert not any("httpx" in (error or "") for error, _count in reasons), reasons  # the outage failed nobody
    text = report.plain_text
    for label, status in (("Đã gửi tới", "sent"), ("Đã chặn bot", "unreachable"), ("Lỗi gửi", "failed")):
        assert f"{label}: {counts.get(status, 0)}" in text, text  # type: ignore[call-overload]
    assert f"Chưa rõ (có thể đã nhận): {counts.get('unknown', 0)}" in text
    return dict(counts)


async def test_a_broadcast_through_every_fault_tells_the_truth(emulator: BotApiEmulator, bots: Bots) -> None:
    harness = await bots.start(emulator, delegates=DELEGATES, broadcast=dataclasses.replace(FAST, send_timeout=0.5))
    for number in BLOCKED:
        emulator.block(user_id_of(number))
    summary = await compose(harness, "Tất cả", TEXT)
    broadcast_id = id_from(summary)
    emulator.latency = 0.02
    emulator.flood_rate, emulator.flood_retry_after = 0.1, 1
    emulator.error_rate = 0.05
    emulator.timeout_rate, emulator.timeout_delay = 0.05, 1.0
    since = emulator.sent_count(ORGANIZER_ID)
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")

    def delivered() -> int:
        return sum(len(broadcast_messages(emulator, user_id_of(n), TEXT)) for n in range(1, DELEGATES + 1))

    await emulator.wait_for(lambda: delivered() >= 15, timeout=20)
    # Telegram out of reach for a while in the middle of the broadcast.
    emulator.unreachable = True
    await asyncio.sleep(0.3)  # (requests already inside the server when it went away finish first)
    during = delivered()
    assert during < DELEGATES - len(BLOCKED)  # the broadcast is not over
    await asyncio.sleep(1.5)  # the outage's length, not a wait before an assertion
    assert delivered() == during  # nothing got through while out of reach
    emulator.error_rate = emulator.timeout_rate = 0.0  # (a reply lost to a random 5xx is not what this step tests)
    emulator.unreachable = False
    asked = emulator.sent_count(ORGANIZER_ID)
    emulator.send_command(ORGANIZER_ID, "help")  # answered as soon as Telegram answers, the broadcast going on
    await emulator.wait_for_message(ORGANIZER_ID, lambda m: "/broadcast" in m.plain_text, since=asked, timeout=10)
    emulator.error_rate, emulator.timeout_rate = 0.05, 0.05
    await wait_done(harness, broadcast_id, timeout=60)
    emulator.error_rate = emulator.timeout_rate = emulator.flood_rate = 0.0
    report = await wait_report(harness, since, timeout=10)

    counts = await assert_the_truth(harness, broadcast_id, report, DELEGATES, BLOCKED)
    stats = emulator.stats()
    print(
        f"\nfaults: {dict(counts)}; 429 refused {stats['rate_limited']}, 5xx {stats['injected_errors']}, "
        f"late answers {stats['injected_timeouts']}"
    )


@pytest.mark.soak
async def test_full_scale_faults_during_an_800_recipient_broadcast(emulator: BotApiEmulator, bots: Bots) -> None:
    """Faults at full scale: bursts of 429 with retry_after 1, 5, 15 and 30 s, 403 for 10 % of delegates, 5xx and
    late answers, and Telegram out of reach for 60 s in the middle. As soon as Telegram answers again the bot answers
    a delegate and an organizer, the broadcast resumes and ends, and each recipient is in exactly one state that
    agrees with the emulator; the report's numbers are the outbox's. Figures go to docs/reliability.md."""
    delegates = 800
    harness = await bots.start(emulator, delegates=delegates, broadcast=dataclasses.replace(FAST, send_timeout=5))
    blocked = range(1, delegates + 1, 10)
    for number in blocked:
        emulator.block(user_id_of(number))
    summary = await compose(harness, "Tất cả", TEXT)
    broadcast_id = id_from(summary)
    emulator.latency = 0.02
    emulator.error_rate, emulator.timeout_rate, emulator.timeout_delay = 0.02, 0.02, 6.0
    since = emulator.sent_count(ORGANIZER_ID)
    started = time.monotonic()
    await harness.press(ORGANIZER_ID, summary, "Gửi ngay")

    def delivered() -> int:
        return sum(len(broadcast_messages(emulator, user_id_of(n), TEXT)) for n in range(1, delegates + 1))

    bursts: list[tuple[int, int]] = []
    for retry_after in (1, 5, 15, 30):  # a burst of 429s: a fifth of the sends refused for a while
        emulator.flood_rate, emulator.flood_retry_after = 0.2, retry_after
        before = emulator.stats()["rate_limited"]
        got = delivered()
        await emulator.wait_for(lambda got=got: delivered() >= got + 40, timeout=120)
        emulator.flood_rate = 0.0
        bursts.append((retry_after, emulator.stats()["rate_limited"] - before))
    # Telegram out of reach for 60 s.
    emulator.unreachable = True
    await asyncio.sleep(0.5)  # (requests already inside the server when it went away finish first)
    during = delivered()
    await asyncio.sleep(60)  # the outage's length, not a wait before an assertion
    assert delivered() == during  # nothing got through while out of reach
    assert during < delegates - len(blocked)  # the broadcast was not over
    error_rate, emulator.error_rate, emulator.timeout_rate = emulator.error_rate, 0.0, 0.0
    emulator.unreachable = False
    back = time.monotonic()
    delegate = user_id_of(2)
    asked_delegate, asked_organizer = emulator.sent_count(delegate), emulator.sent_count(ORGANIZER_ID)
    emulator.send_command(delegate, "me")
    emulator.send_command(ORGANIZER_ID, "help")
    await emulator.wait_for_message(delegate, lambda m: TEXT not in m.plain_text, since=asked_delegate, timeout=60)
    delegate_answered = time.monotonic() - back
    await emulator.wait_for_message(
        ORGANIZER_ID, lambda m: "/broadcast" in m.plain_text, since=asked_organizer, timeout=60
    )
    organizer_answered = time.monotonic() - back
    resumed = delivered()
    await emulator.wait_for(lambda: delivered() > resumed, timeout=60)
    emulator.error_rate = error_rate
    await wait_done(harness, broadcast_id, timeout=300)
    took = time.monotonic() - started
    emulator.error_rate = emulator.timeout_rate = emulator.flood_rate = 0.0
    report = await wait_report(harness, since, timeout=30)

    counts = await assert_the_truth(harness, broadcast_id, report, delegates, blocked)
    stats = emulator.stats()
    print(
        f"\nfull-scale faults: {dict(counts)} in {took:.0f} s; 429 bursts (retry_after, refused) {bursts}; "
        f"5xx {stats['injected_errors']}, late answers {stats['injected_timeouts']}; after the 60 s outage a "
        f"delegate was answered in {delegate_answered:.1f} s, the organizer in {organizer_answered:.1f} s"
    )
