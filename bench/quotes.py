"""Quote extraction and statement matching on the labelled set bench/data/quotes_gold.jsonl (not a timed test).

Prints, for the written passages and for the bundled example separately:
- content-overlap precision/recall/F1: each predicted quote is paired with the gold quote it shares most words with;
  a pair scores its word-overlap precision and recall (the PARC-style soft overlap), unpaired quotes score 0;
- speaker accuracy over paired quotes, and content+speaker F1 (a pair counts only when its speaker is right);
- statement matching pairwise precision/recall: gold quotes (text, speaker, date) through StatementMatcher for the
  passages; the extracted quotes themselves for the example (paired to gold to read their labels).
`--calibrate` prints the similarity of every same-speaker pair of gold quotes with its label, to set the thresholds.

Usage: .venv/bin/python bench/quotes.py [--calibrate] [--no-statements]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from datetime import date
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "data" / "quotes_gold.jsonl"
EXAMPLES = ROOT / "src" / "dateline" / "data" / "examples" / "mehr-2023-04"
STOP = {"the", "a", "an"}


def words(text: str | None) -> list[str]:
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return [w for w in re.findall(r"\w+", folded.lower()) if w not in STOP]


def overlap(pred: str, gold: str) -> tuple[float, float]:
    p, g = words(pred), words(gold)
    if not p or not g:
        return 0.0, 0.0
    pool, common = list(g), 0
    for w in p:
        if w in pool:
            pool.remove(w)
            common += 1
    return common / len(p), common / len(g)


def speaker_ok(speaker, gold_name: str) -> bool:
    if speaker is None:
        return False
    gold = set(words(gold_name))
    name, text = set(words(speaker.name)), set(words(speaker.text))
    return bool(name) and name <= gold or bool(gold) and gold <= text


def pair_quotes(preds, golds):
    """Greedy one-to-one pairing by word-overlap F1 (best pairs first)."""
    scored = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            prec, rec = overlap(p.text, g["text"])
            if prec + rec:
                scored.append((2 * prec * rec / (prec + rec), prec, rec, i, j))
    used_p, used_g, pairs = set(), set(), []
    for _, prec, rec, i, j in sorted(scored, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i), used_g.add(j)
            pairs.append((i, j, prec, rec))
    return pairs


class Tally:
    def __init__(self):
        self.n_pred = self.n_gold = self.n_pairs = self.speaker_right = 0
        self.prec = self.rec = self.prec_sp = self.rec_sp = 0.0

    def add(self, preds, golds, pairs):
        self.n_pred += len(preds)
        self.n_gold += len(golds)
        for i, j, prec, rec in pairs:
            self.n_pairs += 1
            self.prec += prec
            self.rec += rec
            if speaker_ok(preds[i].speaker, golds[j]["speaker"]):
                self.speaker_right += 1
                self.prec_sp += prec
                self.rec_sp += rec

    @staticmethod
    def f1(p_sum, r_sum, n_pred, n_gold):
        p, r = p_sum / max(1, n_pred), r_sum / max(1, n_gold)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def report(self, label):
        p, r, f = self.f1(self.prec, self.rec, self.n_pred, self.n_gold)
        _, _, fs = self.f1(self.prec_sp, self.rec_sp, self.n_pred, self.n_gold)
        acc = self.speaker_right / max(1, self.n_pairs)
        print(f"{label}: {self.n_gold} gold, {self.n_pred} predicted, {self.n_pairs} paired")
        print(f"  content overlap P {p:.3f} R {r:.3f} F1 {f:.3f}")
        print(f"  speaker accuracy {acc:.3f}   content+speaker F1 {fs:.3f}")


def pairwise(labels_pred: list, labels_gold: list) -> tuple[float, float, int, int, int]:
    """Pairwise precision/recall of predicted grouping against gold (None = a statement of its own)."""
    tp = fp = fn = 0
    for a, b in combinations(range(len(labels_gold)), 2):
        same_gold = labels_gold[a] is not None and labels_gold[a] == labels_gold[b]
        same_pred = labels_pred[a] == labels_pred[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return tp / max(1, tp + fp), tp / max(1, tp + fn), tp, fp, fn


def load_gold():
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in rows if "_meta" not in row]
    passages = [row for row in rows if row.get("set") != "example"]
    examples = [row for row in rows if row.get("set") == "example"]
    for row in examples:
        row["text"] = (EXAMPLES / row["file"]).read_text(encoding="utf-8")
    return passages, examples


def run_extraction(nlp, rows):
    tally, found = Tally(), []
    for row in rows:
        doc = nlp.make_doc(row["text"])
        doc._.doc_id = row["id"]
        doc._.published = date.fromisoformat(row["published"])
        preds = nlp(doc)._.quotes
        pairs = pair_quotes(preds, row["quotes"])
        tally.add(preds, row["quotes"], pairs)
        found.append((row, preds, pairs))
    return tally, found


def statement_scores(matcher, contexts, gold_labels):
    assigned = matcher.assign(contexts, [])
    return pairwise([assigned[c.quote_id] for c in contexts], gold_labels)


def gold_contexts(rows):
    from dateline.quotes.statements import QuoteContext

    contexts, labels = [], []
    for row in rows:
        for k, quote in enumerate(row["quotes"]):
            published = date.fromisoformat(row["published"])
            contexts.append(
                QuoteContext(f"{row['id']}#{k}", quote["text"], None, quote["speaker"], published, None, row["id"])
            )
            labels.append(quote.get("statement"))
    return contexts, labels


def example_contexts(found):
    from dateline.quotes.statements import QuoteContext

    contexts, labels = [], []
    for row, preds, pairs in found:
        gold_of = {i: row["quotes"][j].get("statement") for i, j, _, _ in pairs}
        for i, quote in enumerate(preds):
            speaker = quote.speaker
            contexts.append(
                QuoteContext(quote.quote_id, quote.text, speaker and speaker.kb_id, speaker and speaker.name,
                             date.fromisoformat(row["published"]), None, row["id"])
            )
            labels.append(gold_of.get(i))
    return contexts, labels


def calibrate(matcher, contexts, labels):
    from dateline.quotes.statements import same_speaker

    for (a, la), (b, lb) in combinations(zip(contexts, labels), 2):
        if same_speaker(a, b) and a.quote_id.split("#")[0] != b.quote_id.split("#")[0]:
            same = la is not None and la == lb
            print(f"  {'SAME' if same else 'diff'} {matcher.similarity(a.text, b.text):.3f}  {a.text[:45]!r} ~ {b.text[:45]!r}")


def print_errors(found) -> None:
    for row, preds, pairs in found:
        paired_p, paired_g = {i for i, *_ in pairs}, {j for _, j, *_ in pairs}
        for i, j, prec, rec in pairs:
            if not speaker_ok(preds[i].speaker, row["quotes"][j]["speaker"]):
                print(f"  {row['id']}: speaker {preds[i].speaker} for gold {row['quotes'][j]['speaker']!r}")
            elif prec < 0.8 or rec < 0.8:
                print(f"  {row['id']}: partial P {prec:.2f} R {rec:.2f} {preds[i].text!r}")
        for i in set(range(len(preds))) - paired_p:
            print(f"  {row['id']}: extra [{preds[i].kind}] {preds[i].text!r}")
        for j in set(range(len(row["quotes"]))) - paired_g:
            print(f"  {row['id']}: missed {row['quotes'][j]['text']!r}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--no-statements", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list unpaired quotes and wrong speakers")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from dateline.nlp.pipeline import ALL_STAGES, build_nlp

    stages = [s for s in ALL_STAGES if s != "dateline_events"]
    try:
        nlp = build_nlp(stages=stages)
    except ModuleNotFoundError:  # the actors stage is not there yet: quotes resolve speakers alone
        stages = ["dateline_quotes"]
        nlp = build_nlp(stages=stages)
    print(f"pipeline: {nlp.pipe_names}")
    passages, examples = load_gold()
    start = time.perf_counter()
    tally, found = run_extraction(nlp, passages)
    tally.report(f"labelled passages ({len(passages)})")
    ex_tally, ex_found = run_extraction(nlp, examples)
    ex_tally.report("bundled example (2 articles)")
    print(f"  extraction time {time.perf_counter() - start:.2f}s")
    if args.errors:
        print_errors(found + ex_found)
    if args.no_statements:
        return 0
    from dateline.quotes.statements import StatementMatcher

    matcher = StatementMatcher()
    contexts, labels = gold_contexts(passages)
    if args.calibrate:
        calibrate(matcher, contexts, labels)
    p, r, tp, fp, fn = statement_scores(matcher, contexts, labels)
    print(f"statement matching, labelled passages: P {p:.3f} R {r:.3f} (pairs tp {tp} fp {fp} fn {fn})")
    contexts, labels = example_contexts(ex_found)
    p, r, tp, fp, fn = statement_scores(matcher, contexts, labels)
    print(f"statement matching, bundled example (extracted quotes): P {p:.3f} R {r:.3f} (tp {tp} fp {fp} fn {fn})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
