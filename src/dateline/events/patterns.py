"""Verb and noun patterns (data/events/*.yaml) compiled into lemma-indexed lookups.

A pattern is a lemma plus optional conditions on the parse (particle, preposition, object noun, infinitive,
voice). Matching is a dict lookup by lemma, then a check of a few children: no regex, no scan over the lexicon.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from dateline.actors.mentions import mention_for_token
from dateline.events.syntax import is_for_clause

OBJECT_DEPS = {"dobj", "obj", "attr", "nsubjpass", "oprd"}
DEADLINE = "deadline"  # "gave Jammeh until noon to ...": an object the ultimatum patterns read
DEADLINE_PREPS = ("until", "till")
HELD_TALKS = "days-of-talks"  # a span or round of talks named as a verb's object (patterns: `object: [days-of-talks]`)
SPANS = frozenset({"day", "week", "hour", "month", "round", "session"})
MEETINGS = frozenset({"talk", "negotiation", "consultation", "meeting", "discussion"})
ADVERB_PARTICLES = frozenset({"down", "up", "out", "off", "back", "aside", "away", "together", "home"})
PHRASAL_PREPS = {"on", "out", "under", "from", "off", "of"}  # prepositions whose object counts as the verb's object noun
# ("of": what someone is accused of, "accused X of shelling" -> shell; PLOVER dev and sets 1-6 unchanged by it alone)
VERB_PREFIXES = frozenset({"test"})  # hyphenated prefixes the tokeniser splits off a verb
TIME_ENTITIES = frozenset({"DATE", "TIME"})  # "seized a tanker on Friday": "on Friday" is no "seize on"
TIME_PREPS = frozenset({"on", "in", "at", "during", "since", "until", "by", "before", "after", "for"})
SUBJECT_DEPS = ("nsubj", "csubj")
STATE_OBJECT = "_state_"  # pseudo-object of a verb whose object is a country ("suspended Gabon")
STATE_ENTITIES = frozenset({"GPE"})
# pseudo-object of a phrasal preposition naming an intergovernmental body ("pulled out of ECOWAS", "withdrew from the
# ICC"): leaving a body is no military retreat
BODY_OBJECT = "_igo_"
NAMING = "_naming_"  # pseudo-object of a verb with a naming complement ("calling the date a red line")


@dataclass(frozen=True)
class Pattern:
    lemmas: frozenset[str]
    code: str
    particle: frozenset[str] | None = None
    prep: frozenset[str] | None = None
    object: frozenset[str] | None = None
    modifier: frozenset[str] | None = None
    xcomp: bool | None = None
    passive: bool | None = None
    target: tuple[str, ...] = ()
    subject: frozenset[str] | None = None

    @property
    def specificity(self) -> int:
        conditions = (self.particle, self.prep, self.object, self.modifier, self.xcomp, self.passive, self.subject)
        return sum(condition is not None for condition in conditions)


@dataclass(frozen=True)
class VerbFacts:
    """What the patterns ask of a verb, read once from its children."""

    particles: frozenset[str]
    preps: frozenset[str]
    objects: frozenset[str]
    has_xcomp: bool
    passive: bool
    subjects: frozenset[str] = frozenset()
    # The objects of other prepositions, by preposition ("took to the streets", "appealed for aid", "drove into the
    # crowd"): they meet a pattern's `object` only when the pattern names that preposition ("before" counts as "to").
    prep_objects: Mapping[str, frozenset[str]] = field(default_factory=dict)
    object_modifiers: frozenset[str] = frozenset()  # the objects' compounds and adjectives ("cut [military] aid")


def _set(value) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset([value] if isinstance(value, str) else value)


def _compile(entries: Iterable[dict]) -> dict[str, list[Pattern]]:
    index: dict[str, list[Pattern]] = {}
    for entry in entries:
        pattern = Pattern(
            lemmas=_set(entry["lemma"]), code=str(entry["code"]), particle=_set(entry.get("particle")),
            prep=_set(entry.get("prep")), object=_set(entry.get("object")), modifier=_set(entry.get("modifier")),
            xcomp=entry.get("xcomp"), passive=entry.get("passive"), target=tuple(entry.get("target") or ()),
            subject=_set(entry.get("subject")),
        )
        for lemma in pattern.lemmas:
            index.setdefault(lemma, []).append(pattern)
    for patterns in index.values():  # stable sort: most specific first, file order among equals
        patterns.sort(key=lambda pattern: -pattern.specificity)
    return index


def _load_yaml(filename: str) -> dict:
    text = resources.files("dateline.data").joinpath(f"events/{filename}").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@dataclass(frozen=True)
class PatternBook:
    verbs: dict[str, list[Pattern]]
    nouns: dict[str, list[Pattern]]
    statement_verbs: frozenset[str]
    light_verbs: frozenset[str]
    complement_verbs: dict[str, str]
    intent_adjectives: frozenset[str]
    intent_codes: dict[str, str]
    threat_codes: dict[str, str]
    reject_codes: dict[str, str]
    known: frozenset[str] = frozenset()  # every verb lemma any table names
    experiencer_verbs: frozenset[str] = frozenset()
    non_agent_causes: frozenset[str] = frozenset()  # "the quake killed 10": no actor used force
    crowd_actors: frozenset[str] = frozenset()  # "rioters burned cars": a riot, not an assault
    agreeing_verbs: frozenset[str] = frozenset()  # "reached a deal to ...": syntax.deal_to_act
    defiance_verbs: frozenset[str] = frozenset()  # "defied a curfew to march": syntax.defiant_act
    defied_restrictions: frozenset[str] = frozenset()
    carrying_verbs: frozenset[str] = frozenset()  # "ships carrying aid": the load is an object
    exercise_nouns: frozenset[str] = frozenset()  # drills and patrols: joint.exercise_code
    joint_words: frozenset[str] = frozenset()
    topic_verbs: frozenset[str] = frozenset()  # "discussed developments in Syria": events/places.py location_for
    receiving_verbs: frozenset[str] = frozenset()  # "received jets from Denmark": events/roles.py verb_roles
    proposal_nouns: frozenset[str] = frozenset()  # "a plan drawn up by X": events/roles.py verb_roles

    def lemma(self, token: Token) -> str:
        """The token's lemma, repaired when the tagger's lemma is unknown to us but a plain de-inflection of the
        word is ("staged" lemmatised as "stag"): a few dict lookups, cached per word form."""
        lemma = token.lemma_.lower()
        if lemma in self.known:
            return lemma
        return _repaired_lemma(token.lower_, lemma, self.known)

    def match_verb(self, token: Token) -> Pattern | None:
        """The most specific verb pattern whose conditions the token's children meet."""
        candidates = self.verbs.get(self.lemma(token))
        if not candidates:
            return None
        facts = verb_facts(token, with_subject=any(pattern.subject is not None for pattern in candidates))
        for pattern in candidates:
            if _verb_conditions_hold(pattern, facts):
                return pattern
        return None

    def match_noun(self, token: Token) -> Pattern | None:
        """The most specific noun pattern for a noun token ("call" with modifier "phone", "call" with "for")."""
        candidates = self.nouns.get(token.lemma_.lower()) or self.nouns.get(token.lower_)
        if not candidates:
            return None
        modifiers, preps = set(), set()
        for child in token.children:
            if child.dep_ in ("compound", "amod", "nmod"):
                modifiers.add(child.lemma_.lower())
            elif child.dep_ == "prep":
                preps.add(child.lower_)
        if "of" in preps:  # "the expulsion of the French ambassador": what the event is about qualifies it
            modifiers.update(_of_objects(token))
        for pattern in candidates:
            if (pattern.modifier is None or pattern.modifier & modifiers) and (pattern.prep is None or
                                                                               pattern.prep & preps):
                return pattern
        return None

    def transform(self, table: str, code: str) -> str:
        """Turn a code through intent/threat/reject tables by its longest listed prefix; unchanged if none."""
        mapping = getattr(self, f"{table.removesuffix('en')}_codes")
        for length in (4, 3, 2):
            if code[:length] in mapping and len(code) >= length:
                return mapping[code[:length]]
        return code


