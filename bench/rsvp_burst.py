"""RSVP burst: N linked delegates press "Attend" at once; our bot vs a bare PTB bot doing the same work shape.

The emulator runs in its own process (bench/emulator_process.py) for both, so the figures measure the bot rather than
an emulator sharing its CPU and GIL; --in-process puts it back in this process (as before).

Run: .venv/bin/python bench/rsvp_burst.py [--delegates 800] [--latency 0.05] [--in-process] [--bare-sharded]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file (.venv/bin/python bench/rsvp_burst.py): make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, CallbackQueryHandler, ContextTypes

from bench.common import (
    LATENCY,
    NOW,
    TOKEN,
    USER_BASE,
    ErrorCounter,
    Row,
    machine,
    make_settings,
    percentile,
    print_table,
    quiet_logging,
    roster_entries,
    start_bare,
    start_emulator,
    stop_bare,
)
from bench.emulator_process import RemoteEmulator
from bot.clock import FakeClock
from bot.sandbox.emulator import BotApiEmulator, CallbackAnswer
from bot.telegram.app import build_application, start_application, stop_application
from bot.telegram.context import BotData
from bot.telegram.request import CONNECTION_POOL_SIZE, ShardedRequest
from handlers.views import card_keyboard, card_text

BARE_CONFIRMATION = "Đã ghi nhận: đồng chí sẽ tham dự."
# Our bot answers "Attend" with the notice rsvp.attend_saved when its handler is quick, else blank by the update
# processor's deadline (bot/telegram/updates.py) so the spinner stops in time: any answer plus the card edit confirms.
OUR_CONFIRMATION: str | None = None


@dataclass
class Card:
    """The invitation card a simulated delegate will press."""

    user_id: int
    message_id: int
    callback_data: str


@dataclass
class BurstResult:
    """What one burst measured."""

    name: str
    presses: int
    latencies: list[float]
    duration: float
    lost_confirmations: list[int]
    lost_rows: list[int] = field(default_factory=list)
    cards_not_updated: int = 0
    unanswered_queries: int = 0
    concurrency: int = 0
    extra_messages: int = 0
    stats: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def throughput(self) -> float:
        """Confirmed answers per second, from the first press to the last confirmation."""
        return len(self.latencies) / self.duration if self.duration > 0 else 0.0

    @property
    def lost(self) -> int:
        """Presses without a confirmation or without an 'attending' row."""
        return len(set(self.lost_confirmations) | set(self.lost_rows))


Emulator = BotApiEmulator | RemoteEmulator  # in this process (--in-process) or in its own (bench/emulator_process.py)


# ---- sending the cards (setup, not measured) -------------------------------------------------------


async def send_cards(
    emu: Emulator, cards: list[tuple[int, str, InlineKeyboardMarkup | None]], concurrency: int = 64
) -> dict[int, int]:
    """Send each (user id, card text, keyboard) with a plain Bot (no rate limiter); return user id -> message id."""
    gate = asyncio.Semaphore(concurrency)
    sent: dict[int, int] = {}

    async def one(bot: Bot, user_id: int, body: str, keyboard: InlineKeyboardMarkup | None) -> None:
        async with gate:
            message = await bot.send_message(user_id, body, reply_markup=keyboard, parse_mode=ParseMode.HTML)
            sent[user_id] = message.message_id

    async with Bot(TOKEN, base_url=emu.base_url, base_file_url=emu.base_file_url) as bot:
        await asyncio.gather(*(one(bot, *card) for card in cards))
    return sent


# ---- our bot ---------------------------------------------------------------------------------------


async def setup_ours(emu: Emulator, app: Application, workdir: Path, n: int) -> list[Card]:
    """Import n delegates, bind each to a simulated user through the invitation service, send their cards."""
    data: BotData = app.bot_data
    services = data.services
    assert services is not None
    await services.roster.import_entries(roster_entries(n, workdir), actor="bench")
    async with services.db.read() as uow:
        delegates = await uow.delegates.all(services.event.id)
        tokens = [await uow.tokens.active_token(d.id) for d in delegates]
    outgoing: list[tuple[int, str, InlineKeyboardMarkup | None]] = []
    data_by_user: dict[int, str] = {}
    for index, (delegate, token) in enumerate(zip(delegates, tokens)):
        user_id = USER_BASE + index
        emu.add_user(user_id, delegate.full_name.split()[-1], language_code="vi")
        result = await services.invitations.bind_by_token(user_id, token or "")
        assert result.linked and result.delegate is not None, result
        keyboard = card_keyboard("vi", services.event, result.delegate, NOW)
        outgoing.append((user_id, card_text("vi", services.event, result.delegate, None, NOW), keyboard))
        data_by_user[user_id] = f"rsvp:a:{result.delegate.id}"
    message_ids = await send_cards(emu, outgoing)
    return [Card(uid, message_ids[uid], data_by_user[uid]) for uid, _, _ in outgoing]


async def attending_users(app: Application, cards: list[Card]) -> set[int]:
    """Users whose delegate has an 'attending' row in the database."""
    data: BotData = app.bot_data
    services = data.services
    assert services is not None
    async with services.db.read() as uow:
        answers = await uow.rsvps.answers(services.event.id)
    attending = {a.delegate.id for a in answers if a.rsvp is not None and a.rsvp.status == "attending"}
    return {c.user_id for c in cards if int(c.callback_data.rsplit(":", 1)[1]) in attending}


async def run_ours(n: int, latency: float, timeout: float, errors: ErrorCounter, in_process: bool) -> BurstResult:
    """The burst against our Application (shared send budget, SQLite, catalogue texts)."""
    with tempfile.TemporaryDirectory(prefix="bench-rsvp-") as tmp, _emulator(latency, in_process) as emu:
        app = build_application(make_settings(Path(tmp), emu.base_url, emu.base_file_url), clock=FakeClock(NOW))
        await start_application(app)
        try:
            cards = await setup_ours(emu, app, Path(tmp), n)
            errors.reset()
            result = await burst(emu, "ours", cards, OUR_CONFIRMATION, timeout)
            result.concurrency = app.update_processor.max_concurrent_updates
            attending = await attending_users(app, cards)
            result.lost_rows = [c.user_id for c in cards if c.user_id not in attending]
        finally:
            await stop_application(app)
        result.errors = dict(errors.counts)
        return result


# ---- the bare baseline -----------------------------------------------------------------------------


async def bare_on_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the query with the confirmation and edit the card: our "Attend" work shape without a database."""
    query = update.callback_query
    assert query is not None and query.message is not None
    await query.answer(BARE_CONFIRMATION)
    keyboard = query.message.reply_markup if hasattr(query.message, "reply_markup") else None
    await query.edit_message_text("Giấy mời\nTrả lời của đồng chí: ✅ Tham dự", reply_markup=keyboard)


