"""Who did it and to whom: the source and target tokens of a coded clause, read through one document's actor mentions.

A verb's source is its subject (or the "by" agent of a passive), its target the first object or prepositional object
that names a country or organisation; an event noun's source is its possessor or modifier ("Israel's attacks",
"Israeli raids"), its "by" or "between" phrase, or the subject of the verb it hangs from ("held talks during a call").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from dateline.events import syntax
from dateline.events.cameo import COOPERATION_ROOTS, PROTEST_ROOT
from dateline.events.modality import THREAT_CONDITIONS
from dateline.events.patterns import TIME_ENTITIES, Pattern, PatternBook
from dateline.events.places import home_government, named_as_people, place_actor, scene_actor
from dateline.nlp.extensions import ActorMention
from dateline.records import ActorRef

FALLBACK_TARGET_PREPS = ("against", "on", "with", "to", "at", "into", "upon")
RECEPTION = "043"
NESTED_TARGET_PREPS = ("with", "of", "around")
OWN_NESTED_TARGET_PREPS = NESTED_TARGET_PREPS + ("to",)  # "recalled their ambassadors to Israel"
ARMED_SECTORS = frozenset({"MIL", "REB", "UAF", "INS"})
NOMINAL_HOSTS = {"during", "in", "through", "via", "with"}  # not "after the shooting": another act, maybe another actor
MOVEMENT_CODES = ("15", "087", "074")  # "a buildup of Azerbaijani troops": the forces in the "of" phrase move
CROWD_PLACE_PREPS = ("in", "across", "throughout", "around")
OPPONENT_PREPS = ("against", "with", "on", "for")
CONTACT_PREPS = ("to", "with")  # "wrote to X", "spoke with X"
SELF_PRONOUNS = frozenset({"he", "she", "it", "we", "they", "i"})
DEMAND_VERBS = ("demand", "call", "press", "protest", "urge")
ADDRESSEE_DEPS = ("pobj", "dobj", "poss", "compound", "amod")
COUNTRY_ENTITIES = frozenset({"GPE", "NORP"})  # "an American journalist": the demonym inside the actor's own name


class RoleFinder:
    """Role lookups for one document: `index` maps token positions to the actor mentions covering them."""

    def __init__(self, book: PatternBook, index: dict[int, ActorMention]):
        self.book = book
        self.index = index

    def verb_roles(self, verb: Token, pattern: Pattern, extra_targets: list[Token]) -> tuple[Token | None, Token | None]:
        passive_subject = syntax.passive_subject(verb)
        if passive_subject is not None and pattern.code.startswith(RECEPTION):
            return passive_subject, syntax.agent_of(verb)  # "X was received by Y" reports X's visit to Y
        if passive_subject is not None:
            return syntax.agent_of(verb), passive_subject
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
            agent = syntax.agent_of(verb)  # "sanctions imposed by the EU on Russia", "a swap brokered by Qatar"
            if agent is not None and self.has_actor(agent):
                targets = [token for token in self.prep_targets(verb, pattern.target or FALLBACK_TARGET_PREPS)
                           if token.i != agent.i]
                return agent, self.best_target(targets + [verb.head])
        source = syntax.subject_of(verb)
        if self.book.lemma(verb) in self.book.receiving_verbs and pattern.code[:2] in ("06", "07"):
            givers = [token for token in self.prep_targets(verb, ("from",)) if self.has_actor(token)]
            return (givers[0] if givers else None), source  # the giver gives to the one who received
        candidates = [child for child in verb.children if child.dep_ == "dative"]
        candidates += [child for child in verb.children if child.dep_ in ("dobj", "obj")]
        objects = list(candidates)
        # The agent of an act named as the object is whom the verb answers: "rejected calls by Belarus", "condemned
        # the attacks by Israel on Gaza" (Israel, as "Israel's attacks" would be).
        candidates += [agent for noun in objects for agent in self.prep_targets(noun, ("by",)) if self.has_actor(agent)]
        # ... and so is whoever drew up a proposal: "accepted a plan drawn up by X" (not "rescued hostages held by X")
        candidates += [agent for noun in objects if noun.lemma_.lower() in self.book.proposal_nouns
                       for child in noun.children if child.dep_ == "acl" and child.tag_ == "VBN"
                       for agent in (syntax.agent_of(child),) if self.has_actor(agent)]
        candidates += extra_targets + self.prep_targets(verb, pattern.target or FALLBACK_TARGET_PREPS)
        for noun in objects:  # "signed an agreement with X", "imposed sanctions on X", "cut ties with X"
            candidates += self.prep_targets(noun, pattern.target or FALLBACK_TARGET_PREPS)
            # "dispatched two ships carrying aid to X": the parser hangs the destination on the carrying verb
            candidates += [target for child in noun.children if child.dep_ == "acl"
                           and self.book.lemma(child) in self.book.carrying_verbs
                           for target in self.prep_targets(child, ("to", "into"))]
        if pattern.object is not None:  # the object is a thing ("promised military aid to X"), not the target
            things = [token for token in objects if token.dep_ != "dative"]  # "gave the Ivory Coast $5m of aid"
            others = [token for token in candidates if token not in things and token.ent_type_ not in TIME_ENTITIES]
            # ... though a thing a country marks stands for that country when nothing before it names one ("struck two
            # Saudi oil facilities at Abqaiq"; best_target ranks those that name a country first, then by position)
            others += [token for token in things if self._country_modifier(token)]
            # ... and so does one another actor owns ("threw out opposition leader X's challenge", "suspended
            # Twitter's operations"); the source's own ("suspended Moscow's participation") says nothing
            others += [token for token in things if self._owned_by_other(token, source)]
            candidates = others or candidates
        # "pulled back their troops", "held his first phone call with X": what the source owns is no target, unless a
        # country of its own marks it ("its Ukrainian counterpart")
        own = [token for token in objects if pronoun_owned(token) and not self._country_modifier(token)]
        candidates = [token for token in candidates if token not in own]
        candidates += [inner for token in own for inner in syntax.prep_objects(token, OWN_NESTED_TARGET_PREPS)
                       if inner not in candidates]  # "mounted its invasion of South Lebanon", "its envoy to X"
        candidates = [token for token in candidates if not self._claimed_by_experiencer(verb, token)]
        if source is not None and not self.has_actor(source):
            source = self._actor_behind(verb, source)
        home = {actor.country for actor in syntax.actors_of(source, self.index) if actor.country}
        return source, self.best_target(self._named_partner(verb, pattern, candidates) or candidates, home)

    def _named_partner(self, verb: Token, pattern: Pattern, candidates: list[Token]) -> list[Token]:
        """In cooperation, the party the pattern's preposition names outranks the object handed over: "extradited
        [former president X] to [the United States]" cooperates with the US. Not in coercion: "deported 200
        Venezuelans to El Salvador" is done to the Venezuelans."""
        if pattern.code[:2] not in COOPERATION_ROOTS or not pattern.target:
            return []
        return [token for token in self.prep_targets(verb, pattern.target) if token in candidates
                and any(actor.country for actor in syntax.actors_of(token, self.index))]

    def _actor_behind(self, verb: Token, subject: Token) -> Token:
        """The actor behind a subject that names none: the one images show ("images showing Israeli police beating
        X"), the parties of an event noun ("clashes between X and Y killed 50"), or the subject of the verb whose
        object the clause describes ("the PKK issued a declaration demanding that ...")."""
        shown = syntax.shown_actor(subject, self.index)
        if shown is not None:
            return shown
        if subject.pos_ in ("NOUN", "PROPN") and self.book.match_noun(subject) is not None:
            parties = self.noun_source(subject)
            if parties is not None and self.has_actor(parties):
                return parties
        if verb.dep_ == "acl" and subject.i == verb.head.i and subject.dep_ in syntax.TARGET_DEPS:
            issuer = syntax.subject_of(subject.head)
            if issuer is not None and self.has_actor(issuer):
                return issuer
        return subject

    def _country_modifier(self, noun: Token) -> bool:
        """A thing a country's name or demonym modifies ("Saudi oil facilities"), not one it owns ("Moscow's
        participation") or one whose country only the context gave ("paramilitary troops")."""
        own = self.index.get(noun.i)
        return any(child.dep_ in ("amod", "compound", "nmod") and child.i in self.index
                   and self.index[child.i].actor.country
                   and (self.index[child.i] is not own or child.ent_type_ in COUNTRY_ENTITIES)
                   for child in noun.children)

    def _owned_by_other(self, noun: Token, source: Token | None) -> bool:
        """A thing whose possessor is an actor other than the source (by CAMEO code: the court and the opposition
        leader are both Kenyan, Putin and Moscow both the Russian government)."""
        sources = syntax.actors_of(source, self.index)
        mine = {actor.code for actor in sources} | {actor.country for actor in sources}  # "Russia's forces"
        own = self.index.get(noun.i)  # "Russia's troops" is one actor, not troops Russia owns
        return any(child.dep_ == "poss" and child.i in self.index and self.index[child.i] is not own
                   and self.index[child.i].actor.code not in mine for child in noun.children)

    def _claimed_by_experiencer(self, verb: Token, token: Token) -> bool:
        """A misparsed object: "X abusing Y surprised and disgusted Guterres" gives "abusing" Guterres as object."""
        between = verb.doc[min(verb.i, token.i) + 1: max(verb.i, token.i)]
        return token.i > verb.i and any(self.book.lemma(word) in self.book.experiencer_verbs for word in between)

    def best_target(self, candidates: list[Token], home: set[str] | frozenset[str] = frozenset()) -> Token | None:
        """The first candidate naming a country or organisation, else the first naming any actor, else the first;
        a candidate naming none may name one in its own phrase ("near its border with Ukraine", "out of Syria").
        Among equals, one naming another country than the source's `home` comes first: "Russia expelled two
        British diplomats from Moscow" is done to Britain."""
        candidates = [token for token in candidates if token.ent_type_ not in TIME_ENTITIES]  # not "on Friday"
        candidates = candidates + [inner for token in candidates if not self.has_actor(token)
                                   for inner in syntax.prep_objects(token, NESTED_TARGET_PREPS)]
        ranked = []
        for position, token in enumerate(candidates):
            actors = syntax.actors_of(token, self.index)
            rank = 0 if any(actor.country for actor in actors) else 1 if actors else 2 if place_actor(token) else 3
            at_home = bool(home) and bool(actors) and all(actor.country in home for actor in actors)
            ranked.append((rank, at_home, position, token))
        return min(ranked, key=lambda item: item[:3])[3] if ranked else None

    @staticmethod
    def prep_targets(token: Token, preps: tuple[str, ...]) -> list[Token]:
        return syntax.prep_objects(token, tuple(preps))

    def noun_source(self, noun: Token, code: str = "") -> Token | None:
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and self.has_actor(child):
                return child
        by = next(iter(syntax.prep_objects(noun, ("by", "between"))), None)
        if by is not None:  # "attacks by X"; "talks between X and Y": every party is a source (PLOVER 2.4.2)
            return by
        if code.startswith(MOVEMENT_CODES) and noun.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            # "a buildup of troops was reported", not "the killing of soldiers" nor "opposed the deployment of X"
            moved = next(iter(syntax.prep_objects(noun, ("of",))), None)
            if self.armed(moved):
                return moved
        if noun.dep_ == "pobj" and noun.head.lower_ in NOMINAL_HOSTS and noun.head.head.pos_ in ("VERB", "AUX"):
            host = noun.head.head
            if syntax.passive_subject(host) is not None:  # "X was arrested in the raid": the raiders arrested X
                return syntax.agent_of(host)
            return syntax.subject_of(host)
        return None

    def crowd_place(self, trigger: Token) -> Token | None:
        """Where an unnamed crowd protested ("Protests erupted across Iran", "people rallied in cities across
        Australia"): the place stands for the country whose civilians protest."""
        anchor = trigger.head if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "nsubj" else trigger
        for token in syntax.prep_objects(anchor, CROWD_PLACE_PREPS):
            for place in (token, *syntax.prep_objects(token, CROWD_PLACE_PREPS)):
                if place_actor(place) is not None:
                    return place
        return None

    def crowd_country(self, trigger: Token) -> ActorRef | None:
        """The civilians (CAMEO sector CVL) of the country where an unnamed crowd protested."""
        actor = place_actor(self.crowd_place(trigger))
        return None if actor is None else replace(actor, sector="CVL", code=f"{actor.country}CVL")

    def speaker_for(self, source: Token | None, speaker: Token | None) -> Token | None:
        """"Syria says it is willing to withdraw", "the rebels said they will release": an unresolved pronoun (or
        missing subject) of a reported clause is the speaker."""
        if source is None or (source.pos_ == "PRON" and not self.has_actor(source)):
            return speaker if speaker is not None and self.has_actor(speaker) else source
        return source

    def same_side(self, speaker: Token | None, subject: Token | None) -> bool:
        """The clause's subject is the speaker's own side: a pronoun ("he could cut off ..."), or an actor of the
        speaker's country ("Hong Kong police said officers could fire ...")."""
        if speaker is None or subject is None:
            return False
        if subject.lower_ in SELF_PRONOUNS:
            return True
        theirs = {actor.country for actor in syntax.actors_of(speaker, self.index) if actor.country}
        ours = {actor.country for actor in syntax.actors_of(subject, self.index) if actor.country}
        return bool(theirs & ours)

    def has_actor(self, token: Token | None) -> bool:
        return bool(syntax.actors_of(token, self.index))

    def armed(self, token: Token | None) -> bool:
        """Every actor the phrase names is an armed force: troops, rebels, militias, insurgents (police are not: "police clashed with protesters")."""
        actors = syntax.actors_of(token, self.index)
        return bool(actors) and all(actor.sector in ARMED_SECTORS for actor in actors)

    def fighters(self, token: Token | None) -> bool:
        """Armed forces, allowing bare country names among them: "Kyrgyz and Tajik border guards" are both sides'
        guards, though the first conjunct resolves to a country without a sector."""
        actors = syntax.actors_of(token, self.index)
        return any(actor.sector in ARMED_SECTORS for actor in actors) and \
            all(actor.sector in ARMED_SECTORS or not actor.sector for actor in actors)

    def opponent_in_clause(self, trigger: Token, source: Token | None) -> Token | None:
        """A country-naming actor the act is set against deeper in its clause, outside the source's phrase: "mobilized
        reservists for a war [against Iraq]", "suspended air links [with Serbia]"."""
        return next((token for token in syntax.clause_prep_objects(trigger, OPPONENT_PREPS, source)
                     if self.has_country(token)), None)

    def unnamed_target(self, code: str, trigger: Token, source: Token | None,
                       sources: list[ActorRef | None]) -> list[ActorRef | None] | None:
        """For a threat or conflictual act whose clause names no target: whom a protest's demand addresses, a country
        deeper in the clause, whom a threat's condition names, else the state of the scene; never the source itself
        ("Iraqi Kurds ... calling for independence from Iraq"). None when nothing qualifies."""
        opponent = self.addressee_of_demand(trigger, source) if code[:2] == "14" else None
        opponent = opponent or self.opponent_in_clause(trigger, source)
        if opponent is None and code[:2] == "13":
            opponent = self.conditional_party(trigger, source)
        found = syntax.actors_of(opponent, self.index) or [scene_actor(trigger, source)]
        if any(same_actor(s, t) for s in sources for t in found if s is not None and t is not None):
            # a people protesting at home protest to their state ("Thousands of Cubans marched through ...": the
            # PLOVER gold codes CUB -> CUB), as the state's government; any other act is not done to oneself
            people = all(named_as_people(s) for s in sources)  # "Cubans", not "Cuba"
            return [home_government(t) for t in found] if code[:2] == PROTEST_ROOT and people and opponent is None \
                else None
        return found

    def addressee_of_contact(self, trigger: Token) -> list[ActorRef]:
        """Whom the contact a request rides on reached: "telephoned [Taha], requesting an urgent meeting", "wrote to
        [Germany] asking for talks", "summoned [the Somali ambassador], demanding an explanation"."""
        contact = trigger.head
        if trigger.dep_ != "advcl" or trigger.tag_ != "VBG" or contact.pos_ != "VERB" or contact.i > trigger.i:
            return []
        reached = [child for child in contact.children if child.dep_ in ("dobj", "dative")]
        reached += syntax.prep_objects(contact, CONTACT_PREPS)
        return next((found for token in reached if (found := syntax.actors_of(token, self.index))), [])

    def conditional_party(self, trigger: Token, source: Token | None) -> Token | None:
        """Whom a threat's condition names: "would retaliate if [Finland] joined NATO", "threatened to quit the talks
        unless [Washington] dropped its demands" (the PLOVER gold codes that party as the target)."""
        skip = {token.i for token in source.subtree} if source is not None else set()
        for clause in trigger.subtree:
            if clause.dep_ == "advcl" and any(child.dep_ == "mark" and child.lower_ in THREAT_CONDITIONS
                                              for child in clause.children):
                subject = syntax.subject_of(clause)
                if subject is not None and subject.i not in skip and self.has_country(subject):
                    return subject
        return None

    def addressee_of_demand(self, trigger: Token, source: Token | None) -> Token | None:
        """Whom a protest's demand addresses: a country-naming actor in its purpose clause ("staged a hunger strike
        to demand the resignation of [Algerian President] Ben Bella", "in protest of the [Russian] government's
        refusal"), outside the protesters' own phrase."""
        skip = {token.i for token in source.subtree} if source is not None else set()
        for clause in trigger.children:
            purpose = clause.dep_ in ("xcomp", "advcl") and clause.lemma_ in DEMAND_VERBS
            if not (purpose or (clause.dep_ == "prep" and clause.lower_ == "in")):
                continue
            for token in clause.subtree:
                if (token.i not in skip and token.i in self.index and token.dep_ in ADDRESSEE_DEPS
                        and self.has_country(token)):
                    return token
        return None

    def has_country(self, token: Token) -> bool:
        return any(actor.country for actor in syntax.actors_of(token, self.index))


def pronoun_owned(noun: Token) -> bool:
    """"their troops", "its forces": a thing of the source's own, moved or used, not a target."""
    return noun.pos_ == "NOUN" and any(child.dep_ == "poss" and child.pos_ == "PRON" for child in noun.children)


def owned_by_source(target: Token | None) -> bool:
    """A target noun the source only owns ("his commitment", "its pledge"), not another actor."""
    return target is not None and target.pos_ == "NOUN" and any(child.dep_ == "poss" for child in target.children)


def same_actor(source: ActorRef | None, target: ActorRef | None) -> bool:
    """An actor is not its own target ("Widodo ... his counterpart Widodo" after a wrong pronoun link)."""
    if source is None or target is None:
        return False
    return (source.kb_id or source.name or source.text, source.sector) == \
        (target.kb_id or target.name or target.text, target.sector)
