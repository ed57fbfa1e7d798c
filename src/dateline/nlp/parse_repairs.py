"""Repairs of the model's output that later stages would otherwise carry into wrong records.

Entities that run over a paragraph break ("Niger\n\n" as a headline's last word) are trimmed to their words: with the
blank line in it the name matched no country and became a company named Niger.

The parser mistake turns two acts into a wrong one: in "Azerbaijan released 32 servicemen and Armenia freed two
soldiers" the small English model reads "Armenia" as a second thing released, and "freed" as Azerbaijan's act. A noun
right before a finite verb coordinated with an earlier one is that verb's subject: English puts no object conjunct
directly before a finite verb.

The tree itself is repaired, so that actors, events and quotes all read it right. Two shapes:
- the second verb has no subject, and the noun before it hangs as a conjunct on the first verb's object: the noun
  (with the conjuncts after it) becomes the second verb's subject;
- both verbs have the same auxiliary, and the second verb's subject is the first verb's object with the noun as its
  conjunct ("Azerbaijan will free 32 soldiers and Armenia will release two").

Headlines drop articles, and the model then reads the subject as a modifier of the verb ("Senegal/amod police/compound
arrest opposition leader", "Mali junta expels French ambassador"/npadvmod): a finite verb with no subject and a noun
right before it hung as its modifier takes that noun as its subject, and a bare noun after it as its object.

"Up to" before a number is a bound on it, not a particle and a preposition: the model reads "detained up to 50
militants" as detained-up, to-50-militants, and the militants are no longer whom the act was done to.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.nlp.tree import conjuncts

COMPONENT = "dateline_parse_repairs"
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
OBJECT_DEPS = ("dobj", "obj", "dative")
FINITE_TAGS = ("VBD", "VBZ", "VBP")
BEFORE_VERB_DEPS = ("aux", "neg", "advmod")  # "Armenia will free", "Armenia has not freed", "Armenia quickly freed"
COORDINATORS = ("and", "but", "while")
GLUED_DEPS = ("compound", "amod", "nmod")  # how the model hangs a headline's subject on its verb
NOUN_MODIFIER_DEPS = (*GLUED_DEPS, "det", "nummod", "poss", "quantmod")


def repair_stranded_subjects(doc: Doc) -> Doc:
    """Re-attach a clause's subject that the parser hung on the previous clause as a conjunct."""
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("conj", "ccomp"):
            continue
        stranded = _noun_before(verb)
        if stranded is None or stranded.dep_ != "conj" or not _follows_coordinator(stranded):
            continue
        if _ends_a_list(stranded):
            continue  # "cables connecting Europe, Africa and Asia took down a route": a list's last item
        first = verb.head
        subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
        if not subjects and verb.dep_ == "conj" and first.is_ancestor(stranded):
            _give_subject(verb, first, stranded)
        elif (len(subjects) == 1 and stranded.head.i == subjects[0].i and _same_auxiliary(first, verb)
              and _takes_object(first, subjects[0])):
            _reattach(doc[stranded.left_edge.i - 1], first, "cc")
            _reattach(subjects[0], first, "dobj")
            _reattach(stranded, verb, "nsubj")
            verb.dep_ = "conj"
    return doc


def _give_subject(verb: Token, first: Token, stranded: Token) -> None:
    """The subject for a verb that has none: the conjuncts from the one the clause's coordinator introduces ("the
    store and fire crews and investigators are")."""
    subject = stranded
    while subject.head.dep_ == "conj" and _follows_coordinator(subject.head):
        subject = subject.head
    _reattach(verb.doc[subject.left_edge.i - 1], first, "cc")
    _reattach(subject, verb, "nsubj")


def _ends_a_list(noun: Token) -> bool:
    """The conjunct closes a comma list ("Europe, Africa and Asia"), which the coordinator belongs to; a second
    coordinator after a closed list opens a clause."""
    opening = noun
    while opening.dep_ == "conj":
        opening = opening.head
    items = {token.i for token in conjuncts(opening)}
    inside = [token for token in noun.doc[opening.i + 1:noun.left_edge.i - 1] if token.head.i in items]
    if any(token.dep_ == "cc" for token in inside):
        return False  # "power, water and electricity connections and officials say": the list closed before
    return any(token.text == "," for token in inside)


