"""Quotes with resolved speakers, and statements: the same words reported by several articles, grouped."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from dateline.api.deps import Connection, CursorParam, decode_cursor, encode_cursor, fast_json, Limit, Text
from dateline.api.schemas import QuotePage, StatementPage
from dateline.store import queries

router = APIRouter(tags=["quotes"])
Kind = Annotated[str | None, Query(pattern="^(direct|indirect|mixed)$")]


def _filter(speaker: str | None, statement: str | None, doc: str | None, story: str | None,
            kind: str | None) -> queries.QuoteFilter:
    return queries.QuoteFilter(speaker, statement, doc, story, kind)


@router.get("/api/quotes", response_model=QuotePage, summary="Quotes in document order")
def list_quotes(con: Connection, speaker: Annotated[Text, Query(description="kb_id or part of a name.")] = None,
                statement: Text = None, doc: Text = None, story: Text = None, kind: Kind = None,
                limit: Limit = 100, cursor: CursorParam = None):
    filters = _filter(speaker, statement, doc, story, kind)
    page = queries.quotes(con, filters, after=decode_cursor("quotes", cursor), limit=limit)
    return fast_json({"items": page.rows, "next_cursor": encode_cursor("quotes", page.next_after)})


@router.get("/api/statements", response_model=StatementPage, summary="Quotes grouped by statement")
def list_statements(con: Connection, speaker: Text = None, doc: Text = None, story: Text = None,
                    kind: Kind = None, limit: Limit = 100, cursor: CursorParam = None):
    filters = _filter(speaker, None, doc, story, kind)
    page = queries.statements(con, filters, after=decode_cursor("statements", cursor), limit=limit)
    return fast_json({"items": page.rows, "next_cursor": encode_cursor("statements", page.next_after)})
