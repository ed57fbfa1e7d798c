"""The cue lexicon: which verbs and phrases introduce speech, loaded once from data/quotes/cue_verbs.tsv."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dateline import tables

CLAUSE, OBJECT, PREP = "clause", "object", "prep"
CUES_TABLE = "quotes/cue_verbs.tsv"


@dataclass(frozen=True)
class Cue:
    """One cue: `lemma` plus an optional `particle` ("point out", "call for"); `takes` says what content it allows."""

    lemma: str
    particle: str | None
    takes: str

    @property
    def name(self) -> str:
        return f"{self.lemma} {self.particle}" if self.particle else self.lemma


@dataclass(frozen=True)
class CueLexicon:
    """Cues keyed by lemma; a lemma may carry several particles ("call for", and bare "call" is not a cue)."""

    by_lemma: dict[str, tuple[Cue, ...]]

    def candidates(self, lemma: str) -> tuple[Cue, ...]:
        return self.by_lemma.get(lemma, ())


def parse_cues(lines: list[str]) -> CueLexicon:
    """Parse TSV lines (lemma, particle or "-", takes); `#` starts a comment line."""
    return _lexicon(tables.parse_rows(lines, CUES_TABLE, width=3))


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """The packaged lexicon, read once per process."""
    return _lexicon(tables.read_rows(CUES_TABLE, width=3))


def _lexicon(rows: list[list[str]]) -> CueLexicon:
    """Rows of (lemma, particle or "-", clause|object|prep) grouped by lemma, in file order."""
    by_lemma: dict[str, list[Cue]] = {}
    for lemma, particle, takes in rows:
        if takes not in (CLAUSE, OBJECT, PREP):
            raise ValueError(f"{CUES_TABLE}: cue {lemma!r} takes {takes!r}, expected clause, object or prep")
        by_lemma.setdefault(lemma, []).append(Cue(lemma, None if particle == "-" else particle, takes))
    return CueLexicon({lemma: tuple(cues) for lemma, cues in by_lemma.items()})
