"""The access matrix, generated from the handlers the Application actually registered.

Every command, every button format (bot.telegram.routing.Button) and every typed-answer route must have a row in EXPECTED
saying which of admin / staff / agency contact / delegate / stranger may use it; a handler without a row fails the
test, so a new handler cannot ship without a decision. For every row and every one of the five people:

- permitted: the update reaches the handler registered for it (not the catch-all), and it does not end in the
  generic error message (a button press is always answered);
- not permitted: the update reaches the catch-all handler of handlers/fallback.py by construction, and the bot's
  whole reaction is exactly the unknown-command reply (commands), the stale-button alert (buttons) or the
  "use the buttons" hint (typed answers) — nothing else is sent to anyone, so a refusal reveals nothing.

To add a role: give it a user below and a column letter, then say on each row whether it may use the handler.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, TypeHandler

from bot.clock import FakeClock
from bot.config import CommitteeMember
from bot.i18n import text
from bot.sandbox.emulator import BotApiEmulator
from bot.telegram import flood
from bot.telegram.app import stop_application
from bot.telegram.roles import ADMIN, AGENCY_CONTACT, CHAIR, COMMITTEE, EVERYONE, MODERATOR, STAFF, roles_of
from bot.telegram.routing import ButtonHandler
from handlers import fallback, text_input
from tests.support.harness import NOW, ORGANIZER_ID, ROSTER, Harness, boot, make_settings
from tests.support.routing import Direct, selected_handlers

STAFF_ID, CONTACT_ID, DELEGATE_ID, STRANGER_ID = 900002, 900003, 101, 104
MEMBER_ID, CHAIR_ID = 900004, 900005  # the organizing committee (issue 13): a member and the chair
MODERATOR_ID = 900006  # moderates the questions to the presidium ([conference_day] moderators)
PEOPLE = {
    "A": ORGANIZER_ID,
    "S": STAFF_ID,
    "C": CONTACT_ID,
    "D": DELEGATE_ID,
    "X": STRANGER_ID,
    "M": MEMBER_ID,
    "H": CHAIR_ID,
    "O": MODERATOR_ID,
}
ROLE_OF = {"A": ADMIN, "S": STAFF, "C": AGENCY_CONTACT, "M": COMMITTEE, "H": CHAIR, "O": MODERATOR}  # D, X: none
ALL = "ASCDXMHO"

# key -> (who may use it, sample update). Keys: "/command", a Button template, "text:<area>" / "file:<area>" for
# typed-answer routes. Samples: callback data ({d} = the delegate's own id, {o} = another delegate's id; 999 for an
# object that does not exist, so organizer actions are routed and refused by the service without side effects).
EXPECTED: dict[str, tuple[str, str | None]] = {
    # delegates' commands
    "/start": (ALL, None),
    "/me": (ALL, None),
    "/help": (ALL, None),
    "/language": (ALL, None),
    "/agenda": (ALL, None),
    "/proposal": (ALL, None),
    "/myproposals": (ALL, None),
    "/nominate": (ALL, None),
    # organizers' and staff's commands
    "/stats": ("ASC", None),
    "/proposals": ("A", None),
    "/nominations": ("A", None),
    "/broadcast": ("A", None),
    "/broadcasts": ("A", None),
    "/agenda_publish": ("A", None),
    "/reminders": ("A", None),
    "/export": ("A", None),
    "/audit": ("A", None),
    # /stats: figures for admins, staff and agency contacts (their agency); phone numbers for admins only
    "st:p:{page}": ("ASC", "st:p:0"),
    "st:chart": ("ASC", "st:chart"),
    "st:una": ("A", "st:una"),
    "st:una:{index}": ("A", "st:una:0"),
    # the attendance chart on the conference day (whole conference: admins and staff) and its in-place redraw
    "st:ac": ("AS", "st:ac"),
    "st:acr": ("AS", "st:acr"),
    # the hall screen's secret address ([hall_screen]; off in the matrix: the alert says so)
    "st:hall": ("A", "st:hall"),
    # the roster preview's buttons
    "ros:ok:{nonce}": ("A", "ros:ok:999999"),
    "ros:x": ("A", "ros:x"),
    # files (/export): personal data, admins only
    "exp:{kind}": ("A", "exp:audit"),
    "exp:dlv:{id}": ("A", "exp:dlv:999"),
    "/delegate": ("A", None),
    "/myid": (ALL, None),
    # the invitation card and /language
    "rsvp:{choice}:{delegate}": (ALL, "rsvp:a:{d}"),
    "rsvp:k:{delegate}": (ALL, "rsvp:k:{d}"),
    "lang:{language}": (ALL, "lang:vi"),
    # proposals (the service refuses what is not the presser's)
    "prop:new": (ALL, "prop:new"),
    "prop:cat:{code}": (ALL, "prop:cat:idea"),
    "prop:chg": (ALL, "prop:chg"),
    "prop:ok": (ALL, "prop:ok"),
    "prop:x": (ALL, "prop:x"),
    "prop:ed:{number}": (ALL, "prop:ed:999"),
    "prop:wd:{number}": (ALL, "prop:wd:999"),
    "prop:wdok:{number}": (ALL, "prop:wdok:999"),
    "prop:keep": (ALL, "prop:keep"),
    "prop:list:{page}": (ALL, "prop:list:0"),
    # nominations
    "nom:p:{nominee}": (ALL, "nom:p:{o}"),
    "nom:t:{nominee}:{mask}": (ALL, "nom:t:{o}:1"),
    "nom:c:{nominee}:{mask}": (ALL, "nom:c:{o}:1"),
    "nom:ok": (ALL, "nom:ok"),
    "nom:x": (ALL, "nom:x"),
    "nom:rm:{nomination}": (ALL, "nom:rm:999"),
    # organizers' proposal review
    "pa:s": ("A", "pa:s"),
    "pa:l:{code}:{page}": ("A", "pa:l:idea:0"),
    "pa:o:{number}": ("A", "pa:o:999"),
    "pa:st:{number}:{status}": ("A", "pa:st:999:reviewing"),
    "pa:an:{number}": ("A", "pa:an:999"),
    "pa:mg:{number}": ("A", "pa:mg:999"),
    "pa:sd:{number}": ("A", "pa:sd:999"),
    "pa:f:{number}": ("A", "pa:f:999"),
    "pa:x": ("A", "pa:x"),
    # reminders
    "rem:p:{number}": ("A", "rem:p:999"),
    "rem:r:{number}": ("A", "rem:r:999"),
    "rem:s:{number}": ("A", "rem:s:999"),
    "rem:a": ("A", "rem:a"),
    "rem:u:{audience}": ("A", "rem:u:all"),
    # broadcasts
    "bc:aud:{code}": ("A", "bc:aud:all"),
    "bc:ag:{index}": ("A", "bc:ag:0"),
    "bc:agok": ("A", "bc:agok"),
    "bc:noen": ("A", "bc:noen"),
    "bc:quit": ("A", "bc:quit"),
    "bc:send:{number}": ("A", "bc:send:999"),
    "bc:sched:{number}": ("A", "bc:sched:999"),
    "bc:cancel:{number}": ("A", "bc:cancel:999"),
    "bc:ok:{number}": ("A", "bc:ok:999"),
    "bc:no:{number}": ("A", "bc:no:999"),
    "bc:stop:{number}": ("A", "bc:stop:999"),
    "bc:xlsx:{number}": ("A", "bc:xlsx:999"),
    "bc:resend:{number}": ("A", "bc:resend:999"),
    # agenda
    "ag:notify:{version}": ("A", "ag:notify:999"),
    # the conference day: check-in (staff and admins at the door), questions to the presidium (admins and moderators)
    "/checkin": (ALL, None),
    "/walkin": ("AS", None),
    "/attendance": ("AS", None),
    "/question": (ALL, None),
    "/questions": (ALL, None),
    "/moderate": ("AAO", None),
    "/presidium": ("AAO", None),
    "ci:qr": (ALL, "ci:qr"),
    "cal:ics": (ALL, "cal:ics"),
    "/calendar": ("A", None),
    "calr:ask:{sequence}": ("A", "calr:ask:999"),
    "calr:yes:{sequence}": ("A", "calr:yes:999"),
    "calr:no:{sequence}": ("A", "calr:no:999"),
    # issue 18: FAQ and "Hỏi Ban Tổ chức" (anyone may press; the service refuses a person not on the roster)
    "/ask": (ALL, None),
    "/inquiries": ("AS", None),
    "faq:{kind}:{id}": (ALL, "faq:c:99"),
    "ask:new": (ALL, "ask:new"),
    "ask:ans:{id}": ("AS", "ask:ans:999"),
    "ask:faq:{id}": ("AS", "ask:faq:999"),
    "text:ask": (ALL, None),
    "text:askr": ("AS", None),
    "/faq": ("A", None),
    "faqm:en:{id}": ("AS", "faqm:en:999"),
    "faqm:del:{id}": ("A", "faqm:del:999"),
    "faqm:rm:{id}": ("A", "faqm:rm:999"),
    "faqm:keep:{id}": ("A", "faqm:keep:999"),
    "faqc:hide:{key}": ("A", "faqc:hide:000000000000"),
    "faqc:ok:{key}": ("A", "faqc:ok:000000000000"),
    "faqc:keep:{key}": ("A", "faqc:keep:000000000000"),
    "faqc:show:{key}": ("A", "faqc:show:000000000000"),
    "text:faqen": ("AS", None),
    "ci:{action}:{id}": ("AS", "ci:m:999"),
    "ci:u:{id}": ("AS", "ci:u:999"),
    "ci:nh": ("A", "ci:nh"),
    "q:t:{topic}": (ALL, "q:t:policy"),
    "q:n:{read}": (ALL, "q:n:1"),
    "q:x": (ALL, "q:x"),
    "q:s:{id}": (ALL, "q:s:999"),
    "q:a:{id}": ("AAO", "q:a:999"),
    "q:r:{id}": ("AAO", "q:r:999"),
    "q:m:{id}": ("AAO", "q:m:999"),
    "q:mi:{id}:{into}": ("AAO", "q:mi:999:998"),
    "q:d:{id}": ("AAO", "q:d:999"),
    "q:p": ("AAO", "q:p"),
    "q:w:{open}": ("A", "q:w:0"),
    "/documents": (ALL, None),
    "doc:add": ("A", "doc:add"),
    "doc:p:{id}:{on}": ("A", "doc:p:999:1"),
    "doc:b:{id}": ("A", "doc:b:999"),
    "text:doc": ("A", None),
    "file:doc": ("A", None),
    "text:ci": ("AS", None),
    "text:q": (ALL, None),
    # the delegate view (withdraw / restore / reissue), also under the link-misuse warning
    "dlg:v:{id}": ("A", "dlg:v:999"),
    "dlg:w:{id}": ("A", "dlg:w:999"),
    "dlg:r:{id}": ("A", "dlg:r:999"),
    "dlg:ri:{id}": ("A", "dlg:ri:999"),
    "idn:mv:{id}:{old}:{new}": ("A", "idn:mv:999:1:2"),
    "idn:ok:{id}:{old}:{new}": ("A", "idn:ok:999:1:2"),
    # typed answers (routes of handlers/text_input.py)
    "text:rsvp": (ALL, None),
    "text:proposal": (ALL, None),
    "file:proposal": (ALL, None),
    "text:nom": (ALL, None),
    "text:padmin": ("A", None),
    "text:broadcast": ("A", None),
    "text:reminder": ("A", None),
    "text:agenda": ("A", None),
    "file:agenda": ("A", None),
    # a roster sent as a document by an admin (nothing else pending), and a second file while its preview is open
    "file:*": ("A", None),
    "file:roster": ("A", None),
    # the organizing committee's tasks (admins are committee members; the service checks who owns a task)
    "/task": ("AH", None),
    "/tasks": ("AMH", None),
    "tk:{action}:{id}": ("AMH", "tk:a:999"),
    "tk:v:{id}": ("AMH", "tk:v:999"),
    "tkm:{action}:{id}": ("AH", "tkm:dl:999"),
    "tkm:no:{id}:{owner}": ("AH", "tkm:no:999:999"),
    "text:task": ("AMH", None),
    "file:task": ("AH", None),
}
# Message handlers that are not gated by role (the router and catch-alls themselves, and shared contacts).
UNGATED_MESSAGE_HANDLERS = {
    "handlers.start.contact",
    "handlers.text_input.on_text",
    "handlers.text_input.on_file",
    "handlers.fallback.unknown_command",
    "handlers.fallback.other_message",
}
_CATCH_ALL = {fallback.unknown_command, fallback.unknown_button, fallback.other_message, text_input.on_text}


@pytest.fixture
async def matrix(emulator: BotApiEmulator, tmp_path: Path) -> AsyncIterator[tuple[Harness, Direct, dict[str, int]]]:
    """The bot with one person per role: staff and an agency contact configured, delegate 101 linked."""
    emulator.add_user(ORGANIZER_ID, "Tổ chức", language_code="vi")
    emulator.add_user(STAFF_ID, "Phục vụ", language_code="vi")
    emulator.add_user(CONTACT_ID, "Đầu mối", language_code="vi")
    emulator.add_user(DELEGATE_ID, "An", "Nguyễn", language_code="vi")
    emulator.add_user(STRANGER_ID, "Lạ", language_code="vi")
    emulator.add_user(MEMBER_ID, "Thành viên", language_code="vi")
    emulator.add_user(CHAIR_ID, "Trưởng Ban", language_code="vi")
    emulator.add_user(MODERATOR_ID, "Điều phối", language_code="vi")
    settings = make_settings(tmp_path, emulator)
    members = (CommitteeMember(MEMBER_ID, "Nguyễn Văn An"), CommitteeMember(CHAIR_ID, "Lê Văn Chủ"))
    settings = replace(
        settings,
        telegram=replace(settings.telegram, staff=frozenset({STAFF_ID})),
        reminders=replace(settings.reminders, agency_contacts=(("Sở Y tế", CONTACT_ID),)),
        committee=replace(settings.committee, members=members, chair=CHAIR_ID),
        conference_day=replace(settings.conference_day, moderators=frozenset({MODERATOR_ID})),
    )
    app = (await boot(emulator, settings, clock=FakeClock(NOW), roster=None)).app
    h = Harness(emulator, app, FakeClock(NOW), settings)
    try:
        await h.services.roster.import_entries(ROSTER, actor="test")
        await h.open_link(DELEGATE_ID, "DB001")
        ids = {}
        async with h.services.db.read() as uow:
            for key, code in (("d", "DB001"), ("o", "DB002")):
                delegate = await uow.delegates.by_code(h.services.event.id, code)
                assert delegate is not None
                ids[key] = delegate.id
        yield h, Direct(app, emulator, text("vi", "error.generic")), ids
    finally:
        await stop_application(app)


def registered(h: Harness) -> dict[str, tuple[str, ...] | None]:
    """Every command, button template and typed-answer route the Application registered -> its roles (None: the
    roles are in the filter, checked by delivering updates)."""
    found: dict[str, tuple[str, ...] | None] = {}
    for group in h.app.handlers.values():
        for handler in group:
            if isinstance(handler, CommandHandler):
                found.update({f"/{command}": None for command in handler.commands})
            elif isinstance(handler, ButtonHandler):
                assert handler.button.template not in found, f"{handler.button!r} registered twice"
                found[handler.button.template] = None
            elif isinstance(handler, CallbackQueryHandler):
                assert handler.callback is fallback.unknown_button, (
                    f"{handler.callback.__qualname__}: register buttons with Roles.button(Button(...), …)"
                )
            elif isinstance(handler, MessageHandler):
                name = f"{handler.callback.__module__}.{handler.callback.__qualname__}"
                assert name in UNGATED_MESSAGE_HANDLERS, f"{name}: an unlisted message handler"
            elif isinstance(handler, TypeHandler) and handler.callback is flood.guard_update:
                continue  # per-user flood control (group -1): it only ever drops updates, it grants nothing
            else:
                raise AssertionError(f"an unlisted kind of handler: {handler!r}")
    data = h.app.bot_data
    found.update({f"text:{area}": roles for area, (_, roles) in data.text_routes.items()})
    found.update({f"file:{area}": roles for area, (_, roles) in data.file_routes.items()})
    return found


def _roles_of(letters: str) -> set[str]:
    return {ROLE_OF[letter] for letter in letters if letter in ROLE_OF}


async def test_every_registered_handler_has_a_row(matrix: tuple[Harness, Direct, dict[str, int]]) -> None:
    h, _, _ = matrix
    found = registered(h)
    assert sorted(set(found) - set(EXPECTED)) == [], "handlers without a row in EXPECTED (say who may use them)"
    assert sorted(set(EXPECTED) - set(found)) == [], "rows in EXPECTED for handlers no longer registered"
    roles = roles_of(h.app)
    assert {ROLE_OF[k]: roles.members(ROLE_OF[k]) for k in ROLE_OF} == {
        ADMIN: {ORGANIZER_ID},
        STAFF: {STAFF_ID},
        AGENCY_CONTACT: {CONTACT_ID},
        COMMITTEE: {ORGANIZER_ID, MEMBER_ID, CHAIR_ID},
        CHAIR: {CHAIR_ID},
        MODERATOR: {MODERATOR_ID},
    }
    assert set(roles.names) == set(ROLE_OF.values()), "a new role needs a person and a column in this test"


async def test_commands(matrix: tuple[Harness, Direct, dict[str, int]]) -> None:
    h, direct, _ = matrix
    unknown = text("vi", "unknown_command")
    for key in (k for k in registered(h) if k.startswith("/")):
        allowed = EXPECTED[key][0]
        for letter, user_id in PEOPLE.items():
            who = f"{key} by {letter}"
            chosen = selected_handlers(h.app, direct.message_update(user_id, key))
            assert chosen, who
            if letter in allowed:
                assert chosen[0].callback not in _CATCH_ALL, f"{who}: should reach its handler"
                effect = await direct.text(user_id, key)
                assert not effect.error_messages, f"{who}: ended in the generic error"
                assert any(m.chat_id == user_id and m.plain_text != unknown for m in effect.messages), who
            else:
                assert chosen[0].callback is fallback.unknown_command, f"{who}: must fall through to unknown_command"
                reply = (await direct.text(user_id, key)).only_reply(user_id)
                assert reply.plain_text == unknown, f"{who}: refusal must be the unknown-command reply"


async def test_buttons(matrix: tuple[Harness, Direct, dict[str, int]]) -> None:
    h, direct, ids = matrix
    stale = text("vi", "rsvp.stale")
    # One old bot message per person carries every press (forged data, as an old client would send).
    cards = {letter: (await h.app.bot.send_message(user_id, "…")).message_id for letter, user_id in PEOPLE.items()}
    for key in (k for k in registered(h) if not k.startswith(("/", "text:", "file:"))):
        allowed, sample = EXPECTED[key]
        assert sample is not None, key
        data = sample.format(**ids)
        for letter, user_id in PEOPLE.items():
            who = f"{data} pressed by {letter}"
            card = cards[letter]
            chosen = selected_handlers(h.app, direct.press_update(user_id, data, card))
            assert chosen, who
            if letter in allowed:
                assert isinstance(chosen[0], ButtonHandler) and chosen[0].button.template == key, who
                assert re.fullmatch(chosen[0].button.pattern, data), who
                effect = await direct.press(user_id, data, card)
                assert not effect.error_messages, f"{who}: ended in the generic error"
                assert effect.answers, f"{who}: the press was never answered"
            else:
                assert chosen[0].callback is fallback.unknown_button, f"{who}: must fall through to the stale handler"
                answer = (await direct.press(user_id, data, card)).only_answer()
                assert (answer.text, answer.show_alert) == (stale, True), f"{who}: refusal must be the stale alert"


async def test_typed_answer_routes(matrix: tuple[Harness, Direct, dict[str, int]]) -> None:
    h, direct, _ = matrix
    hint = text("vi", "fallback.text")
    roles = roles_of(h.app)
    for key, declared in registered(h).items():
        if not key.startswith(("text:", "file:")):
            continue
        assert declared is not None
        allowed = EXPECTED[key][0]
        expected_roles = _roles_of(allowed) if allowed != ALL else {EVERYONE}
        assert set(declared) == expected_roles, f"{key}: routed for {declared}, expected {expected_roles}"
        if key.startswith("file:"):
            continue
        area = key.removeprefix("text:")
        for letter, user_id in PEOPLE.items():
            permitted = roles.allows(user_id, declared)
            assert permitted == (letter in allowed), f"{key} by {letter}"
            if permitted:
                continue
            # Someone without the role holds a question of this area (the role was removed since): the typed text
            # gets the hint, exactly as if nothing were pending.
            await h.services.pending.put(user_id, f"{area}.text", {})
            reply = (await direct.text(user_id, "Nội dung trả lời")).only_reply(user_id)
            assert reply.plain_text == hint, f"{key} by {letter}"
            await h.services.pending.clear(user_id)


def test_every_role_has_a_name_in_both_languages() -> None:
    from bot.telegram.roles import ROLE_SOURCES

    for role in ROLE_SOURCES:
        assert text("vi", f"role.{role}") and text("en", f"role.{role}"), role
