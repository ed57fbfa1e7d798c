"""Rank a sentence's coded clauses and prune the ones a reader would not call its events.

A sentence reports one or two events in its main clause (the root verb, its conjuncts, and what a statement verb
reports); the verbs of relative, participial and purpose clauses and the event nouns inside other events' arguments
describe circumstances ("Israel, which has attacked Gaza, signed a truce" is a truce). Those lower-ranked clauses
are dropped when the sentence already has a higher-ranked event of another type, except that an event with its own
resolved source actor survives when it is the only one of its PLOVER type carrying actors. Survivors keep a
confidence lowered by their rank, so consumers can still sort them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from spacy.tokens import Token

from dateline.events.plover import plover_for

MAIN, ADVERBIAL, ADJECTIVAL, NESTED = 0, 1, 2, 3
REPORTED_DEPS = {"ccomp", "parataxis"}
ADVERBIAL_DEPS = {"advcl", "ccomp", "xcomp", "parataxis", "csubj", "csubjpass"}
ADJECTIVAL_DEPS = {"relcl", "acl", "amod", "appos", "pcomp", "npadvmod"}
CIRCUMSTANCE_PREPS = {"during", "in", "after", "following", "amid", "before", "since"}
LOW_NOUN_CONFIDENCE = 0.6
RANK_PENALTY = 0.05  # confidence lost per rank below the sentence's best


class CodedClause(Protocol):
    code: str
    trigger: Token
    source: Token | None
    confidence: float
    reported_by: int | None


def clause_rank(item: CodedClause, trigger_positions: set[int], statements: frozenset[int] = frozenset()) -> int:
    """MAIN for the root verb and its conjuncts; ADVERBIAL for adverbial and complement clauses and event nouns
    heading a circumstance ("during a phone call"); ADJECTIVAL for relative, participial and purpose clauses;
    NESTED for event nouns inside another coded clause's arguments or coded with little confidence. What a statement
    reports is ranked as a main clause of its own: in "X opened its borders but refused Y, police said" both acts
    are main, the saying is not."""
    trigger = item.trigger
    if trigger.pos_ in ("NOUN", "PROPN"):
        return _noun_rank(item, trigger_positions)
    rank = MAIN
    token = trigger
    while token.head.i != token.i:
        if token.dep_ in REPORTED_DEPS and token.head.i in statements:
            return rank
        if token.dep_ in ADJECTIVAL_DEPS or _is_purpose(token):
            return ADJECTIVAL
        if token.dep_ in ADVERBIAL_DEPS:
            rank = ADVERBIAL
        elif token.dep_ not in ("conj", "cc", "aux", "auxpass"):
            rank = max(rank, ADVERBIAL)
        token = token.head
    return rank


def _noun_rank(item: CodedClause, trigger_positions: set[int]) -> int:
    noun = item.trigger
    if item.confidence < LOW_NOUN_CONFIDENCE:
        return NESTED
    if noun.dep_ == "pobj" and noun.head.lower_ in CIRCUMSTANCE_PREPS:
        return ADVERBIAL
    if noun.dep_ == "ROOT":
        return MAIN  # a headline: "Talks between Iran and Saudi Arabia"
    if any(ancestor.i in trigger_positions for ancestor in noun.ancestors):
        return NESTED
    return ADJECTIVAL


def _is_purpose(token: Token) -> bool:
    return token.dep_ == "advcl" and any(child.tag_ == "TO" for child in token.children)


def rank_and_prune(coded: Sequence[CodedClause], has_own_actor: Callable[[Token | None], bool]) -> list:
    """The sentence's coded clauses without those outranked by an event of another type; `reported_by` positions
    are renumbered for the kept list. Reported clauses take the rank of their statement."""
    if len(coded) < 2:
        return list(coded)
    positions = {item.trigger.i for item in coded}
    types = [plover_for(item.code)[0] for item in coded]
    statements = frozenset(item.trigger.i for item, kind in zip(coded, types) if kind is None)
    ranks = []
    for item in coded:
        own = clause_rank(item, positions - {item.trigger.i}, statements)
        if item.reported_by is not None and item.reported_by < len(ranks):
            own = ranks[item.reported_by]
        ranks.append(own)
    typed = [rank for rank, kind in zip(ranks, types) if kind]
    best = min(typed) if typed else min(ranks)  # a statement without a PLOVER type never outranks what it reports
    main_types = {kind for kind, rank in zip(types, ranks) if rank == best and kind}
    acted = {}
    for position, item in enumerate(coded):
        if has_own_actor(item.source) and types[position]:
            acted.setdefault(types[position], []).append(position)
    keep = []
    for position, item in enumerate(coded):
        rank = ranks[position]
        if (rank == best or not types[position] or types[position] in main_types or not main_types
                or acted.get(types[position]) == [position]):
            keep.append(position)
    keep = _at_most_two_types(keep, ranks, types, best, coded)
    renumber = {old: new for new, old in enumerate(keep)}
    pruned = []
    for position in keep:
        item = coded[position]
        penalty = RANK_PENALTY * (ranks[position] - best)
        reporter = renumber.get(item.reported_by) if item.reported_by is not None else None
        pruned.append(replace(item, confidence=round(max(item.confidence - penalty, 0.05), 3), reported_by=reporter))
    return pruned


def _at_most_two_types(keep: list[int], ranks: list[int], types: list, best: int, coded: Sequence) -> list[int]:
    """A sentence reports one or two kinds of event: lower-ranked survivors of a third or later PLOVER type (a
    participle and a "during a visit" noun around "threw his weight behind Ukraine") are dropped, the lowest-ranked
    and least confident type first, and of two alike the one named later (a tie never falls to the order of a set:
    the same sentence always keeps the same events). Types of main-clause events are never dropped."""
    kinds = {types[position] for position in keep if types[position]}
    if len(kinds) <= 2:
        return keep
    main = {types[position] for position in keep if ranks[position] == best}
    standing = {kind: (min(ranks[p] for p in keep if types[p] == kind),
                       max(coded[p].confidence for p in keep if types[p] == kind),
                       -min(coded[p].trigger.i for p in keep if types[p] == kind)) for kind in kinds - main}
    for kind in sorted(standing, key=lambda kind: (-standing[kind][0], *standing[kind][1:])):
        if len(kinds) <= 2:
            break
        kinds.discard(kind)
    return [position for position in keep if not types[position] or types[position] in kinds]
