"""The Python API over a dateline store: `db = dateline.open("news.duckdb")`, then `db.events(actor="IRN")`.

Results are contract rows (the same fields as every export) that turn into Arrow, pandas or polars tables; pandas and
polars are imported only when asked for, so notebooks without them still work.

Example:
    >>> db = dateline.open("dateline.duckdb")
    >>> db.events(actor="IRN", plover="CONSULT", since="2023-04-01").to_pandas()
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from dateline.store import Store, queries
from dateline.store.export import parquet_schema

class Result:
    """Rows of one table: iterate over dicts, or convert with `to_arrow()`, `to_pandas()`, `to_polars()`."""

    def __init__(self, rows: list[dict[str, Any]], fields: Iterable[str]):
        self.rows = rows
        self.fields = tuple(fields)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.rows[index]

    def __repr__(self) -> str:
        return f"<Result {len(self.rows)} rows: {', '.join(self.fields)}>"

    def to_arrow(self) -> pa.Table:
        schema = parquet_schema(self.fields)
        rows = [{name: _arrow_value(name, row.get(name)) for name in self.fields} for row in self.rows]
        return pa.Table.from_pylist(rows, schema=schema)

    def to_pandas(self) -> Any:
        """A pandas DataFrame (needs pandas installed); nested fields stay Python dicts and lists."""
        return self.to_arrow().to_pandas()

    def to_polars(self) -> Any:
        """A polars DataFrame (needs polars installed); nested fields become struct and list columns."""
        import polars

        return polars.from_arrow(self.to_arrow())


def _arrow_value(name: str, value: Any) -> Any:
    # Arrow holds contract fields as structs; free-form `variants` has no fixed shape, so it stays JSON text.
    if name == "variants" and value is not None and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return value


def _iso(value: str | date | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else date.fromisoformat(str(value)[:10]).isoformat()


class Database:
    """A dateline store opened for analysis. Read-only unless opened with `read_only=False`."""

    def __init__(self, store: Store):
        self.store = store

    @property
    def path(self) -> str:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _cursor(self) -> Any:
        return self.store.con.cursor()

    def events(self, actor: str | None = None, recipient: str | None = None, plover: str | None = None,
               cameo: str | None = None, quad_class: int | None = None, since: str | date | None = None,
               until: str | date | None = None, story: str | None = None, min_sources: int | None = None,
               doc: str | None = None, modality: str | None = None, limit: int | None = None) -> Result:
        """Merged events in date order. `actor`/`recipient` take an ISO-3 country, a CAMEO code or prefix (IRN
        matches IRNGOV), a kb_id or a name; `cameo` is a code prefix; dates are inclusive ISO dates."""
        if quad_class is not None and quad_class not in (1, 2, 3, 4):
            raise ValueError("quad_class must be 1, 2, 3 or 4")
        filters = queries.EventFilter(actor, recipient, plover, cameo, quad_class, _iso(since), _iso(until), story,
                                      min_sources, doc, modality)
        with self._cursor() as con:
            rows = queries.events(con, filters, limit=limit).rows
        return Result(rows, (*queries.CONTRACT["events"], "variants"))

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with every coded mention and its evidence sentence, or None."""
        with self._cursor() as con:
            return queries.event(con, event_id)

    def quotes(self, speaker: str | None = None, statement: str | None = None, doc: str | None = None,
               story: str | None = None, kind: str | None = None, limit: int | None = None) -> Result:
        """Quotes in document order; `speaker` is a kb_id or part of the speaker's name."""
        with self._cursor() as con:
            rows = queries.quotes(con, queries.QuoteFilter(speaker, statement, doc, story, kind), limit=limit).rows
        return Result(rows, queries.CONTRACT["quotes"])

    def stories(self, since: str | date | None = None, until: str | date | None = None,
                limit: int | None = None) -> Result:
        with self._cursor() as con:
            rows = queries.stories(con, _iso(since), _iso(until), limit=limit).rows
        return Result(rows, queries.CONTRACT["stories"])

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story with its documents, events (timeline order) and statements, or None."""
        with self._cursor() as con:
            return queries.story(con, story_id)

    def documents(self, story: str | None = None, source: str | None = None, since: str | date | None = None,
                  until: str | date | None = None, limit: int | None = None) -> Result:
        filters = queries.DocumentFilter(story, source, _iso(since), _iso(until))
        with self._cursor() as con:
            rows = queries.documents(con, filters, limit=limit).rows
        return Result(rows, (*queries.CONTRACT["documents"], "author"))

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with text, sentences and the spans of its events and quotes, or None."""
        with self._cursor() as con:
            return queries.document(con, doc_id)

    def search(self, text: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles holding every word of `text`, best first, with a highlighted snippet."""
        with self._cursor() as con:
            return queries.search(con, text, limit=limit)

    def ingest(self, paths: Iterable[str | Path], **options: Any) -> Any:
        """Ingest files or directories into this store (open it with read_only=False); returns the IngestReport.

        Options are IngestOptions fields: batch_size, workers, max_bytes, stages.
        """
        from dateline.runner import ingest
        from dateline.settings import IngestOptions

        if self.store.read_only:
            raise PermissionError(f"{self.path} is open read-only: use dateline.open(path, read_only=False)")
        if "stages" in options:
            options["stages"] = tuple(options["stages"])
        return ingest(list(paths), IngestOptions(db=self.path, **options), store=self.store)


def open(path: str | Path = "dateline.duckdb", read_only: bool = True) -> Database:  # noqa: A001 - dateline.open
    """Open a dateline store for analysis (read-only by default; `read_only=False` creates it and allows ingest)."""
    return Database(Store.open(path, read_only=read_only))
