"""Webhook delivery: POST each pending update to the bot's webhook URL, in order, retrying on failure."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import TYPE_CHECKING

import tornado.httpclient

from bot.sandbox.emulator.state import SandboxState

if TYPE_CHECKING:
    from bot.sandbox.emulator.server import SandboxServer

_LOGGER = logging.getLogger(__name__)


class WebhookSender:
    """Background task in the sandbox loop that pushes updates while a webhook is set."""

    def __init__(self, state: SandboxState, server: SandboxServer) -> None:
        """Prepare the sender (start() launches it)."""
        self.state = state
        self.server = server
        self.delivered = 0
        self.failures = 0
        self._task: asyncio.Task[None] | None = None
        self._client: tornado.httpclient.AsyncHTTPClient | None = None

    def start(self) -> None:
        """Launch the delivery task in the running loop."""
        self._client = tornado.httpclient.AsyncHTTPClient(force_instance=True)
        self._task = asyncio.get_running_loop().create_task(self._run(), name="sandbox-webhook")

    async def stop(self) -> None:
        """Cancel the task and close the HTTP client."""
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        if self._client is not None:
            self._client.close()

    async def _run(self) -> None:
        """Deliver forever: one update at a time, oldest first."""
        while not self.server.stopping:
            with self.state.lock:
                url = self.state.webhook.url
                secret = self.state.webhook.secret_token
                pending = self.state.take_updates(None, 1, None) if url else []
            if not pending:
                await self.server.wait_for_news(1.0)
                continue
            update = pending[0]
            error = await self._post(url, secret, update)
            if error is None:
                with self.state.lock:
                    # Only confirm if nobody changed the webhook meanwhile.
                    if self.state.webhook.url == url:
                        self.state.confirm_update(update["update_id"])
                self.delivered += 1
                continue
            self.failures += 1
            with self.state.lock:
                self.state.webhook.last_error_date = int(time.time())
                self.state.webhook.last_error_message = error
                delay = self.state.knobs.webhook_retry_delay
            await self.server.sleep(delay)

    async def _post(self, url: str, secret: str | None, update: dict[str, object]) -> str | None:
        """POST one update; return None on success or Telegram-style error text."""
        headers = {"Content-Type": "application/json"}
        if secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        request = tornado.httpclient.HTTPRequest(
            url,
            method="POST",
            body=json.dumps(update, ensure_ascii=False).encode("utf-8"),
            headers=headers,
            request_timeout=10.0,
            follow_redirects=False,
        )
        assert self._client is not None
        try:
            response = await self._client.fetch(request, raise_error=False)
        except asyncio.CancelledError:
            raise
        except ConnectionRefusedError:
            return "Connection refused"
        except tornado.httpclient.HTTPClientError as exc:
            return f"Wrong response from the webhook: {exc.code} {exc.message}"
        except Exception as exc:  # noqa: BLE001 - any transport failure is a failed delivery
            return f"Connection failed: {exc}"
        if 200 <= response.code < 300:
            return None
        return f"Wrong response from the webhook: {response.code} {response.reason}"
