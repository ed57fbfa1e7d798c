"""Actors seen in events and the actor network (edges weighted by event counts, one per QuadClass)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from dateline.api.deps import MAX_INT, Connection, fast_json, Text
from dateline.api.routers.events import EventFilterParams
from dateline.api.schemas import ActorSummary, Network
from dateline.store import queries

router = APIRouter(prefix="/api", tags=["actors"])


@router.get("/actors", response_model=list[ActorSummary], summary="Actors, most active first")
def list_actors(con: Connection, q: Annotated[Text, Query(description="Part of a name or key.")] = None,
                country: Annotated[str | None, Query(pattern="^[A-Za-z]{3}$")] = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100, offset: Annotated[int, Query(ge=0, le=MAX_INT)] = 0):
    return fast_json(queries.actors(con, q, country, limit, offset))


@router.get("/network", response_model=Network, summary="Actor network: who acts on whom, by QuadClass")
def actor_network(con: Connection, filters: EventFilterParams,
                  min_events: Annotated[int, Query(ge=1, le=MAX_INT)] = 1,
                  max_edges: Annotated[int, Query(ge=1, le=5000)] = 500):
    return fast_json(queries.network(con, filters, min_events, max_edges))
