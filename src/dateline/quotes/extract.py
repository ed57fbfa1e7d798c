"""The `dateline_quotes` component: direct, mixed and indirect quotations with their speakers, on `doc._.quotes`.

Per document: one regex pass finds quotation marks (marks.py), one pass over tokens finds cue verbs (a dict lookup per
token), and the dependency parse links each cue to its speaker (speakers.py) and content (content.py). Then:
1. each quoted stretch goes to the nearest cue of its sentences that has a speaker; stretches sharing a cue are one
   quote ("...," he said, "..."); a stretch with no cue that reads as a sentence continues the previous speaker;
   a short fragment with no cue is a scare quote and dropped;
2. a quote is `direct` when the quoted words are (nearly) all the cue reports, `mixed` when the report also has
   unquoted words ("stressed that the talks were 'over' for now");
3. every other cue with a speaker and content is `indirect` speech.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.nlp.extensions import register_extensions
from dateline.quotes.content import content_ids, match_cue, runs, trim_edges
from dateline.quotes.cues import Cue, CueLexicon, load_cues
from dateline.quotes.marks import QuotedSpan, find_quoted_spans
from dateline.quotes.speakers import phrase_of, resolve_speaker, subject_of
from dateline.records import ActorRef, Quote

log = logging.getLogger(__name__)

DIRECT_COVERAGE = 0.8  # share of the reported words inside quotation marks above which a quote is `direct`
MIN_SENTENCE_QUOTE_WORDS = 6  # an unattributed quoted stretch this long with a verb is speech, not a scare quote
MIN_ATTRIBUTED_WORDS = 2  # one quoted word or a quoted name is a scare quote even next to a cue
MIN_INDIRECT_WORDS = 3
MAX_CUE_DISTANCE = 40  # tokens between a quoted stretch and its cue
INHERIT_CHARS = 1500  # an unattributed quote continues the previous speaker only this close after them


@dataclass
class CueSite:
    """A cue verb found in the document, with its speaker phrase and content tokens."""

    token: Token
    cue: Cue
    speaker: Span
    content: set[int]
    quoted: list[QuotedSpan] = field(default_factory=list)


@Language.factory("dateline_quotes", requires=["token.dep", "token.lemma"], assigns=["doc._.quotes"])
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    register_extensions()
    return QuoteExtractor(load_cues())


class QuoteExtractor:
    """Callable component; the cue lexicon is loaded once when the pipeline is built."""

    def __init__(self, cues: CueLexicon):
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.quotes = extract_quotes(doc, self.cues)
        except Exception:  # one odd document must not stop the batch; it is logged and keeps no quotes
            log.exception("quote extraction failed for document %s", doc._.doc_id)
            doc._.quotes = []
        return doc


def quote_id(doc_id: str | None, start: int, end: int) -> str:
    return hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]


def _words(span: Span) -> int:
    return sum(1 for t in span if not (t.is_punct or t.is_space))


def _is_scare(span: Span, has_cue: bool) -> bool:
    """A quoted word or name, or (without a cue) a fragment that is not a sentence, is not a quotation; a short
    quoted sentence, capitalised and closed by its own full stop, is."""
    words = _words(span)
    if words < MIN_ATTRIBUTED_WORDS or all(t.pos_ in {"PROPN", "PUNCT", "DET"} or t.is_space for t in span):
        return True
    if has_cue:
        return False
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in span)
    text = span.text.strip()
    whole_sentence = text[:1].isupper() and text[-1:] in ".!?"  # "We have nowhere to go." after a quote
    return words < (MIN_INDIRECT_WORDS if whole_sentence else MIN_SENTENCE_QUOTE_WORDS) or not has_verb


def _find_cue_sites(doc: Doc, cues: CueLexicon, inside_quotes: set[int]) -> list[CueSite]:
    sites = []
    for token in doc:
        if token.i in inside_quotes:
            continue
        cue = match_cue(token, cues)
        if cue is None:
            continue
        if cue.takes == "prep":
            to = next((c for c in token.children if c.lower_ == cue.particle), None)
            head = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        else:
            head = subject_of(token, lambda other: match_cue(other, cues) is not None)
        if head is None or head.i in inside_quotes:
            continue
        speaker = phrase_of(head)
        sites.append(CueSite(token, cue, speaker, content_ids(token, cue) or _fronted_content(token, speaker)))
    # "stated that X and declared that Y": Y belongs to "declared", not to "stated". A cue word that reports nothing
    # itself ("said the operation will continue") is part of the content, not a second speech act.
    for site in sites:
        for other in sites:
            if other is not site and other.content and other.token.i in site.content:
                site.content -= {t.i for t in other.token.subtree} | other.content
    return sites


def _fronted_content(token: Token, speaker: Span) -> set[int]:
    """ "CLAUSE, his spokesperson said." when the parser did not make CLAUSE the cue's complement."""
    sent = token.sent
    comma = speaker.start - 1
    if token.dep_ != "ROOT" or comma <= sent.start or token.doc[comma].text != "," or token.i < speaker.start:
        return set()
    fronted = token.doc[sent.start : comma]
    if not any(t.pos_ in {"VERB", "AUX"} for t in fronted) or len(fronted) < MIN_INDIRECT_WORDS:
        return set()  # "In the call, Raisi explained ..." fronts a phrase, not a report
    opener = next((t for t in fronted if not t.is_punct), fronted[0])
    if opener.tag_ in {"VBN", "VBG"} or opener.pos_ in {"SCONJ", "ADP"}:
        return set()  # "Asked whether talks would resume, the minister replied": the circumstance, not the reply
    return set(range(sent.start, comma))


