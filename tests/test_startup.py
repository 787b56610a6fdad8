"""Issue 16, start-up and logs: the start-up line, warnings for probable mistakes, retries, grouped network errors."""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import stat
from pathlib import Path

import pytest
from telegram.error import NetworkError, TimedOut

from bot.clock import FakeClock
from bot.config import LoggingSettings, ReminderSettings, Settings
from bot.sandbox.emulator import BotApiEmulator
from bot.services import open_services
from bot.telegram.app import stop_application
from bot.telegram.logging_setup import NetworkErrorLog, configure_logging, group_polling_errors
from bot.telegram.runner import reach_telegram, run_bot
from tests.support.harness import NOW, ORGANIZER_ID, ROSTER, boot, make_settings


async def _start_and_stop(emulator: BotApiEmulator, settings: Settings) -> None:
    app = (await boot(emulator, settings, clock=FakeClock(NOW), roster=None)).app
    await stop_application(app)


async def _seed(settings: Settings) -> None:
    services = await open_services(settings, FakeClock(NOW))
    try:
        await services.roster.import_entries(ROSTER, actor="test")
        await services.users.remember_app_language(ORGANIZER_ID, "vi")
    finally:
        await services.db.close()


def _records(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "bot.telegram.startup" and r.levelno == level]


async def test_one_start_up_line_says_what_runs(
    emulator: BotApiEmulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(tmp_path, emulator)
    await _seed(settings)
    caplog.set_level(logging.INFO, logger="bot.telegram.startup")
    await _start_and_stop(emulator, settings)
    [line] = _records(caplog, logging.INFO)
    assert line.startswith("started @hoinghi_test_bot · polling · database ")
    assert str(settings.database.path) in line and "(schema " in line
    assert "event gap-mat-2026: 3 delegates, 1 organizers, 0 staff" in line
    assert "reminders scheduled · 0 broadcasts pending" in line
    assert _records(caplog, logging.WARNING) == []  # nothing suspicious here


async def test_warnings_for_legal_but_probably_wrong_settings(
    emulator: BotApiEmulator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    await _seed(make_settings(tmp_path, emulator))  # a roster under "gap-mat-2026"; the organizer has opened the bot
    renamed = make_settings(tmp_path, emulator, code="gap-mat-2027")
    caplog.set_level(logging.INFO, logger="bot.telegram.startup")
    await _start_and_stop(
        emulator,
        dataclasses.replace(
            renamed,
            telegram=dataclasses.replace(renamed.telegram, organizers=frozenset({ORGANIZER_ID, 900777})),
        ),
    )
    warnings = _records(caplog, logging.WARNING)
    assert any('code "gap-mat-2027" has no delegates' in w and '"gap-mat-2026" (3)' in w for w in warnings)
    assert any("organizer 900777 has never opened the bot" in w for w in warnings)
    assert not any(str(ORGANIZER_ID) in w for w in warnings)

    caplog.clear()
    settings = make_settings(tmp_path, emulator)
    contacts = ReminderSettings(agency_contacts=(("Sở Nội vụ", 7001), ("Sở Nôi vụ", 7002)))
    await _start_and_stop(emulator, dataclasses.replace(settings, reminders=contacts))
    warnings = _records(caplog, logging.WARNING)
    assert len(warnings) == 1 and '"Sở Nôi vụ" (contact 7002) is the agency of nobody' in warnings[0]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_telegram_is_retried_with_back_off_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], emulator: BotApiEmulator
) -> None:
    settings = make_settings(tmp_path, emulator)
    port = _closed_port()
    settings = dataclasses.replace(
        settings,
        telegram=dataclasses.replace(
            settings.telegram,
            base_url=f"http://127.0.0.1:{port}/bot",
            base_file_url=f"http://127.0.0.1:{port}/file/bot",
        ),
    )
    pauses: list[float] = []

    async def no_wait(seconds: float) -> None:
        pauses.append(seconds)

    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        assert run_bot(settings, "en", max_attempts=4, sleep=no_wait) == 1
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert pauses == [1.0, 2.0, 4.0]
    assert [("attempt 1)" in lines[0]), ("attempt 3)" in lines[2])] == [True, True]
    assert all("Telegram unreachable at start-up" in line for line in lines[:3])
    assert lines[3].startswith("The bot could not start:") and len(lines) == 4
    assert "Traceback" not in err and settings.telegram.token not in err


async def test_reachable_telegram_answers_at_once(emulator: BotApiEmulator, tmp_path: Path) -> None:
    assert await reach_telegram(make_settings(tmp_path, emulator), max_attempts=1) == "hoinghi_test_bot"


def test_polling_network_errors_are_one_line_each_and_grouped(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    errors = NetworkErrorLog(logging.getLogger("test.network"), window=60, clock=lambda: now[0])
    caplog.set_level(logging.WARNING, logger="test.network")
    for second in range(0, 30, 3):  # ten identical failures in 30 s
        now[0] = second
        errors(NetworkError("httpx.ConnectError: All connection attempts failed"))
    now[0] = 31
    errors(TimedOut("Timed out"))
    lines = [r.getMessage() for r in caplog.records]
    assert lines == [
        "Telegram unreachable while polling (NetworkError: httpx.ConnectError: All connection attempts failed); "
        "retrying",
        "… the same error 9 more times in 31 s",
        "Telegram unreachable while polling (TimedOut: Timed out); retrying",
    ]
    assert all(r.exc_info is None for r in caplog.records)


def test_log_level_and_rotating_private_file(tmp_path: Path) -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    log_file = tmp_path / "logs" / "bot.log"
    logs = LoggingSettings(level="WARNING", file=log_file, max_bytes=10_000, backups=2)
    try:
        configure_logging(["secret-token-value"], logs.level, logs.file, logs.max_bytes, logs.backups)
        logging.getLogger("bot.test").info("not at WARNING")
        for number in range(400):
            logging.getLogger("bot.test").warning("line %03d with secret-token-value", number)
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
    text = log_file.read_text(encoding="utf-8")
    assert "line 399 with ***" in text and "not at WARNING" not in text and "secret-token-value" not in text
    assert sorted(p.name for p in log_file.parent.iterdir()) == ["bot.log", "bot.log.1", "bot.log.2"]
    assert stat.S_IMODE(os.stat(log_file).st_mode) == 0o600


def test_run_polling_tracebacks_become_grouped_lines(caplog: pytest.LogCaptureFixture) -> None:
    errors = NetworkErrorLog(logging.getLogger("test.polling"))
    installed = group_polling_errors(errors)
    updater_log = logging.getLogger("telegram.ext.Updater")
    caplog.set_level(logging.WARNING)
    try:
        for _ in range(3):
            try:
                raise NetworkError("httpx.ReadError: ")
            except NetworkError as error:
                updater_log.exception("Exception happened while polling for updates.", exc_info=error)
        updater_log.error("something else")
    finally:
        updater_log.removeFilter(installed)
    lines = [(r.name, r.getMessage()) for r in caplog.records]
    assert lines == [
        ("test.polling", "Telegram unreachable while polling (NetworkError: httpx.ReadError: ); retrying"),
        ("telegram.ext.Updater", "something else"),
    ]
