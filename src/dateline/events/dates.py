"""Event dates from the text, resolved against the publication date (news conventions), else the publication date.

Our own rules cover what wire copy says most ("on Thursday", "Friday night", "yesterday", "last week", "on April 6");
dateparser (slow) handles the rest, with RELATIVE_BASE at publication and a cache.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from dateline.records import ActorRef, Event

log = logging.getLogger(__name__)

WEEKDAYS = {name: index for index, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
MONTHS = {name: index for index, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"), start=1)}
MONTHS.update({name[:3]: index for name, index in list(MONTHS.items())})
MONTHS["sept"] = 9
# Day offsets before publication for fixed relative words.
RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": 1, "overnight": 1, "last night": 1, "this morning": 0,
                 "this afternoon": 0, "this evening": 0, "earlier today": 0, "the day before": 1,
                 "last week": 7, "this week": 0, "earlier this week": 2, "last weekend": 6, "this weekend": 0}
TIME_OF_DAY = r"(?:morning|afternoon|evening|night|noon|midnight)"
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?\b")
_MONTH_DAY = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b")
_VAGUE = re.compile(r"\b(year|years|decade|century|centuries|months|weeks|days|ago|since|age|era)\b|^\d{4}s?$")


def resolve_date(text: str, published: date | None, forward: bool = False) -> date | None:
    """The calendar date `text` names, relative to `published`; None when it names none we trust."""
    if published is None:
        return None
    key = " ".join(text.lower().replace("’", "'").split())
    key = re.sub(r"^(on|in|at|during|since|by|early|late|from)\s+", "", key)
    key = re.sub(r"^the\s+", "", key)
    if key in RELATIVE_DAYS:
        return published - timedelta(days=RELATIVE_DAYS[key])
    if key in ("last month", "earlier this month", "this month"):
        return _month_start(published, back=key == "last month")
    found = _weekday(key, published, forward) or _calendar(key, published) or _month_only(key, published)
    if found is not None:
        return found
    if _VAGUE.search(key) or len(key) > 40:
        return None
    return _dateparser(key, published)


def _weekday(key: str, published: date, forward: bool = False) -> date | None:
    """News convention: a bare weekday is the most recent such day on or before publication; for a future event
    ("will be held on Saturday", `forward`) the next such day on or after it."""
    match = re.fullmatch(rf"(?:last |this |on |late |early )?([a-z]+)(?:\s+{TIME_OF_DAY})?", key)
    if not match or match.group(1) not in WEEKDAYS:
        return None
    if forward and not key.startswith("last "):
        return published + timedelta(days=(WEEKDAYS[match.group(1)] - published.weekday()) % 7)
    back = (published.weekday() - WEEKDAYS[match.group(1)]) % 7
    if key.startswith("last ") and back == 0:
        back = 7
    return published - timedelta(days=back)


def _calendar(key: str, published: date) -> date | None:
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        match = pattern.search(key)
        if match and match.group(month_group) in MONTHS:
            month, day = MONTHS[match.group(month_group)], int(match.group(day_group))
            year = int(match.group(3)) if match.group(3) else published.year
            try:
                found = date(year, month, day)
            except ValueError:
                return None
            if not match.group(3) and found > published + timedelta(days=1):
                found = found.replace(year=year - 1)  # "on December 30" in a January article
            return found
    return None


def _month_only(key: str, published: date) -> date | None:
    """"in April", "April 2023": the first of that month (the most recent April on or before publication), not the
    publication's day of the month in it."""
    match = re.fullmatch(r"([a-z]+)\.?(?:,?\s+(\d{4}))?", key)
    if not match or match.group(1) not in MONTHS:
        return None
    month = MONTHS[match.group(1)]
    year = int(match.group(2)) if match.group(2) else published.year - (month > published.month)
    return date(year, month, 1)


def _month_start(published: date, back: bool) -> date:
    if not back:
        return published.replace(day=1)
    return (published.replace(day=1) - timedelta(days=1)).replace(day=1)


@lru_cache(maxsize=4096)
def _dateparser(key: str, published: date) -> date | None:
    if not any(word in MONTHS or word in WEEKDAYS for word in re.findall(r"[a-z]+", key)):
        return None  # dateparser would guess from numbers alone; not worth the cost or the risk
    import dateparser  # imported lazily: it costs about a second

    base = datetime(published.year, published.month, published.day)
    parsed = dateparser.parse(key, languages=["en"], settings={"RELATIVE_BASE": base,
                                                               "PREFER_DATES_FROM": "past"})
    return parsed.date() if parsed else None


def date_for(trigger: Token, date_spans: list[tuple[Token, Span]], published: date | None,
             forward: bool = False) -> tuple[str | None, str]:
    """The event's date and where it came from ("text" or "published").

    `date_spans` pairs each time expression of the sentence with the token it attaches to: the trigger's own come
    first, then those of the clause that governs it ("During a phone call ... on Thursday, he demanded").
    """
    for anchor in _anchors(trigger):
        for attached, span in date_spans:
            if attached.i == anchor.i:
                found = resolve_date(span.text, published, forward)
                if found is not None:
                    return found.isoformat(), "text"
    return (published.isoformat() if published else None), "published"


