"""`delegate-bot demo`: rehearse the conference on the local sandbox — no token, no network."""

from __future__ import annotations

import asyncio
import os
import random
import socket
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.clock import SystemClock
from bot.config import Settings, settings_from_mapping
from bot.sandbox.bot_run import build_sandbox_application
from bot.sandbox.clock import SandboxClock
from bot.sandbox.demo.bot_process import BotProcess, split_cpus, write_config
from bot.sandbox.demo.broadcast import play_broadcast
from bot.sandbox.demo.console import play_console
from bot.sandbox.demo.day import MODERATOR_ID, STAFF_IDS, play_day
from bot.sandbox.demo.delegates import DelegateScript, Plan, is_card, plan_delegates
from bot.sandbox.demo.phone import phone_config, play_phone, publish_first_agenda
from bot.sandbox.demo.proposals import play_proposals
from bot.sandbox.demo.reminders import hold_reminders, play_reminders
from bot.sandbox.demo.roster_gen import write_roster_file
from bot.sandbox.demo.tasks import add_users as add_committee
from bot.sandbox.demo.tasks import committee_config, play_plan
from bot.sandbox.demo.transcript import write_transcript
from bot.sandbox.emulator import DEFAULT_TOKEN, BotApiEmulator
from bot.services import Services, open_services
from bot.services.roster_file import RosterEntry, parse_roster
from bot.telegram.app import start_application, stop_application

ORGANIZER_ID = 4_000_001
SLOW_P99 = 10.0  # seconds from a press to its answer (Telegram's window is ~15 s): beyond, the machine was slow
CONTACT_ID_BASE = 4_100_000


def free_port() -> int:
    """A free local TCP port (the demo's hall-screen page)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def demo_settings(folder: Path, emu: BotApiEmulator, contacts: dict[str, int] | None = None) -> Settings:
    """A conference a month from now, served by the sandbox; contacts are agencies' reminder contact persons."""
    return settings_from_mapping(demo_config(folder, emu, contacts), source=folder / "config.toml", env={})


def demo_config(folder: Path, emu: BotApiEmulator, contacts: dict[str, int] | None = None) -> dict[str, Any]:
    """The demo conference as a config mapping (written to config.toml for the bot process)."""
    local = SystemClock().now().astimezone().replace(second=0, microsecond=0, tzinfo=None)
    start = (local + timedelta(days=30)).replace(hour=8, minute=0)
    fmt = "%Y-%m-%d %H:%M"
    return {
        "telegram": {
            "token": DEFAULT_TOKEN,
            "base_url": emu.base_url,
            "base_file_url": emu.base_file_url,
            "organizers": [ORGANIZER_ID],
            "staff": [*STAFF_IDS, MODERATOR_ID],
        },
        "database": {"path": str(folder / "demo.sqlite3")},
        "reminders": {"agency_contacts": contacts or {}},
        "committee": committee_config(),
        "conference_day": {"moderators": [MODERATOR_ID]},
        "hall_screen": {"enabled": True, "listen": f"127.0.0.1:{free_port()}"},
        "event": {
            "code": "demo",
            "name": "Hội nghị Thường trực Tỉnh ủy gặp mặt trưởng, phó phòng các sở, ngành",
            "venue": "Trung tâm Hội nghị tỉnh Nghệ An",
            "starts_at": start.strftime(fmt),
            "rsvp_deadline": (start - timedelta(days=8)).strftime(fmt),
            "proposals_deadline": (start - timedelta(days=10)).strftime(fmt),
            "contact": {"name": "Lê Thị Hương", "phone": "0238 3844 123"},
            **phone_config()["event"],
        },
        "logging": {"level": "WARNING"},
        "faq": phone_config()["faq"],  # and the venue on the map in [event]: bot/sandbox/demo/phone.py
    }


def _agency_contacts(entries: list[RosterEntry]) -> dict[str, int]:
    """The two largest agencies get a contact person who receives the RSVP roll-ups."""
    largest = [agency for agency, _ in Counter(e.agency for e in entries).most_common(2)]
    return {agency: CONTACT_ID_BASE + index for index, agency in enumerate(largest)}