def _token_span(doc: Doc, quoted: QuotedSpan) -> Span | None:
    span = doc.char_span(quoted.start, quoted.end, alignment_mode="expand")
    if span is None or not quoted.closed:
        # An unclosed quote never runs past the sentence it opened in.
        first = doc.char_span(quoted.start, quoted.end, alignment_mode="expand")
        if first is None or not len(first):
            return None
        sent = first[0].sent
        span = doc[first.start : min(first.end, sent.end)]
    return span if len(span) else None


def _reports_elsewhere(site: CueSite, span: Span, inside_quotes: set[int]) -> bool:
    """The cue reports unquoted words that do not include this quoted stretch."""
    return bool(site.content) and not site.content & set(range(span.start, span.end)) and not (
        site.content <= inside_quotes
    )


def _nearest_site(span: Span, sites: list[CueSite], inside_quotes: set[int]) -> CueSite | None:
    """The cue in the quote's sentences closest to it; a cue reporting other (unquoted) words ranks last."""
    first, last = span[0].sent, span[-1].sent
    best, best_score = None, None
    for site in sites:
        i = site.token.i
        if not first.start <= i < last.end:
            continue
        distance = span.start - i if i < span.start else i - span.end + 1
        if distance > MAX_CUE_DISTANCE:
            continue
        score = distance + (1000 if _reports_elsewhere(site, span, inside_quotes) else 0)
        if best_score is None or score < best_score:
            best, best_score = site, score
    return best


def _join(text: str, pieces: list[tuple[int, int]]) -> str:
    return " ".join(text[a:b].strip().rstrip(",").strip() for a, b in pieces if text[a:b].strip())


