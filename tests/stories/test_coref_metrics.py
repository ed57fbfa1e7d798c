"""The coreference metrics of bench/coref_metrics.py on hand-computed examples."""

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).parents[2] / "bench" / "coref_metrics.py"
_SPEC = importlib.util.spec_from_file_location("coref_metrics", _PATH)
metrics = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(metrics)

KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


@pytest.mark.parametrize("name,expected", [
    ("muc", (2 / 3, 2 / 3)),  # links: key needs 3, response keeps a-b and d-e (2); response has 3 links, 2 right
    ("b_cubed", (11 / 15, 11 / 15)),
    ("ceaf_e", (0.8, 0.8)),  # {a,b,c}~{a,b}: 0.8, {d,e}~{c,d,e}: 0.8; two clusters each side
])
def test_coref_metrics_hand_example(name, expected):
    p, r, f = getattr(metrics, name)(KEY, RESPONSE)
    assert (p, r) == pytest.approx(expected)
    assert f == pytest.approx(2 * p * r / (p + r))


@pytest.mark.parametrize("name", ["muc", "b_cubed", "ceaf_e"])
def test_coref_metrics_perfect_response(name):
    assert getattr(metrics, name)(KEY, dict(KEY))[2] == pytest.approx(1.0)


@pytest.mark.parametrize("response,b3_precision,b3_recall", [
    ({k: "all" for k in KEY}, (3 * 3 / 5 + 2 * 2 / 5) / 5, 1.0),  # everything merged
    ({k: k for k in KEY}, 1.0, (3 * 1 / 3 + 2 * 1 / 2) / 5),  # all singletons
])
def test_coref_metrics_b_cubed_extremes(response, b3_precision, b3_recall):
    p, r, _ = metrics.b_cubed(KEY, response)
    assert (p, r) == pytest.approx((b3_precision, b3_recall))


def test_coref_metrics_singletons_give_zero_muc_and_conll_mean():
    singletons = {k: k for k in KEY}
    assert metrics.muc(KEY, singletons)[2] == 0.0
    scores = metrics.conll(KEY, RESPONSE)
    assert scores["conll"][0] == pytest.approx((scores["muc"][2] + scores["b3"][2] + scores["ceafe"][2]) / 3)
