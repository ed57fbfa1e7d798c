"""Stores for the API and web tests, built from hand-made records so they do not depend on the NLP stages.

`build_sample` writes a small synthetic corpus (two stories, enough events to page through); `build_example` ingests
the bundled example articles and, when the NLP stages left no events or story behind, codes a few events by hand on
the real sentences so the web UI has something to show.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from dateline.records import ActorRef, Analysis, Document, Event, Mention, Quote, Sentence
from dateline.store import Store

IRAN = ActorRef(text="Iran", name="Iran", country="IRN", code="IRN", kb_id="country:IRN")
RAISI = ActorRef(text="Raisi", name="Ebrahim Raisi", country="IRN", sector="GOV", code="IRNGOV", kb_id="person:raisi")
WIDODO = ActorRef(text="Widodo", name="Joko Widodo", country="IDN", sector="GOV", code="IDNGOV", kb_id="person:widodo")
ISRAEL = ActorRef(text="Israel", name="Israel", country="ISR", code="ISR", kb_id="country:ISR")
OIC = ActorRef(text="OIC", name="Organisation of Islamic Cooperation", country="IGO", code="IGOMOSOIC", kb_id="org:oic")
# (trigger word, actor, recipient, cameo, plover, quad_class, goldstein)
CODES = {
    "phone": (RAISI, WIDODO, "040", "CONSULT", 1, 1.0),
    "called": (RAISI, OIC, "1041", "REQUEST", 1, -1.0),
    "condemn": (IRAN, ISRAEL, "111", "ACCUSE", 3, -2.0),
    "raid": (ISRAEL, None, "190", "ASSAULT", 4, -10.0),
    "attack": (ISRAEL, None, "190", "ASSAULT", 4, -10.0),
}


def _sentences(doc_id: str, text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for match in re.finditer(r"[^.!?\n]+[.!?]?", text):
        if match.group().strip():
            sentences.append(Sentence(doc_id, len(sentences), match.start(), match.end(), match.group()))
    return sentences


def _event(event_id: str, doc_id: str, sentence: Sentence, word: str, date: str, story: str | None,
           sources: int = 1) -> Event:
    actor, recipient, cameo, plover, quad, goldstein = CODES[word]
    at = sentence.text.lower().find(word)
    start = sentence.char_start + at
    return Event(
        event_id=event_id, date=date, date_source="text", actor=actor, recipient=recipient, cameo=cameo,
        cameo_root=cameo[:2], goldstein=goldstein, quad_class=quad, plover=plover, plover_mode=None,
        modality="asserted", location=None, confidence=0.8, mentions=(Mention(doc_id, sentence.text, start,
        start + len(word)),), story_id=story, num_sources=sources, trigger=word,
    )  # fmt: skip


def _code_by_hand(doc_id: str, sentences: list[Sentence], date: str, story: str | None, merged: dict[str, str],
                  limit: int = 12) -> list[Event]:
    """One event per sentence holding a trigger word; the first 'phone'/'called' event is shared across articles."""
    found = []
    for sentence in sentences:
        word = next((w for w in CODES if w in sentence.text.lower()), None)
        if word is None or len(found) >= limit:
            continue
        event_id = f"ev-{doc_id}-{len(found)}"
        if word in {"phone", "called"}:
            event_id = f"ev-{word}" if merged.setdefault(word, doc_id) == doc_id else f"ev-{word}-{doc_id}"
        found.append(_event(event_id, doc_id, sentence, word, date, story, 2 if word in {"phone", "called"} else 1))
    return found


def _merge(store: Store, merged: dict[str, str]) -> None:
    """Fold each "ev-WORD-DOC" event into "ev-WORD", as the stories stage merges mentions of one real-world event."""
    for word in merged:
        main = f"ev-{word}"
        others = [r[0] for r in store.con.execute(
            "SELECT event_id FROM events WHERE starts_with(event_id, ?)", [main + "-"]).fetchall()]
        if not others:
            continue
        store.con.execute("UPDATE event_mentions SET event_id = ? WHERE event_id IN (SELECT unnest(?))", [main, others])
        store.con.execute("DELETE FROM events WHERE event_id IN (SELECT unnest(?))", [others])
        mentions = [{"doc_id": d, "sentence": s, "char_start": a, "char_end": b} for d, s, a, b in store.con.execute(
            "SELECT doc_id, sentence, char_start, char_end FROM event_mentions WHERE event_id = ? ORDER BY doc_id",
            [main]).fetchall()]
        store.con.execute("UPDATE events SET mentions = ?, num_mentions = ?, num_sources = ? WHERE event_id = ?",
                          [json.dumps(mentions), len(mentions), len({m["doc_id"] for m in mentions}), main])


def _add_story(store: Store, story_id: str, title: str, doc_ids: list[str], first: str, last: str) -> None:
    # Test-only writes: the stories stage owns these rows in a real run.
    store.con.execute("INSERT INTO stories (story_id, title, first_published, last_published) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT DO NOTHING", [story_id, title, first, last])
    store.con.execute("UPDATE documents SET story_id = ? WHERE doc_id IN (SELECT unnest(?))", [story_id, doc_ids])


SYNTHETIC = {
    "doc-a": ("2023-04-06", "Raisi phone call", "Iran's president held a phone call with Widodo on Thursday. "
              "He called for an emergency OIC meeting. Iran will condemn Israel, officials said. "
              "Israeli forces raid the mosque again."),
    "doc-b": ("2023-04-07", "OIC meeting demanded", "Raisi had a phone conversation with the Indonesian president. "
              "Raisi called on the OIC to act. \"We condemn Israel,\" Raisi said."),
    "doc-c": ("2023-05-01", "Gaza strikes", "Israel launched an attack on Gaza. Iran will condemn the attack. "
              "Iran and others condemn the raid. Another attack followed at night."),
}  # fmt: skip


def build_sample(path: str | Path, extra_events: int = 30) -> Store:
    """A synthetic store: doc-a and doc-b in story s-1, doc-c in story s-2, plus `extra_events` undated-order events."""
    store = Store.open(path)
    merged: dict[str, str] = {}
    analyses = []
    for doc_id, (published, title, text) in SYNTHETIC.items():
        story = "s-1" if doc_id != "doc-c" else "s-2"
        document = Document(doc_id=doc_id, text=text, title=title, source=f"Wire {doc_id[-1].upper()}",
                            published=published, published_source="manifest", story_id=story)
        sentences = _sentences(doc_id, text)
        events = _code_by_hand(doc_id, sentences, published, story, merged)
        quotes = []
        if doc_id == "doc-b":
            start = text.index('"')
            quotes.append(Quote("q-b1", doc_id, "We condemn Israel,", "direct", start + 1, start + 19, RAISI, "say",
                                "st-1", text.rindex("Raisi"), text.rindex("Raisi") + 5))
        if doc_id == "doc-a":
            start = text.index("Iran will")
            quotes.append(Quote("q-a1", doc_id, "Iran will condemn Israel", "indirect", start, start + 24, IRAN,
                                "said", "st-1"))
        analyses.append(Analysis(document, sentences, events, quotes))
    filler = Document(doc_id="doc-z", text="Iran condemn Israel. " * 3, published="2022-01-01", source="Wire Z")
    sentence = Sentence("doc-z", 0, 0, 20, "Iran condemn Israel.")
    fill_events = [
        _event(f"ev-fill-{i:03d}", "doc-z", sentence, "condemn", f"2022-01-{1 + i % 28:02d}" if i % 5 else None,
               None) for i in range(extra_events)
    ]
    fill_events = [e if e.date else Event(**{**e.__dict__, "date_source": "published"}) for e in fill_events]
    analyses.append(Analysis(filler, [sentence], fill_events, []))
    store.write_analyses(analyses)
    _merge(store, merged)
    _add_story(store, "s-1", "Raisi calls for OIC meeting", ["doc-a", "doc-b"], "2023-04-06", "2023-04-07")
    _add_story(store, "s-2", "Strikes on Gaza", ["doc-c"], "2023-05-01", "2023-05-01")
    return store


def build_example(path: str | Path, example_dir: Path) -> None:
    """Ingest the bundled example; complete it by hand when the NLP stages produced no events or story yet."""
    from dateline.runner import ingest
    from dateline.settings import IngestOptions

    try:
        ingest([example_dir], IngestOptions(db=str(path)))
    except Exception:  # a stage still being written: the bare model is enough for documents and sentences
        ingest([example_dir], IngestOptions(db=str(path), stages=()))
    with Store.open(path) as store:
        if store.count("events") and store.count("stories"):
            return
        docs = list(store.iter_documents(with_text=True))
        merged: dict[str, str] = {}
        analyses = []
        for doc in docs:
            sentences = [Sentence(doc["doc_id"], r["idx"], r["char_start"], r["char_end"], r["text"])
                         for r in _rows(store, doc["doc_id"])]
            events = _code_by_hand(doc["doc_id"], sentences, doc["published"], "story-example", merged)
            analyses.append(Analysis(Document(doc_id=doc["doc_id"], text=doc["text"]), [], events, []))
        store.write_analyses(analyses)
        _merge(store, merged)
        published = sorted(d["published"] for d in docs if d["published"])
        _add_story(store, "story-example", docs[0]["title"] or "Raisi calls for an emergency OIC meeting",
                   [d["doc_id"] for d in docs], published[0], published[-1])


def _rows(store: Store, doc_id: str) -> list[dict]:
    cursor = store.con.execute("SELECT idx, char_start, char_end, text FROM sentences WHERE doc_id = ? ORDER BY idx",
                               [doc_id])
    return [dict(zip(("idx", "char_start", "char_end", "text"), row)) for row in cursor.fetchall()]
