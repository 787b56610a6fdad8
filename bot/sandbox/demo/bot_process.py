"""The bot under rehearsal as its own process: `python -m bot run --config …` against the sandbox (issue 17); the
demo's bot runs `python -m bot.sandbox.bot_run` — the same `run`, on the sandbox clock the demo moves.

The demo and the benchmarks keep the emulator and the simulated people in their own process and start the product
exactly as an operator does, with a config file whose `base_url` is the emulator on 127.0.0.1. `cpus` pins the bot
process (os.sched_setaffinity) to rehearse a one-core machine; the sandbox then runs on the other cores.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bot.sandbox.emulator import BotApiEmulator


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{ " + ", ".join(f"{json.dumps(str(k), ensure_ascii=False)} = {_value(v)}" for k, v in value.items()) + " }"
        )
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def write_config(path: Path, mapping: dict[str, Any]) -> Path:
    """Write a config mapping (sections of scalars, lists and inline tables; a list of tables is an array of tables,
    e.g. [[faq]]) as TOML the bot reads; file 0600."""
    lines = []
    for section, fields in mapping.items():
        for table in fields if isinstance(fields, list) else [fields]:
            lines.append(f"[[{section}]]" if isinstance(fields, list) else f"[{section}]")
            lines += [f"{json.dumps(key)} = {_value(value)}" for key, value in table.items()]
            lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    path.chmod(0o600)
    return path


def split_cpus(cpus: int | None) -> tuple[set[int] | None, set[int] | None]:
    """(the bot's cores, the sandbox's cores) for `--cpus N`; (None, None) when not pinned."""
    if not cpus:
        return None, None
    available = sorted(os.sched_getaffinity(0))
    bot = set(available[:cpus])
    rest = set(available[cpus:])
    return bot, rest or None


class BotProcess:
    """`python -m bot run --config FILE`, optionally pinned; stdout/stderr go to a log file beside the config."""

    def __init__(
        self, config: Path, emu: BotApiEmulator, cpus: set[int] | None = None, *, clock_file: Path | None = None
    ) -> None:
        """Nothing starts until start(). clock_file: run on the sandbox clock kept in that file
        (`python -m bot.sandbox.bot_run`, the demo's accelerated parts) instead of the system's (`python -m bot run`)."""
        self.config, self.emu, self.cpus, self.clock_file = config, emu, cpus, clock_file
        self.log_path = config.with_suffix(".log")
        self._process: subprocess.Popen[bytes] | None = None
        self.affinity: list[int] = []

    def start(self, timeout: float = 120.0) -> BotProcess:
        """Start the bot and return once it polls the emulator for updates.

        Polling starts with deleteWebhook (after post_init): the emulator logs a request when it is answered, and the
        first getUpdates is a long poll answered only when an update comes or its 10 s timeout ends.
        """
        before = len(self.emu.request_log)
        log = self.log_path.open("wb")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-m", "bot", "run", "--config", str(self.config)]
        if self.clock_file is not None:
            command = [*command[:2], "bot.sandbox.bot_run", "--config", str(self.config), "--clock-file"]
            command.append(str(self.clock_file))
        self._process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        log.close()
        if self.cpus:
            os.sched_setaffinity(self._process.pid, self.cpus)
        self.affinity = sorted(os.sched_getaffinity(self._process.pid))  # read back: what the bot really runs on
        deadline = time.monotonic() + timeout
        while not any(r.method in ("deleteWebhook", "getUpdates") for r in self.emu.request_log[before:]):
            if self._process.poll() is not None:
                raise RuntimeError(f"the bot process ended at start-up:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the bot process did not start in {timeout:.0f} s:\n{self.log_tail()}")
            time.sleep(0.1)
        return self

    @property
    def pid(self) -> int | None:
        """The bot's process id while it runs."""
        return self._process.pid if self._process else None

    def stop(self, timeout: float = 60.0) -> int | None:
        """SIGTERM (run_polling stops cleanly), then wait; killed only if it does not end. Returns the exit code."""
        process, self._process = self._process, None
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return process.returncode

    def log_tail(self, lines: int = 20) -> str:
        """The last lines the bot logged (for a failure report)."""
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return ""
