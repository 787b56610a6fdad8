"""Crash and restart, many times: the bot as its own process (`python -m bot --config … run`) against the emulator in
this process, killed with SIGKILL at random moments during a broadcast and restarted each time.

The short version runs in the normal suite; the full one (20 kills, 800 recipients) is behind the `soak` marker:

    .venv/bin/python -m pytest -q -m soak tests/test_crash_restart.py

Seeds come from CRASH_SEED (printed on failure) so a failing run can be replayed.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

import aiosqlite
import pytest

from bot.clock import SystemClock
from bot.config import load_settings
from bot.sandbox.emulator import BotApiEmulator
from bot.services import open_services
from storage.db import Database
from storage.migrations import MIGRATIONS, migrate
from tests.support.broadcast import roster, user_id_of
from tests.support.crash import (
    WINDOW,
    config_text,
    copy_database,
    integrity,
    kill_at_pause,
    snapshot,
    start_process,
    wait,
)
from tests.support.harness import ORGANIZER_ID

TEXT = "Thông báo thay đổi phòng họp"
FINAL = ("sent", "unreachable", "failed", "unknown")


@dataclass
class Crashes:
    """One bot folder, its emulator, and what the kills left behind."""

    emu: BotApiEmulator
    folder: Path
    config: Path
    left_sending: list[int] = field(default_factory=list)
    interrupted: set[int] = field(default_factory=set)
    runs: int = 0

    @property
    def database(self) -> Path:
        return self.folder / "bot.sqlite3"

    def query(self, sql: str, *args: object) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.database) as db:
            return db.execute(sql, args).fetchall()

    def statuses(self) -> dict[str, int]:
        return {str(s): int(str(n)) for s, n in self.query("SELECT status, COUNT(*) FROM deliveries GROUP BY status")}

    def ids(self, status: str) -> set[int]:
        return {int(str(i)) for (i,) in self.query("SELECT id FROM deliveries WHERE status = ?", status)}

    def integrity(self) -> str:
        return str(self.query("PRAGMA integrity_check")[0][0])

    async def start(self) -> asyncio.subprocess.Process:
        self.runs += 1
        log = (self.folder / f"run-{self.runs}.log").open("wb")
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "--config",
            str(self.config),
            "run",
            stdout=log,
            stderr=log,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )

    def received(self, count: int) -> dict[int, int]:
        return {n: sum(TEXT in m.plain_text for m in self.emu.messages(user_id_of(n))) for n in range(1, count + 1)}


async def seed(emu: BotApiEmulator, folder: Path, recipients: int, paid: bool = False) -> Crashes:
    """Linked delegates and one queued broadcast, written through the services before the bot starts."""
    folder.mkdir(mode=0o700, exist_ok=True)
    config = folder / "config.toml"
    config.write_text(config_text(emu, folder, paid=paid), encoding="utf-8")
    emu.add_user(ORGANIZER_ID, "Tổ chức", language_code="vi")
    settings = load_settings(config)
    clock = SystemClock()
    services = await open_services(settings, clock)
    try:
        await services.roster.import_entries(roster(recipients), actor="test")
        async with services.db.transaction() as uow:
            for delegate in await uow.delegates.all(services.event.id):
                number = int(delegate.code[2:])
                emu.add_user(user_id_of(number), f"ĐB{number}", language_code="vi")
                await uow.delegates.link(delegate.id, user_id_of(number), clock.now())
        draft = await services.broadcasts.create_draft(ORGANIZER_ID, "all", (), TEXT, None)
        outcome = await services.broadcasts.send_now(draft.id, ORGANIZER_ID)
        assert outcome.broadcast is not None and outcome.broadcast.status == "queued"
    finally:
        await services.db.close()
    return Crashes(emu, folder, config)


async def crash_many_times(
    emu: BotApiEmulator, folder: Path, *, kills: int, recipients: int, seed_value: int, paid: bool = False
) -> None:
    rng = random.Random(seed_value)
    emu.latency = 0.1  # sends in flight at every moment
    crashes = await seed(emu, folder, recipients, paid)
    step = max(recipients // (kills + 2), 4)
    try:
        for kill in range(kills):
            before = sum(crashes.received(recipients).values())
            process = await crashes.start()
            target = before + rng.randint(1, step)
            await wait(
                lambda: sum(crashes.received(recipients).values()) >= target or process.returncode is not None,
                30,
                f"kill {kill}: the bot did not send (seed {seed_value})",
            )
            assert process.returncode is None, f"the bot exited on its own (seed {seed_value}, run {crashes.runs})"
            await asyncio.sleep(rng.random() * 0.05)  # anywhere between two sends
            process.kill()
            await process.wait()
            assert crashes.integrity() == "ok"
            sending = crashes.statuses().get("sending", 0)
            crashes.interrupted.update(
                int(str(i)) for (i,) in crashes.query("SELECT id FROM deliveries WHERE status = 'sending'")
            )
            assert sending <= WINDOW, f"kill {kill} left {sending} rows 'sending' (seed {seed_value})"
            crashes.left_sending.append(sending)
        # SIGTERM in the middle of the broadcast (systemd's stop): a clean exit, nothing left 'sending'.
        await emu.wait_idle(quiet=0.3)  # sends the last kill left inside the emulator have landed
        before = sum(crashes.received(recipients).values())
        process = await crashes.start()
        await wait(
            lambda: sum(crashes.received(recipients).values()) >= before + 5 or process.returncode is not None,
            30,
            f"the bot did not send after the kills (seed {seed_value})",
        )
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 0
        after_term = crashes.statuses()
        assert after_term.get("sending", 0) == 0 and after_term.get("pending", 0) > 0, after_term
        stopped = crashes.ids("unknown") - crashes.interrupted  # the sends in flight when SIGTERM came
        assert len(stopped) <= WINDOW
        stopped_in_flight = len(stopped)
        process = await crashes.start()
        await wait(
            lambda: crashes.query("SELECT status FROM broadcasts")[0][0] == "done",
            60,
            f"the broadcast never finished (seed {seed_value})",
        )
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 0
    finally:
        emu.latency = 0.0
    assert crashes.integrity() == "ok"
    final = crashes.statuses()
    assert set(final) <= set(FINAL), final
    assert sum(final.values()) == recipients
    became = crashes.query(
        f"SELECT id, status, error FROM deliveries WHERE id IN ({','.join(map(str, crashes.interrupted)) or '0'})"
    )
    assert all(status == "unknown" for _, status, _ in became), became  # what a kill interrupted is never resent
    # exactly what the kills and the SIGTERM interrupted, nothing more (a kill during start-up, before the engine
    # turned the last kill's rows 'unknown', finds the same rows 'sending' again: they count once)
    assert crashes.ids("unknown") == crashes.interrupted | stopped
    received = crashes.received(recipients)
    assert max(received.values()) == 1  # nobody twice
    unknown = {
        int(str(code)[2:])
        for (code,) in crashes.query(
            "SELECT d.code FROM deliveries v JOIN delegates d ON d.id = v.delegate_id WHERE v.status = 'unknown'"
        )
    }
    assert all(received[n] == 1 for n in received if n not in unknown)  # every one recorded sent got it once
    print(
        f"\n{'paid ' if paid else ''}kills={kills} recipients={recipients} left 'sending' per kill={crashes.left_sending} "
        f"in flight at SIGTERM={stopped_in_flight} distinct interrupted={len(crashes.interrupted)} final={final}"
    )


@pytest.mark.slow
async def test_killed_five_times_during_a_broadcast(emulator: BotApiEmulator, tmp_path: Path) -> None:
    await crash_many_times(emulator, tmp_path / "bot", kills=5, recipients=200, seed_value=_seed())


@pytest.mark.soak
async def test_killed_twenty_times_during_an_800_recipient_broadcast(emulator: BotApiEmulator, tmp_path: Path) -> None:
    await crash_many_times(emulator, tmp_path / "bot", kills=20, recipients=800, seed_value=_seed())


@pytest.mark.soak
async def test_killed_twenty_times_during_a_paid_broadcast(emulator: BotApiEmulator, tmp_path: Path) -> None:
    # Paid: no rate cap, so the rows whose slots free together are claimed in one transaction — still never more
    # than the window 'sending' at a kill.
    await crash_many_times(emulator, tmp_path / "bot", kills=20, recipients=800, seed_value=_seed(), paid=True)


def _seed() -> int:
    return int(os.environ.get("CRASH_SEED") or random.randrange(1_000_000))


async def test_killed_inside_a_roster_import_the_database_is_exactly_as_before(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    """The CLI's import held at a pause point inside its one transaction (3,000 rows written, not committed) and
    SIGKILLed there: every row of every table is as before; the same import run to its end gives the 3,000 rows."""
    folder = tmp_path / "bot"
    folder.mkdir(mode=0o700)
    config = folder / "config.toml"
    config.write_text(config_text(emulator, folder), encoding="utf-8")
    rows = "\n".join(f"DB{n},Đại biểu {n},Trưởng phòng,Phòng {n % 7},Sở {n % 5},0912{n:06d}" for n in range(1, 3001))
    big = tmp_path / "roster.csv"
    big.write_text("Mã,Họ và tên,Chức vụ,Phòng,Cơ quan,Số điện thoại\n" + rows + "\n", encoding="utf-8")
    small = tmp_path / "small.csv"
    small.write_text("Mã,Họ và tên,Số điện thoại\nDB1,Nguyễn Văn An,0912 345 678\n", encoding="utf-8")
    log = folder / "cli.log"

    async def run(*args: str, pause: tuple[str, Path] | None = None) -> asyncio.subprocess.Process:
        return await start_process("--config", str(config), *args, log=log, pause=pause)

    assert await (await run("roster", "import", str(small))).wait() == 0
    database = folder / "bot.sqlite3"
    skip = ("events",)  # every CLI command re-syncs the event from the config (with the time) before its work
    before = snapshot(database, skip)
    marker = tmp_path / "paused"
    process = await run("roster", "import", str(big), pause=("roster.import", marker))
    await kill_at_pause(process, marker, "the import never reached its pause point")
    assert integrity(database) == "ok"
    assert snapshot(database, skip) == before  # not one row of the 3,000 (nor their tokens, nor the audit line)
    assert await (await run("roster", "import", str(big))).wait() == 0  # the same import after the kill
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM delegates").fetchone()[0] == 3000
        assert db.execute("SELECT COUNT(*) FROM invite_tokens").fetchone()[0] == 3000


def _old_database(path: Path) -> None:
    """A database of the first release (migration 1) with an event and 40 delegates in it."""
    with sqlite3.connect(path) as db:
        db.execute(
            """INSERT INTO events (id, code, name, venue, starts_at, rsvp_deadline, proposals_deadline, timezone,
               updated_at) VALUES (1, 'gap-mat-2026', 'Hội nghị gặp mặt', 'Trung tâm Hội nghị tỉnh',
               '2026-12-28T01:00:00+00:00', '2026-12-20T10:00:00+00:00', '2026-12-15T10:00:00+00:00',
               'Asia/Ho_Chi_Minh', '2026-11-01T00:00:00+00:00')"""
        )
        db.executemany(
            """INSERT INTO delegates (event_id, code, full_name, agency, phone, telegram_user_id, linked_at,
               created_at, updated_at) VALUES (1, ?, ?, 'Sở Nội vụ', ?, ?, ?, '2026-11-01', '2026-11-01')""",
            [
                (f"DB{n:03d}", f"Đại biểu {n:03d}", f"+84912000{n:03d}", 200000 + n if n % 2 else None, None)
                for n in range(1, 41)
            ],
        )


async def _migrated_to(pristine: Path, target: Path, number: int) -> dict[str, object]:
    """The snapshot of pristine after the migrations up to number (the reference "as after migration number")."""
    copy_database(pristine, target)
    async with aiosqlite.connect(target, isolation_level=None) as conn:
        await migrate(conn, MIGRATIONS[:number])
    return snapshot(target)


async def kill_inside_migrations(emu: BotApiEmulator, tmp_path: Path, numbers: list[int]) -> None:
    """An old database upgraded by the new release's `run`, SIGKILLed inside migration n (held at its pause point,
    its statements run, not committed): the database is exactly as after migration n - 1, integrity ok; restarted,
    it is exactly as a database migrated in one go."""
    folder = tmp_path / "bot"
    folder.mkdir(mode=0o700)
    config = folder / "config.toml"
    config.write_text(config_text(emu, folder), encoding="utf-8")
    pristine = tmp_path / "release-1.sqlite3"
    async with aiosqlite.connect(pristine, isolation_level=None) as conn:
        await migrate(conn, MIGRATIONS[:1])
    _old_database(pristine)
    database, marker = folder / "bot.sqlite3", tmp_path / "paused"
    for number in numbers:
        expected = await _migrated_to(pristine, tmp_path / "reference.sqlite3", number - 1)
        copy_database(pristine, database)
        process = await start_process(
            "--config", str(config), "run", log=folder / "run.log", pause=(f"migration:{number}", marker)
        )
        await kill_at_pause(process, marker, f"migration {number} never reached its pause point")
        assert integrity(database) == "ok"
        assert snapshot(database) == expected, f"killed inside migration {number}"
    final = await _migrated_to(pristine, tmp_path / "reference.sqlite3", len(MIGRATIONS))
    await (await Database.open(database)).close()  # the restart finishes the upgrade
    assert snapshot(database) == final
    print(f"\nkilled inside migrations {numbers}: each left exactly the schema and rows before it")


async def test_killed_inside_a_migration_the_database_is_exactly_as_before_it(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    await kill_inside_migrations(emulator, tmp_path, [8, len(MIGRATIONS)])  # the conference day's, and the newest


@pytest.mark.soak
async def test_killed_inside_every_migration(emulator: BotApiEmulator, tmp_path: Path) -> None:
    await kill_inside_migrations(emulator, tmp_path, [m.number for m in MIGRATIONS[1:]])
