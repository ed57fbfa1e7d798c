"""Articles: lists, and one article with its text and the spans of its events and quotes for highlighting."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from dateline.api.deps import Connection, CursorParam, decode_cursor, encode_cursor, fast_json, Limit, not_found, Text
from dateline.api.schemas import DocumentDetail, DocumentPage
from dateline.store import queries

router = APIRouter(prefix="/api/documents", tags=["documents"])


@router.get("", response_model=DocumentPage, summary="Articles in ingest order")
def list_documents(con: Connection, story: Text = None, source: Text = None, since: date | None = None,
                   until: date | None = None, limit: Limit = 100, cursor: CursorParam = None):
    filters = queries.DocumentFilter(story, source, since and since.isoformat(), until and until.isoformat())
    page = queries.documents(con, filters, after=decode_cursor("documents", cursor), limit=limit)
    return fast_json({"items": page.rows, "next_cursor": encode_cursor("documents", page.next_after)})


@router.get("/{doc_id}", response_model=DocumentDetail, summary="One article with text and highlight spans",
            responses={404: {"description": "No such document"}})
def get_document(con: Connection, doc_id: str):
    found = queries.document(con, doc_id)
    if found is None:
        raise not_found("document", doc_id)
    return fast_json(found)
