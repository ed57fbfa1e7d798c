"""ECB+ benchmark for dateline.stories: story clustering, event coreference, and clustering cost as the store grows.

Usage: .venv/bin/python bench/ecbplus.py [--data ../shared/bench/ecbplus] [--cache /tmp/ecbplus.spacy] [--skip-timing]

(a) Story clustering: every article is made as `dateline ingest` makes it from the official scorer's input (plain text,
    one paragraph per ECB+ sentence, no dates), parsed by the pipeline and linked in the scorer's order (near-duplicates
    join their original's story); B-cubed P/R/F1 against the subtopics (topic + ecb|ecbplus), for the dev topics, the
    train topics, all visible topics (what ../shared/tools/score_stories.py prints) and each topic. Dev target 0.92;
    the TF-IDF average-link baseline scores 0.87.
(b) Event coreference with gold mentions (ACTION_*/NEG_* in the sentences of coreference_sentences.csv), clustered
    within the predicted stories (gold tokens, so that mentions need no alignment): CoNLL F1 (mean of MUC, B-cubed, CEAF-e) of dateline's method and of the same-lemma
    baseline, on dev and train. Target 0.80 (published lemma baseline 0.764).
(c) Cross-article event merging as the store does it: the events the pipeline codes on the gold tokens, merged
    within the predicted stories by dateline.stories.event_merge, scored on the gold mentions that are a coded event's
    trigger (CoNLL F1), beside the text-level method and all-singletons on the same mentions.
(d) Per-article clustering time with 1,000 and with 20,000 stored articles (ECB+ replicated with varied dates).
(e) Both figures over random sets of visible topics as large as the test split, each ingested into a fresh store.
Tuning happens on the train topics only; the test topics 36-45 are never read, except with --held-out, which scores
them alone (once, as a final check: "held-out" replaces dev and train in every figure).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import time
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

_HERE = Path(__file__).resolve().parent
# Keep bench/ off sys.path so no script here can shadow a standard module; load siblings by path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]


def _sibling(name: str):
    spec = importlib.util.spec_from_file_location(name, _HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_metrics, _data = _sibling("coref_metrics"), _sibling("ecbplus_data")
b_cubed, conll = _metrics.b_cubed, _metrics.conll
DEV_TOPICS, TEST_TOPICS, GoldDoc, read_corpus = _data.DEV_TOPICS, _data.TEST_TOPICS, _data.GoldDoc, _data.read_corpus
article_text, parse_docs, parse_texts = _data.article_text, _data.parse_docs, _data.parse_texts
coded_gold_mentions = _data.coded_gold_mentions

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "ecbplus"
# The groups of topics every figure is printed for: (label, which topics), and the one the targets are stated on.
DEV_AND_TRAIN = (("dev", lambda topic: topic in DEV_TOPICS), ("train", lambda topic: topic not in DEV_TOPICS))
HELD_OUT = (("held-out", lambda topic: True),)


def available_stages() -> list[str]:
    """The dateline components that exist in this checkout (stages land one by one)."""
    import importlib

    from dateline.nlp.pipeline import STAGES

    found = []
    for name, module in STAGES:
        try:
            importlib.import_module(module)
        except ImportError:
            continue
        from spacy.language import Language

        if Language.has_factory(name):
            found.append(name)
    return found


def scorer_order(gold_docs: list[GoldDoc]) -> list[int]:
    """The official scorer ingests files sorted by "<topic>/<file>" path; stream in that order."""
    return sorted(range(len(gold_docs)), key=lambda i: f"{gold_docs[i].topic}/{gold_docs[i].name}")


def article_documents(gold_docs: list[GoldDoc]) -> list:
    """Each article as `dateline ingest` makes it from the scorer's JSONL: plain text through the ingest normaliser."""
    from dateline.ingest.base import RawDocument
    from dateline.ingest.normalise import normalise

    return [normalise(RawDocument(where=g.name, text=article_text(g), uri=f"https://news.invalid/{g.name}"))
            for g in gold_docs]


def cluster_stories(gold_docs, documents, docs, order):
    """Place articles as `dateline ingest` does (dateline.stories.placement): a near-duplicate joins its original's
    story, any other is assigned one."""
    from dateline.stories.features import features_from_doc

    features = {i: features_from_doc(docs[i], documents[i]) for i in order}
    started = time.perf_counter()
    predicted = place_articles(gold_docs, documents, features, order)
    elapsed = time.perf_counter() - started
    return predicted, features, elapsed


