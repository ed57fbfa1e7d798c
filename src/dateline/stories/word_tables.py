"""Word tables of the stories stage (data/stories/*.tsv): one group per row, its member words space-separated."""

from __future__ import annotations

from functools import cache

from dateline import tables


@cache
def group_of(filename: str) -> dict[str, str]:
    """Member word -> group name, from a table with a header row and `group<TAB>member member ...` rows."""
    rows = tables.read_rows(f"stories/{filename}", width=2)
    return {member: group for group, members in rows[1:] for member in members.split()}
