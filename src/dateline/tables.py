"""One reader for the TSV tables packaged under dateline/data, so every stage parses its lexicons the same way.

The rules: blank lines and lines starting with `#` are skipped (header comments say what a table is for and where
its facts come from), cells are split on tabs and stripped, and a row of the wrong width is a ValueError naming the
file and line. The readers read the file on every call: callers cache what they build from the rows
(`functools.lru_cache` on their loader), so no mutable rows are shared between stages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import resources

DATA_PACKAGE = "dateline.data"


def read_tsv(relative: str) -> list[dict[str, str]]:
    """Rows of a headed TSV under dateline/data ("events/cameo_codes.tsv"), keyed by the header's column names.

    Every row must have as many cells as the header.
    """
    return parse_tsv(_file_lines(relative), relative)


def parse_tsv(lines: Iterable[str], source: str) -> list[dict[str, str]]:
    """read_tsv over lines already in memory (a table outside the package); `source` names them in errors."""
    data = _data_lines(lines)
    first = next(data, None)
    if first is None:
        return []
    header = _cells(first[1])
    return [dict(zip(header, _checked(source, number, line, len(header)), strict=True)) for number, line in data]


def read_rows(relative: str, width: int | None = None) -> list[list[str]]:
    """Cells of each row of a header-less TSV under dateline/data ("quotes/cue_verbs.tsv").

    With `width`, every row must have exactly that many cells.
    """
    return parse_rows(_file_lines(relative), relative, width)


def parse_rows(lines: Iterable[str], source: str, width: int | None = None) -> list[list[str]]:
    """read_rows over lines already in memory (a table under test); `source` names them in errors."""
    if width is None:
        return [_cells(line) for _, line in _data_lines(lines)]
    return [_checked(source, number, line, width) for number, line in _data_lines(lines)]


def _file_lines(relative: str) -> list[str]:
    return resources.files(DATA_PACKAGE).joinpath(relative).read_text(encoding="utf-8").splitlines()


def _data_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) for each line that is neither blank nor a `#` comment."""
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#"):
            yield number, line


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


def _checked(source: str, number: int, line: str, width: int) -> list[str]:
    cells = _cells(line)
    if len(cells) != width:
        found = len(cells)
        raise ValueError(f"{source} line {number}: expected {width} tab-separated cells, found {found}: {line!r}")
    return cells
