import pytest

from dateline.events.cameo import lookup, quad_class
from dateline.events.plover import current_name, plover_for


@pytest.mark.parametrize(("cameo", "plover", "mode"), [
    ("041", "CONSULT", "phone"),
    ("0233", "REQUEST", "assist"),
    ("106", "REQUEST", "meet"),
    ("111", "ACCUSE", "disapprove"),
    ("173", "COERCE", "arrest"),
    ("190", "ASSAULT", None),
    ("010", None, None),
    ("018", "SUPPORT", None),
])
def test_plover_maps_cameo_codes(cameo, plover, mode):
    assert plover_for(cameo) == (plover, mode)


@pytest.mark.parametrize(("code", "quad"), [("010", 1), ("057", 1), ("073", 2), ("112", 3), ("145", 3), ("1823", 4)])
def test_plover_quad_class_by_root(code, quad):
    assert quad_class(code) == quad
    assert lookup(code).quad_class == quad


def test_plover_unknown_leaf_falls_back_to_parent():
    assert lookup("0879").code == "087"
    assert plover_for("1939")[0] == "ASSAULT"


@pytest.mark.parametrize(("old", "new"), [("DEMAND", "REQUEST"), ("FIGHT", "ASSAULT"), ("AGREE", "AGREE")])
def test_plover_current_names(old, new):
    assert current_name(old) == new
