"""Near-duplicate detection: a syndicated copy of an article gets `duplicate_of` instead of a story of its own.

MinHash over word shingles estimates the Jaccard resemblance of two texts; LSH banding (Mining of Massive Datasets,
ch. 3) finds the candidates without comparing against every stored article, so a lookup costs the same at 1,000 or
1,000,000 stored documents. Every candidate is then checked against the threshold with the full signature.

Syndication happens within days, so the index keeps only the articles published within `retire_days` of the newest
one it has seen, and of undated articles the last `retire_undated` added: memory follows the news window, not the
size of the store. A copy published later than that is treated as a new article.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from dateline.records import iso_day

# Wire copies differ by a headline, a byline, a licence footer or an agency credit: on the bundled example and on
# hand-edited copies of ECB+ articles such edits keep 5-word shingle Jaccard above 0.85, while two different reports
# of one event (same facts, own wording) stay below 0.3. 0.8 leaves a margin on both sides.
DEFAULT_THRESHOLD = 0.8
DEFAULT_NUM_PERM = 128
DEFAULT_SHINGLE = 5
DEFAULT_SEED = 1
# Wires syndicate within days; a copy published after the story window (the clusterer's `max_gap_days`) is new news.
DEFAULT_RETIRE_DAYS = 21
# Undated articles have no clock but their arrival: one is forgotten once this many articles have come after it (a
# feed without dates at 20,000 articles a day still keeps a day of copies to match against).
DEFAULT_RETIRE_UNDATED = 20_000

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = DEFAULT_SHINGLE) -> set[str]:
    """Lower-cased word n-grams; a text shorter than `size` words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """An index of article signatures that answers "which stored article is this a copy of?".

    Example:
        >>> index = NearDuplicateIndex()
        >>> index.add("a", "The quick brown fox jumps over the lazy dog near the river bank today.")
        >>> index.query("The quick brown fox jumps over the lazy dog near the river bank today!")
        'a'
    """

    def __init__(
        self,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = DEFAULT_NUM_PERM,
        seed: int = DEFAULT_SEED,
        shingle_size: int = DEFAULT_SHINGLE,
        retire_days: int = DEFAULT_RETIRE_DAYS,
        retire_undated: int = DEFAULT_RETIRE_UNDATED,
    ):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if retire_days < 0 or retire_undated < 1:
            raise ValueError("retire_days must not be negative and retire_undated must be positive")
        self.threshold = threshold
        self.num_perm = num_perm
        self.seed = seed
        self.shingle_size = shingle_size
        self.retire_days = retire_days
        self.retire_undated = retire_undated
        # A lower LSH threshold than the decision threshold: LSH only proposes, the full signature decides.
        self._lsh = MinHashLSH(threshold=max(0.5, threshold - 0.2), num_perm=num_perm)
        template = MinHash(num_perm=num_perm, seed=seed)
        self._permutations, self._default_scheme = template.permutations, template.scheme  # made once, not per article
        self._hashvalues: dict[str, np.ndarray] = {}  # doc_id -> signature (the MinHash objects are not kept)
        self._order: dict[str, int] = {}  # doc_id -> insertion rank: ties go to the earliest article
        self._scheme: str | None = None
        self.next_seq = 0
        self.newest: date | None = None
        self._by_date: list[tuple[date, str]] = []  # heap of (published, doc_id) of dated articles
        self._undated: list[tuple[int, str]] = []  # heap of (insertion number, doc_id) of undated articles

    def __len__(self) -> int:
        return len(self._hashvalues)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._hashvalues

    def seq_of(self, doc_id: str) -> int:
        return self._order[doc_id]

    def signature(self, text: str) -> MinHash:
        minhash = MinHash(num_perm=self.num_perm, seed=self.seed, permutations=self._permutations,
                          scheme=self._default_scheme)
        minhash.update_batch([s.encode("utf-8") for s in shingles(text, self.shingle_size)])
        return minhash

    def add(self, doc_id: str, text: str, published: str | date | None = None) -> None:
        """Store an article's signature; adding a known doc_id again does nothing (idempotent re-ingest)."""
        self.add_signature(doc_id, self.signature(text), published)

    def add_signature(self, doc_id: str, minhash: MinHash, published: str | date | None = None,
                      seq: int | None = None) -> int | None:
        """Store a signature; returns its insertion number (None when the doc_id is known). An article published
        before the horizon is numbered and retired at once."""
        if doc_id in self._hashvalues:
            return None
        if minhash.seed != self.seed or len(minhash) != self.num_perm:
            raise ValueError("signature was made with a different seed or num_perm than this index")
        self._lsh.insert(doc_id, minhash)
        self._hashvalues[doc_id] = np.asarray(minhash.hashvalues, dtype=np.uint64)
        self._scheme = minhash.scheme
        seq = self.next_seq if seq is None else seq
        self._order[doc_id] = seq
        self.next_seq = max(self.next_seq, seq + 1)
        day = iso_day(published)
        if day is not None:
            heapq.heappush(self._by_date, (day, doc_id))
            self.advance(day)  # a late article already past the horizon leaves at once, as `from_rows` skips it
        else:
            heapq.heappush(self._undated, (seq, doc_id))
        self._retire_undated()
        return seq

    def advance(self, published: str | date | None) -> None:
        """Move the index's clock to an article's publication date (called before querying for it, so that a copy
        published months after its original is not matched against it)."""
        day = iso_day(published)
        if day is None:
            return
        if self.newest is None or day > self.newest:
            self.newest = day
        self._retire_old()

    def horizon(self) -> date | None:
        """Articles published before this date have left the index (None: none has)."""
        return self.newest - timedelta(days=self.retire_days) if self.newest else None

    def _retire_old(self) -> None:
        horizon = self.horizon()
        while self._by_date and self._by_date[0][0] < horizon:
            self._forget(heapq.heappop(self._by_date)[1])

    def _retire_undated(self) -> None:
        while self._undated and self._undated[0][0] < self.next_seq - self.retire_undated:
            self._forget(heapq.heappop(self._undated)[1])

    def _forget(self, doc_id: str) -> None:
        self._lsh.remove(doc_id)
        del self._hashvalues[doc_id]
        del self._order[doc_id]

    def query(self, text: str) -> str | None:
        """The earliest stored article this text duplicates (estimated Jaccard >= threshold), else None."""
        return self.query_signature(self.signature(text))

    def query_signature(self, minhash: MinHash) -> str | None:
        if minhash.is_empty():
            return None
        values = np.asarray(minhash.hashvalues, dtype=np.uint64)
        best: tuple[float, int, str] | None = None
        for doc_id in self._lsh.query(minhash):
            similarity = float(np.count_nonzero(values == self._hashvalues[doc_id])) / len(values)
            if similarity >= self.threshold:
                key = (-similarity, self._order[doc_id], doc_id)
                if best is None or key < best:
                    best = key
        return best[2] if best else None

    def check_and_add(self, doc_id: str, text: str, published: str | date | None = None) -> str | None:
        """Query then add: returns the original this article duplicates, or None; the article is stored either way."""
        minhash = self.signature(text)
        self.advance(published)
        original = self.query_signature(minhash)
        self.add_signature(doc_id, minhash, published)
        return original

    def to_rows(self) -> Iterator[dict[str, Any]]:
        """One row per article in memory: `doc_id`, `seq` (insertion order), `scheme`, `signature` (num_perm ints)."""
        for doc_id, seq in sorted(self._order.items(), key=lambda item: item[1]):
            yield {"doc_id": doc_id, "seq": seq, "scheme": self._scheme, "signature": self._hashvalues[doc_id].tolist()}

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, Any]], next_seq: int = 0, **options: Any) -> NearDuplicateIndex:
        """The index the rows were saved from; rows may carry `published`, and those older than the newest one's
        horizon are skipped as they would have been retired. `next_seq` continues the numbering of a store whose
        newest rows were retired."""
        index = cls(**options)
        rows = sorted(rows, key=lambda r: r["seq"])
        dates = [day for day in (iso_day(r.get("published")) for r in rows) if day]
        horizon = max(dates) - timedelta(days=index.retire_days) if dates else None
        for row in rows:
            day = iso_day(row.get("published"))
            if horizon and day and day < horizon:
                continue
            values = np.asarray(row["signature"], dtype=np.uint64)
            minhash = MinHash(num_perm=index.num_perm, seed=index.seed, hashvalues=values,
                              permutations=index._permutations, scheme=row["scheme"])
            index.add_signature(row["doc_id"], minhash, day, seq=row["seq"])
        index.next_seq = max(index.next_seq, next_seq)
        index._retire_undated()
        return index
