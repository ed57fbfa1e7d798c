"""PLOVER gold-standard sentences: event-type accuracy and actor/recipient country P/R/F1.

Scores like ../shared/tools/score_coding.py: a sentence is right when its gold type (0.5b1 names remapped) is among at
most two predicted PLOVER types; countries are compared on the events of the gold type (or all events).
Usage: python bench/plover_gsr.py [path/to/dev.jsonl]   Targets (issue 3): event type >= 0.80, actor F1 >= 0.85.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from datetime import date
from pathlib import Path

# Keep bench/ off sys.path so no script here can shadow a standard module spaCy imports.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from dateline.events.plover import current_name  # noqa: E402
from dateline.nlp.pipeline import ALL_STAGES, build_nlp  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "plover-gsr" / "dev.jsonl"


def countries(actor) -> set[str]:
    if not actor:
        return set()
    code = actor.country or (actor.code or "")[:3]
    return {code.upper()} if code else set()


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def score(records: list[dict], nlp) -> dict[str, float]:
    docs = []
    for record in records:
        doc = nlp.make_doc(record["text"])
        doc._.doc_id = record["id"]
        doc._.published = date.fromisoformat((record.get("date") or "2000-01-01")[:10])
        docs.append(doc)
    hit = spray = 0
    counts = dict.fromkeys(("atp", "afp", "afn", "rtp", "rfp", "rfn", "ttp", "tfp", "tfn", "otp", "ofp", "ofn"), 0)
    misses = []
    for record, doc in zip(records, nlp.pipe(docs, batch_size=64)):
        gold = current_name(record["event"])
        events = doc._.events or []
        types = {event.plover for event in events} - {None}
        ok = gold in types and len(types) <= 2
        hit += ok
        spray += len(types) > 2
        if not ok:
            misses.append((record["id"], gold, sorted(types)))
        chosen = [event for event in events if event.plover == gold] or events
        gold_source = {a.get("code") for a in record.get("source") or [] if isinstance(a, dict)} - {None, ""}
        gold_target = {a.get("code") for a in record.get("target") or [] if isinstance(a, dict)} - {None, ""}
        source = set().union(*(countries(event.actor) for event in chosen)) if chosen else set()
        target = set().union(*(countries(event.recipient) for event in chosen)) if chosen else set()
        counts["atp"] += len(gold_source & source); counts["afp"] += len(source - gold_source)
        counts["afn"] += len(gold_source - source)
        counts["rtp"] += len(gold_target & target); counts["rfp"] += len(target - gold_target)
        counts["rfn"] += len(gold_target - target)
        if record.get("cameo"):
            _count_triples(counts, record, events)
    actor = f1(counts["atp"], counts["afp"], counts["afn"])
    recipient = f1(counts["rtp"], counts["rfp"], counts["rfn"])
    return {"records": len(records), "accuracy": hit / len(records), "spray": spray, "actor": actor,
            "recipient": recipient, "misses": misses, "triples": f1(counts["ttp"], counts["tfp"], counts["tfn"]),
            "root_triples": f1(counts["otp"], counts["ofp"], counts["ofn"]),
            "triple_records": sum(1 for record in records if record.get("cameo"))}


def _count_triples(counts: dict[str, int], record: dict, events) -> None:
    """(actor country, recipient country, CAMEO code) triples as ../shared/tools/score_coding.py petr2 counts them:
    every predicted event with both countries against the gold source x target pairs; full codes and root codes."""
    sources = {a.get("code") for a in record.get("source") or [] if isinstance(a, dict)} - {None, ""}
    targets = {a.get("code") for a in record.get("target") or [] if isinstance(a, dict)} - {None, ""}
    gold = {(s[:3], t[:3], str(record["cameo"])) for s in sources for t in targets}
    predicted = set()
    for event in events:
        actor, recipient = countries(event.actor), countries(event.recipient)
        if actor and recipient and event.cameo:
            predicted.add((next(iter(actor)), next(iter(recipient)), str(event.cameo)))
    for prefix, cut in (("t", None), ("o", 2)):
        want = {(s, t, c[:cut]) for s, t, c in gold}
        got = {(s, t, c[:cut]) for s, t, c in predicted}
        counts[prefix + "tp"] += len(want & got)
        counts[prefix + "fp"] += len(got - want)
        counts[prefix + "fn"] += len(want - got)


def main(argv: list[str]) -> int:
    paths = [arg for arg in argv if not arg.startswith("-")]
    path = Path(paths[0]) if paths else DEFAULT
    if not path.exists():
        print(f"skipped: {path} not found (the PLOVER gold set lives in ../shared/bench/plover-gsr/)")
        return 0
    stages = ALL_STAGES if importlib.util.find_spec("dateline.actors.resolve") else ("dateline_events",)
    if "dateline_actors" not in stages:
        print("note: the actors stage is not installed; actor figures will be zero")
    nlp = build_nlp(stages=stages)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    result = score(records, nlp)
    elapsed = time.perf_counter() - started
    if "-v" in argv:
        for miss in result["misses"]:
            print("miss", *miss)
    (ap, ar, af), (rp, rr, rf) = result["actor"], result["recipient"]
    silent = sum(1 for _, _, types in result["misses"] if not types)
    print(f"records {result['records']}; misses {len(result['misses'])}: {silent} with no typed event, "
          f"{len(result['misses']) - silent} with other types; sentences with >2 event types: {result['spray']}; "
          f"{elapsed:.1f}s")
    print(f"actor country P {ap:.2f} R {ar:.2f} F1 {af:.2f}; recipient country P {rp:.2f} R {rr:.2f} F1 {rf:.2f}")
    if result["triple_records"]:
        (tp, tr, tf), (op, orr, of) = result["triples"], result["root_triples"]
        print(f"CAMEO triples (actor country, recipient country, code) over {result['triple_records']} coded records: "
              f"P {tp:.2f} R {tr:.2f} F1 {tf:.3f}; root codes P {op:.2f} R {orr:.2f} F1 {of:.3f}")
    print(f"plover: event-type accuracy {result['accuracy']:.3f} (target 0.80) actor F1 {af:.2f} (target 0.85)")
    return 0


if __name__ == "__main__":
    sys.exit(main([arg for arg in sys.argv[1:] if arg != "-v"] + (["-v"] if "-v" in sys.argv else [])))
