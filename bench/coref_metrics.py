"""Coreference scores: MUC (Vilain et al. 1995), B-cubed (Bagga & Baldwin 1998), entity-based CEAF (Luo 2005) and
the CoNLL F1 (their mean, Pradhan et al. 2014).

A clustering is a mapping item -> cluster label. Key (gold) and response (predicted) are expected to cover the same
items, as with gold mentions; items missing from the response count as singletons.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

import numpy as np
from scipy.optimize import linear_sum_assignment

Clustering = Mapping[Hashable, Hashable]


def clusters(assignment: Clustering) -> list[frozenset]:
    groups: dict[Hashable, set] = defaultdict(set)
    for item, label in assignment.items():
        groups[label].add(item)
    return [frozenset(group) for group in groups.values()]


def _complete(key: Clustering, response: Clustering) -> dict:
    completed = {item: ("pred", label) for item, label in response.items() if item in key}
    for item in key:
        completed.setdefault(item, ("singleton", item))
    return completed


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    """Link-based: how many links must be added to recover each key cluster from the response partition."""
    response = _complete(key, response)

    def score(gold: Clustering, pred: Clustering) -> float:
        numerator = denominator = 0
        for cluster in clusters(gold):
            partitions = {pred[item] for item in cluster}
            numerator += len(cluster) - len(partitions)
            denominator += len(cluster) - 1
        return numerator / denominator if denominator else 0.0

    r, p = score(key, response), score(response, key)
    return p, r, _f1(p, r)


def b_cubed(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    """Item-based: precision and recall of each item's cluster, averaged over items."""
    response = _complete(key, response)
    key_sets = {label: cluster for cluster in clusters(key) for label in [key[next(iter(cluster))]]}
    pred_sets = {label: cluster for cluster in clusters(response) for label in [response[next(iter(cluster))]]}
    p = r = 0.0
    for item in key:
        gold, pred = key_sets[key[item]], pred_sets[response[item]]
        overlap = len(gold & pred)
        p += overlap / len(pred)
        r += overlap / len(gold)
    p, r = p / len(key), r / len(key)
    return p, r, _f1(p, r)


def ceaf_e(key: Clustering, response: Clustering) -> tuple[float, float, float]:
    """Entity-based CEAF: the best one-to-one alignment of clusters under phi4 = 2|K & R| / (|K| + |R|)."""
    response = _complete(key, response)
    gold, pred = clusters(key), clusters(response)
    if not gold or not pred:
        return 0.0, 0.0, 0.0
    similarity = np.zeros((len(gold), len(pred)))
    pred_index = {item: j for j, cluster in enumerate(pred) for item in cluster}
    for i, cluster in enumerate(gold):
        for item in cluster:
            j = pred_index[item]
            if similarity[i, j] == 0:
                similarity[i, j] = 2 * len(cluster & pred[j]) / (len(cluster) + len(pred[j]))
    rows, cols = linear_sum_assignment(-similarity)
    total = similarity[rows, cols].sum()
    p, r = total / len(pred), total / len(gold)
    return p, r, _f1(p, r)


def conll(key: Clustering, response: Clustering) -> dict[str, tuple[float, float, float]]:
    """MUC, B-cubed and CEAF-e (P, R, F1) and their mean F1 under "conll" as (F1, F1, F1)."""
    scores = {"muc": muc(key, response), "b3": b_cubed(key, response), "ceafe": ceaf_e(key, response)}
    mean = sum(s[2] for s in scores.values()) / 3
    scores["conll"] = (mean, mean, mean)
    return scores
