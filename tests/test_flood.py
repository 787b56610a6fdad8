"""Per-user flood control and grouped misuse notices: one user cannot slow everyone or flood the organizers."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from bot.i18n import text
from bot.telegram.flood import BURST, PER_SECOND, FloodGuard, NoticeThrottle
from tests.support.harness import ORGANIZER_ID, Harness, nothing_more


def test_a_user_over_the_burst_is_dropped_with_one_notice_per_episode() -> None:
    clock = [0.0]
    guard = FloodGuard(lambda user_id: user_id == 7, burst=5, per_second=1.0, monotonic=lambda: clock[0])
    verdicts = [guard.check(1) for _ in range(20)]
    assert verdicts[:5] == ["pass"] * 5
    assert verdicts[5] == "drop_and_notify" and verdicts[6:] == ["drop"] * 14
    clock[0] += 1.0
    assert guard.check(1) == "pass" and guard.check(1) == "drop"  # slowed to one a second, no second notice
    assert guard.check(2) == "pass"  # others are not affected
    assert all(guard.check(7) == "pass" for _ in range(50))  # organizers are exempt
    clock[0] += 10.0  # quiet long enough: a new episode, a new notice
    assert [guard.check(1) for _ in range(6)][-1] == "drop_and_notify"


def _text(update_id: int, user_id: int, sent_at: float) -> Update:
    """A private text message as Telegram would hand it over, sent at `sent_at` (epoch seconds)."""
    user = User(user_id, "An", False)
    sent = datetime.fromtimestamp(sent_at, UTC)
    return Update(update_id, message=Message(update_id, sent, Chat(user_id, "private"), from_user=user, text="tin"))


def test_a_backlog_telegram_kept_while_the_bot_was_away_is_judged_at_its_turn_not_on_arrival() -> None:
    clock = [0.0]
    guard = FloodGuard(burst=3, per_second=1.0, monotonic=lambda: clock[0], wall=lambda: 1000.0)
    backlog = [_text(n, 1, 880.0 + 1.2 * n) for n in range(8)]  # typed 1.2 s apart during an outage
    assert [guard.arrived(update) for update in backlog] == [None] * 8  # all handed over at once: not judged
    verdicts = []
    for update in backlog:  # their turns, as the bot takes them (a second apart: each waits for its reply)
        verdicts.append(guard.verdict(update, 1))
        clock[0] += 1.0
    assert verdicts == ["pass"] * 8
    flood = [_text(100 + n, 2, 999.6) for n in range(5)]  # typed just now, all at once
    assert [guard.arrived(update) for update in flood] == ["pass"] * 3 + ["drop_and_notify", "drop"]
    assert [guard.verdict(update, 2) for update in flood] == ["pass"] * 3 + ["drop", "drop"]  # one notice only


def test_misuse_notices_once_per_subject_per_hour() -> None:
    clock = [0.0]
    throttle = NoticeThrottle(3600.0, monotonic=lambda: clock[0])
    assert throttle.allow(("misuse", 1)) and not throttle.allow(("misuse", 1)) and throttle.allow(("misuse", 2))
    clock[0] += 3599.0
    assert not throttle.allow(("misuse", 1))
    clock[0] += 1.0
    assert throttle.allow(("misuse", 1))


async def test_a_flood_gets_one_notice_and_another_users_reply_is_not_held_up(harness: Harness) -> None:
    emu = harness.emu
    await harness.open_link(101, "DB001")
    harness.app.bot_data.flood_guard = FloodGuard(burst=BURST, per_second=PER_SECOND)  # the defaults (tests: off)
    notice = text("vi", "flood.notice")
    since = emu.sent_count(104)
    for n in range(100):
        emu.send_text(104, f"tin rác {n}")
    reply = await harness.say(101, "/me", timeout=5.0)
    assert "Nguyễn Văn An" in reply.plain_text
    await emu.wait_for_message(104, lambda m: m.plain_text == notice, since=since)
    await nothing_more(emu)  # every late reply in before counting (the count must stay bounded)
    to_flooder = emu.messages(104)[since:]
    assert [m.plain_text for m in to_flooder].count(notice) == 1
    assert len(to_flooder) <= BURST + 3  # the burst's replies and the notice; the rest were dropped unanswered
    guard = harness.app.bot_data.flood_guard
    assert guard is not None and guard.dropped >= 100 - BURST - 3


async def test_a_flood_is_judged_when_it_arrives_though_its_replies_go_out_one_a_second(harness: Harness) -> None:
    # With Telegram's 1 message a second per chat (tests relax it), each of the flooder's updates waits for the
    # previous one's reply: judged at its turn, the flood would reach the guard one a second and never be one.
    emu = harness.emu
    budget = harness.app.bot_data.send_budget
    budget._per_chat = (1.0, 2.0)
    burst = 5
    harness.app.bot_data.flood_guard = FloodGuard(burst=burst, per_second=PER_SECOND)
    notice = text("vi", "flood.notice")
    since = emu.sent_count(104)
    for n in range(40):
        emu.send_text(104, f"tin rác {n}")
    await emu.wait_for_message(104, lambda m: m.plain_text == notice, since=since, timeout=10.0)
    replies_before_notice = [m.plain_text for m in emu.messages(104)[since:]].index(notice)
    assert replies_before_notice < burst  # ahead of the burst's paced replies, not after them
    await nothing_more(emu)
    to_flooder = [m.plain_text for m in emu.messages(104)[since:]]
    assert to_flooder.count(notice) == 1
    assert len(to_flooder) <= burst + 2  # the burst's replies (one more if a second passed) and the notice


async def test_misuse_of_one_link_tells_organizers_once_an_hour(harness: Harness) -> None:
    emu = harness.emu
    await harness.open_link(101, "DB001")
    token = await harness.token_of("DB001")
    since = emu.sent_count(ORGANIZER_ID)
    for user_id in (104, 105, 104):
        before = emu.sent_count(user_id)
        emu.send_command(user_id, "start", token)
        await emu.wait_for_message(user_id, since=before)
    await nothing_more(emu)
    notices = [m for m in emu.messages(ORGANIZER_ID)[since:] if "DB001" in m.plain_text]
    assert len(notices) == 1 and "tài khoản Telegram khác" in notices[0].plain_text
