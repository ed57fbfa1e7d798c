"""What readers produce: raw articles with whatever metadata the input carried, before normalisation."""

from __future__ import annotations

from dataclasses import dataclass, replace

# One article larger than this is almost certainly not an article (a log, a dump, a whole book); reading it would
# hold the batch hostage. Users raise it with --max-bytes.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class RawDocument:
    """One article as read. `where` names it in messages ("a.jsonl:7", "feed.xml#3")."""

    where: str
    text: str
    external_id: str | None = None
    uri: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    published_source: str | None = None
    language: str | None = None
    license: str | None = None
    author: str | None = None

    def with_metadata(self, **fields: str | None) -> RawDocument:
        """Fill fields from a manifest or caller, keeping values the input itself gave."""
        updates = {k: v for k, v in fields.items() if v and not getattr(self, k)}
        return replace(self, **updates) if updates else self
