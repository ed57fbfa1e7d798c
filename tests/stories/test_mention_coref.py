"""Event-mention coreference inside stories: same trigger, generic triggers need context, synonyms by vectors,
act families, argument slots."""

import numpy as np
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dateline.stories.mention_coref import (
    CorefOptions,
    EventMention,
    cluster_mentions,
    event_key,
    lemma_baseline,
    mention_from_span,
    trigger_key,
)


def mention(mention_id, story, lemma, context=""):
    return EventMention(mention_id, story, lemma, frozenset(context.split()), frozenset())


# "say" is a reporting verb (generic); "quake" and "earthquake" are specific.
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


@pytest.mark.parametrize("options", [CorefOptions(generic_context=0.3)])
def test_mention_coref_generic_lemma_needs_shared_context(options):
    found = groups(cluster_mentions(MENTIONS, options))
    assert {"m3", "m5"} in found and {"m4"} in found


@pytest.mark.parametrize("vectors,joined", [(None, False), (VECTORS, True)])
def test_mention_coref_synonyms_join_with_vectors(vectors, joined):
    found = groups(cluster_mentions(MENTIONS, CorefOptions(synonym_similarity=0.9), vectors))
    assert ({"m1", "m2"} in found) is joined
    assert not any({"m1", "m7"} <= group for group in found)


