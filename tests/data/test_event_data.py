"""Schema checks for every row of the event tables and pattern files (data/events/)."""

from __future__ import annotations

import pytest

from dateline.events.cameo import cameo_table, quad_class, read_tsv
from dateline.events.patterns import pattern_book
from dateline.events.plover import plover_table

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE", "REQUEST", "REJECT",
                "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}


@pytest.mark.parametrize("row", read_tsv("cameo_codes.tsv"), ids=lambda row: row["code"])
def test_event_data_cameo_row(row):
    code = row["code"]
    assert code.isdigit() and 2 <= len(code) <= 4
    assert 1 <= int(code[:2]) <= 20
    assert row["name"].strip()
    assert -10.0 <= float(row["goldstein"]) <= 10.0
    assert int(row["quad_class"]) == quad_class(code)


def test_event_data_cameo_codes_unique_and_rooted():
    rows = read_tsv("cameo_codes.tsv")
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))
    assert {f"{root:02d}" for root in range(1, 21)} <= set(codes)


@pytest.mark.parametrize("row", read_tsv("cameo_to_plover.tsv"), ids=lambda row: row["cameo"])
def test_event_data_plover_row(row):
    assert row["cameo"] in cameo_table()
    assert row["plover"] == "" or row["plover"] in PLOVER_TYPES
    assert row["source"] in ("CAMEO2PLOVER-2021", "dateline")


def test_event_data_every_cameo_code_has_a_plover_row():
    assert set(cameo_table()) == set(plover_table())


def test_event_data_patterns_use_known_codes_and_string_conditions():
    book = pattern_book()
    for patterns in (*book.verbs.values(), *book.nouns.values()):
        for pattern in patterns:
            assert pattern.code in cameo_table(), pattern
            for condition in (pattern.prep, pattern.object, pattern.particle, pattern.modifier, pattern.target):
                assert all(isinstance(word, str) for word in condition or ()), pattern  # YAML reads `on` as True


@pytest.mark.parametrize("table", ["intent", "threat", "reject"])
def test_event_data_transform_tables_point_at_known_codes(table):
    mapping = getattr(pattern_book(), f"{table}_codes")
    assert mapping and all(value in cameo_table() for value in mapping.values())
