"""The shared TSV reader for packaged tables (dateline.tables)."""

from __future__ import annotations

import sys

import pytest

from dateline import tables


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A throwaway data package standing in for dateline.data, so malformed tables can be written."""
    package = tmp_path / "tables_test_data"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "tables_test_data", raising=False)  # another test's copy: import this one
    monkeypatch.setattr(tables, "DATA_PACKAGE", "tables_test_data")
    return package


def write(data_dir, name, text):
    (data_dir / name).write_text(text, encoding="utf-8")
    return name


def test_tables_read_tsv_skips_comments_and_blanks(data_dir):
    name = write(data_dir, "t.tsv", "# what this is for\n\ncode\tname\n# inline note\n010\tstatement \n\n020\tappeal\n")
    assert tables.read_tsv(name) == [{"code": "010", "name": "statement"}, {"code": "020", "name": "appeal"}]


def test_tables_read_tsv_of_comments_only_is_empty(data_dir):
    assert tables.read_tsv(write(data_dir, "t.tsv", "# nothing yet\n\n")) == []


@pytest.mark.parametrize("row", ["010", "010\tstatement\textra"])
def test_tables_read_tsv_rejects_ragged_rows_with_file_and_line(data_dir, row):
    name = write(data_dir, "t.tsv", f"# header comment\ncode\tname\n{row}\n")
    with pytest.raises(ValueError, match=r"t\.tsv line 3"):
        tables.read_tsv(name)


def test_tables_read_rows_splits_and_strips_cells(data_dir):
    name = write(data_dir, "r.tsv", "# comment\nsay\t-\tclause\n\n  \npoint \tout\tclause\n")
    assert tables.read_rows(name) == [["say", "-", "clause"], ["point", "out", "clause"]]


def test_tables_read_rows_without_width_allows_any_width(data_dir):
    assert tables.read_rows(write(data_dir, "r.tsv", "a\nb\tc\n")) == [["a"], ["b", "c"]]


@pytest.mark.parametrize(("row", "found"), [("say\t-", 2), ("a\tb\tc\td", 4)])
def test_tables_read_rows_width_error_names_file_and_line(data_dir, row, found):
    name = write(data_dir, "r.tsv", f"# comment\nsay\t-\tclause\n{row}\n")
    with pytest.raises(ValueError, match=rf"r\.tsv line 3: expected 3 tab-separated cells, found {found}"):
        tables.read_rows(name, width=3)


@pytest.mark.parametrize("relative", ["events/cameo_codes.tsv", "stories/months.tsv", "stories/code_families.tsv"])
def test_tables_read_tsv_reads_packaged_tables(relative):
    rows = tables.read_tsv(relative)
    assert rows and all(all(value for value in row.values()) for row in rows)


def test_tables_parse_rows_counts_comment_lines_in_errors():
    lines = ["# comment", "", "say\t-\tclause", "say\t-"]
    assert tables.parse_rows(lines[:3], "cues", width=3) == [["say", "-", "clause"]]
    with pytest.raises(ValueError, match="cues line 4"):
        tables.parse_rows(lines, "cues", width=3)