class _Builder:
    """Turns attributed spans and cue sites into Quote records, tracking the last named speaker for pronouns."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text  # Doc.text rebuilds the string on every access
        self.doc_id = doc._.doc_id
        self.previous: ActorRef | None = None
        self.previous_end = -1

    def speaker(self, site: CueSite) -> ActorRef:
        actor = resolve_speaker(site.speaker, self.previous, self.previous_end)
        if actor.name:
            self.previous, self.previous_end = actor, site.speaker.end_char
        return actor

    def make(self, pieces: list[tuple[int, int]], kind: str, site: CueSite | None, actor: ActorRef | None) -> Quote:
        start, end = pieces[0][0], pieces[-1][1]
        return Quote(
            quote_id=quote_id(self.doc_id, start, end),
            doc_id=self.doc_id or "",
            text=_join(self.text, pieces),
            kind=kind,
            char_start=start,
            char_end=end,
            speaker=actor,
            cue=site.cue.name if site else None,
            speaker_start=site.speaker.start_char if site else None,
            speaker_end=site.speaker.end_char if site else None,
        )


def _quoted_quotes(builder: _Builder, site: CueSite, spans: list[Span], quoted_ids: set[int]) -> list[Quote]:
    """One quote from the quoted stretches a cue introduces: direct, or mixed with the unquoted reported words."""
    doc = builder.doc
    reported = trim_edges(doc, site.content)
    last = spans[-1]
    if last.end <= site.token.i and last.text.rstrip()[-1:] in ",?!":
        # '"It's a tragedy," a local resident who ... said': what follows a quote closed on its comma is attribution,
        # whatever the parse hung under the quote's verb
        reported = [i for i in reported if i < last.end]
    outside = [i for i in reported if i not in quoted_ids and not doc[i].is_punct and doc[i].i not in
               range(site.speaker.start, site.speaker.end)]  # fmt: skip
    inside = [i for i in reported if i in quoted_ids]
    if not reported or not inside or len(inside) / max(1, len(inside) + len(outside)) >= DIRECT_COVERAGE:
        chains = _interrupted_chains(site, spans)
        quotes = [builder.make([(s.start_char, s.end_char) for s in chains[0]], "direct", site, builder.speaker(site))]
        for chain in chains[1:]:  # a later quoted fragment in the same report is a partial quote
            pieces = [(s.start_char, s.end_char) for s in chain]
            quotes.append(builder.make(pieces, "mixed", site, quotes[0].speaker))
        return quotes
    ids = set(reported) | {t.i for span in spans for t in span}
    ids -= set(range(site.speaker.start, site.speaker.end)) | {site.token.i}
    pieces = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in runs(trim_edges(doc, ids))]
    return [builder.make(pieces, "mixed", site, builder.speaker(site))]


def _interrupted_chains(site: CueSite, spans: list[Span]) -> list[list[Span]]:
    """Group quoted stretches into quotes: a stretch continues the previous one when the cue stands between them
    ("...," he said, "...") or nothing but punctuation does."""
    chains = [[spans[0]]]
    for span in spans[1:]:
        gap = span.doc[chains[-1][-1].end : span.start]
        if gap.start <= site.token.i < gap.end or all(t.is_punct or t.is_space for t in gap):
            chains[-1].append(span)
        else:
            chains.append([span])
    return chains


def extract_quotes(doc: Doc, cues: CueLexicon) -> list[Quote]:
    """All quotations of `doc`, in text order."""
    spans = [span for span in (_token_span(doc, q) for q in find_quoted_spans(doc.text)) if span is not None]
    inside_quotes = {t.i for span in spans for t in span}
    sites = _find_cue_sites(doc, cues, inside_quotes)
    by_site: dict[int, list[Span]] = {}
    partial: list[tuple[CueSite, Span]] = []
    unattributed: list[Span] = []
    for span in spans:
        site = _nearest_site(span, sites, inside_quotes)
        if _is_scare(span, site is not None):
            continue
        if site is None:
            unattributed.append(span)
        elif _reports_elsewhere(site, span, inside_quotes):
            partial.append((site, span))  # "..., referring to it as the 'beating heart of the Muslim world'"
        else:
            by_site.setdefault(site.token.i, []).append(span)
    kept_ids = {t.i for span in unattributed for t in span}
    kept_ids |= {t.i for group in by_site.values() for span in group for t in span}
    kept_ids |= {t.i for _, span in partial for t in span}
    builder = _Builder(doc)
    items: list[tuple[int, Quote | Span]] = []
    for site in sites:
        if site.token.i in by_site:
            quoted = by_site[site.token.i]
            items.extend((q.char_start, q) for q in _quoted_quotes(builder, site, quoted, inside_quotes))
            continue
        reported = trim_edges(doc, site.content)
        if len([i for i in reported if not doc[i].is_punct]) < MIN_INDIRECT_WORDS:
            continue
        if set(reported) & kept_ids:
            continue
        pieces = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in runs(reported)]
        items.append((pieces[0][0], builder.make(pieces, "indirect", site, builder.speaker(site))))
    for site, span in partial:
        pieces = [(span.start_char, span.end_char)]
        items.append((span.start_char, builder.make(pieces, "mixed", site, builder.speaker(site))))
    quotes = [item for _, item in sorted(items, key=lambda pair: pair[0])]
    return _add_continued(builder, quotes, unattributed)


def _add_continued(builder: _Builder, quotes: list[Quote], unattributed: list[Span]) -> list[Quote]:
    """Unattributed quoted sentences continue the speaker of the quote just before them (news convention)."""
    result = list(quotes)
    for span in unattributed:
        before = [q for q in result if q.char_end <= span.start_char and q.speaker is not None]
        last = max(before, key=lambda q: q.char_end, default=None)
        speaker = last.speaker if last and span.start_char - last.char_end <= INHERIT_CHARS else None
        result.append(builder.make([(span.start_char, span.end_char)], "direct", None, speaker))
    return sorted(result, key=lambda q: q.char_start)