async def bare_on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log a failed update in one line (counted like our bot's error handler)."""
    logging.getLogger("bench.bare").error("error while handling an update: %r", context.error)


def bare_keyboard(user_id: int) -> InlineKeyboardMarkup:
    """The same three-button shape as our card."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("✅ Tham dự", callback_data=f"bare:a:{user_id}"),
                InlineKeyboardButton("❌ Vắng mặt", callback_data=f"bare:d:{user_id}"),
            ],
            [InlineKeyboardButton("👤 Cử người dự thay", callback_data=f"bare:s:{user_id}")],
        ]
    )


async def run_bare(
    n: int, latency: float, timeout: float, errors: ErrorCounter, concurrency: int, in_process: bool, sharded: bool
) -> BurstResult:
    """The burst against a bare PTB Application: same concurrent updates as ours, no rate limiter, no database; PTB's
    own HTTP client (one pool of 256 connections) unless `sharded` (our ShardedRequest, as ours uses)."""
    with _emulator(latency, in_process) as emu:
        builder = ApplicationBuilder().token(TOKEN).base_url(emu.base_url).base_file_url(emu.base_file_url)
        if sharded:
            builder = builder.request(ShardedRequest(CONNECTION_POOL_SIZE))
        app = builder.concurrent_updates(concurrency).build()
        app.add_handler(CallbackQueryHandler(bare_on_press, pattern="^bare:a:"))
        app.add_error_handler(bare_on_error)
        await start_bare(app)
        try:
            users = [USER_BASE + i for i in range(n)]
            for user_id in users:
                emu.add_user(user_id, "Bare", language_code="vi")
            ids = await send_cards(emu, [(u, "Giấy mời", bare_keyboard(u)) for u in users])
            cards = [Card(u, ids[u], f"bare:a:{u}") for u in users]
            errors.reset()
            result = await burst(emu, "bare PTB", cards, BARE_CONFIRMATION, timeout)
            result.concurrency = concurrency
        finally:
            await stop_bare(app)
        result.errors = dict(errors.counts)
        return result


def our_concurrency() -> int:
    """How many updates our Application handles at once (the baseline gets the same)."""
    with tempfile.TemporaryDirectory(prefix="bench-rsvp-") as tmp:
        settings = make_settings(Path(tmp), "http://127.0.0.1:9/bot", "http://127.0.0.1:9/file/bot")
        return build_application(settings, clock=FakeClock(NOW)).update_processor.max_concurrent_updates


# ---- the burst itself ------------------------------------------------------------------------------


class _emulator:
    """Context manager: a started emulator with limits OFF at the given latency, in its own process unless
    in_process."""

    def __init__(self, latency: float, in_process: bool) -> None:
        """Remember the settings."""
        self.latency = latency
        self.in_process = in_process
        self.emu: Emulator | None = None

    def __enter__(self) -> Emulator:
        """Start it."""
        if self.in_process:
            self.emu = start_emulator(latency=self.latency, limits=False)
        else:
            self.emu = RemoteEmulator(self.latency, limits=False)
        return self.emu

    def __exit__(self, *exc: object) -> None:
        """Stop it."""
        assert self.emu is not None
        self.emu.stop()


async def wait_until(
    done: Callable[[], bool], progress: Callable[[], object], timeout: float, stall: float = 5.0
) -> None:
    """Poll every 50 ms until done(), the timeout, or `stall` seconds in which progress() did not change."""
    deadline = time.monotonic() + timeout
    last, changed = progress(), time.monotonic()
    while not done() and time.monotonic() < deadline and time.monotonic() - changed < stall:
        await asyncio.sleep(0.05)
        current = progress()
        if current != last:
            last, changed = current, time.monotonic()


def press_all(emu: Emulator, cards: list[Card]) -> dict[int, tuple[str, float]]:
    """Press every card's button at once in the emulator's process: user id -> (query id, time.time() of the press)."""
    if isinstance(emu, RemoteEmulator):
        pressed = emu.press_buttons([(c.user_id, c.message_id, c.callback_data) for c in cards])
        return {card.user_id: press for card, press in zip(cards, pressed)}
    presses: dict[int, tuple[str, float]] = {}
    for card in cards:
        at = time.time()
        presses[card.user_id] = (emu.press_button(card.user_id, card.message_id, card.callback_data), at)
    return presses


async def burst(emu: Emulator, name: str, cards: list[Card], answer_text: str | None, timeout: float) -> BurstResult:
    """Press every card's Attend button at once; wait for the answers and card edits; time them from request_log."""
    log_start = len(emu.request_log)
    before = emu.stats()
    answers_before = len(emu.callback_answers)
    pressed = press_all(emu, cards)
    presses = {user_id: at for user_id, (_, at) in pressed.items()}
    queries = {user_id: query_id for user_id, (query_id, _) in pressed.items()}
    await wait_until(lambda: _handled(emu.stats(), before) >= (len(cards), len(cards)), lambda: _progress(emu), timeout)
    await asyncio.sleep(0.3)  # anything still in flight lands in the counters
    arrivals = _first_edits(emu, log_start, set(presses))
    answered = {a.callback_query_id: a for a in emu.callback_answers[answers_before:]}
    confirmed = {
        c.user_id for c in cards if c.user_id in arrivals and _answered(answered.get(queries[c.user_id]), answer_text)
    }
    latencies = [arrivals[u] - presses[u] for u in confirmed]
    first_press = min(presses.values())
    stats = emu.stats()
    return BurstResult(
        name=name,
        presses=len(cards),
        latencies=latencies,
        duration=max((arrivals[u] for u in confirmed), default=first_press) - first_press,
        lost_confirmations=[c.user_id for c in cards if c.user_id not in confirmed],
        cards_not_updated=sum(1 for c in cards if c.user_id not in arrivals),
        unanswered_queries=sum(1 for c in cards if queries[c.user_id] not in answered),
        extra_messages=stats["sent"] - before["sent"],
        stats=stats,
    )


def _handled(stats: dict[str, Any], before: dict[str, Any]) -> tuple[int, int]:
    """(cards edited, answerCallbackQuery calls) since `before`: the emulator's counters, one cheap call apart."""
    answers = stats["by_method"].get("answerCallbackQuery", 0) - before["by_method"].get("answerCallbackQuery", 0)
    return stats["edited"] - before["edited"], answers


def _progress(emu: Emulator) -> tuple[int, int, int]:
    """Counters that move while presses are being handled (getUpdates polls do not count)."""
    stats = emu.stats()
    return stats["edited"], sum(stats["errors"].values()), stats["by_method"].get("answerCallbackQuery", 0)


def _first_edits(emu: Emulator, start: int, users: set[int]) -> dict[int, float]:
    """Timestamp of the first successful editMessageText in each user's chat after log index `start`."""
    arrivals: dict[int, float] = {}
    for record in emu.request_log[start:]:
        if record.method == "editMessageText" and record.status_code == 200 and record.chat_id in users:
            arrivals.setdefault(int(record.chat_id), record.timestamp)
    return arrivals


def _answered(answer: CallbackAnswer | None, expected: str | None) -> bool:
    """Whether the press got its callback answer (carrying the confirmation text, when one is expected)."""
    return answer is not None and (expected is None or (answer.text or "") == expected)


# ---- report ----------------------------------------------------------------------------------------


def report(ours: BurstResult, bare: BurstResult, latency: float, in_process: bool, sharded: bool) -> None:
    """Print the comparison table and the health counters."""

    def ms(result: BurstResult, p: float) -> float:
        return 1000 * percentile(result.latencies, p)

    rows = [
        Row("throughput", ours.throughput, bare.throughput, "answers/s"),
        Row("reply latency p50", ms(ours, 50), ms(bare, 50), "ms", 0),
        Row("reply latency p95", ms(ours, 95), ms(bare, 95), "ms", 0),
        Row("reply latency p99", ms(ours, 99), ms(bare, 99), "ms", 0),
        Row("first press -> last confirmation", ours.duration, bare.duration, "s", 2),
        Row("lost answers", ours.lost, bare.lost, "", 0),
        Row("HTTP 429 from emulator", ours.stats["429"], bare.stats["429"], "", 0),
    ]
    notes = [
        f"{ours.presses} delegates, all linked beforehand, press 'Attend' at once; emulator latency "
        f"{1000 * latency:.0f} ms per Bot API call; flood limits OFF (429s counted anyway); {machine()}",
        "confirmation = the card edit (editMessageText) plus the callback answer (the baseline's must carry its "
        "notice; ours may be blank when the deadline answered first); "
        "latency = press -> the edit recorded by the emulator (request_log timestamp); "
        "throughput = confirmed answers / (first press -> last confirmation)",
        f"baseline = bare python-telegram-bot Application ({bare.concurrency} concurrent updates like ours, no "
        "AIORateLimiter, no database) doing the same calls: answer the query with a notice, edit the card; its HTTP "
        + ("client: our ShardedRequest (16 pools of 16)" if sharded else "client: PTB's HTTPXRequest (one pool)"),
        "the emulator runs "
        + ("in this process, sharing its CPU and GIL" if in_process else "in its own process, for both")
        + f"; load average at the end {os.getloadavg()[0]:.2f}",
    ]
    for result in (ours, bare):
        notes.append(
            f"{result.name}: lost confirmations={len(result.lost_confirmations)}, lost 'attending' rows="
            f"{len(result.lost_rows)}, cards not edited={result.cards_not_updated}, unanswered queries="
            f"{result.unanswered_queries}, messages sent during the burst={result.extra_messages}, "
            f"API errors={result.stats['errors']}, ERROR log records={sum(result.errors.values())}"
        )
        notes.extend(f"  {result.name} log: {count}x {key[:200]}" for key, count in result.errors.items())
    print_table("RSVP burst", rows, notes)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delegates", type=int, default=800, help="simulated delegates pressing at once (800)")
    parser.add_argument("--latency", type=float, default=LATENCY, help="emulator latency in seconds (0.05)")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds to wait for all confirmations (90)")
    parser.add_argument("--in-process", action="store_true", help="the emulator in this process (as before)")
    parser.add_argument(
        "--bare-sharded", action="store_true", help="the baseline uses our ShardedRequest instead of PTB's HTTPXRequest"
    )
    return parser.parse_args(argv)


async def run(args: argparse.Namespace) -> int:
    """Baseline first, then our bot; exit status 1 if any answer was lost."""
    errors = quiet_logging()
    bare = await run_bare(
        args.delegates, args.latency, args.timeout, errors, our_concurrency(), args.in_process, args.bare_sharded
    )
    ours = await run_ours(args.delegates, args.latency, args.timeout, errors, args.in_process)
    report(ours, bare, args.latency, args.in_process, args.bare_sharded)
    if ours.lost:
        print(f"\nFAIL: our bot lost {ours.lost} of {ours.presses} answers", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    return asyncio.run(run(parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