@lru_cache(maxsize=8192)
def _repaired_lemma(word: str, lemma: str, known: frozenset[str]) -> str:
    candidates = [word]
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                                ("es", ""), ("s", ""), ("d", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: len(word) - len(suffix)] + replacement
            candidates.append(stem)
            if len(stem) > 3 and stem[-1] == stem[-2] and not replacement:  # "stopped" -> "stop"
                candidates.append(stem[:-1])
    return next((candidate for candidate in candidates if candidate in known), lemma)


def _addressed(verb: Token) -> bool:
    """The verb names whom it addresses: "called on China", "gave the ambassador 48 hours"."""
    return any(child.dep_ == "dative" or (child.dep_ == "prep" and child.lower_ in ("on", "upon")
                                          and not _temporal(child))
               or (child.dep_ in ("dobj", "obj") and _deadlines(child)) for child in verb.children)


def _deadlines(noun: Token) -> list[str]:
    """A counted span the parser hung on the object as an apposition: "gave Lebanon's ambassador [48 hours]"."""
    return [child.lemma_.lower() for child in noun.children
            if child.dep_ == "appos" and any(grand.dep_ == "nummod" for grand in child.children)]


def verb_facts(token: Token, with_subject: bool = True) -> VerbFacts:
    particles, preps, objects, modifiers = set(), set(), set(), set()
    prep_objects: dict[str, set[str]] = defaultdict(set)
    has_xcomp = passive = False
    for child in token.children:
        dep = child.dep_
        if dep == "prt" or (dep == "advmod" and child.lower_ in ADVERB_PARTICLES):  # "stepped down" as advmod
            particles.add(child.lemma_.lower())
        elif dep == "npadvmod" and child.lower_ in VERB_PREFIXES and child.i == token.i - 2:
            particles.add(child.lower_)  # "test-fired" is tokenised test - fired: the prefix reads as a particle
        elif dep == "dative" and child.pos_ in ("NOUN", "PROPN"):
            objects.add(child.lemma_.lower())  # "gave the French ambassador 72 hours to leave"
        elif dep in ("prep", "agent", "dative") and child.pos_ == "ADP":
            if child.lower_ in DEADLINE_PREPS:  # "gave Jammeh until noon to hand over power": a deadline
                objects.add(DEADLINE)
            if _temporal(child):
                continue
            preps.add(child.lemma_.lower())
            if child.lower_ in PHRASAL_PREPS:  # "put on alert", "went on strike", "walked out of talks"
                objects.update(_prep_objects(child))
            else:  # "took to the streets", "dragged Russia before the court", "appealed for humanitarian aid"
                prep_objects["to" if child.lower_ == "before" else child.lower_].update(_prep_objects(child))
                if child.lower_ == "for":  # what is asked for: its kind names the leaf code
                    modifiers.update(m for pobj in child.children if pobj.dep_ == "pobj" for m in _modifiers(pobj))
        elif dep == "xcomp" and child.lower_ == "court" and not any(g.dep_ == "dobj" for g in child.children):
            preps.add("to")  # "took Japan to court", which the parser reads as the verb "to court"
            prep_objects["to"].add("court")
        elif dep in OBJECT_DEPS:
            objects.add(child.lemma_.lower())
            if dep == "oprd":  # "called it a red line": a naming complement, read by the naming patterns
                objects.add(NAMING)
            if _names_state(child):  # "suspended Gabon": a country, not a programme or flights
                objects.add(STATE_OBJECT)
            if _names_body(child):  # "quit the ICC"
                objects.add(BODY_OBJECT)
            objects.update(_carried(child))
            modifiers.update(_modifiers(child))
            of_objects = _of_objects(child)
            objects.update(of_objects)
            objects.update(_deadlines(child))
            if child.lemma_.lower() in SPANS and of_objects & MEETINGS:
                objects.add(HELD_TALKS)  # "ended two days of talks": talks held, not broken off
            passive = passive or dep == "nsubjpass"
        elif dep == "npadvmod" and any(grand.dep_ == "nummod" for grand in child.children):
            objects.add(child.lemma_.lower())  # "gave the government 14 days to ...": a deadline
        elif dep == "prep" and child.lower_ == "as":  # "holding civilians as human shields"
            preps.add("as")
            objects.update(grand.lemma_.lower() for grand in child.children if grand.dep_ == "pobj")
        elif dep in ("xcomp", "ccomp") and any(grand.tag_ == "TO" for grand in child.children):
            has_xcomp = True
        elif is_for_clause(child):
            preps.add("for")  # "called for Assad to step aside", parsed as a for-clause
        elif dep == "ccomp" and child.pos_ in ("NOUN", "PROPN"):  # "let UN inspectors into": a misparsed object
            objects.add(child.lemma_.lower())
            modifiers.update(_modifiers(child))
        elif dep == "acomp" or (dep == "ccomp" and child.pos_ == "ADJ") or (dep == "xcomp" and child.tag_ == "VBN"):
            objects.add(child.lemma_.lower())  # "pleaded guilty", "found him guilty", "was ordered held"
        elif dep in ("advmod", "advcl") and child.pos_ == "ADJ" and child.i > token.i:
            objects.add(child.lemma_.lower())  # a resultative the parser hung on the verb: "set the village ablaze"
        elif dep == "auxpass":
            passive = True
    # "was called on by the board to end ...", "called on China on Friday to share", "gave the envoy 48 hours to
    # leave": after a passive or an addressee the parser hangs the to-infinitive as an advcl
    if (passive or _addressed(token)) and not has_xcomp:
        has_xcomp = any(child.dep_ == "advcl" and any(grand.tag_ == "TO" for grand in child.children)
                        for child in token.children)
    objects |= modifiers  # "cut [military] aid" also meets a pattern whose object is "military"
    return VerbFacts(frozenset(particles), frozenset(preps), frozenset(objects), has_xcomp, passive,
                     _subject_words(token) if with_subject else frozenset(),
                     {prep: frozenset(found) for prep, found in prep_objects.items()}, frozenset(modifiers))


