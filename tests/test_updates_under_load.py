"""Issue 17, the bot under load: presses answered first (or by the deadline), one user's updates in order, users in
parallel, nothing dropped, each press recorded once. Slow handlers come from the emulator's per-method latency."""

from __future__ import annotations

from bot.telegram.updates import UserOrderedProcessor
from tests.support.harness import Harness, nothing_more

SLOW = 1.2  # seconds each card edit / new message takes in these tests


def _slow_bot(harness: Harness, *, answer_after: float = 0.3) -> UserOrderedProcessor:
    processor = harness.app.update_processor
    assert isinstance(processor, UserOrderedProcessor)
    processor.answer_after = answer_after
    harness.emu.method_latency = {"editMessageText": SLOW, "sendMessage": SLOW}
    return processor


def _answer_time(harness: Harness, query_id: str) -> float:
    """When the emulator accepted the answer to query_id (answers are logged in request order)."""
    answers = [a.callback_query_id for a in harness.emu.callback_answers]
    assert answers.count(query_id) == 1, f"{query_id} answered {answers.count(query_id)} times"
    logged = [r for r in harness.emu.request_log if r.method == "answerCallbackQuery"]
    assert all(r.status_code == 200 for r in logged), "an answer came too late or twice"
    return logged[answers.index(query_id)].timestamp


async def _audit(harness: Harness) -> list[tuple[str, str | None]]:
    async with harness.services.db.read() as uow:
        rows = await uow.audit.actions(harness.services.event.id)
    return [(action, subject) for _, action, subject in rows if action.startswith("rsvp_")]


async def test_a_press_waiting_behind_slow_work_is_answered_before_it_runs(harness: Harness) -> None:
    card = await harness.open_link(101, "DB001")
    _slow_bot(harness)
    harness.emu.callback_query_ttl = 1.0  # the press must be answered within 1 s, while the work takes longer
    first = await harness.press(101, card, "Tham dự")
    second = await harness.press(101, card, "Xin vắng mặt")
    await harness.emu.wait_for_message(101, lambda m: "lý do" in m.plain_text.lower(), timeout=15)
    await nothing_more(harness.emu)
    edits = [r.timestamp for r in harness.emu.request_log if r.method == "editMessageText"]
    assert len(edits) == 2
    assert edits[1] - edits[0] >= SLOW * 0.9  # never two of one user's updates at once: the second edit waited
    # The second press waited for the first one's slow card edit, yet its spinner stopped before that edit was done.
    assert _answer_time(harness, second) < edits[0]
    assert _answer_time(harness, first) < edits[0]
    assert harness.emu.unanswered_callback_queries() == []
    # In order (attend, then decline), each recorded exactly once.
    assert await _audit(harness) == [("rsvp_attending", "DB001"), ("rsvp_declined", "DB001")]
    async with harness.services.db.read() as uow:
        delegate = await uow.delegates.by_code(harness.services.event.id, "DB001")
        assert delegate is not None
        rsvp = await uow.rsvps.get(delegate.id)
    assert rsvp is not None and rsvp.status == "declined"


async def test_an_alert_after_the_deadline_arrives_as_a_message(harness: Harness) -> None:
    old_card = await harness.open_link(101, "DB001")
    await harness.services.invitations.reissue("DB001", actor="test")
    new_card = await harness.open_link(101, "DB002")
    _slow_bot(harness)
    since = harness.emu.sent_count(101)
    await harness.press(101, new_card, "Xin vắng mặt")  # slow: the next press waits behind it past the deadline
    late = await harness.press(101, old_card, "Tham dự")
    notice = await harness.emu.wait_for_message(101, lambda m: "không thuộc giấy mời" in m.plain_text, since=since)
    assert notice.plain_text
    await nothing_more(harness.emu)
    answer = [a for a in harness.emu.callback_answers if a.callback_query_id == late]
    assert len(answer) == 1 and answer[0].text is None  # answered blank in time, once; the alert came as a message
    assert await _audit(harness) == [("rsvp_declined", "DB002")]


