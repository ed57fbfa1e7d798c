"""Sentence vectors for statement matching: static word-piece vectors distilled from MiniLM, averaged over content words.

The table (data/models/statement_vectors.npz, built by scripts/distil_statement_vectors.py) holds one vector per
word piece of all-MiniLM-L6-v2's vocabulary. A text's vector is the mean over the pieces of its content words: stop
words are dropped because in a mean they make every two quotes look alike. Encoding is a tokeniser and a table
lookup (tens of microseconds per quote, no torch, nothing fetched), where the transformer took about a fifth of an
ingest. Any object with `encode(texts) -> unit-length rows` can stand in (tests use a bag-of-words one).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Protocol

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from dateline.errors import DatelineError

log = logging.getLogger(__name__)

VECTORS_FILE = "statement_vectors.npz"
MAX_WORD_LENGTH = 100  # longer "words" are URLs or noise: BERT's tokeniser gives them up too
_WORD = re.compile(r"[^\W_]+")


class EmbeddingUnavailable(DatelineError):
    """The packaged vector table is missing or unreadable; statement matching needs it."""


class Embedder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length row per text."""


def content_words(text: str) -> list[str]:
    """Lower-cased, accent-folded words of `text` without stop words and one-letter leftovers ("Iran's" -> "iran")."""
    folded = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")
    return [w for w in _WORD.findall(folded) if len(w) > 1 and w not in STOP_WORDS]


class StaticEmbedder:
    """Mean of distilled word-piece vectors over a text's content words, split into pieces as MiniLM's tokeniser does
    (greedy longest match, continuation pieces marked "##")."""

    def __init__(self, pieces: Sequence[str], vectors: np.ndarray) -> None:
        self.index = {piece: row for row, piece in enumerate(pieces)}
        self.vectors = vectors.astype(np.float32)
        self._word_rows: dict[str, tuple[int, ...]] = {}

    @classmethod
    def packaged(cls) -> StaticEmbedder:
        try:
            with resources.files("dateline.data").joinpath("models").joinpath(VECTORS_FILE).open("rb") as handle:
                table = np.load(handle, allow_pickle=False)
                pieces = table["pieces"].tobytes().decode("utf-8").split("\n")
                return cls(pieces, table["codes"].astype(np.float32) * table["scales"][:, None])
        except (OSError, KeyError, ValueError) as exc:
            raise EmbeddingUnavailable(f"cannot read the statement vectors {VECTORS_FILE}: {exc}") from exc

    def word_pieces(self, word: str) -> tuple[int, ...]:
        """Rows of `word`'s pieces; () when some part of it is not in the vocabulary (BERT's [UNK])."""
        cached = self._word_rows.get(word)
        if cached is not None:
            return cached
        rows: list[int] = []
        start = 0
        while start < len(word) and len(word) <= MAX_WORD_LENGTH:
            for end in range(len(word), start, -1):
                row = self.index.get(word[start:end] if start == 0 else "##" + word[start:end])
                if row is not None:
                    rows.append(row)
                    start = end
                    break
            else:
                rows = []
                break
        if len(self._word_rows) < 200_000:  # bounded: a long run sees an open-ended vocabulary of names
            self._word_rows[word] = tuple(rows)
        return tuple(rows)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.vectors.shape[1]), dtype=np.float32)
        for i, text in enumerate(texts):
            rows = [row for word in content_words(text) for row in self.word_pieces(word)]
            if not rows:
                continue  # a quote of stop words only: a zero vector, similar to nothing
            vector = self.vectors[rows].mean(axis=0)
            norm = float(np.linalg.norm(vector))
            if norm > 0:
                out[i] = vector / norm
        return out


@lru_cache(maxsize=1)
def default_embedder() -> StaticEmbedder:
    """The process-wide embedder, loaded once (about 0.2 s) and only when a quote needs one."""
    log.info("loading statement vectors %s", VECTORS_FILE)
    return StaticEmbedder.packaged()


def embedding_available() -> bool:
    """True when the packaged vector table is present (without loading it)."""
    return resources.files("dateline.data").joinpath("models").joinpath(VECTORS_FILE).is_file()