@pytest.mark.parametrize("lemma,key", [
    ("shooting", "shoot"), ("election", "elect"), ("arrests", "arrest"), ("kill", "kill"),
    ("quake", "quak"), ("earthquake", "earthquak"), ("dies", "die"), ("lies", "lie"),
    ("take over", "take_over"), ("checking out", "check_out"),  # a phrasal verb keeps its particle
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
    options = CorefOptions(synonym_similarity=threshold)
    found = groups(cluster_mentions(MENTIONS, options, VECTORS))
    assert {"m1"} in found and {"m2"} in found


@pytest.mark.parametrize("lemma,key", [("killing", "death"), ("dead", "death"), ("die", "death"), ("dies", "death"),
                                       ("suicide", "death"), ("victory", "victory"), ("beat", "victory"),
                                       ("shooting", "shoot"), ("hang", "hang"), ("detain", "arrest"),
                                       ("detention", "arrest"), ("heist", "robbery"), ("flee", "escape"),
                                       ("sever", "severing"), ("downtime", "outage"), ("enter", "admission"),
                                       ("demonstration", "protest"), ("pass away", "death"),
                                       ("check in", "admission"), ("check out", "check_out"),
                                       ("break out", "escape"), ("succumbed", "death"), ("hurt", "injury"),
                                       ("patched", "repair"), ("fix", "repair"), ("clash", "riot"),
                                       ("keep", "keep")])
def test_mention_coref_event_key_maps_act_families(lemma, key):
    # "shooting" and "hang" stay out of the death family: a story tells of shootings and hangings that kill no one.
    assert event_key(lemma) == key


def test_mention_coref_trigger_families_list_each_key_once():
    from importlib import resources

    text = resources.files("dateline.data").joinpath("stories").joinpath("trigger_families.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")][1:]
    keys = [key for _, listed in rows for key in listed.split()]
    assert len(keys) == len(set(keys))  # a key in two rows would silently land in the last one


# Stories s3-s5 hold other acts: the triggers under test must not join mentions in other stories.
OTHER_STORIES = [mention("x3", "s3", "vote"), mention("x4", "s4", "merge"), mention("x5", "s5", "launch")]


def test_mention_coref_act_family_joins_in_story_only():
    found = groups(cluster_mentions([mention("a", "s1", "kill"), mention("b", "s1", "dead"), mention("c", "s1", "die"),
                                     mention("d", "s2", "dead"), *OTHER_STORIES]))
    assert {"a", "b", "c"} in found and {"d"} in found


def slotted(mention_id, doc_id, participants):
    return EventMention(mention_id, "s1", "shoot", frozenset(), frozenset(), doc_id, 0, frozenset(participants.split()))


@pytest.mark.parametrize("slots,apart", [((), False), (("participants",), True), (("places",), False)])
def test_mention_coref_clash_slots_keep_different_participants_apart(slots, apart):
    found = groups(cluster_mentions([slotted("a", "d1", "smith"), slotted("b", "d2", "jones"),
                                     slotted("c", "d3", "smith officer"), slotted("d", "d4", ""), *OTHER_STORIES],
                                    CorefOptions(clash_slots=slots)))
    assert ({"b"} in found) is apart
    assert any({"a", "c", "d"} <= group for group in found)


def test_mention_coref_mention_from_span_fills_argument_slots():
    # "Police arrested Smith in Albany on Friday after 2 shots ." parsed by hand.
    words = ["Police", "arrested", "Smith", "in", "Albany", "on", "Friday", "after", "2", "shots", "."]
    doc = Doc(
        Vocab(), words=words,
        heads=[1, 1, 1, 1, 3, 1, 5, 1, 9, 7, 1],
        deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj", "prep", "nummod", "pobj", "punct"],
        pos=["NOUN", "VERB", "PROPN", "ADP", "PROPN", "ADP", "PROPN", "ADP", "NUM", "NOUN", "PUNCT"],
        lemmas=["police", "arrest", "Smith", "in", "Albany", "on", "Friday", "after", "2", "shot", "."],
        ents=["O", "O", "B-PERSON", "O", "B-GPE", "O", "B-DATE", "O", "B-CARDINAL", "O", "O"],
        sent_starts=[True] + [False] * 10,
    )
    found = mention_from_span("m", "s1", doc[1:2], "d1")
    assert (found.lemma, found.doc_id, found.sentence) == ("arrest", "d1", 0)
    assert found.participants == {"smith"}  # named participants only: "police" and "shots" name no one
    assert (found.places, found.times, found.numbers) == ({"albany"}, {"friday"}, {"2"})


@pytest.mark.parametrize("reporting,together", [((), True), (("say",), False)])
def test_mention_coref_reporting_triggers_need_shared_context(reporting, together):
    # As a reporting verb, "say" is generic: its mentions need shared context to be one act.
    found = groups(cluster_mentions([mention("a", "s1", "say", "coach fire team"), mention("b", "s1", "say",
                                     "storm coast rain"), *OTHER_STORIES], CorefOptions(reporting_triggers=reporting)))
    assert ({"a", "b"} in found) is together


@pytest.mark.parametrize("lemma,together", [("make", False), ("take", False), ("evacuate", True)])
def test_mention_coref_light_verbs_need_shared_context(lemma, together):
    # "made a call" and "made the arrest" are two acts; "evacuated" twice in one story is the story's evacuation.
    found = groups(cluster_mentions([mention("a", "s1", lemma, "president call minister"),
                                     mention("b", "s1", lemma, "police arrest suspect"), *OTHER_STORIES]))
    assert ({"a", "b"} in found) is together


def test_mention_coref_a_trigger_in_every_story_is_still_each_storys_one_act():
    # A run of crime stories all tell of a death: in each story, its deaths are one event, whatever the other stories.
    found = groups(cluster_mentions([mention(*row) for n in range(5) for row in
                                     [(f"d{n}a", f"s{n}", "death", "victim hospital"),
                                      (f"d{n}b", f"s{n}", "die", "funeral family")]]))
    assert all({f"d{n}a", f"d{n}b"} in found for n in range(5))


@pytest.mark.parametrize("solitary,together", [((), True), (("report",), False)])
def test_mention_coref_solitary_triggers_stay_singletons(solitary, together):
    # Each outlet's "reported" is its own act, however alike the sentences.
    found = groups(cluster_mentions([mention("a", "s1", "report", "tmz lohan rehab"), mention("b", "s1", "reported",
                                     "tmz lohan rehab"), *OTHER_STORIES],
                                    CorefOptions(reporting_triggers=(), solitary_triggers=solitary)))
    assert ({"a", "b"} in found) is together


@pytest.mark.parametrize("particle,lemma", [(True, "check out"), (False, "check")])
def test_mention_coref_mention_from_span_keeps_verb_particle(particle, lemma):
    words = ["Lohan", "checks", "out"] if particle else ["Lohan", "checks", "in"]
    doc = Doc(Vocab(), words=words, heads=[1, 1, 1], deps=["nsubj", "ROOT", "prt" if particle else "advmod"],
              pos=["PROPN", "VERB", "ADP" if particle else "ADV"], lemmas=["Lohan", "check", words[2]],
              sent_starts=[True, False, False])
    assert mention_from_span("m", "s1", doc[1:2]).lemma == lemma