async def test_users_in_parallel_each_in_order_none_dropped(harness: Harness) -> None:
    processor = _slow_bot(harness, answer_after=5.0)
    harness.emu.method_latency = {}
    cards = {101: await harness.open_link(101, "DB001"), 102: await harness.open_link(102, "DB002")}
    cards[103] = await harness.open_link(103, "DB003")
    harness.emu.method_latency = {"editMessageText": SLOW, "sendMessage": SLOW}
    presses = []
    for label in ("Tham dự", "Xin vắng mặt", "Tham dự"):
        for user, card in cards.items():
            presses.append(await harness.press(user, card, label))
    await harness.emu.wait_for(lambda: len(harness.emu.callback_answers) == len(presses), timeout=30)
    await harness.emu.wait_for(lambda: processor.depth == 0, timeout=30)  # every update handled, none dropped
    await nothing_more(harness.emu)
    for query_id in presses:
        _answer_time(harness, query_id)
    edits = [r for r in harness.emu.request_log if r.method == "editMessageText"]
    assert len(edits) >= 3
    # Three users at once: the first round of edits lands together, not one SLOW after another.
    first_round = sorted(r.timestamp for r in edits)[:3]
    assert first_round[-1] - first_round[0] < SLOW
    audit = await _audit(harness)
    for code in ("DB001", "DB002", "DB003"):
        assert [row for row in audit if row[1] == code] == [
            (a, code) for a in ("rsvp_attending", "rsvp_declined", "rsvp_attending")
        ]
    assert processor.peak >= 3


async def test_a_press_arriving_behind_a_queue_is_answered_at_arrival(harness: Harness) -> None:
    card = await harness.open_link(101, "DB001")
    processor = _slow_bot(harness, answer_after=30.0)  # no deadline answers here: only the arrival rule
    processor.answer_at_arrival = 2
    labels = ("Tham dự", "Xin vắng mặt", "Tham dự", "Xin vắng mặt")
    presses = [await harness.press(101, card, label) for label in labels]
    await harness.emu.wait_for(lambda: len(harness.emu.callback_answers) == len(presses), timeout=30)
    await harness.emu.wait_for(lambda: processor.depth == 0, timeout=30)
    await nothing_more(harness.emu)
    edits = sorted(r.timestamp for r in harness.emu.request_log if r.method == "editMessageText")
    # The fourth press came with three of this user's updates ahead of it: answered (blank) when it arrived, before
    # even the first slow edit landed; the first one, with nothing ahead, was answered by its handler.
    assert _answer_time(harness, presses[3]) < edits[0] < _answer_time(harness, presses[1])
    [fourth] = [a for a in harness.emu.callback_answers if a.callback_query_id == presses[3]]
    assert fourth.text is None
    assert await _audit(harness) == [
        ("rsvp_attending", "DB001"),
        ("rsvp_declined", "DB001"),
        ("rsvp_attending", "DB001"),
        ("rsvp_declined", "DB001"),
    ]


async def test_blank_answers_on_their_way_go_before_the_handlers_work(harness: Harness) -> None:
    cards = {user: await harness.open_link(user, code) for user, code in ((101, "DB001"), (102, "DB002"))}
    processor = _slow_bot(harness, answer_after=30.0)
    processor.answer_at_arrival = -1  # every press answered at arrival, as in a burst
    harness.emu.method_latency = {"answerCallbackQuery": 0.8}  # answers take a while to reach Telegram
    with harness.emu.together():  # one batch: both answers are on their way before either handler starts
        presses = [
            harness.emu.press_button(u, card.message_id, card.button_data("Tham dự")) for u, card in cards.items()
        ]
    await harness.emu.wait_for(lambda: len(harness.emu.callback_answers) == len(presses), timeout=30)
    await harness.emu.wait_for(lambda: processor.depth == 0, timeout=30)
    await nothing_more(harness.emu)
    answered = max(_answer_time(harness, query) for query in presses)
    edits = [r.timestamp for r in harness.emu.request_log if r.method == "editMessageText"]
    assert len(edits) == 2 and min(edits) >= answered  # the cards were edited only once both answers were out
    assert sorted(await _audit(harness)) == [("rsvp_attending", "DB001"), ("rsvp_attending", "DB002")]
