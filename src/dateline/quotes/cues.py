"""The cue lexicon: which verbs and phrases introduce speech, loaded once from data/quotes/cue_verbs.tsv."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CLAUSE, OBJECT, PREP = "clause", "object", "prep"


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
    by_lemma: dict[str, list[Cue]] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        if len(fields) != 3 or fields[2] not in (CLAUSE, OBJECT, PREP):
            raise ValueError(f"cue_verbs.tsv line {number}: expected lemma, particle, clause|object|prep: {line!r}")
        lemma, particle, takes = fields
        by_lemma.setdefault(lemma, []).append(Cue(lemma, None if particle == "-" else particle, takes))
    return CueLexicon({lemma: tuple(cues) for lemma, cues in by_lemma.items()})


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    """The packaged lexicon, read once per process."""
    text = resources.files("dateline.data").joinpath("quotes/cue_verbs.tsv").read_text(encoding="utf-8")
    return parse_cues(text.splitlines())
