"""The data contract: frozen dataclasses whose field names are the export fields (see docs/data-contract.md).

Stages after NLP exchange these records; the store writes them and every export reads them back. Field names are
fixed by DESIGN.md; fields may be added, never renamed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


def iso_day(value: str | date | None) -> date | None:
    """The calendar day of a contract date field (ISO date or datetime text); None when absent or unreadable."""
    if value is None or isinstance(value, date):
        return value.date() if hasattr(value, "date") else value
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class ActorRef:
    """A resolved actor: who a mention points to.

    `country` is ISO-3 (or IGO/NGO), `code` the CAMEO actor code (IRNGOV, IGOMOSOIC), `kb_id` the knowledge-base key
    (None for actors built from a nationality and a title only). `framing` keeps a loaded label ("the Zionist regime").
    """

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    kb_id: str | None = None
    framing: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """Where an event was read: the full sentence and the offsets of the event text in the document."""

    doc_id: str
    sentence: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None


@dataclass(frozen=True)
class Event:
    """One coded event. Before story merging there is one per mention; after it, one per real-world event."""

    event_id: str
    date: str | None
    date_source: str  # "text" | "published"
    actor: ActorRef | None
    recipient: ActorRef | None
    cameo: str
    cameo_root: str
    goldstein: float | None
    quad_class: int | None
    plover: str | None
    plover_mode: str | None
    modality: str  # "asserted" | "negated" | "hypothetical" | "future" | "reported"
    location: Location | None
    confidence: float
    mentions: tuple[Mention, ...]
    story_id: str | None = None
    num_sources: int = 1
    num_mentions: int = 1
    trigger: str | None = None  # the verb or noun that carried the event
    # Its lemma, with a verb's particle ("call off"): reports that use one act word for a story's event are one event
    # (dateline.stories.event_merge).
    trigger_lemma: str | None = None
    # For a statement event ("Raisi stressed that ..."), the statement_id of the quote it introduces: two reports of
    # one statement, in any wording or translation, are one event, and two statements are two (set at linking).
    statement_id: str | None = None
    reported_by: str | None = None  # event_id of the statement event that reports this one

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Quote:
    quote_id: str
    doc_id: str
    text: str
    kind: str  # "direct" | "indirect" | "mixed"
    char_start: int
    char_end: int
    speaker: ActorRef | None
    cue: str | None
    statement_id: str | None = None
    speaker_start: int | None = None  # offsets of the speaker phrase in the document
    speaker_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    index: int
    char_start: int
    char_end: int
    text: str


@dataclass(frozen=True)
class Document:
    """A normalised article. `text` is what every offset points into."""

    doc_id: str
    text: str
    external_id: str | None = None
    uri: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None  # ISO date or datetime
    published_source: str | None = None  # manifest | input | json-ld | meta | feed | warc | text | none
    dateline: str | None = None
    language: str | None = None
    license: str | None = None
    author: str | None = None
    story_id: str | None = None
    duplicate_of: str | None = None

    @property
    def char_count(self) -> int:
        return len(self.text)


@dataclass(frozen=True)
class Story:
    story_id: str
    title: str | None
    doc_ids: tuple[str, ...]
    event_ids: tuple[str, ...]
    first_published: str | None
    last_published: str | None


@dataclass
class Analysis:
    """Everything the NLP stages found in one document, on its way to the store."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    features: Any = None  # dateline.stories.features.ArticleFeatures: what story clustering compares
