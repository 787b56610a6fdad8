"""The hall-screen page (issue 11, `[hall_screen]`, off by default): read-only, served by the bot's own process.

Started in post_init and stopped in post_shutdown (bot/telegram/app.py). Everything lives under the secret path P
(`HallScreenService.path()`: configured, or secrets.token_urlsafe(24) made once and kept in the database):

  GET /P/            the page, rendered here with every text HTML-escaped (Vietnamese first, English in small type)
  GET /P/data.json   the same figures as JSON, polled by the page's script every `refresh_seconds`
  GET /P/screen.js   that script (a file, so the Content-Security-Policy allows no inline script); it writes
                     with textContent only
  GET /P             redirects to /P/ (the script's relative "data.json" needs the slash)

Anything else is an empty 404; only GET (else 405). The path is never logged: the access log names the kind of
request (page, data, script, other), never the URL. The page shows a question's asker only when the delegate agreed
to have their name read out.
"""

from __future__ import annotations

import html
import json
import logging
import re
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web

from bot.i18n import plain
from bot.i18n.times import clock_time
from bot.services.hall_screen import HallScreenService, HallSnapshot

log = logging.getLogger(__name__)

_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "no-store",
}

_SCRIPT = """\
"use strict";
(function () {
  var seconds = Number(document.body.getAttribute("data-refresh")) || 10;
  function put(id, value) { document.getElementById(id).textContent = value; }
  function item(tag, cls, value) {
    var element = document.createElement(tag);
    element.className = cls;
    element.textContent = value;
    return element;
  }
  function show(d) {
    put("updated", d.updated);
    put("present", d.present);
    put("expected", d.expected);
    put("not-here", d.not_here);
    var agencies = document.getElementById("agencies");
    agencies.replaceChildren();
    d.agencies.forEach(function (a) {
      var li = document.createElement("li");
      li.append(item("span", "name", a.name), item("span", "count", a.present + " / " + a.expected));
      agencies.append(li);
    });
    var questions = document.getElementById("questions");
    questions.replaceChildren();
    d.questions.forEach(function (q) {
      var li = document.createElement("li");
      li.append(item("div", "meta", q.meta), item("div", "text", q.text), item("div", "who", q.who));
      questions.append(li);
    });
    put("questions-note", d.note);
  }
  function poll() {
    fetch("data.json", { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) { if (d) { show(d); } })
      .catch(function () {})
      .then(function () { setTimeout(poll, seconds * 1000); });
  }
  setTimeout(poll, seconds * 1000);
})();
"""

_STYLE = """\
body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; background: #fff; color: #1a1a1a; }
header { background: #b71c1c; color: #fff; padding: 0.6em 1.2em; }
h1 { margin: 0; font-size: 2em; }
#updated { margin: 0.2em 0 0; opacity: 0.9; }
main { display: grid; grid-template-columns: 2fr 3fr; gap: 1.5em; padding: 1em 1.2em; }
h2 { margin: 0 0 0.4em; font-size: 1.4em; color: #b71c1c; }
.en { font-size: 0.6em; color: #777; font-weight: normal; }
header .en { color: #ffe0e0; }
.total { font-size: 3.2em; margin: 0; }
.total b { color: #2e7d32; }
#agencies { list-style: none; padding: 0; columns: 2; font-size: 1.05em; }
#agencies li { display: flex; justify-content: space-between; gap: 0.5em; padding: 0.15em 0; break-inside: avoid; }
#agencies .count { font-weight: bold; white-space: nowrap; }
#questions { padding-left: 1.4em; font-size: 1.2em; }
#questions li { margin-bottom: 0.8em; }
.meta { color: #555; font-size: 0.8em; }
.text { white-space: pre-wrap; }
.who { font-style: italic; font-size: 0.85em; }
"""


def _label(key: str, **params: object) -> tuple[str, str]:
    return plain("vi", key, **params), plain("en", key, **params)


def view(snapshot: HallSnapshot, timezone: str) -> dict[str, Any]:
    """What the page shows, as plain text (unescaped): the page escapes it, the JSON carries it to textContent."""
    attendance = snapshot.attendance
    updated_vi = plain("vi", "hall.updated", time=clock_time("vi", snapshot.at, timezone))
    updated_en = plain("en", "hall.updated", time=clock_time("en", snapshot.at, timezone))
    questions = [
        {
            "meta": plain("vi", "hall.question_meta", number=q.number, topic=q.topic, support=q.support),
            "text": q.text,
            "who": plain("vi", "hall.asker", full_name=q.name, agency=q.agency)
            if q.name is not None
            else plain("vi", "hall.asker_unnamed"),
        }
        for q in snapshot.questions
    ]
    if not questions:
        note = plain("vi", "hall.no_questions")
    elif snapshot.waiting:
        note = plain("vi", "hall.waiting", count=snapshot.waiting)
    else:
        note = ""
    return {
        "event": snapshot.event_name,
        "updated": f"{updated_vi} · {updated_en}",
        "present": attendance.checked_in,
        "expected": attendance.expected,
        "not_here": plain("vi", "hall.not_here", count=attendance.not_here),
        "agencies": [
            {"name": a.agency, "present": a.checked_in, "expected": a.expected}
            for a in attendance.agencies
            if a.expected or a.checked_in
        ],
        "questions": questions,
        "note": note,
    }


