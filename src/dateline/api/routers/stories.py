"""Stories: the articles that tell one story, with the timeline of their merged events and their statements."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from dateline.api.deps import Connection, CursorParam, decode_cursor, encode_cursor, fast_json, Limit, not_found
from dateline.api.schemas import StoryDetail, StoryPage
from dateline.store import queries

router = APIRouter(prefix="/api/stories", tags=["stories"])


@router.get("", response_model=StoryPage, summary="Stories by first publication date")
def list_stories(con: Connection, since: date | None = None, until: date | None = None, limit: Limit = 100,
                 cursor: CursorParam = None):
    page = queries.stories(con, since and since.isoformat(), until and until.isoformat(),
                           after=decode_cursor("stories", cursor), limit=limit)
    return fast_json({"items": page.rows, "next_cursor": encode_cursor("stories", page.next_after)})


@router.get("/{story_id}", response_model=StoryDetail, summary="One story with timeline, articles and statements",
            responses={404: {"description": "No such story"}})
def get_story(con: Connection, story_id: str):
    found = queries.story(con, story_id)
    if found is None:
        raise not_found("story", story_id)
    return fast_json(found)
