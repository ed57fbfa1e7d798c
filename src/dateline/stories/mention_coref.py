"""Event-mention coreference inside a story: which event words (verbs or nouns) in a story's articles refer to one
real-world event, from the trigger lemma, the sentence around it and its arguments.

This is the text-level twin of `event_merge` (which works on coded events): it clusters any event mentions, coded or
not, and is what bench/ecbplus.py scores against the ECB+ gold chains.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Span

CONTEXT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "agent", "compound", "poss", "attr"})
# Derivational endings stripped from a trigger lemma so that "shooting"/"shoot", "election"/"elect" and
# "arrests"/"arrest" share a key (spaCy lemmatises nouns and verbs apart). On the ECB+ gold mentions within gold
# subtopics this raised the same-lemma CoNLL F1 from 0.754 to 0.762 (train topics). Longest ending first.
TRIGGER_ENDINGS = ("ings", "ing", "ions", "ion", "ments", "ment", "ers", "er", "s", "ed", "e")
MIN_STEM = 4


@dataclass(frozen=True)
class EventMention:
    """One event word and what surrounds it."""

    mention_id: Hashable
    story_id: str
    lemma: str
    context: frozenset[str]  # content lemmas of the sentence
    arguments: frozenset[str]  # lemmas of the trigger's syntactic arguments and the sentence's names


def _head(span: Span):
    """The span's syntactic head: the token whose head lies outside the span (or the root)."""
    return next((t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head == t), span[0])


def mention_from_span(mention_id: Hashable, story_id: str, span: Span) -> EventMention:
    """An event mention from its span in a parsed Doc (the Doc needs a parse for the sentence and arguments)."""
    head = _head(span)
    sentence = head.sent
    context = frozenset(
        t.lemma_.lower()
        for t in sentence
        if t.pos_ in CONTEXT_POS and not t.is_stop and not span.start <= t.i < span.end
    )
    arguments = {t.lemma_.lower() for t in head.children if t.dep_ in ARGUMENT_DEPS}
    arguments |= {t.lemma_.lower() for prep in head.children if prep.dep_ == "prep" for t in prep.children}
    arguments |= {ent.text.lower() for ent in sentence.ents}
    return EventMention(mention_id, story_id, head.lemma_.lower(), context, frozenset(arguments))


def trigger_key(lemma: str) -> str:
    """The lemma without a derivational ending, when at least MIN_STEM letters remain."""
    for ending in TRIGGER_ENDINGS:
        if lemma.endswith(ending) and len(lemma) - len(ending) >= MIN_STEM:
            return lemma[: -len(ending)]
    return lemma


def lemma_baseline(mentions: Sequence[EventMention]) -> dict[Hashable, Hashable]:
    """The classic baseline: mentions with the same trigger lemma in the same story corefer."""
    return {m.mention_id: (m.story_id, m.lemma) for m in mentions}


@dataclass(frozen=True)
class CorefOptions:
    """Tuned on the ECB+ train topics (bench/ecbplus.py; gold mentions, within predicted stories, with MiniLM
    vectors: CoNLL F1 0.750 against a same-lemma baseline of 0.726)."""

    generic_spread: float = 0.5  # a trigger lemma found in more than this share of stories is generic ("say", "be")
    generic_context: float = 0.2  # generic-lemma mentions corefer only with this much shared context (Jaccard)
    synonym_similarity: float = 0.6  # two specific lemmas of one story corefer when their vectors are this close


def cluster_mentions(
    mentions: Sequence[EventMention],
    options: CorefOptions | None = None,
    lemma_vectors: Mapping[str, np.ndarray] | None = None,
) -> dict[Hashable, Hashable]:
    """Same-lemma clusters in a story, except for generic lemmas, which also need shared context; with
    `lemma_vectors` (unit-length word embeddings), specific lemmas that mean the same ("quake", "earthquake";
    "kill", "slay") join too.

    A specific trigger ("earthquake", "acquire") names the story's event wherever it occurs in the story; a generic
    one ("say", "go", "make") names a different act each time unless the two sentences share their participants.
    Which lemmas are generic is measured, not listed: the share of stories whose mentions use the lemma.
    """
    options = options or CorefOptions()
    by_story: dict[str, list[EventMention]] = defaultdict(list)
    for mention in mentions:
        by_story[mention.story_id].append(mention)
    stories_with = Counter(key for members in by_story.values() for key in {trigger_key(m.lemma) for m in members})
    generic = {lemma for lemma, n in stories_with.items() if n / max(1, len(by_story)) > options.generic_spread}
    assignment: dict[Hashable, Hashable] = {}
    for story_id, members in by_story.items():
        assignment.update(_story_clusters(story_id, members, generic, options))
    if lemma_vectors:
        assignment = _join_synonyms(mentions, assignment, generic, lemma_vectors, options.synonym_similarity)
    return assignment


def _join_synonyms(
    mentions: Sequence[EventMention],
    assignment: dict[Hashable, Hashable],
    generic: set[str],
    vectors: Mapping[str, np.ndarray],
    threshold: float,
) -> dict[Hashable, Hashable]:
    """Relabel each story's specific-trigger clusters so that near-synonymous triggers share one label."""
    keys_by_story: dict[str, dict[str, str]] = defaultdict(dict)  # story -> trigger key -> its first lemma
    for mention in mentions:
        key = trigger_key(mention.lemma)
        if key not in generic and mention.lemma in vectors:
            keys_by_story[mention.story_id].setdefault(key, mention.lemma)
    canonical: dict[tuple[str, str], str] = {}
    for story_id, lemma_of in keys_by_story.items():
        keys = list(lemma_of)
        if len(keys) < 2:
            continue
        matrix = np.stack([vectors[lemma_of[key]] for key in keys])
        similar = matrix @ matrix.T >= threshold
        np.fill_diagonal(similar, True)  # a trigger is always close to itself, whatever the threshold
        for i, key in enumerate(keys):
            first = int(np.argmax(similar[i]))  # the first key it is close to (itself at worst)
            canonical[(story_id, key)] = canonical.get((story_id, keys[first]), keys[first])
    relabelled = {}
    for mention in mentions:
        label = assignment[mention.mention_id]
        target = canonical.get((mention.story_id, trigger_key(mention.lemma)))
        relabelled[mention.mention_id] = (mention.story_id, target) if target and len(label) == 2 else label
    return relabelled


def _story_clusters(
    story_id: str, mentions: list[EventMention], generic: set[str], options: CorefOptions
) -> dict[Hashable, Hashable]:
    by_lemma: dict[str, list[EventMention]] = defaultdict(list)
    for mention in mentions:
        by_lemma[trigger_key(mention.lemma)].append(mention)
    assignment: dict[Hashable, Hashable] = {}
    for lemma, members in by_lemma.items():
        if lemma not in generic:
            assignment.update((m.mention_id, (story_id, lemma)) for m in members)
            continue
        for index, group in enumerate(_single_link(members, options.generic_context)):
            assignment.update((m.mention_id, (story_id, lemma, index)) for m in group)
    return assignment


def _single_link(mentions: list[EventMention], threshold: float) -> list[list[EventMention]]:
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            if _jaccard(a.context | a.arguments, mentions[j].context | mentions[j].arguments) >= threshold:
                parent[find(j)] = find(i)
    groups: dict[int, list[EventMention]] = defaultdict(list)
    for i, mention in enumerate(mentions):
        groups[find(i)].append(mention)
    return list(groups.values())


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0
