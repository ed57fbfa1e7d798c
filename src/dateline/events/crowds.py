"""Force used by a crowd is a protest: protesters who battle police, rioters who burn cars, students who storm a hall.

PLOVER codes violent collective action by civilians as PROTEST (mode "riot": "continuous and violent action directed
toward members of a distinct 'other' group or government authorities", manual §3.12) and a crowd that occupies or
blocks a place as PROTEST "obstruct"; ASSAULT and COERCE are for what armed forces, police, gangs and governments do
(police firing tear gas at protesters stays ASSAULT "crowd-control"). A use-of-force clause whose source names a
crowd (data/events/verb_patterns.yaml `crowd_actors`, also as "hundreds of protesters") is recoded here: the mirror
of the armed-clash rule in coder.py, which turns a clash of armed sides into fighting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from spacy.tokens import Token

from dateline.nlp.tree import conjuncts

RIOT, OBSTRUCT = "145", "144"
OBSTRUCT_CODES = frozenset({"191", "192"})  # blockade, occupy: "protesters occupied City Hall"
NOT_RIOT_CODES = ("181",)  # a hostage-taking stays what it is
QUANTITY_PREPS = frozenset({"of"})  # "hundreds of protesters", "a mob of youths"


class CodedClause(Protocol):
    code: str
    source: Token | None


def as_protests(coded: Sequence[CodedClause], crowds: frozenset[str]) -> list:
    """The coded clauses with a crowd's use of force recoded as a riot and its occupations as obstruction."""
    return [_recoded(item, crowds) for item in coded]


def protest_code(code: str) -> str | None:
    """The PROTEST code a crowd's act of this CAMEO code becomes, or None when it stays as coded."""
    if code in OBSTRUCT_CODES:
        return OBSTRUCT
    if code.startswith(NOT_RIOT_CODES):
        return None
    if code[:2] in ("18", "19") or code.startswith("171"):
        return RIOT
    return None


def _recoded(item: CodedClause, crowds: frozenset[str]) -> CodedClause:
    code = protest_code(item.code)
    if code is None or item.source is None or not any(_is_crowd(side, crowds) for side in conjuncts(item.source)):
        return item
    return replace(item, code=code)


def _is_crowd(noun: Token, crowds: frozenset[str]) -> bool:
    words = [noun]
    for prep in noun.children:  # "hundreds of protesters": the crowd is in the "of" phrase
        if prep.dep_ == "prep" and prep.lower_ in QUANTITY_PREPS:
            words.extend(child for child in prep.children if child.dep_ == "pobj")
    return any(word.lemma_.lower() in crowds or word.lower_ in crowds for word in words)
