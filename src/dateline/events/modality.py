"""Modality of an event from its trigger's auxiliaries and negation: asserted, negated, hypothetical, future, reported."""

from __future__ import annotations

from spacy.tokens import Token

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must", "can", "ought", "'d"}
CONDITION_MARKS = {"if", "unless", "whether", "provided"}
NEGATORS = {"not", "n't", "never", "no"}
THREAT_CONDITIONS = ("if", "unless")  # "would retaliate if Finland joined NATO"
WARNING_VERBS = frozenset({"warn", "caution"})
FORCE_NOUNS = frozenset({"war", "retaliation", "reprisal", "bloodshed", "consequence", "punishment", "force"})
SAYING_VERBS = frozenset({"say", "tell", "announce", "declare", "state"})
POSSIBLE_AUX = {"could", "would", "might", "may", "will", "'ll"}
FORCE_ROOTS = ("15", "16", "17", "18", "19", "20")


def modality_of(token: Token) -> str:
    """How the clause of `token` presents its event. Negation wins over tense; "would" reads as hypothetical."""
    aux = {child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")}
    if any(child.dep_ == "neg" or child.lower_ in NEGATORS and child.dep_ in ("advmod", "neg") for child in
           token.children):
        return "negated"
    if any(child.dep_ == "mark" and child.lower_ in CONDITION_MARKS for child in token.children):
        return "hypothetical"
    if aux & FUTURE_AUX or _going_to(token):
        return "future"
    if aux & HYPOTHETICAL_AUX:
        return "hypothetical"
    return "asserted"


def is_intent_future(token: Token) -> bool:
    """True for "will/would/shall X" and "is going to X": the tenses CAMEO reads as an expressed intent."""
    aux = {child.lower_ for child in token.children if child.dep_ == "aux"}
    if not aux and token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX") and not any(
            child.dep_ in ("nsubj", "nsubjpass") for child in token.children):
        return is_intent_future(token.head)  # "will build the plant and lend Cairo the money": both promised
    return bool(aux & (FUTURE_AUX | {"would", "'d"})) or _going_to(token)


def obliges(token: Token) -> bool:
    """True for "must/should/has to/needs to X": what a speaker says another actor must do reads as a demand."""
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in ("must", "should", "ought"):
            return True
    head = token.head
    return token.dep_ == "xcomp" and head.lemma_ in ("have", "need") and head.i < token.i


def _going_to(token: Token) -> bool:
    head = token.head
    return token.dep_ == "xcomp" and head.lower_ == "going" and any(c.lower_ == "to" for c in token.children)


def reported_modality(modality: str) -> str:
    """An asserted event inside a statement is "reported"; other modalities stay as they are."""
    return "reported" if modality == "asserted" else modality


def warns_of(warning_lemma: str, clause: Token, inner_code: str | None) -> bool:
    """"warned that Egypt could intervene in Libya if ...", "Not a drop of oil will pass ... if ..., X warned": a
    warning of what the speaker's side may do, on a condition or by force, is a threat (PLOVER THREATEN), not a
    statement reporting a hypothetical act. `inner_code` is the clause's own code, None when it has none ("could
    intervene militarily ... if": a threat all the same, on the condition)."""
    if warning_lemma not in WARNING_VERBS:
        return False
    if _names_force(clause):  # "Taiwan independence means war, China's defence ministry warned"
        return True
    if not _possible(clause):
        return False
    return _conditional(clause) or (inner_code or "").startswith(FORCE_ROOTS)


def conditional_force(clause: Token, inner_code: str | None) -> bool:
    """"(he said) he could cut off the transit of Russian gas if the EU imposed further sanctions": force or coercion
    the speaker's side may use on a condition. Said rather than warned, it takes both the condition and the force."""
    return _possible(clause) and _conditional(clause) and (inner_code or "").startswith(FORCE_ROOTS)


def _names_force(clause: Token) -> bool:
    """The warned-of clause's object or complement is force itself ("means war", "will face retaliation")."""
    return any(child.dep_ in ("dobj", "attr", "oprd") and child.lemma_.lower() in FORCE_NOUNS
               for child in clause.children)


def _possible(clause: Token) -> bool:
    return bool({child.lower_ for child in clause.children if child.dep_ in ("aux", "auxpass")} & POSSIBLE_AUX)


def _conditional(clause: Token) -> bool:
    return any(token.dep_ == "mark" and token.lower_ in THREAT_CONDITIONS and token.head.dep_ == "advcl"
               for token in clause.subtree)
