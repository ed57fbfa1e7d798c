"""One `statement_id` for the same statement by the same speaker across articles, translations and forms.

Word overlap fails here (the two English translations of one Raisi statement in the bundled example share about 0.38
of their words), so a pair of quotes is one statement when all three hold:
1. the same speaker (knowledge-base id, else the same name or part of it: "Raisi" ~ "Ebrahim Raisi");
2. published within `window_days` of each other;
3. cosine similarity of their vectors (static word pieces distilled from MiniLM, dateline.quotes.embeddings) >=
   `threshold`; two quotes of one article need more.
Matching clauses separately was tried and dropped: on the example it joined a Raisi demand with a different Raisi
statement (0.95 on a shared "crimes of the Zionist regime" clause).
Pairs are joined transitively; a group takes the statement id of its first quote in ingest order, so ids never change
when later articles arrive, and one batch or many give the same ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from dateline.quotes.embeddings import Embedder, default_embedder

# Calibrated with `python bench/quotes.py --calibrate` on bench/data/quotes_gold.jsonl and the bundled example, with
# the static vectors (192 dimensions): across articles, same-statement pairs of one speaker scored 0.643-0.94 (below:
# one paraphrase at 0.606, which MiniLM matched, and one loose Raisi restatement at 0.33, which it missed too) and
# different statements of one speaker at most 0.602, except a minister's two reports on one investigation days apart
# ("suspects had been detained in raids" / "14 suspects detained ... had been charged", passages p47-p50) at 0.627:
# the threshold is the middle of the gap between 0.627 and the lowest example pair (0.643). Within one article a
# speaker's different statements on one topic reach 0.611, and an article seldom repeats a statement, so pairs from
# one document need near-paraphrase similarity.
STATEMENT_THRESHOLD = 0.635
SAME_DOCUMENT_THRESHOLD = 0.85
STATEMENT_WINDOW_DAYS = 7
EMBEDDING_CACHE_SIZE = 20_000  # quotes whose vectors a run keeps (about 20 MB)


@dataclass(frozen=True)
class QuoteContext:
    """What statement matching needs to know about one quote."""

    quote_id: str
    text: str
    speaker_kb_id: str | None
    speaker_name: str | None
    published: date | None
    statement_id: str | None = None
    doc_id: str | None = None


def _name_words(name: str | None) -> tuple[str, ...]:
    folded = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()  # Stéphane ~ Stephane
    return tuple(re.findall(r"\w+", folded.lower()))


def same_speaker(a: QuoteContext, b: QuoteContext) -> bool:
    """Same kb id; or, when either lacks one, one name's words all in the other ("Lula" ~ "Luiz Inacio Lula da Silva",
    "Raisi" ~ "Ebrahim Raisi")."""
    if a.speaker_kb_id and b.speaker_kb_id:
        return a.speaker_kb_id == b.speaker_kb_id
    first, second = set(_name_words(a.speaker_name)), set(_name_words(b.speaker_name))
    if not first or not second:
        return False
    return first <= second or second <= first


def _within(a: QuoteContext, b: QuoteContext, window_days: int) -> bool:
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).days) <= window_days


def _with_same_speaker_partner(pool: Sequence[QuoteContext], new_ids: set[str]) -> list[int]:
    """Indices of attributed quotes that share a speaker with a quote of another article, at least one of the two new.

    Statements are matched across articles; a quote whose speaker no other article quotes is its own statement, and
    is not embedded at all (embedding is this stage's main cost: bench/profile_pipeline.py).
    """
    attributed = [i for i, q in enumerate(pool) if q.speaker_kb_id or q.speaker_name]
    keep = set()
    for x, i in enumerate(attributed):
        for j in attributed[x + 1 :]:
            a, b = pool[i], pool[j]
            other_article = a.doc_id is None or a.doc_id != b.doc_id
            if other_article and (a.quote_id in new_ids or b.quote_id in new_ids) and same_speaker(a, b):
                keep.update((i, j))
    return sorted(keep)


class StatementMatcher:
    """Assign statement ids to new quotes, given earlier quotes (candidates) that may already carry one.

    >>> matcher = StatementMatcher()  # doctest: +SKIP
    >>> matcher.assign(new_quotes, candidates)  # doctest: +SKIP
    {'quote-id': 'statement-id', ...}
    """

    def __init__(
        self,
        embedder: Embedder | None = None,
        threshold: float = STATEMENT_THRESHOLD,
        window_days: int = STATEMENT_WINDOW_DAYS,
    ):
        self._embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}  # text -> embedding: stored quotes come back as candidates
        self.threshold = threshold
        self.window_days = window_days

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = default_embedder()
        return self._embedder

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two texts' embeddings."""
        return float(self._similarities([a, b])[0, 1])

    def _similarities(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            for text, vector in zip(missing, np.asarray(self.embedder.encode(missing))):
                if len(self._vectors) >= EMBEDDING_CACHE_SIZE:
                    self._vectors.pop(next(iter(self._vectors)))  # oldest first
                self._vectors[text] = vector
        vectors = np.stack([self._vectors[t] for t in texts])
        return vectors @ vectors.T

    def matches(self, a: QuoteContext, b: QuoteContext, similarity: float) -> bool:
        if not same_speaker(a, b) or not _within(a, b, self.window_days):
            return False
        if a.doc_id is not None and a.doc_id == b.doc_id:
            return similarity >= SAME_DOCUMENT_THRESHOLD
        return similarity >= self.threshold

    def assign(self, new_quotes: Sequence[QuoteContext], candidates: Sequence[QuoteContext]) -> dict[str, str]:
        """Statement id for each new quote: shared with every quote it matches (transitively), else its own."""
        pool = list(candidates) + [q for q in new_quotes if q.quote_id not in {c.quote_id for c in candidates}]
        parent = list(range(len(pool)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        new_ids = {q.quote_id for q in new_quotes}
        comparable = _with_same_speaker_partner(pool, new_ids)
        # Only quotes that have a same-speaker partner are embedded: most quotes have none, and the embedding is the
        # stage's main cost (bench/profile_pipeline.py).
        scores = self._similarities([pool[i].text for i in comparable]) if comparable else np.zeros((0, 0))
        for x, i in enumerate(comparable):
            for y, j in enumerate(comparable[x + 1 :], x + 1):
                if pool[i].quote_id not in new_ids and pool[j].quote_id not in new_ids:
                    continue  # earlier quotes were grouped when they arrived
                if self.matches(pool[i], pool[j], float(scores[x, y])):
                    parent[find(j)] = find(i)
        groups: dict[int, list[int]] = {}
        for i in range(len(pool)):
            groups.setdefault(find(i), []).append(i)
        result = {}
        for members in groups.values():
            # The group keeps the id of its first quote in ingest order (candidates come first, then new quotes in
            # input order): the same whether the articles arrived in one batch or in many.
            first = pool[min(members)]
            statement_id = first.statement_id or first.quote_id
            result.update({pool[i].quote_id: statement_id for i in members if pool[i].quote_id in new_ids})
        return result