def _anchors(trigger: Token) -> list[Token]:
    """The trigger, then the words above it whose time expressions date it too. A relative clause is a boundary: it
    tells of another moment ("strikes on Friday amid tensions that followed attacks on worshipers": the attacks were
    earlier), so its events never take the governing clause's date."""
    anchors, token = [trigger], trigger
    anchors += [pobj for prep in trigger.children if prep.dep_ == "prep" for pobj in prep.children
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN"]  # "During a phone call ... on Thursday, he demanded"
    for _ in range(4):
        if token.dep_ in ("ROOT", "ccomp", "parataxis", "relcl") or token.head.i == token.i:
            break
        token = token.head
        anchors.append(token)
    return anchors


def time_expressions(sent: Span, ents: list[Span]) -> list[tuple[Token, Span]]:
    """Every DATE/TIME entity (of `ents`, the sentence's) and relative-time adverb of a sentence, with the verb or
    noun it attaches to."""
    found = []
    for ent in ents:
        if ent.label_ in ("DATE", "TIME") and ent.root.head.lower_ not in PERIOD_PREPS:
            found.append((_attachment(ent.root), ent))
    for token in sent:
        if token.lower_ in ("yesterday", "overnight", "today", "tonight") and not token.ent_type_:
            found.append((_attachment(token), sent.doc[token.i: token.i + 1]))
    return found


def _attachment(token: Token) -> Token:
    """The nearest verb or event noun above a time expression ("on Thursday" -> the verb or "call")."""
    head = token.head
    for _ in range(4):
        if head.dep_ == "prep" or head.pos_ == "ADP" or head.ent_type_ in ("DATE", "TIME"):
            head = head.head
            continue
        break
    return head


# "since April", "until Friday": the edge of a period, not the day of an event.
PERIOD_PREPS = frozenset({"since", "until", "till", "through"})
VERBAL_ROOTS = frozenset(f"{root:02d}" for root in range(1, 14))


def inherit_episode_dates(per_sentence: list[list[Event]], same_paragraph: list[bool]) -> list[list[Event]]:
    """A verbal act with no date of its own takes the date of the same country's verbal act in the next (or else the
    previous) sentence of its paragraph: "Iran has condemned X. In a statement on Friday, its spokesman said ..." is
    one statement, told twice. Anything less clearly the same episode keeps the publication date."""
    result = [list(group) for group in per_sentence]
    for position, group in enumerate(per_sentence):
        neighbours = []
        if position + 1 < len(per_sentence) and same_paragraph[position]:
            neighbours.append(per_sentence[position + 1])
        if position > 0 and same_paragraph[position - 1]:
            neighbours.append(per_sentence[position - 1])
        for index, event in enumerate(group):
            if event.date_source != "published" or event.cameo_root not in VERBAL_ROOTS or not _country(event.actor):
                continue
            dated = next((other for events in neighbours for other in events
                          if other.date_source == "text" and other.cameo_root in VERBAL_ROOTS
                          and _country(other.actor) == _country(event.actor)), None)
            if dated is not None:
                result[position][index] = replace(event, date=dated.date, date_source="text")
    return result


def _country(actor: ActorRef | None) -> str | None:
    return actor.country if actor is not None and actor.country not in (None, "IGO", "NGO") else None


def dated_in_context(per_sentence: list[list[Event]], sentences: list[Span], text: str) -> list[list[Event]]:
    """Each sentence's events, undated ones dated by their neighbours: a headline by its lead (`date_headline`), a
    statement by the same episode in its paragraph (`inherit_episode_dates`)."""
    # The blank line after a paragraph often belongs to its last sentence's span: look from its last character.
    same_paragraph = paragraph_links(sentences, text)
    return inherit_episode_dates(date_headline(per_sentence, opens_with_headline(sentences, text)), same_paragraph)


def paragraph_links(sentences: list[Span], text: str) -> list[bool]:
    """For each pair of neighbouring sentences, whether they share a paragraph."""
    return [("\n" not in text[left.start_char + len(left.text.rstrip()):right.start_char])
            for left, right in zip(sentences, sentences[1:])]


def opens_with_headline(sentences: list[Span], text: str) -> bool:
    """The first sentence is a headline: a paragraph of its own that ends without a full stop."""
    return (len(sentences) > 1 and not paragraph_links(sentences[:2], text)[0]
            and sentences[0].text.rstrip()[-1:] not in ".!?\"'”’")


HEADLINE_REACH = 3  # sentences after a headline in which its events are told again with their dates


def date_headline(per_sentence: list[list[Event]], headline: bool) -> list[list[Event]]:
    """A headline's events with no date of their own take the date of the same act by a compatible actor in the
    sentences that follow: "Israeli strike kills seven in Rafah" is the lead's "strike ... killed seven people on
    Monday", told shorter. Without it, two copies of one report published on different days keep different
    headline dates."""
    if not headline or not per_sentence:
        return per_sentence
    following = [event for group in per_sentence[1 : 1 + HEADLINE_REACH] for event in group
                 if event.date_source == "text"]
    first = list(per_sentence[0])
    for index, event in enumerate(first):
        if event.date_source != "published":
            continue
        told = next((other for other in following if other.cameo_root == event.cameo_root
                     and _country(other.actor) in (None, _country(event.actor))), None)
        if told is not None:
            first[index] = replace(event, date=told.date, date_source="text")
    return [first, *per_sentence[1:]]
