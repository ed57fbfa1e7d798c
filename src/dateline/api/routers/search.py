"""Full-text search over articles (every word must occur; no index extension to download)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from dateline.api.deps import MAX_INT, Connection, fast_json
from dateline.api.schemas import Overview, SearchHit
from dateline.store import queries

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=list[SearchHit], summary="Articles holding every word of q, best first")
def search(con: Connection, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Annotated[int, Query(ge=0, le=MAX_INT)] = 0):
    return fast_json(queries.search(con, q, limit, offset))


@router.get("/overview", response_model=Overview, summary="How much the store holds")
def overview(con: Connection):
    return fast_json(queries.overview(con))
