"""The Bot API emulator in its own process, for benches whose figure the emulator must not share a CPU (and the GIL)
with: `RemoteEmulator` starts it and speaks to it over its control interface (/_sandbox/…).

Run alone: .venv/bin/python -m bench.emulator_process [--latency 0.05] [--limits]   (prints its URLs, stops on EOF)
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import json
import subprocess
from typing import Any

import httpx

from bench.common import start_emulator
from bot.sandbox.emulator import CallbackAnswer, RequestRecord


class RemoteEmulator:
    """An emulator in a child process: its URLs, add_user, stats, the request log and callback answers, and a burst of
    presses (what the benches use of BotApiEmulator)."""

    def __init__(self, latency: float, limits: bool) -> None:
        command = [sys.executable, "-m", "bench.emulator_process", "--latency", str(latency)]
        self._process = subprocess.Popen(
            [*command, *(["--limits"] if limits else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=Path(__file__).resolve().parent.parent,
            text=True,
        )
        assert self._process.stdout is not None
        urls = json.loads(self._process.stdout.readline())
        self.url, self.base_url, self.base_file_url = urls["url"], urls["base_url"], urls["base_file_url"]
        self._http = httpx.Client(base_url=self.url, timeout=10)

    def add_user(self, user_id: int, first_name: str, language_code: str = "vi", **_: Any) -> None:
        """POST /_sandbox/users."""
        answer = self._http.post(
            "/_sandbox/users", json={"user_id": user_id, "first_name": first_name, "language_code": language_code}
        )
        answer.raise_for_status()

    def stats(self) -> dict[str, Any]:
        """GET /_sandbox/stats."""
        answer = self._http.get("/_sandbox/stats")
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()["result"]
        return result

    def press_buttons(self, presses: list[tuple[int, int, str]]) -> list[tuple[str, float]]:
        """POST /_sandbox/presses: every (user id, message id, callback data) pressed at once, in the child; returns
        (callback query id, time.time() of the press) for each, in order."""
        answer = self._http.post("/_sandbox/presses", json={"presses": [list(press) for press in presses]})
        answer.raise_for_status()
        return [(str(query_id), float(at)) for query_id, at in answer.json()["result"]]

    def _log(self) -> dict[str, Any]:
        """GET /_sandbox/log: the request log and the callback answers."""
        answer = self._http.get("/_sandbox/log")
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()["result"]
        return result

    @property
    def request_log(self) -> list[RequestRecord]:
        """Every Bot API request the child answered: (method, chat_id, status_code, time.time())."""
        return [RequestRecord(*record) for record in self._log()["requests"]]

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        """Every answerCallbackQuery call, in order."""
        return [CallbackAnswer(**answer) for answer in self._log()["answers"]]

    def stop(self) -> None:
        """Close its stdin: the child stops its server and exits."""
        self._http.close()
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(10)


def main() -> None:
    """Serve until stdin closes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--limits", action="store_true")
    args = parser.parse_args()
    emu = start_emulator(latency=args.latency, limits=args.limits)
    print(json.dumps({"url": emu.url, "base_url": emu.base_url, "base_file_url": emu.base_file_url}), flush=True)
    sys.stdin.read()
    emu.stop()


if __name__ == "__main__":
    main()
