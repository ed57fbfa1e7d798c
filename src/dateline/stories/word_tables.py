"""Word tables of the stories stage (data/stories/*.tsv): one group per row, its member words space-separated."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def group_of(filename: str) -> dict[str, str]:
    """Member word -> group name, from a table with a header row and `group<TAB>member member ...` rows."""
    text = resources.files("dateline.data").joinpath("stories").joinpath(filename).read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {member: group for group, members in rows[1:] for member in members.split()}
