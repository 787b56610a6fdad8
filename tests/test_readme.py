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
    """Each step of the README's command is a step of CI, in the same order (CI adds its checks in between)."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    ci_steps = [step.strip() for line in ci if not line.startswith("#") for step in line.split("&&")]
    readme_steps = [step.strip() for step in _readme_commands()[1].split("&&")]
    positions = [ci_steps.index(step) for step in readme_steps]
    assert positions == sorted(positions)
