"""The bot's HTTP clients spread their connections over small pools (bot/telegram/request.py, ShardedRequest):
httpcore's bookkeeping grows with the square of one pool's connections. Together they still give the whole
connection_pool_size, and each request goes to the least busy pool."""

from __future__ import annotations

import asyncio

from telegram import Bot

from bot.sandbox.emulator import BotApiEmulator
from bot.telegram.request import SHARD_CONNECTIONS, ShardedRequest
from tests.support.harness import TOKEN


def test_the_pools_add_up_to_the_size_asked_for() -> None:
    for size in (1, 10, SHARD_CONNECTIONS, SHARD_CONNECTIONS + 1, 66, 256):
        request = ShardedRequest(connection_pool_size=size)
        sizes = [shard._client_kwargs["limits"].max_connections for shard in request.shards]
        assert sum(sizes) >= size and max(sizes) <= SHARD_CONNECTIONS
        assert len(sizes) == -(-size // SHARD_CONNECTIONS)


async def test_a_burst_uses_every_connection_of_every_pool(emulator: BotApiEmulator) -> None:
    size = 40  # three pools of 14
    for user in range(1, size + 1):
        emulator.add_user(user, f"Người {user}")
    request = ShardedRequest(connection_pool_size=size, pool_timeout=30.0, read_timeout=30.0)
    async with Bot(TOKEN, base_url=emulator.base_url, base_file_url=emulator.base_file_url, request=request) as bot:
        emulator.method_latency = {"sendMessage": 3.0}  # long enough for all of them to be in flight together
        sends = [asyncio.ensure_future(bot.send_message(user, "Chào")) for user in range(1, size + 1)]
        await emulator.wait_for(lambda: emulator.in_progress("sendMessage") == size)  # all 40 in flight at once
        assert sorted(request._in_flight) == [13, 13, 14]  # spread over the pools, least busy first
        messages = await asyncio.gather(*sends)
    assert sorted(message.chat.id for message in messages) == list(range(1, size + 1))
    assert request._in_flight == [0, 0, 0]
