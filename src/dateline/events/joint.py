"""Exercises and patrols: one force's drill is a show of force (MOBILIZE), several states' drill is cooperation.

PLOVER manual 3.14.1 codes a single-country exercise MOBILIZE and a joint one COOPERATE. Wires rarely say
"joint": "Chinese and Cambodian troops opened their annual exercise", "Indonesia, Malaysia and Singapore launched
coordinated patrols". So the coder decides from the actors it resolved, not from the wording alone.
"""

from __future__ import annotations

from spacy.tokens import Token

from dateline.events.patterns import pattern_book
from dateline.records import ActorRef

EXERCISE_CODES = frozenset({"150", "154", "062"})
MILITARY_COOPERATION, FORCE_POSTURE = "062", "150"
BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})


def exercise_noun(trigger: Token) -> Token | None:
    """The exercise a clause is about: the trigger itself or its object ("launched war games"); the nouns are
    data/events/noun_patterns.yaml `exercise_nouns`."""
    exercise_nouns = pattern_book().exercise_nouns
    if trigger.lemma_.lower() in exercise_nouns:
        return trigger
    for child in trigger.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass") and child.lemma_.lower() in exercise_nouns:
            return child
        if child.dep_ in ("dobj", "obj"):  # "10 days of war games"
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and pobj.lemma_.lower() in exercise_nouns:
                            return pobj
    return None


def exercise_code(code: str, trigger: Token, sources: list[ActorRef | None],
                  targets: list[ActorRef | None], target: Token | None = None) -> str:
    """062 when several countries drill together (or with a named partner), 150 when one force drills alone. A
    country named as across a border ("exercises on the border with northern Iraq") is whom the drill faces."""
    if code not in EXERCISE_CODES:
        return code
    noun = exercise_noun(trigger)
    if noun is None:
        return code
    if target is not None and target.head.lower_ == "with" and _after_border(target.head):
        targets = []
    countries = {actor.country for actor in (*sources, *targets) if actor is not None and actor.country}
    if len(countries) > 1:
        return MILITARY_COOPERATION
    joint_words = pattern_book().joint_words
    said_joint = any(child.lemma_.lower() in joint_words or child.lower_ in joint_words
                     for child in noun.children if child.dep_ in ("amod", "compound", "advmod"))
    if code == MILITARY_COOPERATION and not said_joint and all(actor is None for actor in targets):
        return FORCE_POSTURE
    return code


def _after_border(word: Token) -> bool:
    """"the border with": the noun before "with", however the parser attached it."""
    return word.head.lemma_.lower() in BORDER_NOUNS or (word.i > 0 and word.doc[word.i - 1].lemma_.lower()
                                                          in BORDER_NOUNS)
