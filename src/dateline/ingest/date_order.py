"""Articles in publication-date order, for archives read in any other order (files by name, feeds newest first).

Story clustering follows the news as it happens: a story quiet for longer than its window stops taking articles, and
an article already older than the retirement horizon when it arrives starts a story of its own. Sorting first keeps
an archive's stories whole. The documents are spooled to a temporary file, so memory holds one (date, offset) pair per
article, not the corpus; the sort needs the whole input read before the first article is analysed.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict

from dateline.records import Document, iso_day


def in_date_order(documents: Iterable[Document]) -> Iterator[Document]:
    """The documents sorted by publication day, undated ones first, ties in input order (a stable sort)."""
    with tempfile.TemporaryFile(mode="w+b", prefix="dateline-order-") as spool:
        index: list[tuple[bool, str, int, int]] = []
        for position, document in enumerate(documents):
            day = iso_day(document.published)
            index.append((day is not None, day.isoformat() if day else "", position, spool.tell()))
            spool.write(json.dumps(asdict(document), ensure_ascii=False).encode("utf-8") + b"\n")
        index.sort()
        for _, _, _, offset in index:
            spool.seek(offset)
            yield Document(**json.loads(spool.readline()))
