from datetime import date

import pytest
from spacy.tokens import Doc

from dateline.nlp.extensions import ActorMention, register_extensions
from dateline.records import ActorRef


@pytest.mark.parametrize("value", [date(2023, 4, 7), [ActorMention(0, 1, ActorRef(text="Iran", country="IRN"), "country")]])
def test_extensions_survive_serialisation(bare_nlp, value):
    """nlp.pipe(n_process=N) ships Docs between processes as bytes: dateline's attributes must come back intact."""
    register_extensions()
    doc = bare_nlp.make_doc("Iran condemned Israel.")
    doc._.published = value
    copy = Doc(bare_nlp.vocab).from_bytes(doc.to_bytes())
    assert copy._.published == value


def test_pipeline_workers_give_same_sentences(bare_nlp, example_dir):
    from dateline.analysis import analyse
    from dateline.ingest import iter_inputs
    from dateline.ingest.normalise import normalise

    documents = [normalise(raw) for raw in iter_inputs([example_dir])]
    one = analyse(bare_nlp, documents, workers=1)
    two = analyse(bare_nlp, documents, workers=2)
    assert [a.sentences for a in one] == [a.sentences for a in two]
    assert len(one[0].sentences) > 10
