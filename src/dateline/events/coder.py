"""The `dateline_events` component: code who did what to whom from the dependency parse into `doc._.events`.

Per sentence: verbs first (matrix verbs with infinitives, statements and what they report, demands with their
clausal complement, light verbs with event nouns), then the event nouns no verb consumed. The sentence's clauses are
ranked (events/ranking.py) and each becomes one Event per (source, target) pair of actors, with CAMEO/PLOVER codes,
modality, date, place and evidence offsets (events/expansion.py).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.events import syntax
from dateline.events.agency import with_agents
from dateline.events.cameo import CONFLICT_ROOTS, COOPERATION_ROOTS, MATERIAL_ROOTS, REQUEST_ROOTS
from dateline.events.content import content_tokens, listed_charge
from dateline.events.crowds import as_protests
from dateline.events.dates import dated_in_context, opens_with_headline
from dateline.events.expansion import Coded, EventBuilder
from dateline.events.modality import (
    SAYING_VERBS,
    conditional_force,
    is_intent_future,
    modality_of,
    obliges,
    reported_modality,
    warns_of,
)
from dateline.events.patterns import Pattern, PatternBook, pattern_book
from dateline.events.ranking import rank_and_prune
from dateline.events.roles import FALLBACK_TARGET_PREPS, RoleFinder
from dateline.nlp.extensions import register_extensions
from dateline.records import Event

log = logging.getLogger(__name__)

CONTENT_ROOTS = {"02", "10", "12", "13"}
CLASH, ARMED_CLASH = "145", "190"
HOSTING, PRAISE = "043", "051"
ARREST, COMBAT_CAPTURE = "173", "180"
SIGNING, DEAL_TO_ACT = "057", "030"  # "struck a deal to hold elections" agrees to act (manual 3.1), unlike "signed"
# Acts done to someone, which a headline reports in a bare participle ("Journalist detained", "Hostages freed").
PASSIVE_HEADLINE_ROOTS = frozenset({"08", "16", "17", "18", "19", "20"})
MOBILIZE_ROOT = "15"
REJECT_ROOT = "12"
UNSPECIFIED_THREAT = "130"
PEACEKEEPING_INTENT = "0334"  # CAMEO: express intent to provide military protection or peacekeeping


@Language.factory("dateline_events", requires=["doc.sents", "token.dep", "token.lemma"], assigns=["doc._.events"])
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    register_extensions()
    return EventCoder(pattern_book())


class EventCoder:
    """Stateless apart from the pattern book, which is loaded once per process."""

    def __init__(self, book: PatternBook):
        self.book = book
        self._index: dict = {}  # token -> actor mention of the document being coded
        self.roles = RoleFinder(book, self._index)
        self._headline_end = 0  # token index where the document's headline ends (0: it has none)

    def __call__(self, doc: Doc) -> Doc:
        index = syntax.mention_index(doc)
        self._index = index
        self.roles = RoleFinder(self.book, index)
        builder = EventBuilder(self.book, self.roles, index)
        per_sentence: list[list[Event]] = []
        sentences = list(doc.sents)
        self._headline_end = sentences[0].end if opens_with_headline(sentences, doc.text) else 0
        ents = list(doc.ents)  # once per document: Span.ents rescans the whole document each time
        for sent in sentences:
            try:
                sent_ents = [ent for ent in ents if sent.start <= ent.start < sent.end]
                coded = rank_and_prune(self.code_sentence(sent), self.roles.has_actor)  # main-clause events first
                per_sentence.append(builder.sentence_events(doc, sent, coded, sent_ents))
            except Exception:  # one bad parse must not lose the document; logged with its position
                log.exception("event coding failed in %s at char %d", doc._.doc_id, sent.start_char)
                per_sentence.append([])
        doc._.events = [event for group in dated_in_context(per_sentence, sentences, doc.text) for event in group]
        return doc

    # -- coding clauses ------------------------------------------------------------------------------------------
    def code_sentence(self, sent: Span) -> list[Coded]:
        """Every coded clause of a sentence, verbs first, then event nouns no verb consumed."""
        coded: list[Coded] = []
        consumed: set[int] = set()
        for token in sent:
            if token.i in consumed or token.pos_ not in ("VERB", "AUX") or token.dep_ in ("amod", "compound"):
                continue
            coded.extend(self._code_verb(token, consumed, coded))
        for token in sent:
            if token.i not in consumed and token.pos_ in ("NOUN", "PROPN"):
                nominal = self._code_noun(token)
                if nominal is not None:
                    coded.extend(self._armed_clash(nominal))
        return as_protests(with_agents(coded, self.book.non_agent_causes), self.book.crowd_actors)

    def _headline_passive(self, verb: Token, subject: Token | None, code: str) -> bool:
        """A headline's bare participle is passive ("Opposition leader arrested", "Aid convoy attacked"): the parser
        reads a past tense with the victim as its subject. Only acts done to someone, with no object or auxiliary."""
        return (subject is not None and verb.i < self._headline_end and verb.dep_ == "ROOT"
                and verb.tag_ in ("VBD", "VBN") and subject.dep_ == "nsubj" and code[:2] in PASSIVE_HEADLINE_ROOTS
                and not any(child.dep_ in ("dobj", "obj", "aux", "auxpass", "ccomp", "xcomp") for child in
                            verb.children))

    def _code_verb(self, verb: Token, consumed: set[int], coded: list[Coded]) -> list[Coded]:
        consumed.add(verb.i)
        complement = self._infinitive(verb)
        kind = self._complement_kind(verb)
        if kind and complement is not None:
            return self._code_matrix(verb, complement, kind, consumed)
        lemma = self.book.lemma(verb)
        purpose = syntax.defiant_act(verb, lemma, self.book.defiance_verbs, self.book.defied_restrictions)
        if purpose is not None:  # "defied a lockdown to torch buildings": the act done in defiance is the event
            acted = self._code_verb(purpose, consumed, coded)
            if acted:
                return acted
        pattern = self.book.match_verb(verb)
        clause = next((child for child in verb.children if child.dep_ == "ccomp"), None)
        if kind in ("intent", "threaten") and clause is not None and clause.pos_ in ("VERB", "AUX"):
            vowed = self._code_vowed_force(verb, clause, consumed)
            if vowed is not None:
                return [vowed]
        clause = clause or syntax.for_clause(verb)  # "called on Thursday for Assad to step aside"
        plain = pattern is None or pattern.specificity == 0
        if lemma in self.book.statement_verbs and plain and clause is not None and self._light_noun(verb)[0] is None:
            return self._code_statement(verb, clause, consumed, coded)
        single = self._code_clause(verb, pattern, consumed)
        if single is None:
            return []
        self._consume_content(verb, single.code, consumed)
        if clause is not None and single.code[:2] in REQUEST_ROOTS and (
                single.target is None or single.target.dep_ not in syntax.TARGET_DEPS):
            single = replace(single, target=syntax.clause_subject(clause) or single.target)
        return self._armed_clash(single)

    def _armed_clash(self, item: Coded) -> list[Coded]:
        """A clash of armed forces is fighting (190), not a riot (145), and both sides are its sources, as PLOVER
        codes symmetric events ("Indian and Chinese troops clashed", "soldiers clashed with rebels")."""
        if item.code.startswith(ARREST) and self.roles.armed(item.source) and self.roles.armed(item.target):
            return [replace(item, code=COMBAT_CAPTURE)]  # PLOVER manual 3.15.2: captured combatants are ASSAULT
        if item.code != CLASH or not self.roles.fighters(item.source):
            return [item]
        if item.target is None:
            return [replace(item, code=ARMED_CLASH)]
        if not self.roles.fighters(item.target):
            return [item]  # "troops clashed with protesters" stays a violent protest
        fought = replace(item, code=ARMED_CLASH, target=None)
        return [fought, replace(fought, source=item.target)]

    @staticmethod
    def _consume_content(verb: Token, code: str, consumed: set[int]) -> None:
        """What is demanded, rejected, threatened or alleged is the content of the event, not an event of its own;
        nor is a purpose clause ("staged demonstrations to demand reforms", "opened fire to disperse them")."""
        root = code[:2]
        for child in verb.children:
            purpose = child.dep_ == "advcl" and any(grand.tag_ == "TO" for grand in child.children)
            content = root in CONTENT_ROOTS and child.dep_ in ("ccomp", "xcomp", "dobj", "acl", "oprd")
            alleged = root == "11" and (child.dep_ == "prep" and child.lower_ in ("of", "for") or listed_charge(child))
            if purpose or content:
                consumed.update(content_tokens(child))
            elif root in CONTENT_ROOTS and child.dep_ == "prep" and child.lower_ in ("to", "for"):
                consumed.update(content_tokens(child))  # "called for / invited to a meeting"
            elif alleged or (root in CONTENT_ROOTS and child.dep_ == "prep"):
                consumed.update(token.i for token in child.subtree if token.pos_ in ("VERB", "AUX"))

    def _code_clause(self, verb: Token, pattern: Pattern | None, consumed: set[int]) -> Coded | None:
        """A verb's own code: its pattern, or the event noun a light verb carries ("held talks")."""
        noun_pattern, noun = self._light_noun(verb)
        sharper = noun_pattern is not None and noun_pattern.modifier is not None and pattern is not None and \
            pattern.object is not None and pattern.specificity == 1  # "launched missile strikes" is no labour strike
        if noun_pattern is not None and (pattern is None or pattern.specificity == 0 or sharper or
                                         self.book.lemma(verb) in self.book.light_verbs and pattern.specificity < 1):
            consumed.add(noun.i)
            pattern, extra_targets = noun_pattern, self.roles.prep_targets(noun, noun_pattern.target)
        else:
            extra_targets = []
        if pattern is None:
            return None
        if pattern.object is not None:  # the object noun is part of the pattern ("impose sanctions"), not an event
            consumed.update(child.i for child in verb.children if child.dep_ in ("dobj", "obj"))
        if self.book.lemma(verb) in self.book.experiencer_verbs and pattern.code.startswith("11"):
            source, target = syntax.experiencer_roles(verb, self._index)
        else:
            source, target = self.roles.verb_roles(verb, pattern, extra_targets)
        if target is None and self._headline_passive(verb, source, pattern.code):
            source, target = syntax.agent_of(verb), source  # "Opposition leader arrested": the leader was
        modality = modality_of(verb)
        deal_to_act = pattern.code == SIGNING and syntax.deal_to_act(verb, self.book.agreeing_verbs)
        base = DEAL_TO_ACT if deal_to_act else pattern.code
        if base == HOSTING and self.book.lemma(verb) == "welcome" and not self.roles.has_actor(target):
            base = PRAISE  # "welcomed the formation of a government" praises a step; only a visitor is hosted
        code = self._tense_code(base, verb, modality)
        return Coded(code, verb, source, target, modality, self._confidence(pattern, source, target))

    def _code_matrix(self, verb: Token, complement: Token, kind: str, consumed: set[int]) -> list[Coded]:
        """"threatened to impose sanctions" (163 -> 1312), "agreed to share information" (064 -> 0314)."""
        consumed.update(token.i for token in complement.subtree if token.pos_ in ("VERB", "NOUN", "PROPN"))
        inner = self._code_clause(complement, self.book.match_verb(complement), consumed)
        if kind == "pass":
            if inner is not None:  # "will be forced to take retaliatory steps": the matrix verb's tense counts
                modality = inner.modality if inner.modality != "asserted" else modality_of(verb)
                code = inner.code if is_intent_future(complement) else self._tense_code(inner.code, verb, modality)
                source = inner.source or syntax.subject_of(verb) or syntax.passive_subject(verb)
                return [replace(inner, code=code, trigger=verb, source=source, modality=modality)]
            own = self._code_clause(verb, self.book.match_verb(verb), consumed)
            return [own] if own else []
        if kind == "reject" and self.book.lemma(verb) == "fail" and inner is not None and \
                inner.code[:2] in MATERIAL_ROOTS:  # "failed to pull out": the withdrawal, negated
            return [replace(inner, trigger=verb, source=inner.source or syntax.subject_of(verb), modality="negated")]
        if kind == "intent" and inner is not None and inner.code[:2] in CONFLICT_ROOTS:
            kind = "threaten"  # "vowed to fight", "pledged to strike": an intent to use force is a threat
        default = {"intent": "030", "threaten": "130", "reject": "120"}[kind]
        code = self.book.transform(kind, inner.code) if inner is not None else default
        if kind == "intent" and code == (inner.code if inner else None):
            code = default
        source = syntax.subject_of(verb) or syntax.passive_subject(verb)
        target = inner.target if inner is not None else None
        modality = modality_of(verb)
        if kind == "intent" and modality == "negated":
            code, modality = self.book.transform("reject", inner.code) if inner else "120", "asserted"
        confidence = self._confidence(None, source, target) + 0.1
        return [Coded(code, verb, source, target, modality, min(confidence, 0.95))]

    def _code_vowed_force(self, verb: Token, clause: Token, consumed: set[int]) -> Coded | None:
        """"vowed that Israel would be punished": an intent whose clause reports force is a threat (13)."""
        inner = self._code_clause(clause, self.book.match_verb(clause), set())
        if inner is None or inner.code[:2] not in CONFLICT_ROOTS | {"13"}:  # "would be punished" is 13 already
            return None
        consumed.update(token.i for token in clause.subtree)
        source, target = syntax.subject_of(verb), inner.target
        return Coded(self.book.transform("threat", inner.code), verb, source, target, modality_of(verb),
                     self._confidence(None, source, target))

    def _code_statement(self, verb: Token, clause: Token, consumed: set[int], coded: list[Coded]) -> list[Coded]:
        """A statement and what it reports: "Russia said Sudan must return the helicopter" is a demand (100);
        "Iran said Israel attacked X" is a statement (010) and an attack reported by it."""
        speaker = syntax.subject_of(verb)
        addressee = next(iter(syntax.prep_objects(verb, ("to",))), None) or syntax.object_of(verb)
        if obliges(clause):
            target = syntax.clause_subject(clause)
            consumed.update(token.i for token in clause.subtree)
            return [Coded("100", verb, speaker, target, "asserted", self._confidence(None, speaker, target))]
        if self.book.lemma(verb) == "warn" and self.roles.has_actor(addressee) and is_intent_future(clause):
            consumed.update(token.i for token in clause.subtree)  # "warned North Korea that it would be met ..."
            return [Coded("130", verb, speaker, addressee, modality_of(verb), self._confidence(None, speaker, addressee))]
        statement = Coded("010", verb, speaker, addressee, modality_of(verb), 0.6)
        position = len(coded)
        if clause.i in consumed:  # the reported clause came first ("X lifted the ban, the radio reported")
            for index, item in enumerate(coded):
                if item.trigger.i == clause.i and self._threatens(verb, clause, item, speaker):
                    coded[index] = self._as_threat(item, speaker)
                elif item.trigger.i == clause.i and item.reported_by is None:
                    coded[index] = replace(item, reported_by=position, modality=reported_modality(item.modality))
            if not any(item.trigger.i == clause.i for item in coded) and self._threatens(verb, clause, None, speaker):
                # an uncoded clause that is a threat all the same: "Taiwan independence means war, X warned"
                return [statement, self._as_threat(Coded("130", clause, None, None, "asserted", 0.6), speaker)]
            return [statement]
        inner = self._code_verb(clause, consumed, coded) if clause.pos_ in ("VERB", "AUX") else []
        own = next((item for item in inner if item.trigger.i == clause.i), None)
        if clause.pos_ in ("VERB", "AUX") and self._threatens(verb, clause, own, speaker):
            threat = self._as_threat(own or Coded("130", clause, syntax.subject_of(clause), None, "asserted", 0.6),
                                     speaker)
            inner = [item for item in inner if item is not own]
        else:
            threat = None
        reported = [replace(item, reported_by=position, modality=reported_modality(item.modality),
                            source=self.roles.speaker_for(item.source, speaker),
                            confidence=round(item.confidence * 0.9, 3)) for item in inner]
        return [statement, *([threat] if threat else []), *reported]

    def _threatens(self, verb: Token, clause: Token, own: Coded | None, speaker: Token | None) -> bool:
        """A warning of a conditional or forceful act, or a statement that the speaker's own side could use force on
        a condition ("Lukashenko said he could cut off the transit of gas if ...")."""
        lemma, code = self.book.lemma(verb), own.code if own else None
        if warns_of(lemma, clause, code):
            return True
        return lemma in SAYING_VERBS and conditional_force(clause, code) and self.roles.same_side(
            speaker, syntax.subject_of(clause))

    def _as_threat(self, inner: Coded, speaker: Token | None) -> Coded:
        """The warned-of act as the speaker's threat: "could cut the supply lines" (1312), else a bare threat (130)."""
        code = self.book.transform("threat", inner.code)
        return replace(inner, code=code if code.startswith("13") else "130", modality="asserted",
                       source=self.roles.speaker_for(inner.source, speaker))

    def _code_noun(self, noun: Token) -> Coded | None:
        """A nominal event: "During a phone call with his Indonesian counterpart", "Israel's attacks on Gaza"."""
        pattern = self.book.match_noun(noun)
        if pattern is None or noun.dep_ in ("compound", "amod") or noun.i in self._index:
            return None  # nor is a word of an actor's name ("Organisation of Islamic Cooperation")
        source = self.roles.noun_source(noun, pattern.code) or syntax.listed_object_subject(noun)
        targets = self.roles.prep_targets(noun, pattern.target or FALLBACK_TARGET_PREPS)
        target = targets[0] if targets else None
        modality = "asserted"
        host = noun.head.head if noun.dep_ == "pobj" else None
        if host is not None and host.pos_ in ("VERB", "AUX"):
            modality = modality_of(host)
        return Coded(pattern.code, noun, source, target, modality, self._confidence(pattern, source, target) - 0.1)

    # -- helpers -------------------------------------------------------------------------------------------------
    def _infinitive(self, verb: Token) -> Token | None:
        """The to-infinitive a matrix verb governs, also through "is willing to" and "is committed to opening"."""
        kind = self.book.complement_verbs.get(self.book.lemma(verb))
        complement = kind not in (None, "pass") and not any(child.dep_ in ("dobj", "obj") for child in verb.children)
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                return child
            if complement and child.dep_ == "advcl" and child.pos_ == "VERB" and \
                    any(grand.tag_ == "TO" for grand in child.children):  # "have sworn to fight" parsed as advcl
                return child
            if child.dep_ == "acomp" and child.lower_ in self.book.intent_adjectives:
                return next((grand for grand in child.children if grand.dep_ == "xcomp"), None)
            if child.dep_ == "prep" and child.lower_ == "to" and verb.lemma_ == "commit":
                return next((grand for grand in child.children if grand.dep_ == "pcomp"), None)
        return None

    def _complement_kind(self, verb: Token) -> str | None:
        if any(child.dep_ == "acomp" and child.lower_ in self.book.intent_adjectives for child in verb.children):
            return "intent"
        return self.book.complement_verbs.get(self.book.lemma(verb))

    def _light_noun(self, verb: Token) -> tuple[Pattern | None, Token | None]:
        if self.book.lemma(verb) not in self.book.light_verbs:
            return None, None
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                for noun in (child, *(grand for grand in child.children if grand.dep_ == "compound")):
                    pattern = self.book.match_noun(noun)
                    if pattern is not None:
                        return pattern, child
                for noun in syntax.prep_objects(child, ("of",)):  # "a wave of missile strikes", "a series of raids"
                    pattern = self.book.match_noun(noun)
                    if pattern is not None:
                        return pattern, noun
        return None, None

    def _tense_code(self, code: str, verb: Token, modality: str) -> str:
        """CAMEO reads "will provide aid" as an intent (03), "would blockade Paris" as a threat (13)."""
        if not is_intent_future(verb):
            return code
        marks = {grand.lower_ for child in verb.children if child.dep_ == "advcl" for grand in child.children
                 if grand.dep_ == "mark"}
        if code[:2] in COOPERATION_ROOTS and "unless" in marks:
            return self.book.transform("threat", code)  # "will withdraw its force unless ..." is a threat
        if code[:2] == REJECT_ROOT and marks & {"if", "unless"} and modality != "negated":
            return UNSPECIFIED_THREAT  # "will veto the enlargement if Cyprus is left out": a threat
        if code[:2] in COOPERATION_ROOTS:
            return self.book.transform("reject" if modality == "negated" else "intent", code)
        if code[:2] == MOBILIZE_ROOT and modality != "negated" and self._sent_to_a_country(verb):
            return PEACEKEEPING_INTENT  # "will send 1,400 troops to Afghanistan": a contribution, no threat
        if code[:2] in CONFLICT_ROOTS:
            return self.book.transform("threat", code)
        return code

    def _sent_to_a_country(self, verb: Token) -> bool:
        """Forces sent "to" a named country or a place in it ("to Afghanistan's Uruzgan province"), not "to the
        border" or "to the region"."""
        return any(actor.country for place in syntax.prep_objects(verb, ("to", "into"))
                   for actor in syntax.actors_of(place, self.roles.index))

    @staticmethod
    def _confidence(pattern: Pattern | None, source: Token | None, target: Token | None) -> float:
        score = 0.55 + 0.1 * min(pattern.specificity if pattern else 1, 2)
        score += 0.1 * (source is not None) + 0.05 * (target is not None)
        return round(min(score, 0.95), 3)
