"""POST /api/ingest: JSON Lines articles in, stored and analysed; only when the server was started with a token."""

from __future__ import annotations

import hmac
import logging
import tempfile
import threading
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from dateline.api.schemas import IngestResult
from dateline.store import Store

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["ingest"])
_LOCK = threading.Lock()  # one ingest at a time: each is one writer over the shared connection
BODY = {
    "required": True,
    "content": {"application/x-ndjson": {"schema": {"type": "string", "description": (
        'One article per line: {"id"?, "url"?, "title"?, "published"?, "source"?, "text" | "html"}.')}}},
}  # fmt: skip


def _authorise(request: Request) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "ingestion over HTTP is disabled: start the server with a token to enable it")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "missing or wrong token: send 'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body over {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"request body over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _ingest(request: Request, body: bytes) -> dict:
    from dateline.runner import ingest
    from dateline.settings import IngestOptions

    state = request.app.state
    with _LOCK, tempfile.TemporaryDirectory(prefix="dateline-ingest-") as folder:
        path = Path(folder) / "request.jsonl"
        path.write_bytes(body)
        cursor = state.store.con.cursor()
        try:
            store = Store(cursor, state.store.path, read_only=False)
            # One process: a request body is small, and a server's threads make forking workers unsafe.
            options = IngestOptions(db=state.store.path, stages=state.ingest_stages, workers=1)
            report = ingest([path], options, store=store)
        finally:
            cursor.close()
            state.store_version.bump()  # even a failed run may have committed batches: cached answers are stale
    failures = [failure.replace(str(path), "body") for failure in report.failures]
    log.info("ingest over HTTP: %d new, %d unchanged, %d failed", report.new, report.unchanged, report.failed)
    return {"new": report.new, "unchanged": report.unchanged, "failed": report.failed, "failures": failures,
            "new_doc_ids": report.new_doc_ids}


@router.post(
    "/ingest", response_model=IngestResult, summary="Ingest JSON Lines articles (needs the server's token)",
    openapi_extra={"requestBody": BODY},
    responses={400: {"description": "Body is not UTF-8 JSON Lines"}, 401: {"description": "Missing or wrong token"},
               403: {"description": "Ingestion disabled (no token)"}, 413: {"description": "Body too large"}},
)
async def ingest_jsonl(request: Request):
    _authorise(request)
    body = await _read_body(request, request.app.state.max_request_bytes)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "body must be UTF-8 JSON Lines") from None
    if not body.strip():
        raise HTTPException(400, "empty body: send one JSON article per line")
    return await run_in_threadpool(_ingest, request, body)
