"""Read the ECB+ corpus (Cybulska & Vossen, LREC 2014) into spaCy Docs with gold subtopics and event mentions.

The XML gives tokens with sentence numbers, ACTION_*/NEG_* event markables and CROSS_DOC_COREF / INTRA_DOC_COREF
chains. Docs are built from the gold tokens (so mention offsets need no alignment); in `ecbplus` files sentence 0 is
the source URL and is left out, as the official scorer does.
"""

from __future__ import annotations

import csv
import logging
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from dateline.records import Document, Event

log = logging.getLogger(__name__)

DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
TEST_TOPICS = frozenset(range(36, 46))  # held out: read only when asked for (`read_corpus(held_out=True)`)
EVENT_TAGS = ("ACTION_", "NEG_")
# Tokens written without a space before them (punctuation, clitics) or after them (opening brackets).
_NO_SPACE_BEFORE = frozenset([*".,;:!?%)]}", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "''"])
_NO_SPACE_AFTER = frozenset(["(", "[", "{", "$", "``"])


@dataclass(frozen=True)
class GoldMention:
    """An event mention: token indices [start, end) in the Doc, its gold chain, and the sentence it is in."""

    doc_name: str
    start: int
    end: int
    chain: str
    sentence: int
    tag: str


@dataclass
class GoldDoc:
    name: str  # e.g. 1_10ecbplus.xml
    topic: int
    subtopic: str  # topic + "ecb" | "ecbplus"
    words: list[str]
    spaces: list[bool]
    sent_starts: list[bool]
    sentence_of: list[int]  # gold sentence number of each token
    mentions: list[GoldMention]


def _spaces(words: list[str]) -> list[bool]:
    spaces = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        spaces.append(nxt is not None and nxt not in _NO_SPACE_BEFORE and word not in _NO_SPACE_AFTER)
    return spaces


def read_gold_doc(path: Path, coref_sentences: set[tuple[str, str, int]]) -> GoldDoc:
    root = ET.parse(path).getroot()
    plus = path.name.endswith("ecbplus.xml")
    words, sentence_of, index_of = [], [], {}
    for token in root.iter("token"):
        sentence = int(token.get("sentence"))
        if plus and sentence == 0:
            continue
        index_of[token.get("t_id")] = len(words)
        words.append(token.text or "_")
        sentence_of.append(sentence)
    sent_starts = [i == 0 or sentence_of[i] != sentence_of[i - 1] for i in range(len(words))]
    markables = root.find("Markables")
    anchors: dict[str, tuple[str, list[int]]] = {}
    instance: dict[str, str] = {}
    for markable in markables if markables is not None else ():
        tokens = [index_of[a.get("t_id")] for a in markable.findall("token_anchor") if a.get("t_id") in index_of]
        if tokens:
            anchors[markable.get("m_id")] = (markable.tag, tokens)
        elif markable.get("instance_id"):
            instance[markable.get("m_id")] = markable.get("instance_id")
    chain_of: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        if relation.tag not in {"CROSS_DOC_COREF", "INTRA_DOC_COREF"}:
            continue
        target = relation.find("target")
        chain = instance.get(target.get("m_id")) if target is not None else None
        chain = chain or relation.get("note") or f"{path.name}:{relation.get('r_id')}"
        for source in relation.findall("source"):
            chain_of[source.get("m_id")] = chain
    topic_key, doc_key = path.name.removesuffix(".xml").split("_", 1)
    mentions = []
    for m_id, (tag, tokens) in anchors.items():
        sentence = sentence_of[tokens[0]]
        if not tag.startswith(EVENT_TAGS) or (topic_key, doc_key, sentence) not in coref_sentences:
            continue
        chain = chain_of.get(m_id, f"singleton:{path.name}:{m_id}")
        mentions.append(GoldMention(path.name, min(tokens), max(tokens) + 1, chain, sentence, tag))
    topic = int(path.parent.name)
    subtopic = f"{topic}{'ecbplus' if plus else 'ecb'}"
    return GoldDoc(path.name, topic, subtopic, words, _spaces(words), sent_starts, sentence_of, mentions)


def read_coref_sentences(path: Path) -> set[tuple[str, str, int]]:
    """(topic, file, sentence) of the selected sentences: file names ("1ecbplus") repeat across topics."""
    with path.open(newline="") as handle:
        return {(row["Topic"], row["File"], int(row["Sentence Number"])) for row in csv.DictReader(handle)}


def article_text(gold: GoldDoc) -> str:
    """The article as plain text, one paragraph per gold sentence, written the way the official scorer writes it for
    `ingest`: PTB quotes as plain quotation marks against their words, no space before closing punctuation and
    clitics ("n't", "'s") or after opening brackets and "$"."""
    paragraphs, words = [], []
    for i, word in enumerate(gold.words):
        if gold.sent_starts[i] and words:
            paragraphs.append(_plain(words))
            words = []
        words.append(word)
    paragraphs.append(_plain(words))
    return "\n\n".join(p for p in paragraphs if p.strip())


