"""Cache of API responses, keyed by the store's version: a served store only changes through our own ingest.

A read-only store cannot change while the server holds it (DuckDB lets no other process write to a file that is open),
and a writable one changes only through POST /api/ingest, which bumps `StoreVersion`. So a successful GET under /api/
can be answered again, byte for byte, until the version moves: no expiry to tune and no stale answers. Hits are
served by this ASGI middleware before routing, validation and the thread pool, which is what makes them cheap.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_MAX_ENTRIES = 4096
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRY_BYTES = 4 * 1024 * 1024  # a bigger answer is served, just not kept
CACHED_PREFIX = "/api/"
NOT_CACHED = frozenset({"/api/ingest"})


class StoreVersion:
    """A counter bumped after every write to the store; cached answers belong to one value of it."""

    def __init__(self) -> None:
        self.value = 0

    def bump(self) -> None:
        self.value += 1


class ResponseCache:
    """LRU of (status 200) GET answers under /api/, bounded by entry count and total bytes (ASGI middleware).

    Everything runs on the event loop's thread, so the dictionary needs no lock. Concurrent misses on one key wait
    for the first (single flight): a cold cache under load computes each answer once, not once per client.
    """

    def __init__(self, app: Any, version: StoreVersion, max_entries: int = DEFAULT_MAX_ENTRIES,
                 max_bytes: int = DEFAULT_MAX_BYTES):
        self.app = app
        self.version = version
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[tuple[str, bytes], tuple[list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self._seen_version = version.value
        self._pending: dict[tuple[str, bytes], asyncio.Event] = {}

    def __len__(self) -> int:
        return len(self._entries)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or scope.get("method") != "GET" or not path.startswith(CACHED_PREFIX)
                or path in NOT_CACHED or self.max_entries <= 0):
            await self.app(scope, receive, send)
            return
        key = (path, scope.get("query_string", b""))
        pending = self._pending.get(key)
        if pending is not None:
            await pending.wait()
        if await self._answer(key, send):
            return
        self.misses += 1
        if key in self._pending:  # another miss started meanwhile: compute ours alongside, do not wait twice
            await self._fill(key, scope, receive, send)
            return
        done = self._pending[key] = asyncio.Event()
        try:
            await self._fill(key, scope, receive, send)
        finally:
            del self._pending[key]
            done.set()

    async def _answer(self, key: tuple[str, bytes], send: Any) -> bool:
        self._drop_if_stale()
        entry = self._entries.get(key)
        if entry is None:
            return False
        self._entries.move_to_end(key)
        self.hits += 1
        headers, body = entry
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return True

    async def _fill(self, key: tuple[str, bytes], scope: dict, receive: Any, send: Any) -> None:
        """Answer through the app, keeping a copy of a 200 whose store version did not move meanwhile."""
        started_version = self.version.value
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        size = 0

        async def capture(message: dict) -> None:
            nonlocal status, headers, size
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers") or [])
            elif message["type"] == "http.response.body" and size <= MAX_ENTRY_BYTES:
                chunk = message.get("body", b"")
                size += len(chunk)
                chunks.append(chunk)
                if not message.get("more_body", False) and status == 200 and size <= MAX_ENTRY_BYTES:
                    self._store(key, headers, b"".join(chunks), started_version)
            await send(message)

        await self.app(scope, receive, capture)

    def _store(self, key: tuple[str, bytes], headers: list[tuple[bytes, bytes]], body: bytes, version: int) -> None:
        if version != self.version.value or any(name.lower() == b"set-cookie" for name, _ in headers):
            return
        self._drop_if_stale()
        old = self._entries.pop(key, None)
        if old is not None:
            self.size -= len(old[1])
        self._entries[key] = (headers, body)
        self.size += len(body)
        while self._entries and (len(self._entries) > self.max_entries or self.size > self.max_bytes):
            _, (_, evicted) = self._entries.popitem(last=False)
            self.size -= len(evicted)

    def _drop_if_stale(self) -> None:
        if self._seen_version != self.version.value:
            log.debug("store changed (version %d): dropping %d cached answers", self.version.value, len(self))
            self._entries.clear()
            self.size = 0
            self._seen_version = self.version.value
