"""What every router shares: a DuckDB cursor per request, opaque page cursors, and common query parameters."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

import duckdb
from fastapi import Depends, HTTPException, Query, Request, Response

from dateline.store.queries import Key

MAX_LIMIT = 1000
MAX_INT = 2**31 - 1  # DuckDB INTEGER: larger values are a client error, not a server one
Text = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page (at most {MAX_LIMIT}).")]
CursorParam = Annotated[str | None, Query(max_length=2000, description="`next_cursor` of the previous page.")]


async def connection(request: Request) -> AsyncIterator[duckdb.DuckDBPyConnection]:
    """One cursor per request: DuckDB connections are not shared across threads, cursors are cheap (~10 us).

    Async on purpose: a sync generator dependency costs two extra thread-pool hops per request (enter and exit);
    the sync endpoint that uses the cursor still runs in the pool, one request per cursor at a time.
    """
    cursor = request.app.state.store.con.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


Connection = Annotated[duckdb.DuckDBPyConnection, Depends(connection)]


def encode_cursor(kind: str, key: Key | None) -> str | None:
    if key is None:
        return None
    raw = json.dumps([kind, list(key)], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str | None) -> Key | None:
    """The key a cursor stands for; 400 when it is malformed or belongs to another list."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        found_kind, key = json.loads(raw)
        valid = found_kind == kind and isinstance(key, list) and all(_scalar(v) for v in key)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        valid = False
    if not valid:
        raise HTTPException(400, "invalid cursor: pass the next_cursor of a previous page of this list")
    return tuple(key)


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, float)) or (isinstance(value, int) and abs(value) <= 2**62)


def fast_json(data: Any) -> Response:
    """JSON straight from the store's plain values: the response_model documents the shape, and rows are already
    contract-shaped, so re-validating every nested event per request would only cost time (see bench/api_load.py)."""
    return Response(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str),
                    media_type="application/json")


def not_found(what: str, key: str) -> HTTPException:
    return HTTPException(404, f"no {what} {key!r}")
