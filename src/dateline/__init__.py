"""dateline: news articles in, a verifiable database of events, quotes and stories out.

The public Python API:

    >>> import dateline
    >>> db = dateline.open("dateline.duckdb")                       # doctest: +SKIP
    >>> db.events(actor="IRN", plover="CONSULT").to_pandas()        # doctest: +SKIP
    >>> dateline.ingest(["articles/"], dateline.IngestOptions(db="news.duckdb"))  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["open", "ingest", "IngestOptions", "__version__"]

if TYPE_CHECKING:
    from dateline.database import Database
    from dateline.runner import IngestReport
    from dateline.settings import IngestOptions


def open(path: str = "dateline.duckdb", read_only: bool = True) -> Database:  # noqa: A001 - dateline.open
    """Open a store for analysis: events, quotes, stories and documents as data frames."""
    from dateline.database import open as open_database

    return open_database(path, read_only=read_only)


def ingest(paths: Any, options: IngestOptions | None = None) -> IngestReport:
    """Ingest files, directories or `-` (stdin JSONL) into the store named by `options.db`."""
    from dateline.runner import ingest as run

    return run(paths, options)


def __getattr__(name: str) -> Any:
    if name == "IngestOptions":  # imported lazily: `import dateline` stays light (no spaCy until needed)
        from dateline.settings import IngestOptions

        return IngestOptions
    raise AttributeError(name)