def _progress(scripts: list[DelegateScript], emu: BotApiEmulator, started: float) -> str:
    stats = emu.stats()
    done = sum(s.done for s in scripts)
    return (
        f"\r  {done}/{len(scripts)} đại biểu xong · tin đã gửi {stats['sent']} · sửa {stats['edited']} · "
        f"429: {stats['429']} · {time.monotonic() - started:5.1f}s "
    )


def _scripts(
    emu: BotApiEmulator, plans: list[Plan], tokens: dict[str, str], seed: int, pace: float, gate: asyncio.Semaphore
) -> list[DelegateScript]:
    rng = random.Random(seed)
    return [
        DelegateScript(emu, plan, tokens[plan.entry.code or ""], random.Random(rng.random()), pace, gate)
        for plan in plans
    ]


async def _play(emu: BotApiEmulator, scripts: list[DelegateScript]) -> None:
    started = time.monotonic()
    tasks = [asyncio.create_task(script.run()) for script in scripts]
    live = sys.stderr.isatty()
    ticks = 0
    while not all(task.done() for task in tasks):
        if live or ticks % 10 == 0:
            print(_progress(scripts, emu, started), end="" if live else "\n", file=sys.stderr, flush=True)
        ticks += 1
        await asyncio.sleep(1.0)
    print(_progress(scripts, emu, started).lstrip("\r"), file=sys.stderr)


async def _verify(
    services: Services, emu: BotApiEmulator, scripts: list[DelegateScript]
) -> tuple[list[str], list[str]]:
    """Losses (an answer or reply missing) and duplicates (an invitation card delivered twice)."""
    async with services.db.read() as uow:
        answers = {a.delegate.code: a for a in await uow.rsvps.answers(services.event.id)}
    losses, duplicates = [], []
    for script in scripts:
        plan = script.plan
        stored = answers[plan.entry.code or ""].rsvp
        if script.problem:
            losses.append(f"{plan.entry.full_name}: {script.problem}")
        elif (stored.status if stored else None) != plan.expected_status:
            losses.append(f"{plan.entry.full_name}: expected {plan.expected_status}, stored {stored}")
        cards = [m for m in emu.messages(plan.user_id) if is_card(m)]
        if len(cards) > 1:
            duplicates.append(f"{plan.entry.full_name}: {len(cards)} invitation cards")
    return losses, duplicates


async def _report(services: Services) -> str:
    async with services.db.read() as uow:
        answers = await uow.rsvps.answers(services.event.id)
    by_agency: dict[str, Counter[str]] = defaultdict(Counter)
    for answer in answers:
        row = by_agency[answer.delegate.agency]
        row["total"] += 1
        row[answer.rsvp.status if answer.rsvp else "none"] += 1
    lines = [f"{'Cơ quan / Agency':<52} {'ĐB':>4} {'Dự':>4} {'Vắng':>5} {'Thay':>5} {'Chưa':>5}"]
    for agency, row in sorted(by_agency.items(), key=lambda item: -item[1]["total"]):
        lines.append(
            f"{agency[:52]:<52} {row['total']:>4} {row['attending']:>4} {row['declined']:>5} "
            f"{row['substitute']:>5} {row['none']:>5}"
        )
    return "\n".join(lines)