def place_articles(gold_docs, documents, features, order) -> dict[str, str]:
    """Article name -> story id, the articles of `order` placed in that order into a fresh store."""
    from dateline.stories.clustering import StoryClusterer
    from dateline.stories.near_duplicates import NearDuplicateIndex
    from dateline.stories.placement import place_article

    clusterer, duplicates = StoryClusterer(), NearDuplicateIndex()
    for i in order:
        place_article(clusterer, duplicates, documents[i], features[i])
    # Where each article ended up: a small story's second look may have moved it since it was placed.
    return {gold_docs[i].name: clusterer.story_of[documents[i].doc_id] for i in order}


def report_stories(gold_docs, predicted, splits=DEV_AND_TRAIN) -> None:
    gold = {g.name: g.subtopic for g in gold_docs}
    print(f"\n(a) story clustering: {len(gold)} articles, {len(set(gold.values()))} gold stories, "
          f"{len(set(predicted.values()))} predicted")
    groups = splits if len(splits) == 1 else (*splits, ("all", lambda t: True))
    for label, keep in groups:
        names = [g.name for g in gold_docs if keep(g.topic)]
        p, r, f = b_cubed({n: gold[n] for n in names}, {n: predicted[n] for n in names})
        target = "  (target 0.92)" if label == splits[0][0] else ""
        print(f"  {label:5s} B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}{target}")
    by_topic = defaultdict(list)
    for g in gold_docs:
        by_topic[g.topic].append(g.name)
    cells = []
    for topic, names in sorted(by_topic.items()):
        f = b_cubed({n: gold[n] for n in names}, {n: predicted[n] for n in names})[2]
        cells.append(f"{topic}{'*' if topic in DEV_TOPICS else ''}:{f:.2f}")
    print("  per topic (* dev): " + " ".join(cells))


def report_coreference(gold_docs, mentions, key, vectors, splits=DEV_AND_TRAIN) -> None:
    from dateline.stories.mention_coref import cluster_mentions, lemma_baseline

    print("\n(b) event coreference with gold mentions, within predicted stories (CoNLL F1 = mean of MUC, B3, CEAF-e)")
    methods = [("same-lemma baseline", lemma_baseline), ("dateline", cluster_mentions)]
    if vectors:
        methods.append(("dateline + word vectors", lambda subset: cluster_mentions(subset, lemma_vectors=vectors)))
    subtopic = {g.name: g.subtopic for g in gold_docs}  # the same mentions within gold stories: coref alone
    within_gold = [(topic, replace(m, story_id=subtopic[m.doc_id])) for topic, m in mentions]
    groups = [(label, keep, mentions) for label, keep in splits]
    groups += [(f"{label} (gold stories)", keep, within_gold) for label, keep in splits]
    width = max(len(label) for label, _, _ in groups)
    for label, keep, pool in groups:
        subset = [m for topic, m in pool if keep(topic)]
        gold = {m.mention_id: key[m.mention_id] for m in subset}
        for name, method in methods:
            scores = conll(gold, method(subset))
            parts = "  ".join(f"{k} {v[2]:.3f}" for k, v in scores.items() if k != "conll")
            print(f"  {label:{width}s} {name:23s} {parts}  CoNLL F1 {scores['conll'][0]:.3f}"
                  + ("  (target 0.80)" if label == splits[0][0] and name == methods[-1][0] else ""))


def gold_mentions(gold_docs, docs, predicted) -> tuple[list, dict]:
    """[(topic, EventMention in its predicted story)] for every gold mention, and mention id -> gold chain."""
    from dateline.stories.mention_coref import mention_from_span

    mentions, key = [], {}
    for g, doc in zip(gold_docs, docs):
        for m in g.mentions:
            mention_id = (g.name, m.start, m.end)
            key[mention_id] = m.chain
            span = doc[m.start : m.end]
            mentions.append((g.topic, mention_from_span(mention_id, predicted[g.name], span, g.name)))
    return mentions, key


