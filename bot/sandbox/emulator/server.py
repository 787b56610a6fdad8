"""The sandbox's HTTP server (tornado): Bot API endpoints, long polling, fault injection, file downloads."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import socket
from collections.abc import Callable
from typing import Any

import tornado.httpserver
import tornado.iostream
import tornado.netutil
import tornado.web

from bot.sandbox.emulator import api_bot, api_media, api_messages
from bot.sandbox.emulator.params import ApiError, Params, UploadedFile
from bot.sandbox.emulator.state import SandboxState
from bot.sandbox.emulator.webhook import WebhookSender

_LOGGER = logging.getLogger(__name__)
JSONDict = dict[str, Any]
Handler = Callable[[SandboxState, Params], Any]

_HANDLERS: dict[str, Handler] = {**api_messages.HANDLERS, **api_media.HANDLERS, **api_bot.HANDLERS}
# Telegram treats method names case-insensitively.
_BY_LOWER: dict[str, str] = {name.lower(): name for name in [*_HANDLERS, "getUpdates"]}
_FAULTY = api_messages.SENDING_METHODS | api_media.SENDING_METHODS | api_messages.EDIT_METHODS | api_media.EDIT_METHODS
_TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
_SUPERSEDED = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"


class SandboxServer:
    """Owns the tornado server and the wake-up signalling inside the sandbox's event loop."""

    def __init__(self, state: SandboxState, extra_routes: list[tuple[str, type, dict[str, Any]]] | None = None) -> None:
        """Prepare (but do not start) the server."""
        self.state = state
        self.port = 0
        self._extra_routes = extra_routes or []
        self._http: tornado.httpserver.HTTPServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._update_event: asyncio.Event | None = None
        self._stopping: asyncio.Event | None = None
        self._poll_ticket = 0
        self.webhook: WebhookSender | None = None

    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and start serving (call inside the sandbox loop)."""
        self._loop = asyncio.get_running_loop()
        self._update_event = asyncio.Event()
        self._stopping = asyncio.Event()
        routes: list[Any] = [
            (r"/bot([^/]*)/([A-Za-z_]+)/?", ApiHandler, {"server": self}),
            (r"/file/bot([^/]*)/(.+)", FileHandler, {"server": self}),
            *self._extra_routes,
        ]
        app = tornado.web.Application(routes, default_handler_class=NotFoundHandler, log_function=_log_access)
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1", family=socket.AF_INET)
        self.port = sockets[0].getsockname()[1]
        self._http = tornado.httpserver.HTTPServer(app, max_body_size=64 * 1024 * 1024)
        self._http.add_sockets(sockets)
        self.webhook = WebhookSender(self.state, self)
        self.webhook.start()
        with self.state.lock:
            self.state.listeners.append(self.wake_threadsafe)

    async def stop(self) -> None:
        """Stop accepting, end pending long polls and delayed responses, close connections."""
        if self._stopping is None or self._stopping.is_set():
            return
        self._stopping.set()
        self.wake()
        with self.state.lock:
            if self.wake_threadsafe in self.state.listeners:
                self.state.listeners.remove(self.wake_threadsafe)
        if self.webhook is not None:
            await self.webhook.stop()
        if self._http is not None:
            self._http.stop()
            await asyncio.sleep(0)
            await self._http.close_all_connections()

    @property
    def stopping(self) -> bool:
        """Whether stop() has begun."""
        return self._stopping is not None and self._stopping.is_set()

    def wake(self) -> None:
        """Wake everything waiting for news (new update, new poller, webhook change, stop)."""
        old = self._update_event
        self._update_event = asyncio.Event()
        if old is not None:
            old.set()

    def wake_threadsafe(self) -> None:
        """wake() callable from any thread."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self.wake)
            except RuntimeError:
                pass  # loop closed between the check and the call

    async def wait_for_news(self, timeout: float) -> None:
        """Sleep until wake() is called or timeout passes."""
        event = self._update_event
        assert event is not None
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            pass

    async def sleep(self, seconds: float) -> None:
        """Sleep that ends early when the server stops."""
        if seconds <= 0 or self._stopping is None:
            return
        try:
            await asyncio.wait_for(self._stopping.wait(), seconds)
        except TimeoutError:
            pass

    async def get_updates(self, params: Params, handler: ApiHandler) -> list[JSONDict]:
        """getUpdates with long polling; a newer call terminates an older one with 409."""
        offset, limit, allowed = api_bot.check_get_updates(self.state, params)
        timeout = max(0.0, params.float("timeout", 0.0) or 0.0)
        self._poll_ticket += 1
        ticket = self._poll_ticket
        self.wake()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            updates = self.state.take_updates(offset, limit, allowed)
            if updates:
                return updates
            if ticket != self._poll_ticket:
                raise ApiError(409, _SUPERSEDED)
            remaining = deadline - loop.time()
            if remaining <= 0 or handler.client_gone or self.stopping:
                return []
            await self.wait_for_news(remaining)
            api_bot.ensure_no_webhook(self.state)


def _log_access(handler: tornado.web.RequestHandler) -> None:
    """Access log at DEBUG: 4xx answers are normal Bot API traffic, not warnings."""
    _LOGGER.debug("%d %s %.1fms", handler.get_status(), handler.request.path, 1000 * handler.request.request_time())


def _loggable_chat_id(value: Any) -> int | str | None:
    """chat_id as an int when it is numeric (form values arrive as text)."""
    if value is None or isinstance(value, int):
        return value
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)


