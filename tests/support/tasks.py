"""Shared set-up of the committee's tasks tests: a bot with a three-member committee, and the /task flow."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import FakeClock
from bot.config import CommitteeMember, CommitteeSettings, Settings
from bot.sandbox.emulator import BotApiEmulator, SentMessage
from bot.services.task_run import TaskRunner
from bot.telegram.app import stop_application
from bot.telegram.jobs import task_runner_of
from storage.task_models import Task
from tests.support.harness import NOW, ORGANIZER_ID, Harness, boot, make_settings

CHAIR, AN, BINH = 700001, 700002, 700003
DELEGATE, STRANGER = 101, 104
MEMBERS = (
    CommitteeMember(CHAIR, "Hoàng Văn Chủ", "Văn phòng Tỉnh ủy"),
    CommitteeMember(AN, "Nguyễn Văn An", "Ban Tổ chức Tỉnh ủy"),
    CommitteeMember(BINH, "Trần Thị Bình", "Ban Tuyên giáo Tỉnh ủy"),
)


def committee_settings(emu: BotApiEmulator, tmp_path: Path, **committee: object) -> Settings:
    settings = make_settings(tmp_path, emu)
    return dataclasses.replace(
        settings,
        committee=CommitteeSettings(members=MEMBERS, chair=CHAIR, **committee),  # type: ignore[arg-type]
    )


@pytest.fixture(name="board")
async def board_fixture(emulator: BotApiEmulator, tmp_path: Path) -> AsyncIterator[Harness]:
    """The bot with a three-member committee (chair included), an organizer, a linked delegate and a stranger."""
    for user_id, first in ((CHAIR, "Chủ"), (AN, "An"), (BINH, "Bình"), (DELEGATE, "Đại biểu"), (STRANGER, "Lạ")):
        emulator.add_user(user_id, first, "Nguyễn", language_code="vi")
    emulator.add_user(ORGANIZER_ID, "Tổ chức", language_code="vi")
    settings = committee_settings(emulator, tmp_path, digest_at="17:00")
    clock = FakeClock(NOW)
    app = (await boot(emulator, settings, clock=clock, roster=None)).app
    harness = Harness(emulator, app, clock, settings)
    try:
        yield harness
    finally:
        await stop_application(harness.app)


def runner(harness: Harness) -> TaskRunner:
    found = task_runner_of(harness.app)
    assert found is not None
    return found


async def command(harness: Harness, user_id: int, name: str, payload: str | None = None) -> SentMessage:
    since = harness.emu.sent_count(user_id)
    harness.emu.send_command(user_id, name, payload)
    return await harness.emu.wait_for_message(user_id, since=since)


async def tap(harness: Harness, user_id: int, message: SentMessage, label: str) -> SentMessage:
    """Press a button; return the bot's next new message to the user."""
    since = harness.emu.sent_count(user_id)
    await harness.press(user_id, message, label)
    return await harness.emu.wait_for_message(user_id, since=since)


async def create_task(
    harness: Harness, title: str, owner_label: str, deadline: str, *, by: int = ORGANIZER_ID
) -> tuple[Task, SentMessage]:
    """The whole /task flow; return the task and the card its owner received."""
    ask = await command(harness, by, "task")
    assert "nội dung công việc" in ask.plain_text
    owners = await harness.say(by, title)
    assert "chọn người thực hiện" in owners.plain_text
    ask_deadline = await tap(harness, by, owners, owner_label)
    assert "dd/mm/yyyy HH:MM" in ask_deadline.plain_text
    confirm = await harness.say(by, deadline)
    assert title in confirm.plain_text
    tasks_before = len(await harness.services.tasks.all())
    await harness.emu.wait_for_callback_answer(await harness.press(by, confirm, "Giao việc"))
    await harness.emu.wait_for(
        lambda: next((m for m in harness.emu.messages(by) if m.message_id == confirm.message_id and m.edit_count), None)
    )
    created = await harness.services.tasks.all()
    assert len(created) == tasks_before + 1
    task = max(created, key=lambda t: t.number)
    card = await harness.emu.wait_for_message(task.owner_id, lambda m: f"Công việc số {task.number}" in m.plain_text)
    return task, card
