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


def lemma_baseline(mentions: Sequence[EventMention]) -> dict[Hashable, Hashable]:
    """The classic baseline: mentions with the same trigger lemma in the same story corefer."""
    return {m.mention_id: (m.story_id, m.lemma) for m in mentions}


@dataclass(frozen=True)
class CorefOptions:
    """Tuned on the ECB+ train topics (bench/ecbplus.py)."""

    generic_spread: float = 0.3  # a trigger lemma found in more than this share of stories is generic ("say", "be")
    generic_context: float = 0.3  # generic-lemma mentions corefer only with this much shared context (Jaccard)
    synonym_similarity: float = 0.8  # two specific lemmas of one story corefer when their vectors are this close


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
    stories_with = Counter(lemma for members in by_story.values() for lemma in {m.lemma for m in members})
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
    """Relabel each story's specific-lemma clusters so that near-synonymous lemmas share one label."""
    lemmas_by_story: dict[str, list[str]] = defaultdict(list)
    for mention in mentions:
        lemmas = lemmas_by_story[mention.story_id]
        if mention.lemma not in generic and mention.lemma in vectors and mention.lemma not in lemmas:
            lemmas.append(mention.lemma)
    canonical: dict[tuple[str, str], str] = {}
    for story_id, lemmas in lemmas_by_story.items():
        if len(lemmas) < 2:
            continue
        matrix = np.stack([vectors[lemma] for lemma in lemmas])
        similar = matrix @ matrix.T >= threshold
        for i, lemma in enumerate(lemmas):
            first = int(np.argmax(similar[i]))  # the first lemma it is close to (itself at worst)
            canonical[(story_id, lemma)] = canonical.get((story_id, lemmas[first]), lemmas[first])
    relabelled = {}
    for mention in mentions:
        label = assignment[mention.mention_id]
        target = canonical.get((mention.story_id, mention.lemma))
        relabelled[mention.mention_id] = (mention.story_id, target) if target and len(label) == 2 else label
    return relabelled


def _story_clusters(
    story_id: str, mentions: list[EventMention], generic: set[str], options: CorefOptions
) -> dict[Hashable, Hashable]:
    by_lemma: dict[str, list[EventMention]] = defaultdict(list)
    for mention in mentions:
        by_lemma[mention.lemma].append(mention)
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
