"""Clauses that look like force but have no one using it: a quake that killed, a fire that destroyed, a suicide.

PLOVER codes what actors do to each other; it does not code natural disasters, accidents or self-harm ("mudslides
destroyed dozens of houses" has no actor, PLOVER manual §4). A conflict-type clause (threats and roots 15-20) is
dropped when what did it is a non-agent cause listed in data/events/verb_patterns.yaml `non_agent_causes` (its
subject, passive agent, or the "in"/"by" cause of a passive verb, also behind a relative clause: "a quake that
killed"), or when the object of a killing is the subject itself ("hanged himself"; "blew himself up" stays an attack).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from spacy.tokens import Token

from dateline.events import syntax

FORCE_ROOTS = frozenset({"13", "15", "17", "18", "19", "20"})
SELF_HARM_ROOTS = frozenset({"18", "19", "20"})
REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "myself", "yourself", "ourselves"})
RELATIVE_PRONOUNS = frozenset({"that", "which"})
CAUSE_PREPS = ("in", "by", "during")


class CodedClause(Protocol):
    code: str
    trigger: Token
    reported_by: int | None


def with_agents(coded: Sequence[CodedClause], causes: frozenset[str]) -> list:
    """The coded clauses without those a natural cause or the victim itself performed; `reported_by` positions
    are renumbered for the kept list."""
    keep = [position for position, item in enumerate(coded) if not _without_agent(item, causes)]
    if len(keep) == len(coded):
        return list(coded)
    renumber = {old: new for new, old in enumerate(keep)}
    return [replace(coded[position], reported_by=renumber.get(coded[position].reported_by))
            if coded[position].reported_by is not None else coded[position] for position in keep]


def _without_agent(item: CodedClause, causes: frozenset[str]) -> bool:
    root = item.code[:2]
    if root not in FORCE_ROOTS or item.trigger.pos_ not in ("VERB", "AUX"):
        return False
    verb = item.trigger
    if root in SELF_HARM_ROOTS and _reflexive_object(verb):
        return True
    return any(_cause_lemma(word) in causes for token in _doers(verb) for word in _naming_words(token))


def _doers(verb: Token) -> list[Token]:
    doers = []
    subject = syntax.subject_of(verb)
    if subject is not None:
        doers.append(subject)
        # The parser may split one subject in two ("A magnitude 6.1 earthquake": "magnitude" and "earthquake").
        doers.extend(child for child in subject.head.children if child.dep_ == "nsubj" and child != subject)
        if subject.lower_ in RELATIVE_PRONOUNS:  # "a quake that killed thousands": the antecedent did it
            clause = subject.head
            if clause.dep_ == "relcl":
                doers.append(clause.head)
    if syntax.passive_subject(verb) is not None or any(child.dep_ == "auxpass" for child in verb.children):
        doers.extend(syntax.prep_objects(verb, CAUSE_PREPS))
        agent = syntax.agent_of(verb)
        if agent is not None:
            doers.append(agent)
    return doers


def _naming_words(doer: Token) -> list[Token]:
    """The doer and the nouns that name it with it: a name's kind ("Hurricane Ian"; a common noun's compound is no
    doer: a car bomb is an attack) and the parser's apposition ("a magnitude 6.1 earthquake")."""
    kinds = ("compound", "appos") if doer.pos_ == "PROPN" else ("appos",)
    return [doer, *(child for child in doer.children if child.dep_ in kinds)]


def _cause_lemma(token: Token) -> str:
    return token.lemma_.lower()


def _reflexive_object(verb: Token) -> bool:
    """"hanged himself", "shot herself"; not "blew himself up" (a suicide attack, CAMEO 183)."""
    if any(child.dep_ == "prt" and child.lower_ == "up" for child in verb.children):
        return False
    return any(child.dep_ in ("dobj", "obj") and child.lower_ in REFLEXIVES for child in verb.children)