def data_json(snapshot: HallSnapshot, timezone: str) -> str:
    """The JSON the script polls; "<", ">" and "&" are written as \\u escapes (never markup, even if misread)."""
    raw = json.dumps(view(snapshot, timezone), ensure_ascii=False)
    return raw.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def page_html(snapshot: HallSnapshot, timezone: str, refresh_seconds: int) -> str:
    """The whole page; every text from the data goes through html.escape."""
    data = view(snapshot, timezone)
    e = html.escape
    present_vi, present_en = _label("hall.present")
    questions_vi, questions_en = _label("hall.questions")
    agencies = "".join(
        f'<li><span class="name">{e(a["name"])}</span><span class="count">{a["present"]} / {a["expected"]}</span></li>'
        for a in data["agencies"]
    )
    questions = "".join(
        f'<li><div class="meta">{e(q["meta"])}</div><div class="text">{e(q["text"])}</div>'
        f'<div class="who">{e(q["who"])}</div></li>'
        for q in data["questions"]
    )
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{e(data['event'])}</title><style>{_STYLE}</style></head>\n"
        f'<body data-refresh="{int(refresh_seconds)}">\n'
        f'<header><h1>{e(data["event"])}</h1><p id="updated">{e(data["updated"])}</p></header>\n<main>\n'
        f'<section><h2>{e(present_vi)} <span class="en">{e(present_en)}</span></h2>'
        f'<p class="total"><b id="present">{data["present"]}</b> / <span id="expected">{data["expected"]}</span></p>'
        f'<p id="not-here">{e(data["not_here"])}</p><ul id="agencies">{agencies}</ul></section>\n'
        f'<section><h2>{e(questions_vi)} <span class="en">{e(questions_en)}</span></h2>'
        f'<ol id="questions">{questions}</ol><p id="questions-note">{e(data["note"])}</p></section>\n'
        '</main>\n<script src="screen.js"></script>\n</body></html>\n'
    )


class _Base(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("GET",)  # type: ignore[assignment]

    def initialize(self, screen: HallScreen) -> None:
        self.screen = screen

    def set_default_headers(self) -> None:
        for name, value in _HEADERS.items():
            self.set_header(name, value)
        self.clear_header("Server")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.finish()  # an empty body: nothing about the server or the path

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        if isinstance(value, tornado.web.HTTPError):
            return
        log.error(
            "hall screen: %s while answering a request", getattr(typ, "__name__", "error"), exc_info=(typ, value, tb)
        )


class _Page(_Base):
    async def get(self) -> None:
        snapshot = await self.screen.service.snapshot()
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page_html(snapshot, self.screen.timezone, self.screen.service.settings.refresh_seconds))


class _Data(_Base):
    async def get(self) -> None:
        snapshot = await self.screen.service.snapshot()
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(data_json(snapshot, self.screen.timezone))


class _Script(_Base):
    def get(self) -> None:
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.finish(_SCRIPT)


class _Slash(_Base):
    def get(self) -> None:
        self.redirect(self.request.path + "/")


class _NotFound(_Base):
    def prepare(self) -> None:
        raise tornado.web.HTTPError(404)


_KINDS = {_Page: "page", _Data: "data", _Script: "script", _Slash: "redirect"}


def _log_request(handler: tornado.web.RequestHandler) -> None:
    """One debug line per request without the URL (the path is the secret)."""
    kind = _KINDS.get(type(handler), "other")
    log.debug("hall screen: %s %d %.0f ms", kind, handler.get_status(), 1000 * handler.request.request_time())


class HallScreen:
    """The page's HTTP server: `start()` binds `[hall_screen] listen`, `stop()` closes it and its connections."""

    def __init__(self, service: HallScreenService, timezone: str) -> None:
        self.service = service
        self.timezone = timezone
        self.port = 0
        self._server: tornado.httpserver.HTTPServer | None = None

    async def start(self) -> None:
        """Listen (OSError when the address is taken: the caller decides)."""
        settings = self.service.settings
        prefix = "/" + re.escape(await self.service.path())
        args = {"screen": self}
        app = tornado.web.Application(
            [
                (prefix, _Slash, args),
                (prefix + "/", _Page, args),
                (prefix + r"/data\.json", _Data, args),
                (prefix + r"/screen\.js", _Script, args),
            ],
            default_handler_class=_NotFound,
            default_handler_args=args,
            log_function=_log_request,
        )
        sockets = tornado.netutil.bind_sockets(settings.port, settings.host)
        self.port = sockets[0].getsockname()[1]
        self._server = tornado.httpserver.HTTPServer(app)
        self._server.add_sockets(sockets)
        log.info("hall screen: serving on %s:%d (admins get its address from /stats)", settings.host, self.port)

    async def stop(self) -> None:
        """Stop listening and close open connections."""
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None
