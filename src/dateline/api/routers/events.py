"""Merged events: filtered, cursor-paged lists and one event with all its mentions and evidence sentences."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from dateline.api.deps import (
    MAX_INT,
    Connection,
    CursorParam,
    decode_cursor,
    encode_cursor,
    fast_json,
    Limit,
    not_found,
    Text,
)
from dateline.api.schemas import EventDetail, EventPage
from dateline.store import queries

router = APIRouter(prefix="/api/events", tags=["events"])


def event_filter(
    actor: Annotated[Text, Query(description="ISO-3 country, CAMEO actor code or prefix (IRN matches IRNGOV), "
                                             "kb_id or name.")] = None,
    recipient: Annotated[Text, Query(description="Same forms as actor.")] = None,
    plover: Annotated[Text, Query(description="PLOVER event type, e.g. CONSULT.")] = None,
    cameo: Annotated[str | None, Query(max_length=4, pattern=r"^\d{1,4}$", description="CAMEO code prefix.")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="1 verbal coop., 2 material coop., "
                                                                    "3 verbal conflict, 4 material conflict.")] = None,
    since: Annotated[date | None, Query(description="Events on or after this date.")] = None,
    until: Annotated[date | None, Query(description="Events on or before this date.")] = None,
    story: Text = None,
    min_sources: Annotated[int | None, Query(ge=0, le=MAX_INT, description="At least this many articles.")] = None,
    doc: Annotated[Text, Query(description="Events reported in this document.")] = None,
    modality: Annotated[Text, Query(description="asserted, negated, hypothetical, future or reported.")] = None,
) -> queries.EventFilter:
    return queries.EventFilter(actor, recipient, plover, cameo, quad_class, since and since.isoformat(),
                               until and until.isoformat(), story, min_sources, doc, modality)


EventFilterParams = Annotated[queries.EventFilter, Depends(event_filter)]


@router.get("", response_model=EventPage, summary="Merged events, filtered, in date order")
def list_events(con: Connection, filters: EventFilterParams, limit: Limit = 100, cursor: CursorParam = None):
    page = queries.events(con, filters, after=decode_cursor("events", cursor), limit=limit)
    return fast_json({"items": page.rows, "next_cursor": encode_cursor("events", page.next_after)})


@router.get("/{event_id}", response_model=EventDetail, summary="One event with its mentions and evidence sentences",
            responses={404: {"description": "No such event"}})
def get_event(con: Connection, event_id: str):
    found = queries.event(con, event_id)
    if found is None:
        raise not_found("event", event_id)
    return fast_json(found)