def _modifiers(noun: Token) -> set[str]:
    return {child.lemma_.lower() for child in noun.children if child.dep_ in ("compound", "amod")}


def _names_state(token: Token) -> bool:
    """The token names a country: by the actors stage when it ran (the model tags some countries PERSON), else by
    its entity label."""
    mention = _mention_over(token)  # not "Moscow's participation"
    if mention is not None:
        return (mention.actor.kb_id or "").startswith("country:")  # a state itself, not a person, body or group
    return token.ent_type_ in STATE_ENTITIES


def _mention_over(token: Token):
    """The actor mention covering the token, when the actors stage ran and found one."""
    mention = mention_for_token(token.doc, token) if Doc.has_extension("actor_mentions") else None
    return mention if mention is not None and mention.start <= token.i < mention.end else None


def _carried(noun: Token) -> set[str]:
    """What a vehicle carries: "ships carrying field hospitals", "planes loaded with aid" -> hospital, aid."""
    found, carrying_verbs = set(), pattern_book().carrying_verbs
    for child in noun.children:
        if child.dep_ == "acl" and child.lemma_.lower() in carrying_verbs:
            for grand in child.children:
                if grand.dep_ in ("dobj", "obj"):
                    found.add(grand.lemma_.lower())
                elif grand.dep_ == "prep" and grand.lower_ == "with":
                    found.update(pobj.lemma_.lower() for pobj in grand.children if pobj.dep_ == "pobj")
    return found


