"""The CAMEO event code table (code, name, Goldstein score, QuadClass), loaded once from data/events/cameo_codes.tsv."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dateline import tables

# Root families of the CAMEO codebook: cooperation done, not said (04-08 with the talk of 04-05), conflict (14-20), and
# material acts of either kind.
COOPERATION_ROOTS = frozenset({"04", "05", "06", "07", "08"})
CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
MATERIAL_ROOTS = frozenset({"06", "07", "08", "14", "15", "16", "17", "18", "19", "20"})
REQUEST_ROOTS = frozenset({"02", "10"})  # appeals and demands: addressed to someone
PROTEST_ROOT = "14"


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int

    @property
    def root(self) -> str:
        return self.code[:2]


def read_tsv(filename: str) -> list[dict[str, str]]:
    """Rows of a headed TSV file shipped in dateline/data/events, skipping `#` comment lines (dateline.tables)."""
    return tables.read_tsv(f"events/{filename}")


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """Every CAMEO code by its string code ("010", "1823")."""
    return {
        row["code"]: CameoCode(row["code"], row["name"], float(row["goldstein"]), int(row["quad_class"]))
        for row in read_tsv("cameo_codes.tsv")
    }


def lookup(code: str) -> CameoCode | None:
    """The table entry for `code`, falling back to its parent code (4 -> 3 -> 2 digits) for unlisted leaves."""
    table = cameo_table()
    for length in (len(code), 3, 2):
        entry = table.get(code[:length])
        if entry is not None:
            return entry
    return None


def quad_class(code: str) -> int | None:
    """QuadClass from the root alone: 1 verbal coop (01-05), 2 material coop (06-08), 3 verbal conflict (09-14),
    4 material conflict (15-20)."""
    if len(code) < 2 or not code[:2].isdigit() or not 1 <= int(code[:2]) <= 20:
        return None
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 14 else 4
