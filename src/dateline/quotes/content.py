"""What a cue reports: the content tokens of a cue verb, read from the dependency parse.

- "X said (that) CLAUSE" and "CLAUSE, X said": the clausal complement (ccomp) on either side.
- "The attacks, Kanaani said, are ...": a parenthetical cue; the content is its host clause minus the cue phrase.
- "X urged restraint", "called for talks", "stressed the need for ...": object-taking cues also report their object.
- "..., according to X": the clause the phrase is attached to.
"""

from __future__ import annotations

from spacy.tokens import Token

from dateline.quotes.cues import OBJECT, PREP, Cue, CueLexicon

CLAUSE_DEPS = {"ccomp"}
OBJECT_DEPS = {"dobj", "xcomp", "ccomp", "prep", "pcomp"}
HOST_DEPS = {"parataxis", "advcl", "ccomp"}  # how a parenthetical cue hangs off its host clause
EDGE_WORDS = {"that", ",", ":", ";", "-", "—", "–", ".", '"', "“", "”", "'", "‘", "’"}
ADDRESSEE_CUES = {"tell", "ask"}  # "told reporters that": the object is the audience, not the content


def match_cue(token: Token, cues: CueLexicon) -> Cue | None:
    """The cue this token starts, if any: its lemma is listed and its particle, when the cue needs one, is a child."""
    candidates = cues.candidates(token.lemma_.lower())
    if not candidates or token.pos_ not in {"VERB", "AUX"}:
        return None
    with_particle = [cue for cue in candidates if cue.particle]
    if with_particle:
        lowered_children = {child.lower_ for child in token.children if child.dep_ in {"prt", "prep"}}
        for cue in with_particle:
            if cue.particle in lowered_children:
                return cue
    return next((cue for cue in candidates if cue.particle is None), None)


def _subtree_ids(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _that_clause_of_object(prep: Token) -> set[int]:
    """The "that" clause the parser attached to a prepositional object of the cue ("in a statement that X")."""
    for pobj in prep.children:
        if pobj.dep_ == "pobj":
            for clause in pobj.children:
                marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
                if clause.dep_ in {"acl", "ccomp"} and "that" in marks:
                    return _subtree_ids(clause)
    return set()


def _has_verb(token: Token) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} for t in token.subtree)


def _particle(token: Token, cue: Cue) -> Token | None:
    return next((c for c in token.children if c.lower_ == cue.particle and c.dep_ in {"prt", "prep"}), None)


def content_ids(token: Token, cue: Cue) -> set[int]:
    """Token indices of what `token` (a cue) reports; empty when it reports nothing readable."""
    if cue.takes == PREP:
        host = token.head if token.head != token else None
        if host is None:
            return set()
        return _subtree_ids(host) - _subtree_ids(token)
    deps = OBJECT_DEPS if cue.takes == OBJECT else CLAUSE_DEPS
    ids: set[int] = set()
    particle = _particle(token, cue) if cue.particle else None
    for child in token.children:
        if child.dep_ in {"prep", "prt"} and child != particle:
            ids |= _that_clause_of_object(child)  # "said in a statement that ...": the parser hangs it on the noun
            continue  # "said on Wednesday" is a time, not content
        if child == particle and child.dep_ == "prep":
            ids |= _subtree_ids(child) - {child.i}
        elif child.dep_ in deps and not (cue.lemma in ADDRESSEE_CUES and child.dep_ == "dobj"):
            if child.dep_ == "ccomp" and cue.takes != OBJECT and not _has_verb(child):
                continue  # a headline's "claims Istanbul bombing" parsed as a clause: a deed claimed, no words
            ids |= _subtree_ids(child)
    if ids:
        return ids
    if token.dep_ in HOST_DEPS and token.head.i > token.i and token.head != token:
        return _subtree_ids(token.head) - _subtree_ids(token)  # parenthetical: "The attacks, Kanaani said, are"
    return set()


def trim_edges(doc, ids: set[int]) -> list[int]:
    """Sorted content indices without leading "that" and edge punctuation, which are not part of what was said."""
    ordered = sorted(ids)
    while ordered and (doc[ordered[0]].lower_ in EDGE_WORDS or doc[ordered[0]].is_space):
        ordered.pop(0)
    while ordered and (doc[ordered[-1]].is_punct or doc[ordered[-1]].is_space or doc[ordered[-1]].dep_ == "cc"):
        ordered.pop()
    return ordered


def runs(ids: list[int]) -> list[tuple[int, int]]:
    """Contiguous `[start, end)` token runs of sorted indices."""
    result: list[tuple[int, int]] = []
    for i in ids:
        if result and result[-1][1] == i:
            result[-1] = (result[-1][0], i + 1)
        else:
            result.append((i, i + 1))
    return result