def report_topic_draws(gold_docs, documents, features, order, mentions, key, vectors, draws=100, seed=1) -> None:
    """Each draw is a held-out run in miniature: a fresh store ingests a random set of visible topics as large as the
    test split, in the scorer's order, and both figures are scored on it. How much they move from draw to draw says
    how far one held-out figure (one such draw, of topics never seen) can be from the dev figure. `mentions` are
    gold_mentions(); each draw puts them in its own stories."""
    from dateline.stories.mention_coref import cluster_mentions

    topics = sorted({g.topic for g in gold_docs})
    size = min(len(TEST_TOPICS), len(topics))
    print(f"\n(e) {draws} random sets of {size} visible topics, each ingested into a fresh store (held-out runs in "
          "miniature)")
    subtopic = {g.name: g.subtopic for g in gold_docs}
    rng = random.Random(seed)
    stories, coreference = [], []
    for _ in range(draws):
        sample = set(rng.sample(topics, size))
        predicted = place_articles(gold_docs, documents, features, [i for i in order if gold_docs[i].topic in sample])
        stories.append(b_cubed({n: subtopic[n] for n in predicted}, predicted)[2])
        subset = [replace(m, story_id=predicted[m.doc_id]) for topic, m in mentions if topic in sample]
        response = cluster_mentions(subset, lemma_vectors=vectors)
        coreference.append(conll({m.mention_id: key[m.mention_id] for m in subset}, response)["conll"][0])
    print(f"  stories B-cubed F1                          {spread(stories, 0.92)}")
    print(f"  coreference within predicted stories, CoNLL {spread(coreference, 0.80)}")


