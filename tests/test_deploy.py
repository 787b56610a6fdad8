"""The systemd units and docs/deploy.md: hardened as documented, and every command in them is one the CLI accepts."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import pytest

from bot.cli import parse_args

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / name, encoding="utf-8")
    return parser


def _cli_args(command_line: str) -> list[str]:
    words = shlex.split(command_line)
    assert words[0].endswith("delegate-bot"), command_line
    return words[1:]


def test_the_service_runs_unprivileged_and_writes_only_its_data_folder() -> None:
    service = _unit("hoinghi-bot.service")["Service"]
    assert service["User"] == "hoinghi" and service["User"] != "root"
    assert service["Restart"] == "on-failure"
    assert service["ProtectSystem"] == "strict" and service["NoNewPrivileges"] == "true"
    assert "/var/lib/hoinghi-bot" in service["ReadWritePaths"].split()
    assert service["StateDirectoryMode"] == "0700" and service["UMask"] == "0077"
    assert service["EnvironmentFile"] == "/etc/hoinghi-bot/token.env"
    assert "TOKEN" not in service.get("Environment", "")  # the token lives only in the root-only file
    assert int(service["TimeoutStopSec"]) >= 60
    assert parse_args(_cli_args(service["ExecStart"])).command == "run"


def test_the_backup_timer_runs_a_command_the_cli_accepts() -> None:
    timer = _unit("hoinghi-bot-backup.timer")["Timer"]
    assert timer["Persistent"] == "true" and timer["OnCalendar"]
    service = _unit("hoinghi-bot-backup.service")["Service"]
    args = parse_args(_cli_args(service["ExecStart"]))
    assert (args.command, args.action, args.keep) == ("db", "backup", 14)
    assert str(args.dir).startswith("/var/lib/hoinghi-bot/")
    assert service["User"] == "hoinghi"


def _documented_commands() -> list[str]:
    text = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    found = re.findall(r"(?:\.venv/bin/)?delegate-bot [^`\n]+", text)
    return [line.strip() for line in found if "<" not in line and "…" not in line]


@pytest.mark.parametrize("command", _documented_commands())
def test_every_command_in_the_deploy_guide_parses(command: str) -> None:
    args = parse_args(_cli_args(command))
    assert args.command in {"run", "db", "roster", "invites", "export", "agenda", "broadcasts", "data"}


def test_the_deploy_guide_is_in_both_languages_and_names_every_unit() -> None:
    text = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert "## Tiếng Việt" in text and "## English" in text
    assert len(_documented_commands()) >= 4
    for unit in DEPLOY.glob("*.service"):
        assert unit.name in text
    assert "hoinghi-bot-backup.timer" in text
