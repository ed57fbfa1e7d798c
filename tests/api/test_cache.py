"""The API response cache: repeated GETs are answered from memory until the store's version moves."""

from __future__ import annotations

import asyncio
import json

import pytest
from fastapi.testclient import TestClient

from dateline.api.app import create_app
from dateline.api.cache import ResponseCache, StoreVersion


class CountingApp:
    """A stand-in ASGI app answering `status` with a body that counts the calls, after an optional pause."""

    def __init__(self, status: int = 200, pause: float = 0.0):
        self.status = status
        self.pause = pause
        self.calls = 0

    async def __call__(self, scope, receive, send) -> None:
        self.calls += 1
        body = json.dumps({"call": self.calls, "path": scope["path"]}).encode()
        if self.pause:
            await asyncio.sleep(self.pause)
        await send({"type": "http.response.start", "status": self.status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


async def _get(app, path: str, method: str = "GET", query: bytes = b"") -> tuple[int, bytes]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "query_string": query, "headers": []}
    await app(scope, receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def _run(coroutine):
    return asyncio.run(coroutine)


@pytest.mark.parametrize("path,method,status,cached", [
    ("/api/events", "GET", 200, True), ("/api/events", "POST", 200, False), ("/api/ingest", "GET", 200, False),
    ("/story/s-1", "GET", 200, False), ("/api/events/nope", "GET", 404, False),
])  # fmt: skip
def test_cache_keeps_only_successful_api_gets(path, method, status, cached):
    inner = CountingApp(status)
    app = ResponseCache(inner, StoreVersion())
    first = _run(_get(app, path, method))
    second = _run(_get(app, path, method))
    assert first[0] == second[0] == status
    assert (inner.calls == 1) is cached
    assert (first[1] == second[1]) is cached


def test_cache_keys_on_the_query_string():
    inner = CountingApp()
    app = ResponseCache(inner, StoreVersion())
    _run(_get(app, "/api/events", query=b"limit=1"))
    _run(_get(app, "/api/events", query=b"limit=2"))
    _run(_get(app, "/api/events", query=b"limit=1"))
    assert inner.calls == 2 and app.hits == 1


def test_cache_drops_everything_when_the_store_version_moves():
    inner, version = CountingApp(), StoreVersion()
    app = ResponseCache(inner, version)
    before = _run(_get(app, "/api/overview"))
    version.bump()
    after = _run(_get(app, "/api/overview"))
    assert before != after and inner.calls == 2


def test_cache_is_bounded_by_entries_and_bytes():
    inner = CountingApp()
    app = ResponseCache(inner, StoreVersion(), max_entries=3)
    for i in range(10):
        _run(_get(app, f"/api/events/{i}"))
    assert len(app) == 3
    small = ResponseCache(CountingApp(), StoreVersion(), max_bytes=60)
    for i in range(10):
        _run(_get(small, f"/api/events/{i}"))
    assert small.size <= 60 and len(small) >= 1


def test_cache_computes_a_cold_answer_once_for_concurrent_clients():
    inner = CountingApp(pause=0.05)
    app = ResponseCache(inner, StoreVersion())

    async def burst():
        return await asyncio.gather(*(_get(app, "/api/stories/s-1") for _ in range(20)))

    answers = _run(burst())
    assert inner.calls == 1 and len({body for _, body in answers}) == 1


def test_cache_off_when_size_is_zero():
    inner = CountingApp()
    app = ResponseCache(inner, StoreVersion(), max_entries=0)
    _run(_get(app, "/api/events"))
    _run(_get(app, "/api/events"))
    assert inner.calls == 2


def test_cache_sees_what_an_http_ingest_adds(tmp_path):
    app = create_app(tmp_path / "w.duckdb", token="s3cret", ingest_stages=())
    try:
        with TestClient(app) as client:
            assert client.get("/api/overview").json()["documents"] == 0
            body = json.dumps({"id": "n1", "text": "Iran condemned Israel.", "published": "2023-04-07"})
            response = client.post("/api/ingest", content=body, headers={"Authorization": "Bearer s3cret"})
            assert response.status_code == 200, response.text
            assert client.get("/api/overview").json()["documents"] == 1
    finally:
        app.state.store.close()