def _noun_before(verb: Token) -> Token | None:
    """The noun right before a finite verb, or before the auxiliaries, negation and adverbs in front of it."""
    if not (verb.tag_ in FINITE_TAGS or _auxiliaries(verb)):
        return None
    start = verb.i
    while start > 0 and verb.doc[start - 1].dep_ in BEFORE_VERB_DEPS and verb.doc[start - 1].head.i == verb.i:
        start -= 1
    if start == 0:
        return None
    before = verb.doc[start - 1]
    return before if before.pos_ in ("NOUN", "PROPN") else None


def _auxiliaries(verb: Token) -> list[str]:
    return [child.lower_ for child in verb.children if child.dep_ == "aux" and child.i < verb.i]


def _same_auxiliary(first: Token, verb: Token) -> bool:
    """"will free ... and ... will release": two clauses in parallel, not "said he and Condon planned"."""
    return bool(_auxiliaries(first)) and _auxiliaries(first) == _auxiliaries(verb)


def _follows_coordinator(noun: Token) -> bool:
    """The conjunct is introduced by "and", "but" or "while" (not a list's comma), right before its phrase."""
    edge = noun.left_edge.i
    return edge > 0 and noun.doc[edge - 1].dep_ == "cc" and noun.doc[edge - 1].lower_ in COORDINATORS


def _takes_object(first: Token, noun: Token) -> bool:
    """`first` is a verb right before `noun`'s phrase that has no object of its own: the noun was its object. Not
    when a "that" clause holds the noun ("concluded that the US and other nations must allocate ...")."""
    return (first.pos_ == "VERB" and noun.left_edge.i == first.i + 1
            and not any(child.dep_ in OBJECT_DEPS for child in first.children))


def repair_up_to(doc: Doc) -> Doc:
    """"detained up/prt to/prep 50 militants/pobj" -> "up to" bounds the number, the militants are the object."""
    for up in doc[:-2]:
        to, number = doc[up.i + 1], doc[up.i + 2]
        if up.lower_ != "up" or up.dep_ not in ("prt", "advmod") or to.lower_ != "to" or to.dep_ != "prep":
            continue
        verb = up.head
        counted = number.head
        if (number.dep_ != "nummod" or not number.like_num or counted.head.i != to.i or counted.dep_ != "pobj"
                or to.head.i not in (verb.i, up.i) or verb.pos_ != "VERB"
                or any(child.dep_ in OBJECT_DEPS for child in verb.children)):
            continue
        _reattach(up, number, "quantmod")
        _reattach(to, number, "quantmod")
        _reattach(counted, verb, "dobj")
    return doc


def repair_glued_subjects(doc: Doc) -> Doc:
    """"Senegal/amod police/compound arrest/VBP ..." -> police is the subject of arrest, Senegal modifies police."""
    for verb in doc[1:]:
        if verb.pos_ != "VERB" or verb.tag_ not in FINITE_TAGS or verb.dep_ != "ROOT":  # inner clauses: mis-tagged
            # nouns ("the pre-Bob Hope days", "Bush endangered species rule")
            continue
        if any(child.dep_ in SUBJECT_DEPS for child in verb.children):
            continue
        subject = doc[verb.i - 1]
        if subject.head.i != verb.i or subject.dep_ not in GLUED_DEPS or subject.pos_ not in ("NOUN", "PROPN"):
            continue
        modifiers = [child for child in verb.lefts if child.i < subject.i and child.dep_ in NOUN_MODIFIER_DEPS]
        _reattach(subject, verb, "nsubj")
        for modifier in modifiers:  # "The 15,800-square-metre building houses ...": the building's, as labelled
            _reattach(modifier, subject, modifier.dep_)
        stray = [child for child in verb.rights if child.dep_ == "npadvmod" and child.pos_ in ("NOUN", "PROPN")
                 and child.ent_type_ not in ("DATE", "TIME")]
        if stray and not any(child.dep_ in OBJECT_DEPS for child in verb.children):
            stray[0].dep_ = "dobj"  # "expels French ambassador"
    return doc


def _reattach(token: Token, head: Token, dep: str) -> None:
    token.head = head
    token.dep_ = dep


def trim_entities(doc: Doc) -> Doc:
    """Entities without the whitespace tokens at their edges (dropped when nothing else is left)."""
    if not any(ent[0].is_space or ent[-1].is_space for ent in doc.ents):
        return doc
    trimmed = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end > start:
            trimmed.append(Span(doc, start, end, label=ent.label_, kb_id=ent.kb_id_))
    doc.ents = trimmed
    return doc


@Language.component(COMPONENT)
def parse_repairs(doc: Doc) -> Doc:
    return repair_glued_subjects(repair_up_to(repair_stranded_subjects(trim_entities(doc))))
