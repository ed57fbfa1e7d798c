"""The `dateline_actors` spaCy component: find and resolve every actor mention in a document.

One left-to-right pass over the phrase-matcher hits reads noun phrases of the shape
`[the|his] [qualifier] [title] [name]` ("Iran's President Ebrahim Raisi", "his Indonesian counterpart Joko Widodo",
"the Iranian president", "Israeli forces", "OIC chief"; titles that chain several nouns, such as "Venezuelan
opposition leader Juan Guaido", are read by `titles.py`) and resolves each against the knowledge base on the
document's publication date; pronouns and unqualified titles go through a small salience model (`coref.py`).
`offices.py` decides a known person's code against the title written ("former ...") and whose head a church names.
Results land in `doc._.actor_mentions`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from dateline.actors import lexicon as lx
from dateline.actors.apposition import initials, named_by_apposition
from dateline.actors.companies import as_companies
from dateline.actors.context import contextualise
from dateline.actors.coref import PERSONAL_PRONOUNS, PersonMention, Salience, is_subject
from dateline.actors.gazetteer import NAMED_FOR_A_CITY, PLACE_PREPOSITIONS
from dateline.actors.kb import ORG_PREFIX, STATELESS, Church, KnowledgeBase, load_kb
from dateline.actors.offices import church_office, church_ref, is_former, names_church, past_sector, stated_person
from dateline.actors.phrase import Phrase, publication_date
from dateline.actors.surnames import bare_surname_fits, document_context
from dateline.actors.titles import TitleReader
from dateline.actors.unlabelled_places import label_unlabelled_places
from dateline.nlp.extensions import ActorMention, register_extensions
from dateline.records import ActorRef

POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
DATELINE_DASHES = frozenset({"-", "–", "—", "--"})
PLACE_KINDS = (lx.COUNTRY, lx.ADJECTIVE, lx.CAPITAL, lx.DEMONYM)
# Group words too vague to stand as an actor without a country ("people said"); sector-only groups such as
# "worshipers" or "protesters" are still kept.
VAGUE_GROUPS = frozenset({"people", "nation", "officials", "official", "party", "company", "media", "business",
                          "television", "intelligence", "chief", "leader", "muslims", "christians", "jews"})


class ActorResolver:
    """Sets `doc._.actor_mentions`; the knowledge base and matchers are built once, when the component is made."""

    def __init__(self, nlp: Language, name: str = "dateline_actors", kb: KnowledgeBase | None = None) -> None:
        register_extensions()
        self.name = name
        self.kb = kb or load_kb()
        self.lexicon = lx.ActorLexicon(nlp, self.kb)

    def __call__(self, doc: Doc) -> Doc:
        label_unlabelled_places(doc)
        mentions = named_by_apposition(doc, _DocResolver(self.kb, doc, self.lexicon.hits(doc)).run())
        doc._.actor_mentions = contextualise(doc, as_companies(doc, mentions, self.kb))
        doc.user_data.pop("dateline.actor_index", None)
        return doc


@Language.factory("dateline_actors", requires=["token.dep", "token.head", "doc.ents"], assigns=["doc._.actor_mentions"])
def make_actor_resolver(nlp: Language, name: str) -> ActorResolver:
    return ActorResolver(nlp, name)


class _DocResolver:
    """The state of one pass over one document."""

    def __init__(self, kb: KnowledgeBase, doc: Doc, hits: list[lx.Hit]) -> None:
        self.kb, self.doc = kb, doc
        self.on = publication_date(doc)
        self.at = {hit.start: hit for hit in hits}
        self.context = document_context(hits)  # what a lone surname needs to stand for a KB person
        self.salience = Salience()
        self.mentions: list[ActorMention] = []
        self.person_at: dict[int, PersonMention] = {}  # token index -> person mention covering it
        self.unknown_people: dict[str, ActorRef] = {}  # surname -> first mention, for people not in the KB
        self.person_ents = {ent.start: ent for ent in doc.ents if ent.label_ == "PERSON"}
        self.titles = TitleReader(doc, self.at, self.person_ents, kb)
        # Acronyms of the organisations the document names in full: after "the Rapid Support Forces", "RSF" is that
        # paramilitary force, not Reporters Sans Frontieres.
        self._spelled_out = {initials(kb.organisations[hit.keys[0]].name): hit.keys[0] for hit in hits
                             if hit.kind == lx.ORG and hit.keys[0] in kb.organisations}
        self.sentence_start = [0] * len(doc)
        for sent in doc.sents:
            self.sentence_start[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)

    def run(self) -> list[ActorMention]:
        doc, position = self.doc, 0
        sentence_start = self.sentence_start
        for i in self._candidates():
            if i < position:
                continue
            self.salience.note_sentence(sentence_start[i])
            token = doc[i]
            phrase = self._read_phrase(i)
            if phrase is None:
                if token.lower_ in PERSONAL_PRONOUNS and token.pos_ == "PRON":
                    self._pronoun(token)
                continue
            self._resolve(phrase)
            position = max(phrase.end, i + 1)
        return self.mentions

    def _candidates(self) -> list[int]:
        """Token positions where a phrase may start: at hits and names, a few tokens before them, and pronouns."""
        starts = set()
        for start in (*self.at, *self.person_ents):
            starts.update(range(max(start - 3, 0), start + 1))
        surnames = {ent[-1].orth for ent in self.person_ents.values() if len(ent) > 1}  # "Guaido" after "Juan Guaido"
        starts.update(token.i for token in self.doc if token.orth in surnames or token.lower_ in PERSONAL_PRONOUNS)
        return sorted(starts)

    # ---- reading
    def _read_phrase(self, i: int) -> Phrase | None:
        doc, at = self.doc, self.at
        j, determiner, possessor = i, False, None
        if doc[j].lower_ in ("his", "her") and j + 1 < len(doc) and (j + 1) in at:
            self._pronoun(doc[j])
            possessor = self.person_at.get(j)
            j += 1
        elif doc[j].lower_ == "the" and j + 1 < len(doc):
            determiner = True
            j += 1
        phrase = Phrase(start=j if possessor or not determiner else i, end=j, possessor=possessor,
                        determiner=determiner)
        hit = at.get(j)
        if hit is None and j not in self.person_ents:
            if not determiner and doc[j].text in self.unknown_people and doc[j].pos_ == "PROPN":
                phrase.unknown_name, phrase.end = doc[j:j + 1], j + 1  # a surname of someone named earlier
                return phrase
            return self._read_title(phrase, j) if determiner else None
        if hit is not None and hit.kind == lx.CHURCH:
            return self._read_title(phrase, j)
        if hit is not None and hit.kind in (lx.COUNTRY, lx.ORG, lx.PERSON, lx.SURNAME) and self._possessive(hit.end):
            if hit.kind in (lx.PERSON, lx.SURNAME):
                self._resolve(Phrase(start=hit.start, end=hit.end, name=hit))
                phrase.possessor = self.person_at.get(hit.start)
            else:
                self._resolve(Phrase(start=hit.start, end=hit.end, qualifier=hit))
                phrase.qualifier = hit
            phrase.start = j = self._skip_possessive(hit.end)
            return self._read_title(phrase, j, required=True)
        if hit is not None and hit.kind == lx.ADJECTIVE:
            people = at.get(hit.end)
            if people is not None and people.kind == lx.DEMONYM:  # "Bosnian Serbs": a people of the first country
                phrase.qualifier = lx.Hit(hit.start, people.end, lx.ADJECTIVE, hit.keys)
                phrase.end = people.end
                return phrase
            phrase.qualifier, j = hit, hit.end
        elif hit is not None and hit.kind in (lx.ORG, lx.COUNTRY, lx.CAPITAL) and (
                self.titles.title_at(hit.end) is not None or self.titles.name_after(hit.end) is not None):
            phrase.qualifier, j = hit, hit.end
        elif hit is not None and self.titles.given_name(hit):
            phrase.unknown_name = self.person_ents[hit.start]
            phrase.end = phrase.unknown_name.end
            return phrase
        elif hit is not None and hit.kind != lx.SECTOR:
            phrase.end = hit.end
            if hit.kind in (lx.PERSON, lx.SURNAME):
                phrase.name = hit
            else:
                phrase.qualifier = hit
            return phrase
        return self._read_title(phrase, j)

    def _read_title(self, phrase: Phrase, j: int, required: bool = False) -> Phrase | None:
        titles, church = self.titles, self.at.get(j)
        if church is not None and church.kind == lx.CHURCH:
            phrase.church, j = church, church.end
            if j < len(self.doc) and self.doc[j].lower_ in self.kb.church_bodies:  # "the Coptic Church"
                phrase.church_body, phrase.end = True, j + 1
                return phrase
        title = titles.title_at(j)
        if title is not None:
            phrase.sector, phrase.body = titles.chain(title)
            j = phrase.sector.end
        if j not in self.person_ents and (phrase.sector or phrase.qualifier):  # "U.S. basketball star X"
            j = titles.name_after(j, capitalised=not titles.personal(phrase.sector)) or j
        name = self.at.get(j)
        if name is not None and name.kind in (lx.PERSON, lx.SURNAME) and not titles.given_name(name):
            phrase.name, j = name, name.end
        # a name the recogniser took for a person that is a known body is that body ("Yemen's Houthis")
        elif j in self.person_ents and (phrase.sector or phrase.qualifier or not required) and not (
                name is not None and name.kind == lx.ORG and name.end >= self.person_ents[j].end):
            phrase.unknown_name = self.person_ents[j]
            j = phrase.unknown_name.end
        elif phrase.sector is not None and self.kb.sector_words[phrase.sector.keys[0]].person:
            phrase.unknown_name = titles.titled_name(j)
            j = phrase.unknown_name.end if phrase.unknown_name is not None else j
        phrase.end = j
        if phrase.sector is not None and phrase.qualifier is None:
            phrase.qualifier = titles.postmodifier(j)
            phrase.body = phrase.body or titles.postmodifier_body(j, phrase.sector)
        if phrase.sector or phrase.name or phrase.unknown_name:
            return phrase
        if phrase.qualifier is not None and not required:
            return phrase
        if self._names_church(phrase):
            return phrase  # "the Church of England"
        return None

    def _possessive(self, k: int) -> bool:
        return k < len(self.doc) and self.doc[k].lower_ in POSSESSIVE_MARKS

    def _skip_possessive(self, k: int) -> int:
        return k + 1 if self._possessive(k) else k

    # ---- resolving
    def _resolve(self, phrase: Phrase) -> None:
        if phrase.name is not None:
            self._resolve_name(phrase)
        elif phrase.unknown_name is not None:
            self._resolve_unknown(phrase)
        elif phrase.sector is not None:
            self._resolve_title(phrase)
        elif self._names_church(phrase):
            self._resolve_church(phrase)
        elif phrase.qualifier is not None:
            self._resolve_plain(phrase.qualifier)

    def _text(self, start: int, end: int) -> str:
        return self.doc[start:end].text

    def _qualifier_of(self, phrase: Phrase) -> str | None:
        hit = phrase.qualifier
        if hit is None:
            return None
        if hit.kind == lx.ORG:
            return ORG_PREFIX + hit.keys[0]
        if hit.kind in (lx.COUNTRY, lx.ADJECTIVE, lx.CAPITAL, lx.DEMONYM):
            return self._pick_country(hit.keys)
        return None

    def _pick_country(self, keys: tuple[str, ...]) -> str:
        if len(keys) > 1 and self.salience.focus in keys:
            return self.salience.focus
        return keys[0]

    def _resolve_name(self, phrase: Phrase) -> None:
        hit = phrase.name
        person_id = self._pick_person(hit.keys, self._qualifier_of(phrase))
        if person_id is None or (hit.kind == lx.SURNAME and phrase.qualifier is None and phrase.sector is None and
                                 not bare_surname_fits(self.kb.people[person_id], self.doc, hit.start, hit.end,
                                                       self.context, self.on)):
            return
        qualifier = phrase.qualifier  # a written nationality beats a surname guess: "Iranian commander Qassem ..."
        if hit.kind == lx.SURNAME and qualifier and qualifier.kind in PLACE_KINDS and \
                not self.kb.served(person_id, qualifier.keys):
            phrase.name, phrase.unknown_name = None, self.doc[hit.start:hit.end]
            self._resolve_unknown(phrase)
            return
        word = self.kb.sector_words[phrase.sector.keys[0]] if phrase.sector else None
        former = is_former(self.doc, phrase.start, phrase.sector.end if phrase.sector else hit.start)
        actor = stated_person(self.kb, person_id, self._text(phrase.start, phrase.end), self.on,
                              self._qualifier_of(phrase), word, phrase.body, former)
        how = "surname" if hit.kind == lx.SURNAME else "name"
        self._add_person(phrase.start, phrase.end, actor, how, self.kb.people[person_id].gender)

    def _pick_person(self, candidates: tuple[str, ...], qualifier: str | None) -> str | None:
        """Among people sharing a name: one already mentioned, else one of the right country, else one in office."""
        if len(candidates) == 1:
            return candidates[0]
        mentioned = [pid for pid in candidates if self.salience.mentioned(f"person:{pid}")]
        if mentioned:
            return mentioned[-1]
        people = [self.kb.people[pid] for pid in candidates]
        if qualifier:
            people = [p for p in people if any(role.of == qualifier for role in p.roles)] or people
        active = [p for p in people if any(role.active(self.on) for role in p.roles)]
        chosen = active or people
        return chosen[0].person_id if len(chosen) == 1 else None

    def _resolve_unknown(self, phrase: Phrase) -> None:
        """A person the KB does not list: country from the title's qualifier, sector from the title; a later
        bare surname of the same person ("Guaido said") keeps the country and sector of the first mention."""
        span = phrase.unknown_name
        of = self._qualifier_of(phrase)
        word = self.kb.sector_words[phrase.sector.keys[0]] if phrase.sector else None
        former = is_former(self.doc, phrase.start, phrase.sector.end if phrase.sector else span.start)
        sector = past_sector(phrase.body or (word.sector if word else None), former)  # "former minister X": ELI
        earlier = self.unknown_people.get(span[-1].text) if len(span) == 1 else None
        full = earlier.name if earlier is not None else span.text
        country = of if of and not of.startswith(ORG_PREFIX) else None
        code = country + (sector or "") if country else None
        if of and of.startswith(ORG_PREFIX):
            org = self.kb.organisations[of[len(ORG_PREFIX):]]
            country, code = org.country, org.code
            if word is not None and word.civilian and country not in STATELESS:  # "WNBA star": a US civilian
                code = country + word.sector
        elif of is None and sector is None and earlier is not None:
            country, sector, code = earlier.country, earlier.sector, earlier.code
        actor = ActorRef(text=self._text(phrase.start, phrase.end), name=full, country=country, sector=sector,
                         code=code)
        self.unknown_people.setdefault(span[-1].text, actor)
        self._add_person(phrase.start, phrase.end, actor, "name", None)

    def _resolve_title(self, phrase: Phrase) -> None:
        word = self.kb.sector_words[phrase.sector.keys[0]]
        # "the pope" needs no country: the office has one, unless another church is named ("the Coptic pope")
        of = self._qualifier_of(phrase) or (word.of if phrase.church is None else None)
        role = word.role if phrase.body is None else None  # an opposition leader is no head of state
        office = church_office(self._church(phrase), word, self._qualifier_of(phrase))
        if office is not None:
            of, role = office
        if role == "counterpart":
            role = phrase.possessor.role if phrase.possessor else None
        if of is None and role == "spokesperson" and phrase.possessor is not None:
            of = phrase.possessor.of
        if of is None and word.person and phrase.determiner and not word.civilian:
            of = self.salience.focus
        text = self._text(phrase.start, phrase.end)
        former = is_former(self.doc, phrase.start, phrase.sector.end)  # "Iran's former president": not today's
        if of and role and word.person and not former:
            person = self.kb.holder(of, role, self.on)
            if person is not None:
                actor = self.kb.person_ref(person.person_id, text, self.on)
                self._add_person(phrase.start, phrase.end, actor, "role", person.gender)
                return
        if of and of.startswith(ORG_PREFIX):
            self._add(phrase.start, phrase.end, self.kb.org_ref(of[len(ORG_PREFIX):], text), "role")
        elif of:
            # a former minister is one of the elites; "former soldiers" are a group of people, not office holders
            sector = past_sector(phrase.body or word.sector, former and word.person)
            self._add(phrase.start, phrase.end, self.kb.country_ref(of, text, sector), "role")
        elif phrase.body or not (word.person or word.word in VAGUE_GROUPS or word.sector == "GOV" or
                                 self.titles.modifier_only(phrase.start, phrase.end, phrase.determiner)):
            sector = phrase.body or word.sector  # "the opposition leader": the opposition, country from context
            self._add(phrase.start, phrase.end, ActorRef(text=text, sector=sector, code=sector), "role")

    def _church(self, phrase: Phrase) -> Church | None:
        return self.kb.churches[int(phrase.church.keys[0])] if phrase.church is not None else None

    def _names_church(self, phrase: Phrase) -> bool:
        """A church as a body: "the Coptic Church", "the Church of England" (not "Coptic Christmas")."""
        return phrase.sector is None and names_church(self.kb, self.doc, phrase.church, phrase.church_body)

    def _resolve_church(self, phrase: Phrase) -> None:
        actor, how = church_ref(self.kb, self._church(phrase), self._qualifier_of(phrase),
                                self._text(phrase.start, phrase.end))
        self._add(phrase.start, phrase.end, actor, how)

    def _resolve_plain(self, hit: lx.Hit) -> None:
        text = self._text(hit.start, hit.end)
        if hit.kind == lx.ALIAS:
            alias = self.kb.aliases[int(hit.keys[0])]
            self._add(hit.start, hit.end, self.kb.ref_for_target(alias.target, text, alias.sector, text, self.on),
                      "alias")
        elif hit.kind == lx.ORG:
            org_id = self._spelled_out.get(text, hit.keys[0]) if text.isupper() else hit.keys[0]
            self._add(hit.start, hit.end, self.kb.org_ref(org_id, text), "organisation")
        elif hit.kind == lx.COUNTRY:
            iso3 = self._pick_country(hit.keys)
            self._add(hit.start, hit.end, self.kb.country_ref(iso3, text), "country")
            if is_subject(self.doc[hit.end - 1]):
                self.salience.focus = iso3
        elif hit.kind == lx.CAPITAL:
            self._capital(hit, text)
        elif hit.kind in (lx.ADJECTIVE, lx.DEMONYM):
            self._add(hit.start, hit.end, self.kb.country_ref(self._pick_country(hit.keys), text), "nationality")

    def _capital(self, hit: lx.Hit, text: str) -> None:
        """Capitals stand for governments ("Tehran condemned"), but not as places ("in Tehran", "at a Moscow
        airport") or datelines."""
        doc, iso3 = self.doc, self._pick_country(hit.keys)
        if hit.start <= 1 and hit.end < len(doc) and doc[hit.end].text in DATELINE_DASHES:
            self.salience.focus = iso3
            return
        head = doc[hit.end - 1]
        if head.dep_ in ("compound", "nmod") and head.head.i > head.i:
            head = head.head
            if head.lemma_.lower() in NAMED_FOR_A_CITY:  # "the Paris agreement", "the Minsk accords"
                return
        if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPOSITIONS:
            return
        self._add(hit.start, hit.end, self.kb.country_ref(iso3, text, "GOV"), "capital")

    def _pronoun(self, token: Token) -> None:
        if token.i in self.person_at:
            return
        possessor = self.salience.possessor_of(token, self.person_at) if token.dep_ == "poss" else None
        antecedent = self.salience.antecedent(token, self.sentence_start[token.i], possessor)
        if antecedent is None:
            return
        actor = ActorRef(**{**antecedent.actor.to_dict(), "text": token.text})
        self._add_person(token.i, token.i + 1, actor, "pronoun", antecedent.gender, antecedent)

    # ---- recording
    def _add(self, start: int, end: int, actor: ActorRef, how: str) -> None:
        self.mentions.append(ActorMention(start, end, actor, how))

    def _add_person(self, start: int, end: int, actor: ActorRef, how: str, gender: str | None,
                    antecedent: PersonMention | None = None) -> None:
        self._add(start, end, actor, how)
        of, role = (antecedent.of, antecedent.role) if antecedent else self._role_of(actor)
        head = self.doc[start:end].root
        mention = PersonMention(start, end, self.sentence_start[start], is_subject(head), gender, actor, of, role)
        for i in range(start, end):
            self.person_at[i] = mention
        if how != "pronoun":
            self.salience.add_person(mention)
        else:
            self.salience.people.append(mention)

    def _role_of(self, actor: ActorRef) -> tuple[str | None, str | None]:
        if actor.kb_id and actor.kb_id.startswith("person:"):
            role = self.kb.people[actor.kb_id[len("person:"):]].role_on(self.on)
            if role is not None:
                return role.of, role.role
        country = actor.country if actor.country and actor.country not in ("IGO", "NGO", "IMG") else None
        return country, None