async def run_demo(
    delegates: int = 800,
    seed: int = 7,
    language: str = "vi",
    spread: float | None = None,
    pace: float = 1.0,
    all_reminders: bool = False,
    transcript: Path | None = None,
    cpus: int | None = None,
    separate: bool = True,
    in_flight: int = 200,
) -> int:
    """Run the whole rehearsal; return 0 when nothing was lost or duplicated.

    separate: the bot runs as its own process for the whole rehearsal (`python -m bot.sandbox.bot_run`: `bot run`
    on the sandbox clock, pinned to `cpus` cores when given) while the emulator and the simulated people stay here;
    the parts weeks ahead move that clock (bot/sandbox/clock.py) and wait for the bot's own jobs. Otherwise the bot
    runs inside this process on the same clock. in_flight bounds the delegates acting at once.
    """
    started = time.monotonic()
    affinity = os.sched_getaffinity(0)
    bot_cores, sandbox_cores = split_cpus(cpus)
    if not separate and bot_cores:
        os.sched_setaffinity(0, bot_cores)  # everything in one process: the whole rehearsal on those cores
    with tempfile.TemporaryDirectory(prefix="hoinghi-demo-") as tmp:
        folder = Path(tmp)
        roster_file = write_roster_file(folder / "danh-sach.xlsx", delegates, seed=seed)
        entries = parse_roster(roster_file)
        emu = BotApiEmulator(limits=True, latency=0.02, seed=seed)
        emu.start()
        phase = 0.0
        try:
            contacts = _agency_contacts(entries)
            config = demo_config(folder, emu, contacts)
            settings = settings_from_mapping(config, source=folder / "config.toml", env={})
            plans = plan_delegates(entries, seed, spread if spread is not None else max(5.0, delegates / 30))
            for plan in plans:
                emu.add_user(plan.user_id, plan.entry.full_name.split()[-1], language_code=plan.language)
            emu.add_user(ORGANIZER_ID, "Ban Tổ chức")
            add_committee(emu)
            for agency, contact in contacts.items():
                emu.add_user(contact, f"Đầu mối {agency}")
            clock = SandboxClock(folder / "clock")
            # The sandbox's own view of the database: the roster import (as `delegate-bot roster import` does) and,
            # once the bot runs, reading to verify.
            services = await open_services(settings, clock)
            app: Application | None = None
            bot_process: BotProcess | None = None
            losses: list[str] = []
            duplicates: list[str] = []
            try:
                report = await services.roster.import_entries(entries, actor="demo")
                await publish_first_agenda(services)  # published with the invitations: "Tham dự" pins it
                print(
                    f"Danh sách: {report.created} đại biểu, {len({e.agency for e in entries})} cơ quan "
                    f"(tệp {roster_file.name}).",
                    file=sys.stderr,
                )
                await hold_reminders(services, all_reminders)
                if separate:
                    if sandbox_cores:
                        os.sched_setaffinity(0, sandbox_cores)
                    config_file = write_config(folder / "config.toml", config)
                    bot_process = BotProcess(config_file, emu, bot_cores, clock_file=clock.path).start()
                    where = f"tiến trình riêng / own process {bot_process.pid}, CPU {bot_process.affinity}"
                else:
                    app = build_sandbox_application(settings, clock)
                    await start_application(app)
                    where = "cùng tiến trình / in-process" + (f", CPU {sorted(bot_cores)}" if bot_cores else "")
                print(f"Bot: {where}.", file=sys.stderr)
                # The committee runs its own plan before the invitations go out.
                plan_lines, plan_problems = await play_plan(emu, services, clock, folder, pace)
                print("\n".join(plan_lines), file=sys.stderr)
                async with services.db.read() as uow:
                    tokens = {a.delegate.code: a.token or "" for a in await uow.rsvps.answers(services.event.id)}
                scripts = _scripts(emu, plans, tokens, seed, pace, asyncio.Semaphore(in_flight))
                by_user = {script.plan.user_id: script for script in scripts}

                async def answered(user_id: int) -> None:
                    await emu.wait_for(lambda: by_user[user_id].done, timeout=3600.0, interval=0.5)

                # Delegates who have answered go on to proposals and nominations while others still answer.
                phase_started = time.monotonic()
                _, (proposals_line, proposal_problems) = await asyncio.gather(
                    _play(emu, scripts), play_proposals(emu, services, plans, seed, pace, answered)
                )
                phase = time.monotonic() - phase_started
                lost, duplicates = await _verify(services, emu, scripts)
                losses += lost
                broadcast_line, broadcast_problems = await play_broadcast(emu, services, ORGANIZER_ID)
                phone_lines, phone_problems = await play_phone(emu, services, seed)
                broadcast_problems += phone_problems
                losses += proposal_problems + broadcast_problems + plan_problems
                reminder_lines, problems = await play_reminders(emu, services, clock, plans, seed, ORGANIZER_ID)
                losses += problems
                console_lines, problems = await play_console(emu, services, ORGANIZER_ID, folder, delegates, seed)
                losses += problems
                day_lines, problems = await play_day(emu, services, clock, ORGANIZER_ID, seed)
                losses += problems
                print(await _report(services))
                print("\n".join(plan_lines))
                print(proposals_line)
                print(broadcast_line)
                print("\n".join(phone_lines))
                print("Nhắc nhở tự động, đồng hồ tua nhanh / reminders on an accelerated clock:")
                print("\n".join(reminder_lines))
                print("\n".join(console_lines))
                print("\n".join(day_lines))
                if transcript is not None:
                    written = write_transcript(transcript, emu, _readers(emu, plans, contacts))
                    print(f"Bản ghi tin nhắn / transcript: {written}")
            finally:
                if bot_process is not None:
                    code = bot_process.stop()
                    if code != 0:
                        losses.append(f"the bot process ended with {code}:\n{bot_process.log_tail()}")
                if app is not None:
                    await stop_application(app)
                await services.db.close()
        finally:
            stats = emu.stats()
            delays = sorted(emu.callback_delays())
            unanswered = len(emu.unanswered_callback_queries())
            emu.stop()
            os.sched_setaffinity(0, affinity)
    figures = _figures(plans, phase, delays, unanswered) + "\n" + _machine(delays, unanswered)
    return _summary(stats, losses, duplicates, time.monotonic() - started, len(plans), figures)


