"""Every HTTP client of the bot verifies Telegram's certificate with one TLS context built once per process (loading
the CA bundle took ~20 ms of CPU per client, four clients per Application)."""

from __future__ import annotations

import ssl

from bot.telegram.request import BotRequest, PollingRequest, shared_tls, tls_context
from bot.telegram.sender import broadcast_bot
from tests.support.harness import Harness


def test_the_shared_context_verifies_certificates_and_host_names() -> None:
    context = tls_context()
    assert context is tls_context()
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] > 0  # a CA bundle is loaded
    assert shared_tls({"httpx_kwargs": {"verify": False}})["httpx_kwargs"]["verify"] is False  # a caller's choice stays


def test_every_client_of_the_application_and_the_engine_uses_it(harness: Harness) -> None:
    # (python-telegram-bot keeps the client's arguments in HTTPXRequest._client_kwargs)
    requests = [BotRequest(), PollingRequest(), *broadcast_bot(harness.settings)._request]
    requests += harness.app.bot._request  # the Application's own two (getUpdates, everything else)
    clients = [client for request in requests for client in getattr(request, "shards", (request,))]
    assert len(clients) > len(requests)  # the sharded ones were looked into
    assert all(client._client_kwargs["verify"] is tls_context() for client in clients)
