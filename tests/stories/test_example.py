"""The bundled example end to end through the spaCy pipeline: one story; the Raisi-Widodo call and Raisi's demand for
an OIC meeting each one event with two sources."""

import json
from pathlib import Path

import pytest

from dateline.records import Document
from dateline.stories.clustering import StoryClusterer
from dateline.stories.event_merge import merge_events
from dateline.stories.features import features_from_doc

EXAMPLE = Path(__file__).parents[2] / "src" / "dateline" / "data" / "examples" / "mehr-2023-04"
RAISI, WIDODO = "person:ebrahim-raisi", "person:joko-widodo"


@pytest.fixture(scope="module")
def parsed():
    from dateline.analysis import make_docs
    from dateline.nlp.pipeline import shared_nlp

    nlp = shared_nlp()
    documents = []
    for line in (EXAMPLE / "manifest.jsonl").read_text().splitlines():
        meta = json.loads(line)
        text = (EXAMPLE / meta["file"]).read_text(encoding="utf-8")
        documents.append(Document(meta["file"], text, published=meta.get("published"), title=meta.get("title")))
    return documents, list(nlp.pipe(make_docs(nlp, documents)))


def _kb(actor):
    return actor.kb_id if actor else None


def test_example_is_one_story(parsed):
    documents, docs = parsed
    clusterer = StoryClusterer()
    assert len({clusterer.assign(features_from_doc(doc, d)) for d, doc in zip(documents, docs)}) == 1


@pytest.mark.parametrize("roots,who", [({"04"}, {RAISI, WIDODO}), ({"02", "10"}, {RAISI})])
def test_example_call_and_demand_merge_across_articles(parsed, roots, who):
    _, docs = parsed
    merged = merge_events(e for doc in docs for e in doc._.events or ())
    matches = [
        e for e in merged.events
        if e.cameo_root in roots and who <= {_kb(e.actor), _kb(e.recipient)} and e.modality != "negated"
        and e.date == "2023-04-06"
    ]
    assert matches, "the events stage found no such event"
    assert max(e.num_sources for e in matches) == 2
