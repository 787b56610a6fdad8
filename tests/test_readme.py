"""The README starts with the two set-up commands, and CI runs exactly the second one."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    fence = [i for i, line in enumerate(lines) if line.startswith("```")]
    return [line for line in lines[fence[0] + 1 : fence[1]] if line.strip()]


def test_readme_opens_with_two_commands_demo_then_tests() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert commands[0].endswith("delegate-bot demo")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    # CI may run the lint between the install and the tests: each step of the README's command, in order.
    steps = [step for line in ci for step in line.split(" && ")]
    wanted = _readme_commands()[1].split(" && ")
    positions = [steps.index(step) for step in wanted]
    assert positions == sorted(positions)