def _decode(values: list[bytes]) -> str:
    """Last value of a form field as text."""
    return values[-1].decode("utf-8", errors="replace")


class ApiHandler(tornado.web.RequestHandler):
    """/bot<token>/<method>: one Bot API call over GET or POST."""

    def initialize(self, server: SandboxServer) -> None:
        """Attach the server."""
        self.server = server
        self.client_gone = False

    def on_connection_close(self) -> None:
        """The client went away (e.g. it cancelled a long poll or timed out)."""
        self.client_gone = True
        self.server.wake()

    def _params(self) -> Params:
        """Parameters from the query string and the body (form, multipart or JSON)."""
        values: dict[str, Any] = {k: _decode(v) for k, v in self.request.query_arguments.items()}
        values.update({k: _decode(v) for k, v in self.request.body_arguments.items()})
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json") and self.request.body:
            try:
                body = json.loads(self.request.body)
            except ValueError:
                raise ApiError(400, "Bad Request: can't parse JSON object") from None
            if isinstance(body, dict):
                values.update(body)
        files = {
            name: UploadedFile(parts[-1].filename or None, parts[-1].content_type or None, parts[-1].body)
            for name, parts in self.request.files.items()
        }
        return Params(values, files)

    def _reply(self, status: int, body: JSONDict) -> None:
        """Write a JSON response unless the client has gone."""
        if self.client_gone or self.request.connection.stream.closed():  # type: ignore[union-attr]
            return
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body, ensure_ascii=False))

    async def get(self, token: str, method: str) -> None:
        """Handle a call (Telegram accepts GET and POST alike)."""
        state = self.server.state
        if state.knobs.unreachable:  # Telegram out of reach: the connection closes without an answer
            self.request.connection.close()  # type: ignore[union-attr]
            return
        name = _BY_LOWER.get(method.lower())
        chat_id: Any = None
        try:
            if token != state.token:
                if _TOKEN_SHAPE.match(token):
                    raise ApiError(401, "Unauthorized")
                raise ApiError(404, "Not Found")
            if name is None:
                _LOGGER.warning("sandbox: Bot API method %r is not implemented", method)
                raise ApiError(404, "Not Found")
            params = self._params()
            chat_id = _loggable_chat_id(params.values.get("chat_id"))
            body = await self._call(name, params)
        except ApiError as err:
            state.log_request(name or method, chat_id, err.code)
            payload = err.payload()
            reworded = next((v for k, v in state.knobs.error_wording.items() if k in err.description), None)
            if reworded is not None:
                payload["description"] = reworded
            self._reply(err.code, payload)
            return
        except Exception:
            _LOGGER.exception("sandbox: internal error in %s", name)
            state.log_request(name or method, chat_id, 500)
            self._reply(500, {"ok": False, "error_code": 500, "description": "Internal Server Error"})
            return
        state.log_request(name, chat_id, 200)
        self._reply(200, body)

    post = get

    async def _call(self, name: str, params: Params) -> JSONDict:
        """Run one method with the configured latency and injected faults, counted as in progress meanwhile."""
        state = self.server.state
        with state.lock:
            state.stats.in_progress[name] += 1
        try:
            return await self._answer(name, params)
        finally:
            with state.lock:
                state.stats.in_progress[name] -= 1

    async def _answer(self, name: str, params: Params) -> JSONDict:
        state = self.server.state
        knobs = state.knobs
        await self.server.sleep(knobs.method_latency.get(name, knobs.latency))
        if name == "getUpdates":
            return {"ok": True, "result": await self.server.get_updates(params, self)}
        faulty = name in _FAULTY
        if faulty and state.chance(knobs.error_rate):
            with state.lock:
                state.stats.injected_errors += 1
                code = 500 if state.rng.random() < 0.5 else 502
            raise ApiError(code, "Internal Server Error" if code == 500 else "Bad Gateway")
        if faulty and state.chance(knobs.flood_rate):
            with state.lock:
                state.stats.rate_limited += 1
            retry_after = int(knobs.flood_retry_after)
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})
        result = _HANDLERS[name](state, params)
        body: JSONDict = {"ok": True}
        if isinstance(result, api_bot.Described):
            body.update(result=result.result, description=result.description)
        else:
            body["result"] = result
        if faulty and state.chance(knobs.timeout_rate):
            with state.lock:
                state.stats.injected_timeouts += 1
            # Delivered already; only the answer is late, as when Telegram is slow to respond.
            await self.server.sleep(knobs.timeout_delay)
        return body


class FileHandler(tornado.web.RequestHandler):
    """/file/bot<token>/<file_path>: download a file the bot uploaded."""

    def initialize(self, server: SandboxServer) -> None:
        """Attach the server."""
        self.server = server

    def get(self, token: str, path: str) -> None:
        """Serve the file's bytes."""
        state = self.server.state
        if token != state.token:
            raise tornado.web.HTTPError(401)
        unique_id = path.rsplit("/", 1)[-1]
        with state.lock:
            stored = next((f for f in state.files.values() if f.file_unique_id == unique_id), None)
        if stored is None:
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Type", stored.mime_type or "application/octet-stream")
        self.finish(stored.data)


class NotFoundHandler(tornado.web.RequestHandler):
    """Anything else: Telegram's 404 JSON."""

    def prepare(self) -> None:
        """Answer 404 for every verb."""
        self.set_status(404)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"ok": False, "error_code": 404, "description": "Not Found"}))
