"""Who a pronoun or an unqualified title points to, within one document.

A small salience model, not a trained coreference system: it keeps the person mentions seen so far and answers
"he"/"his" with the most likely antecedent (a possessor in the same phrase, else the last person who was a
grammatical subject, else the last person), and "the foreign minister" with the country currently in focus.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dateline.records import ActorRef

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PERSONAL_PRONOUNS = MALE | FEMALE
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MAX_SENTENCES_BACK = 6


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    sent_start: int
    subject: bool
    gender: str | None  # "m", "f" or None when unknown
    actor: ActorRef
    of: str | None  # the country or "org:<id>" whose role the person held, when known
    role: str | None


def is_subject(token: Token) -> bool:
    """A mention is a subject when its head token, or the noun it stands in apposition to, is one."""
    if token.dep_ in SUBJECT_DEPS:
        return True
    if token.dep_ == "pobj" and (token.head.dep_ == "agent" or token.head.lower_ == "by"):  # "called to a meeting by Iran's President Raisi"
        return True
    return token.dep_ == "appos" and token.head.dep_ in SUBJECT_DEPS


class Salience:
    """The document's running state: persons mentioned, and the country in focus."""

    def __init__(self) -> None:
        self.people: list[PersonMention] = []
        self.focus: str | None = None
        self.sentence_starts: list[int] = []

    def add_person(self, mention: PersonMention) -> None:
        self.people.append(mention)
        if mention.of:
            self.focus = mention.of

    def note_sentence(self, sent_start: int) -> None:
        if not self.sentence_starts or self.sentence_starts[-1] != sent_start:
            self.sentence_starts.append(sent_start)

    def antecedent(self, token: Token, sent_start: int,
                   possessor: PersonMention | None = None) -> PersonMention | None:
        """The person a third-person singular pronoun most likely refers to."""
        gender = "m" if token.lower_ in MALE else "f"
        earlier = [m for m in self.people if m.end <= token.i and m.gender in (gender, None)]
        if not earlier:
            return None
        if possessor is not None and possessor.gender in (gender, None):
            return possessor
        horizon = self._horizon(sent_start)
        if token.dep_ == "poss":  # "..., his spokesperson said": the nearest person in the same sentence
            nearest = [m for m in earlier if m.sent_start == sent_start]
            if nearest:
                return nearest[-1]
        same_sentence = [m for m in earlier if m.sent_start == sent_start and m.subject]
        if same_sentence:
            return same_sentence[-1]
        # A subject pronoun does not point at an object of its own sentence ("with his counterpart X, he demanded").
        before = [m for m in earlier if horizon <= m.sent_start < sent_start]
        subjects = [m for m in before if m.subject]
        if subjects:
            return subjects[-1]
        return before[-1] if before else None

    def _horizon(self, sent_start: int) -> int:
        earlier = [start for start in self.sentence_starts if start < sent_start]
        return earlier[-MAX_SENTENCES_BACK] if len(earlier) >= MAX_SENTENCES_BACK else 0

    def last_person(self, person_key: str) -> PersonMention | None:
        for mention in reversed(self.people):
            if mention.actor.kb_id == person_key or mention.actor.name == person_key:
                return mention
        return None

    def mentioned(self, kb_id: str) -> bool:
        return any(m.actor.kb_id == kb_id for m in self.people)

    def possessor_of(self, token: Token, mentions_by_token: dict[int, PersonMention]) -> PersonMention | None:
        """For "his" in "Raisi's call with his counterpart": a person named as possessor up the same phrase."""
        node = token.head
        for _ in range(3):
            for child in node.children:
                if child.dep_ == "poss" and child.i < token.i and child.i in mentions_by_token:
                    return mentions_by_token[child.i]
            if node.head is node or node.pos_ == "VERB":
                break
            node = node.head
        return None
