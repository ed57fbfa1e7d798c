"""RSS and Atom feeds: one article per entry, from its full content or, failing that, its summary."""

from __future__ import annotations

import time
from collections.abc import Iterator

import feedparser
import lxml.html

from dateline.errors import UnreadableInput
from dateline.ingest.base import RawDocument


def _html_to_text(html: str) -> str:
    if "<" not in html:
        return html
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in tree.iter("p", "div", "li", "h1", "h2", "h3", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return tree.text_content()


def read_feed(data: bytes, name: str) -> Iterator[RawDocument | UnreadableInput]:
    feed = feedparser.parse(data)
    if not feed.entries:
        problem = f"not a readable feed ({feed.bozo_exception})" if feed.bozo else "feed has no entries"
        yield UnreadableInput(name, problem)
        return
    source = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{name}#{number}"
        contents = [c.get("value", "") for c in entry.get("content", [])]
        body = max(contents, key=len) if contents else entry.get("summary", "")
        text = _html_to_text(body).strip()
        if not text:
            yield UnreadableInput(where, "feed entry has no content or summary")
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None
        yield RawDocument(
            where=where,
            text=text,
            external_id=entry.get("id"),
            uri=entry.get("link"),
            title=entry.get("title"),
            source=source,
            author=entry.get("author"),
            published=published,
            published_source="feed" if published else None,
        )
