"""Every non-NLP setting, declared once as (name, default, help), and the options objects built from them.

The CLI's options and the docs are generated from this table, and a test checks that each setting is documented.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline.ingest.base import DEFAULT_MAX_BYTES
from dateline.nlp.pipeline import ALL_STAGES
from dateline.store.duckdb_store import DEFAULT_DB


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", DEFAULT_DB, "DuckDB file to write and read (created if missing)."),
    Setting("batch_size", 64, "Articles per batch: one store transaction (and one story-linking step) per batch."),
    Setting("workers", 0, "Processes for the per-article analysis (tokenise, spaCy, actors, events, quotes); "
                          "0 means one per CPU core, 1 runs it in the ingest process."),
    Setting("max_bytes", DEFAULT_MAX_BYTES, "Largest article accepted, in bytes; larger files are skipped."),
    Setting("stages", ",".join(ALL_STAGES), "NLP components to run after the English model."),
    Setting("date_order", False, "Sort the articles by publication date before linking them into stories (they are "
                                 "spooled to a temporary file first): for archives read out of date order, whose "
                                 "articles would otherwise arrive after their story has gone quiet."),
)
DEFAULTS = {s.name: s.default for s in SETTINGS}


@dataclass(frozen=True)
class IngestOptions:
    """How one ingest run works; built once from defaults plus CLI arguments."""

    db: str = DEFAULTS["db"]
    batch_size: int = DEFAULTS["batch_size"]
    workers: int = DEFAULTS["workers"]
    max_bytes: int = DEFAULTS["max_bytes"]
    stages: tuple[str, ...] = field(default=ALL_STAGES)
    date_order: bool = DEFAULTS["date_order"]

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if self.workers < 0:
            raise ValueError("workers must be 0 (all cores) or more")
        unknown = set(self.stages) - set(ALL_STAGES)
        if unknown:
            raise ValueError(f"unknown stages: {', '.join(sorted(unknown))}; choose from {', '.join(ALL_STAGES)}")
