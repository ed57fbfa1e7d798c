"""Response models: the data contract as the OpenAPI document shows it (and as schemathesis checks it)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Actor(BaseModel):
    text: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    kb_id: str | None = None
    framing: str | None = None


class Mention(BaseModel):
    doc_id: str
    sentence: str | None = None
    char_start: int | None = None
    char_end: int | None = None


class Event(BaseModel):
    event_id: str
    story_id: str | None = None
    date: str | None = None
    date_source: str | None = None
    actor: Actor | None = None
    recipient: Actor | None = None
    cameo: str
    cameo_root: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    plover: str | None = None
    plover_mode: str | None = None
    modality: str | None = None
    location: dict[str, Any] | None = None
    confidence: float | None = None
    num_sources: int | None = None
    num_mentions: int | None = None
    mentions: list[Mention] = Field(default_factory=list)
    variants: Any = None


class CodedMention(BaseModel):
    """One report of the event: how it was coded in one article, and the sentence that says so."""

    mention_id: str
    doc_id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    date: str | None = None
    date_source: str | None = None
    actor: Actor | None = None
    recipient: Actor | None = None
    cameo: str | None = None
    plover: str | None = None
    modality: str | None = None
    trigger: str | None = None
    sentence: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None


class EventDetail(Event):
    coded_mentions: list[CodedMention]


class Page(BaseModel):
    next_cursor: str | None = Field(None, description="Pass as `cursor` to get the next page; null on the last page.")


class EventPage(Page):
    items: list[Event]


class Document(BaseModel):
    doc_id: str
    external_id: str | None = None
    uri: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    published_source: str | None = None
    dateline: str | None = None
    language: str | None = None
    license: str | None = None
    story_id: str | None = None
    duplicate_of: str | None = None
    char_count: int | None = None
    author: str | None = None


class DocumentPage(Page):
    items: list[Document]


class SentenceSpan(BaseModel):
    idx: int
    char_start: int
    char_end: int


class EventSpan(BaseModel):
    event_id: str
    char_start: int | None = None
    char_end: int | None = None
    cameo: str | None = None
    plover: str | None = None
    trigger: str | None = None
    quad_class: int | None = None


class QuoteSpan(BaseModel):
    quote_id: str
    char_start: int | None = None
    char_end: int | None = None
    kind: str | None = None
    speaker_name: str | None = None
    statement_id: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


class DocumentDetail(Document):
    text: str
    sentences: list[SentenceSpan]
    event_spans: list[EventSpan]
    quote_spans: list[QuoteSpan]


class Quote(BaseModel):
    quote_id: str
    doc_id: str
    text: str
    kind: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    speaker: Actor | None = None
    cue: str | None = None
    statement_id: str | None = None


class QuotePage(Page):
    items: list[Quote]


class Statement(BaseModel):
    statement_id: str
    speaker_name: str | None = None
    num_quotes: int
    num_sources: int
    quotes: list[Quote]


class StatementPage(Page):
    items: list[Statement]


class Story(BaseModel):
    story_id: str
    title: str | None = None
    doc_ids: list[str]
    event_ids: list[str]
    first_published: str | None = None
    last_published: str | None = None


class StoryPage(Page):
    items: list[Story]


class StoryDetail(Story):
    documents: list[Document]
    events: list[Event] = Field(description="The story's timeline: merged events in date order.")
    statements: list[Statement]


class ActorSummary(BaseModel):
    key: str
    actor: Actor | None = None
    as_actor: int
    as_recipient: int
    num_events: int


class NetworkNode(BaseModel):
    id: str
    label: str
    country: str | None = None
    events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    quad_class: int | None = None
    events: int
    sources: int


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class SearchHit(BaseModel):
    doc_id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    story_id: str | None = None
    score: float
    snippet: str
    highlights: list[list[int]] = Field(description="[start, end) offsets of the search terms in the snippet.")


class Overview(BaseModel):
    documents: int
    events: int
    quotes: int
    stories: int
    first_event: str | None = None
    last_event: str | None = None


class IngestResult(BaseModel):
    new: int
    unchanged: int
    failed: int
    failures: list[str]
    new_doc_ids: list[str]


class Problem(BaseModel):
    detail: Any
