"""Phrase matchers built once from the knowledge base: every name, alias, adjective and sector word as a pattern.

Two matchers, because case matters differently: proper names and acronyms match exactly ("US" and "WHO" must not
match "us" and "who"; "Turkey" must not match "turkey"), while organisation names, loaded aliases and sector words
match in any case ("the President", "Foreign Ministry"). Matches come back as `Hit`s, longest first where they
overlap, with every candidate key for a span ("Congolese" is COD or COG).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from dateline.actors.kb import KnowledgeBase
from dateline.actors.names import hyphen_variants

# Kinds of pattern, in the order that wins when two kinds cover exactly the same tokens.
ALIAS, PERSON, ORG, COUNTRY, CAPITAL, ADJECTIVE, DEMONYM, CHURCH, SURNAME, SECTOR = (
    "alias", "person", "org", "country", "capital", "adjective", "demonym", "church", "surname", "sector")
KIND_PRIORITY = {kind: rank for rank, kind in enumerate(
    (ALIAS, PERSON, ORG, COUNTRY, CAPITAL, ADJECTIVE, DEMONYM, CHURCH, SURNAME, SECTOR))}


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    kind: str
    keys: tuple[str, ...]  # ISO-3, org id, person id, alias or church index, or sector word


def _strip_the(text: str) -> str:
    """Patterns never start with "the": the reader treats a leading determiner itself."""
    text = text.strip()
    return text[4:] if text.lower().startswith("the ") else text


def _variants(text: str) -> set[str]:
    """The phrase as written, and with a capital first letter (sentence starts, titles)."""
    text = _strip_the(text)
    return {text, text[:1].upper() + text[1:]} if text else set()


def _is_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(letters) <= 6


def _is_single_name(text: str) -> bool:
    """One capitalised word ("the Commission", "Hamas"): matched as written, so "electoral commission" is no EU."""
    words = _strip_the(text).split()
    return len(words) == 1 and words[0][:1].isupper()


class ActorLexicon:
    """Case-sensitive and case-insensitive PhraseMatchers over all knowledge-base phrases."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._labels: dict[int, tuple[str, str]] = {}
        exact: dict[tuple[str, str], set[str]] = defaultdict(set)  # (kind, key) -> phrases
        folded: dict[tuple[str, str], set[str]] = defaultdict(set)
        for iso3, country in kb.countries.items():
            for name in country.names:
                exact[(COUNTRY, iso3)] |= _variants(name)
            for capital in country.capitals:
                exact[(CAPITAL, iso3)] |= _variants(capital)
            for adjective in country.adjectives:
                exact[(ADJECTIVE, iso3)] |= _variants(adjective)
            for demonym in country.demonyms:
                exact[(DEMONYM, iso3)] |= _variants(demonym)
        for org_id, org in kb.organisations.items():
            for name in (org.name, *org.aliases):
                target = exact if _is_acronym(name) or _is_single_name(name) else folded
                target[(ORG, org_id)] |= _variants(name) if target is exact else {_strip_the(name)}
        for person_id, person in kb.people.items():
            for name in (person.name, *person.aliases):  # "Amir-Abdollahian" is also written "Amir Abdollahian"
                exact[(PERSON, person_id)] |= {form for variant in hyphen_variants(name) for form in _variants(variant)}
            if person.surname:
                exact[(SURNAME, person_id)] |= {form for variant in hyphen_variants(person.surname)
                                                for form in _variants(variant)}
        for index, church in enumerate(kb.churches):  # "Coptic", "Maronite": capitalised, so matched as written
            exact[(CHURCH, str(index))] |= {form for name in church.names for form in _variants(name)}
        for index, alias in enumerate(kb.aliases):
            folded[(ALIAS, str(index))].add(_strip_the(alias.phrase))
        for word in kb.sector_words:  # title-cased too: the tokenizer keeps "Gen." and "Lt." whole, not "gen."
            folded[(SECTOR, word)] |= {word, word.title()}
        self._add(nlp, self.exact, exact)
        self._add(nlp, self.folded, folded)

    def _add(self, nlp: Language, matcher: PhraseMatcher, phrases: dict[tuple[str, str], set[str]]) -> None:
        for (kind, key), texts in phrases.items():
            label = f"{kind}|{key}"
            match_id = nlp.vocab.strings.add(label)
            self._labels[match_id] = (kind, key)
            matcher.add(label, list(nlp.tokenizer.pipe(sorted(texts))))

    def hits(self, doc: Doc) -> list[Hit]:
        """Non-overlapping hits in text order; longest span wins, then kind priority."""
        keys: dict[tuple[int, int, str], list[str]] = defaultdict(list)
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                kind, key = self._labels[match_id]
                keys[(start, end, kind)].append(key)
        ranked = sorted(keys, key=lambda span: (span[0] - span[1], KIND_PRIORITY[span[2]], span[0]))
        taken: set[int] = set()
        chosen = []
        for start, end, kind in ranked:
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            chosen.append(Hit(start, end, kind, tuple(dict.fromkeys(keys[(start, end, kind)]))))
        chosen.sort(key=lambda hit: hit.start)
        return chosen
