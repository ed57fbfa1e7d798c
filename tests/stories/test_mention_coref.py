"""Event-mention coreference inside stories: same lemma, generic lemmas need context, synonyms by vectors."""

import numpy as np
import pytest

from dateline.stories.mention_coref import (
    CorefOptions,
    EventMention,
    cluster_mentions,
    lemma_baseline,
    trigger_key,
)


def mention(mention_id, story, lemma, context=""):
    return EventMention(mention_id, story, lemma, frozenset(context.split()), frozenset())


# "say" is in every story (generic); "quake" and "earthquake" are specific to story s1.
MENTIONS = [
    mention("m1", "s1", "earthquake", "peru pisco toll"),
    mention("m2", "s1", "quake", "peru coast magnitude"),
    mention("m3", "s1", "say", "garcia aid rescue"),
    mention("m4", "s1", "say", "survivor church pisco"),
    mention("m5", "s1", "say", "garcia aid rescue team"),
    mention("m6", "s2", "say", "coach team season"),
    mention("m7", "s2", "earthquake", "sumatra padang"),
    mention("m8", "s3", "say", "election vote"),
]
VECTORS = {
    "earthquake": np.array([1.0, 0.0, 0.0]),
    "quake": np.array([0.96, 0.28, 0.0]),
    "say": np.array([0.0, 0.0, 1.0]),
}


def groups(assignment):
    found = {}
    for mention_id, label in assignment.items():
        found.setdefault(label, set()).add(mention_id)
    return sorted(found.values(), key=sorted)


def test_mention_coref_lemma_baseline_stays_in_story():
    assert {"m1", "m7"} not in groups(lemma_baseline(MENTIONS))
    assert {"m3", "m4", "m5"} in groups(lemma_baseline(MENTIONS))


@pytest.mark.parametrize("options", [CorefOptions(generic_spread=0.5, generic_context=0.3)])
def test_mention_coref_generic_lemma_needs_shared_context(options):
    found = groups(cluster_mentions(MENTIONS, options))
    assert {"m3", "m5"} in found and {"m4"} in found


@pytest.mark.parametrize("vectors,joined", [(None, False), (VECTORS, True)])
def test_mention_coref_synonyms_join_with_vectors(vectors, joined):
    found = groups(cluster_mentions(MENTIONS, CorefOptions(generic_spread=0.7, synonym_similarity=0.9), vectors))
    assert ({"m1", "m2"} in found) is joined
    assert not any({"m1", "m7"} <= group for group in found)


@pytest.mark.parametrize("lemma,key", [
    ("shooting", "shoot"), ("election", "elect"), ("arrests", "arrest"), ("kill", "kill"), ("dies", "dies"),
    ("quake", "quak"), ("earthquake", "earthquak"),
])
def test_mention_coref_trigger_key_strips_derivational_endings(lemma, key):
    assert trigger_key(lemma) == key


def test_mention_coref_noun_and_verb_triggers_share_a_cluster():
    found = groups(cluster_mentions([mention("a", "s1", "shooting"), mention("b", "s1", "shoot"),
                                     mention("c", "s2", "vote"), mention("d", "s3", "quake")]))
    assert {"a", "b"} in found


@pytest.mark.parametrize("threshold", [0.99, 1.5])
def test_mention_coref_unrelated_triggers_never_join_however_strict(threshold):
    # A threshold no pair reaches must leave each trigger on its own (a trigger is always close to itself).
    options = CorefOptions(generic_spread=0.7, synonym_similarity=threshold)
    found = groups(cluster_mentions(MENTIONS, options, VECTORS))
    assert {"m1"} in found and {"m2"} in found