def spread(scores: list[float], target: float) -> str:
    ranked = sorted(scores)
    low, high = ranked[len(ranked) // 20], ranked[-(len(ranked) // 20) - 1]
    share = sum(score >= target for score in ranked) / len(ranked)
    return (f"mean {sum(ranked) / len(ranked):.3f}, 90% of draws within {low:.3f}-{high:.3f}, "
            f"at or above {target:.2f} in {share:.0%}")


def report_merging(gold_docs, docs, predicted, order, vectors, splits=DEV_AND_TRAIN) -> None:
    from dateline.stories.event_merge import merge_events
    from dateline.stories.mention_coref import cluster_mentions, mention_from_span

    print("\n(c) cross-article event merging (event_merge over coded events, within predicted stories), scored on the "
          "gold mentions that are a coded event's trigger")
    by_story, key, on_mention, mentions = defaultdict(list), {}, {}, []
    for i in order:
        gold, doc = gold_docs[i], docs[i]
        for event, mention in coded_gold_mentions(gold, doc):
            by_story[predicted[gold.name]].append(event)
            if mention is not None:
                mention_id = (gold.name, mention.start, mention.end)
                key[mention_id], on_mention[event.event_id] = mention.chain, mention_id
                span = doc[mention.start : mention.end]
                mentions.append((gold.topic, mention_from_span(mention_id, predicted[gold.name], span, gold.name)))
    merged = {}
    for story_id, events in by_story.items():
        for merged_id, variants in merge_events(events, story_id).variants.items():
            merged.update((on_mention[v.event_id], merged_id) for v in variants if v.event_id in on_mention)
    total = sum(len(g.mentions) for g in gold_docs)
    print(f"  {len(key)} of {total} gold mentions carry a coded event; "
          f"{sum(len(e) for e in by_story.values())} events coded")
    for label, keep in splits:
        subset = [m for topic, m in mentions if keep(topic)]
        gold = {m.mention_id: key[m.mention_id] for m in subset}
        for name, response in (("all singletons", {m: m for m in gold}),
                               ("text-level coreference", cluster_mentions(subset, lemma_vectors=vectors)),
                               ("event_merge (the store)", {m: merged[m] for m in gold})):
            scores = conll(gold, response)
            parts = "  ".join(f"{k} {v[2]:.3f}" for k, v in scores.items() if k != "conll")
            print(f"  {label:5s} {name:23s} {parts}  CoNLL F1 {scores['conll'][0]:.3f}")


def lemma_vectors(lemmas: list[str]) -> dict | None:
    """Unit word vectors of trigger lemmas from the packaged static table (word pieces distilled from MiniLM)."""
    from dateline.quotes.embeddings import default_embedder, embedding_available

    if not embedding_available():
        print("  (word-vector table not installed: synonym joining skipped)")
        return None
    return dict(zip(lemmas, default_embedder().encode(lemmas)))


def report_timing(features: dict, sizes=(1_000, 20_000), seed=7) -> None:
    """Per-article time of one fresh copy of the corpus, clustered after `size` articles are already stored.

    The store is filled with copies of the corpus, each copy 45 days after the previous one with its articles spread
    over 20 days (a partial copy, dated earlier still, makes the count exact); the timed copy comes last, so every
    size sees the same situation except for how much is stored.
    """
    from dateline.stories.clustering import StoryClusterer

    base = list(features.values())
    print(f"\n(d) clustering time per article with a store of N articles (one copy of {len(base)} articles timed)")
    timings = {}
    for size in sizes:
        rng = random.Random(seed)
        full, partial = divmod(size, len(base))
        clusterer = StoryClusterer()
        copies = [_dated_copy(base, -1, rng)[:partial]] + [_dated_copy(base, n, rng) for n in range(full)]
        for copy in copies:
            for f in copy:
                clusterer.assign(f)
        probe = _dated_copy(base, full, rng)
        started = time.perf_counter()
        for f in probe:
            clusterer.assign(f)
        timings[size] = (time.perf_counter() - started) / len(probe)
        print(f"  {size:6d} stored: {timings[size] * 1000:.2f} ms per article")
    low, high = timings[min(sizes)], timings[max(sizes)]
    print(f"  growth {high / low:.2f}x (must stay under 1.5x)")


def _dated_copy(base: list, n: int, rng: random.Random) -> list:
    day0 = date(2000, 1, 1) + timedelta(days=45 * (n + 1))
    copy = [replace(f, doc_id=f"{f.doc_id}#{n}", published=day0 + timedelta(days=rng.randrange(20))) for f in base]
    return sorted(copy, key=lambda f: (f.published, f.doc_id))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=None, help="DocBin file to keep the parsed corpus in")
    parser.add_argument("--skip-timing", action="store_true")
    parser.add_argument("--held-out", action="store_true",
                        help=f"score only the test topics ({min(TEST_TOPICS)}-{max(TEST_TOPICS)}), never read "
                        "otherwise")
    args = parser.parse_args(argv)
    if not (args.data / "xml").is_dir():
        print(f"ECB+ not found at {args.data}; skipping (see ../shared/bench/README.md)")
        return 0
    gold_docs = read_corpus(args.data, held_out=args.held_out)
    if not gold_docs:
        which = "test" if args.held_out else f"non-test (--held-out scores {min(TEST_TOPICS)}-{max(TEST_TOPICS)})"
        print(f"no ECB+ {which} topics under {args.data / 'xml'}", file=sys.stderr)
        return 2
    splits = HELD_OUT if args.held_out else DEV_AND_TRAIN
    from dateline.nlp.pipeline import build_nlp

    stages = available_stages()
    nlp = build_nlp(stages=stages)
    print(f"ECB+ at {args.data}: {len(gold_docs)} articles, stages: {', '.join(stages) or 'spaCy model only'}")
    started = time.perf_counter()
    documents = article_documents(gold_docs)
    texts = parse_texts(nlp, documents, args.cache.with_suffix(".text.spacy") if args.cache else None)
    docs = parse_docs(nlp, gold_docs, args.cache)
    print(f"parsed in {time.perf_counter() - started:.1f}s")
    order = scorer_order(gold_docs)
    predicted, features, elapsed = cluster_stories(gold_docs, documents, texts, order)
    print(f"clustered in {elapsed:.2f}s ({elapsed / len(order) * 1000:.2f} ms per article)")
    report_stories(gold_docs, predicted, splits)
    mentions, key = gold_mentions(gold_docs, docs, predicted)
    vectors = lemma_vectors(sorted({m.lemma for _, m in mentions}))  # (c) scores a subset of these mentions
    report_coreference(gold_docs, mentions, key, vectors, splits)
    report_merging(gold_docs, docs, predicted, order, vectors, splits)
    if not args.skip_timing:
        report_timing(features)
    if not args.held_out:
        report_topic_draws(gold_docs, documents, features, order, mentions, key, vectors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
