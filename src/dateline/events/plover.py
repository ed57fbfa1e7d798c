"""CAMEO -> PLOVER event type and mode (data/events/cameo_to_plover.tsv; decisions for roots 01/02 in SOURCES.md)."""

from __future__ import annotations

from functools import lru_cache

from dateline.events.cameo import read_tsv

# PLOVER 0.5b1 names still found in older gold data, mapped to the current names (PLOVER manual, 2021).
CURRENT_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@lru_cache(maxsize=1)
def plover_table() -> dict[str, tuple[str | None, str | None]]:
    """CAMEO code -> (PLOVER type or None, mode or None)."""
    return {row["cameo"]: (row["plover"] or None, row["mode"] or None) for row in read_tsv("cameo_to_plover.tsv")}


def plover_for(code: str) -> tuple[str | None, str | None]:
    """PLOVER (type, mode) for a CAMEO code, falling back to the parent code for unlisted leaves."""
    table = plover_table()
    for length in (len(code), 3, 2):
        if code[:length] in table:
            return table[code[:length]]
    return None, None


def current_name(plover_type: str | None) -> str | None:
    """The current PLOVER name for a type that may use a 0.5b1 name."""
    return CURRENT_NAMES.get(plover_type, plover_type) if plover_type else None
