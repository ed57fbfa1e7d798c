"""The FastAPI application: the REST API (one router per resource) and the web UI, over one store.

Read-only by default. Ingestion over HTTP exists only when the app is created with a token, and every request body
is capped. Swagger's own /docs page loads from a CDN, so it is off; /docs is our page reading /openapi.json.
Successful GETs under /api/ are cached until the store changes (see cache.py); DuckDB runs each query on the calling
thread only, since concurrent requests, not one query's parallelism, are what a server has to spread over its cores.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import duckdb
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from dateline import __version__
from dateline.api.cache import DEFAULT_MAX_ENTRIES, ResponseCache, StoreVersion
from dateline.api.schemas import Problem
from dateline.api.routers import actors, documents, events, ingest, quotes, search, stories
from dateline.nlp.pipeline import ALL_STAGES
from dateline.store import Store

log = logging.getLogger(__name__)

DEFAULT_MAX_REQUEST_BYTES = 10 * 1024 * 1024
WEB = Path(__file__).resolve().parents[1] / "web"
# DuckDB errors a client's values can cause (a number out of a column's range...): their fault, so 400.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {400: {"model": Problem, "description": "Bad parameter"}}
_CLIENT_ERRORS = (duckdb.ConversionException, duckdb.InvalidInputException, duckdb.OutOfRangeException)


class BodySizeLimit:
    """Refuse any request whose declared body is over the limit before reading it (ASGI middleware)."""

    def __init__(self, app: Any, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            length = dict(scope.get("headers") or []).get(b"content-length", b"")
            if length.isdigit() and int(length) > self.limit:
                response = JSONResponse({"detail": f"request body over {self.limit} bytes"}, status_code=413)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(db_path: str | Path, token: str | None = None, max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
               ingest_stages: tuple[str, ...] = ALL_STAGES, store: Store | None = None,
               cache_entries: int = DEFAULT_MAX_ENTRIES, query_threads: int | None = 1) -> FastAPI:
    """Build the app over the store at `db_path` (read-only unless a token enables POST /api/ingest).

    `cache_entries=0` turns the response cache off; `query_threads=None` keeps DuckDB's own thread count.
    """
    # The store stays open for the app's life; serve() closes it. (No lifespan close: test clients run the lifespan
    # once per client, and a closed store would turn every later request into a 500.)
    store = store or Store.open(db_path, read_only=token is None)
    if query_threads:
        store.con.execute(f"SET threads = {int(query_threads)}")
    app = FastAPI(
        title="dateline",
        version=__version__,
        description="Events (CAMEO + PLOVER), quotes, stories and merged cross-source events from news articles, "
                    "each fact tied to its evidence sentence.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.token = token
    app.state.max_request_bytes = max_request_bytes
    app.state.ingest_stages = tuple(ingest_stages)
    app.state.store_version = StoreVersion()  # bumped by every ingest; cached answers belong to one version
    for module in (stories, events, documents, quotes, actors, search, ingest):
        app.include_router(module.router, responses=ERROR_RESPONSES)
    _add_error_handlers(app)
    from dateline.web import pages

    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    app.add_middleware(BodySizeLimit, limit=max_request_bytes)
    app.add_middleware(ResponseCache, version=app.state.store_version, max_entries=cache_entries)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(duckdb.Error)
    async def duckdb_error(request: Request, exc: duckdb.Error) -> JSONResponse:
        if isinstance(exc, _CLIENT_ERRORS):
            return JSONResponse({"detail": f"bad parameter: {str(exc).splitlines()[0]}"}, status_code=400)
        log.exception("store error on %s", request.url.path)
        return JSONResponse({"detail": "store error"}, status_code=500)

    @app.exception_handler(ValueError)
    async def value_error(request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES, cache_entries: int = DEFAULT_MAX_ENTRIES,
          access_log: bool = False) -> None:
    """Run the API and web UI with uvicorn until interrupted (`dateline serve`).

    No access log by default: a formatted line per request costs more than a cached answer does.
    """
    import uvicorn

    app = create_app(db, token=token, max_request_bytes=max_request_bytes, cache_entries=cache_entries)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", timeout_keep_alive=30, access_log=access_log)
    finally:
        app.state.store.close()