def _figures(plans: list[Plan], phase: float, delays: list[float], unanswered: int) -> str:
    """How fast the machine went (a figure, not a verdict)."""
    acting = sum(1 for plan in plans if plan.expected_status is not None)
    p50 = delays[len(delays) // 2] if delays else 0.0
    p99 = delays[min(len(delays) - 1, int(len(delays) * 0.99))] if delays else 0.0
    return (
        f"Tốc độ đạt được / rate reached: {acting} đại biểu trả lời trong {phase:.1f}s "
        f"({acting / phase * 60 if phase else 0:.0f}/phút); nút bấm được trả lời / presses answered: "
        f"p50 {p50:.2f}s, p99 {p99:.2f}s, chưa trả lời / unanswered {unanswered}"
    )


def _machine(delays: list[float], unanswered: int) -> str:
    """Whether the machine kept up — said apart from the verdict, which is about losses and duplicates only."""
    p99 = delays[min(len(delays) - 1, int(len(delays) * 0.99))] if delays else 0.0
    if p99 <= SLOW_P99 and not unanswered:
        return (
            f"Máy / machine: theo kịp / kept up (p99 ≤ {SLOW_P99:g}s, mọi nút bấm được trả lời / every press answered)"
        )
    return (
        f"Máy / machine: CHẬM / SLOW (p99 > {SLOW_P99:g}s hoặc có nút bấm chưa được trả lời / or presses unanswered): "
        "bản diễn tập chậm hơn, kết quả vẫn chỉ xét mất và trùng / a slower rehearsal; the result counts only losses "
        "and duplicates"
    )


def _readers(emu: BotApiEmulator, plans: list[Plan], contacts: dict[str, int]) -> list[tuple[str, int]]:
    """The Vietnamese-speaking delegate who received most (of an agency with a contact person if possible), that
    agency's contact, and the organizer."""
    vietnamese = [plan for plan in plans if plan.language != "en"] or plans
    chosen = max(vietnamese, key=lambda plan: (plan.entry.agency in contacts, emu.sent_count(plan.user_id)))
    readers = [(f"Đại biểu / delegate: {chosen.entry.full_name} ({chosen.entry.agency})", chosen.user_id)]
    if chosen.entry.agency in contacts:
        readers.append((f"Đầu mối / agency contact: {chosen.entry.agency}", contacts[chosen.entry.agency]))
    return [*readers, ("Ban Tổ chức / organizer", ORGANIZER_ID)]


def _summary(
    stats: dict, losses: list[str], duplicates: list[str], elapsed: float, total: int, figures: str = ""
) -> int:
    if figures:
        print(figures)
    print(
        f"\nTin nhắn gửi / messages sent: {stats['sent']}, sửa / edited: {stats['edited']}, "
        f"429: {stats['429']}, lỗi / errors: {stats['errors']}"
    )
    print(
        f"Mất / lost: {len(losses)}, trùng / duplicated: {len(duplicates)}, "
        f"thời gian / time: {elapsed:.1f}s cho {total} đại biểu"
    )
    for line in (losses + duplicates)[:20]:
        print("  ! " + line)
    ok = not losses and not duplicates
    verdict = (
        "ĐẠT / PASS — bot không làm mất, không trùng / the bot lost and duplicated nothing"
        if ok
        else "KHÔNG ĐẠT / FAIL — bot làm mất hoặc trùng / the bot lost or duplicated something (not the machine's speed)"
    )
    print("KẾT QUẢ / RESULT: " + verdict)
    return 0 if ok else 1