_CLOSING_STARTS = tuple(".,;:!?%)]}")  # a token starting with one of these takes no space before it ("...")
_OPENING_ENDS = tuple("([{$")  # ... and one ending with one of these none after it ("US$")


def _plain(tokens: list[str]) -> str:
    text, quote_open, glue_next = "", False, True
    for token in tokens:
        if token in ("``", "''", '"'):
            quote_open = token == "``" or (token == '"' and not quote_open)
            if quote_open:  # an opening mark takes the space before it and none after
                text += ("" if glue_next else " ") + '"'
                glue_next = True
            else:
                text += '"'
            continue
        closing = token.startswith(_CLOSING_STARTS) or token in ("n't", "'s")
        text += ("" if glue_next or closing else " ") + token
        glue_next = token.endswith(_OPENING_ENDS)
    return text


def read_corpus(root: Path, topics: Iterable[int] | None = None, held_out: bool = False) -> list[GoldDoc]:
    """Every document under root/xml, in a fixed order (topic, then file name). The test topics are skipped, so that
    nothing is ever tuned on them; with `held_out`, only they are read (a final evaluation, scored on its own)."""
    wanted = set(topics) if topics is not None else None
    coref = read_coref_sentences(root / "coreference_sentences.csv")
    docs = []
    for folder in sorted((root / "xml").iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 10**6):
        if not folder.name.isdigit() or (int(folder.name) in TEST_TOPICS) != held_out:
            continue
        if wanted is not None and int(folder.name) not in wanted:
            continue
        for path in sorted(folder.glob("*.xml"), key=_file_order):
            docs.append(read_gold_doc(path, coref))
    return docs


def _file_order(path: Path) -> tuple[int, str]:
    number = path.name.split("_", 1)[1].rstrip(".xml").replace("ecbplus", "").replace("ecb", "")
    return (int(number) if number.isdigit() else 0, path.name)


def parse_texts(nlp: Language, documents: list[Document], cache: Path | None = None) -> list[Doc]:
    """Run the whole pipeline over articles given as text, as `dateline ingest` does (its tokeniser and sentences);
    with `cache`, the spaCy parse is kept as a DocBin and dateline's components run again on every load."""
    from dateline.analysis import make_doc

    return _parse(nlp, [make_doc(nlp, d) for d in documents], cache)


def parse_docs(nlp: Language, gold_docs: list[GoldDoc], cache: Path | None = None) -> list[Doc]:
    """Run the pipeline over Docs built from the gold tokens; with `cache`, the spaCy parse is kept as a DocBin.

    A DocBin keeps token annotation but not dateline's Doc._ attributes (resolved actors, events), so the cache
    holds the parse only and the dateline components run again on every load: cached and fresh runs see the same.
    """
    raw = [Doc(nlp.vocab, words=g.words, spaces=g.spaces, sent_starts=g.sent_starts) for g in gold_docs]
    for doc, gold in zip(raw, gold_docs):
        doc._.doc_id = gold.name  # events and their ids name the article
    return _parse(nlp, raw, cache)


def _parse(nlp: Language, raw: list[Doc], cache: Path | None) -> list[Doc]:
    own = [name for name in nlp.pipe_names if name.startswith("dateline_") and name != "dateline_paragraphs"]
    if cache is not None:  # a parse by other components (or in another order) is another cache
        spacy_part = "-".join(name for name in nlp.pipe_names if name not in own)
        cache = cache.with_name(f"{cache.stem}-{zlib.crc32(spacy_part.encode()):08x}{cache.suffix}")
    docs = None
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] != [d.text for d in raw]:
            log.warning("cache %s does not match the corpus; re-parsing", cache)
            docs = None
    if docs is None:
        docs = list(nlp.pipe(raw, batch_size=32, disable=own))
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            DocBin(attrs=["ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START", "MORPH",
                          "NORM"], docs=docs).to_disk(cache)
    for doc, source in zip(docs, raw):  # a DocBin does not keep these either
        doc._.doc_id, doc._.published = source._.doc_id, source._.published
    for name in own:
        component = nlp.get_pipe(name)
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(doc) for doc in docs]
    return docs


def coded_gold_mentions(gold: GoldDoc, doc: Doc) -> list[tuple[Event, GoldMention | None]]:
    """Every event the pipeline coded in the article (gold tokens), each with the gold event mention its trigger is,
    if any. One gold mention keeps only its first event (an act coded for several actor pairs counts once)."""
    spans = [(mention, doc[mention.start : mention.end]) for mention in gold.mentions]
    taken: set[int] = set()
    found = []
    for event in doc._.events or ():
        where = event.mentions[0]
        hit = next((i for i, (_, span) in enumerate(spans)
                    if where.char_start <= span.start_char and span.end_char <= where.char_end
                    and event.trigger and event.trigger in span.text.split()), None)  # fmt: skip
        found.append((event, spans[hit][0] if hit is not None and hit not in taken else None))
        if hit is not None:
            taken.add(hit)
    return found