def _temporal(prep: Token) -> bool:
    """A time phrase ("on Friday", "in March") is not the verb's phrasal preposition; "bowed to a week of protests"
    keeps its "to"."""
    return prep.lower_ in TIME_PREPS and any(
        child.dep_ == "pobj" and child.ent_type_ in TIME_ENTITIES and not any(
            grand.dep_ == "prep" and grand.lower_ == "of" for grand in child.children) for child in prep.children)


def _subject_words(token: Token) -> frozenset[str]:
    """Lemmas naming the subject: its head, compounds and modifiers, and the noun behind a quantity ("the first
    contingent of Kenyan police officers" -> contingent, officer, police, kenyan)."""
    subject = next((child for child in token.children if child.dep_ in SUBJECT_DEPS), None)
    if subject is None and token.dep_ in ("conj", "xcomp") and token.head.i != token.i:
        subject = next((child for child in token.head.children if child.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return frozenset()
    words = {subject.lemma_.lower()}
    heads = [subject]
    for child in subject.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            heads.extend(grand for grand in child.children if grand.dep_ == "pobj")
    for head in heads:
        words.add(head.lemma_.lower())
        words.update(_modifiers(head))
    return frozenset(words)


def _prep_objects(prep: Token) -> set[str]:
    """Head lemmas under a phrasal preposition: "on high alert" -> alert, "out of talks" -> talk, "from entering"
    -> enter, "from the G5 Sahel force" -> force."""
    found = set()
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            heads = [child]
            found.update(grand.lemma_.lower() for grand in child.children if grand.dep_ == "appos")
        elif child.dep_ == "prep" and child.lower_ == "of":
            heads = [grand for grand in child.children if grand.dep_ == "pobj"]
        else:
            continue
        for head in heads:
            found.add(head.lemma_.lower())
            if _names_body(head):
                found.add(BODY_OBJECT)
    return found


def _names_body(token: Token) -> bool:
    """The token names an intergovernmental body (by the actors stage, when it ran)."""
    mention = _mention_over(token)
    return mention is not None and mention.actor.country == "IGO"


def _of_objects(noun: Token) -> set[str]:
    """Lemmas behind "a grant of 580 million", "10 days of war games": the noun after a quantity's "of"."""
    found = set()
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.add(pobj.lemma_.lower())
                    found.update(grand.lemma_.lower() for grand in pobj.children if grand.dep_ == "compound")
    return found


def _verb_conditions_hold(pattern: Pattern, facts: VerbFacts) -> bool:
    return (
        (pattern.particle is None or bool(pattern.particle & facts.particles))
        and (pattern.prep is None or bool(pattern.prep & (facts.preps | facts.particles)))
        and (pattern.object is None or bool(pattern.object & facts.objects) or
             any(pattern.object & facts.prep_objects.get(prep, frozenset()) for prep in pattern.prep or ()))
        and (pattern.modifier is None or bool(pattern.modifier & facts.object_modifiers))
        and (pattern.xcomp is None or pattern.xcomp == facts.has_xcomp)
        and (pattern.passive is None or pattern.passive == facts.passive)
        and (pattern.subject is None or bool(pattern.subject & facts.subjects))
    )


@lru_cache(maxsize=1)
def pattern_book() -> PatternBook:
    """Load both pattern files once per process."""
    verbs, nouns = _load_yaml("verb_patterns.yaml"), _load_yaml("noun_patterns.yaml")
    verb_patterns = _compile(verbs["patterns"])
    return PatternBook(
        verbs=verb_patterns,
        nouns=_compile(nouns["patterns"]),
        statement_verbs=frozenset(verbs["statement_verbs"]),
        light_verbs=frozenset(verbs["light_verbs"]),
        complement_verbs=dict(verbs["complement_verbs"]),
        intent_adjectives=frozenset(verbs["intent_adjectives"]),
        intent_codes={str(k): str(v) for k, v in verbs["intent_codes"].items()},
        threat_codes={str(k): str(v) for k, v in verbs["threat_codes"].items()},
        reject_codes={str(k): str(v) for k, v in verbs["reject_codes"].items()},
        experiencer_verbs=frozenset(verbs.get("experiencer_verbs") or ()),
        non_agent_causes=frozenset(verbs.get("non_agent_causes") or ()),
        crowd_actors=frozenset(verbs.get("crowd_actors") or ()),
        agreeing_verbs=frozenset(verbs["agreeing_verbs"]),
        defiance_verbs=frozenset(verbs["defiance_verbs"]),
        defied_restrictions=frozenset(verbs["defied_restrictions"]),
        carrying_verbs=frozenset(verbs["carrying_verbs"]),
        topic_verbs=frozenset(verbs["topic_verbs"]),
        receiving_verbs=frozenset(verbs["receiving_verbs"]),
        proposal_nouns=frozenset(verbs["proposal_nouns"]),
        exercise_nouns=frozenset(nouns["exercise_nouns"]),
        joint_words=frozenset(nouns["joint_words"]),
        known=frozenset(verb_patterns) | frozenset(verbs["statement_verbs"])
        | frozenset(verbs["light_verbs"]) | frozenset(verbs["complement_verbs"]),
    )
