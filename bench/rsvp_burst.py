"""RSVP burst: N linked delegates press "Attend" at once; our bot vs a bare PTB bot doing the same work shape."""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file (.venv/bin/python bench/rsvp_burst.py): make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import asyncio
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

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
from bot.clock import FakeClock
from bot.sandbox.emulator import BotApiEmulator, CallbackAnswer
from bot.telegram.app import build_application, start_application, stop_application
from bot.telegram.context import BotData
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


# ---- sending the cards (setup, not measured) -------------------------------------------------------


async def send_cards(
    emu: BotApiEmulator, cards: list[tuple[int, str, InlineKeyboardMarkup | None]], concurrency: int = 64
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


async def setup_ours(emu: BotApiEmulator, app: Application, workdir: Path, n: int) -> list[Card]:
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


async def run_ours(n: int, latency: float, timeout: float, errors: ErrorCounter) -> BurstResult:
    """The burst against our Application (shared send budget, SQLite, catalogue texts)."""
    with tempfile.TemporaryDirectory(prefix="bench-rsvp-") as tmp, _emulator(latency) as emu:
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


async def run_bare(n: int, latency: float, timeout: float, errors: ErrorCounter, concurrency: int) -> BurstResult:
    """The burst against a bare PTB Application: same concurrent updates as ours, no rate limiter, no database."""
    with _emulator(latency) as emu:
        app = emu.application_builder().concurrent_updates(concurrency).build()
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
    """Context manager: a started emulator with limits OFF at the given latency."""

    def __init__(self, latency: float) -> None:
        """Remember the latency."""
        self.latency = latency
        self.emu: BotApiEmulator | None = None

    def __enter__(self) -> BotApiEmulator:
        """Start it."""
        self.emu = start_emulator(latency=self.latency, limits=False)
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


async def burst(
    emu: BotApiEmulator, name: str, cards: list[Card], answer_text: str | None, timeout: float
) -> BurstResult:
    """Press every card's Attend button at once; wait for the answers and card edits; time them from request_log."""
    log_start = len(emu.request_log)
    before = emu.stats()
    answers_before = len(emu.callback_answers)
    presses: dict[int, float] = {}
    queries: dict[int, str] = {}
    for card in cards:
        presses[card.user_id] = time.time()
        queries[card.user_id] = emu.press_button(card.user_id, card.message_id, card.callback_data)
    await wait_until(
        lambda: (
            emu.stats()["edited"] - before["edited"] >= len(cards)
            and len(emu.callback_answers) - answers_before >= len(cards)
        ),
        lambda: _progress(emu),
        timeout,
    )
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


def _progress(emu: BotApiEmulator) -> tuple[int, int, int]:
    """Counters that move while presses are being handled (getUpdates polls do not count)."""
    stats = emu.stats()
    return stats["edited"], sum(stats["errors"].values()), stats["by_method"].get("answerCallbackQuery", 0)


def _first_edits(emu: BotApiEmulator, start: int, users: set[int]) -> dict[int, float]:
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


def report(ours: BurstResult, bare: BurstResult, latency: float) -> None:
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
        "AIORateLimiter, no database) doing the same calls: answer the query with a notice, edit the card",
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
    return parser.parse_args(argv)


async def run(args: argparse.Namespace) -> int:
    """Baseline first, then our bot; exit status 1 if any answer was lost."""
    errors = quiet_logging()
    bare = await run_bare(args.delegates, args.latency, args.timeout, errors, our_concurrency())
    ours = await run_ours(args.delegates, args.latency, args.timeout, errors)
    report(ours, bare, args.latency)
    if ours.lost:
        print(f"\nFAIL: our bot lost {ours.lost} of {ours.presses} answers", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    return asyncio.run(run(parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
