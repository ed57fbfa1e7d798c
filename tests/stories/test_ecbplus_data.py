"""bench/ecbplus_data.py writes ECB+ articles as plain text the way the official scorer feeds them to `ingest`."""

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).parents[2] / "bench" / "ecbplus_data.py"
_SPEC = importlib.util.spec_from_file_location("ecbplus_data", _PATH)
data = importlib.util.module_from_spec(_SPEC)
sys.modules["ecbplus_data"] = data  # dataclasses look their module up while the class is made
_SPEC.loader.exec_module(data)


def gold_doc(sentences: list[list[str]]):
    words = [word for sentence in sentences for word in sentence]
    starts = [i == 0 for sentence in sentences for i, _ in enumerate(sentence)]
    return data.GoldDoc("1_1ecb.xml", 1, "1ecb", words, data._spaces(words), starts, [], [])


@pytest.mark.parametrize("tokens,text", [
    (["He", "said", "``", "no", "''", "."], 'He said "no".'),
    (["It", "cost", "US$", "5", "million", "(", "about", "£", "3", ")", "..."], "It cost US$5 million (about £ 3)..."),
    (["They", "do", "n't", "know", "Iran", "'s", "plan", ";", "'re", "we", "?"], "They don't know Iran's plan; 're we?"),
    (['"', "Go", '"', ",", "she", "said"], '"Go", she said'),
])
def test_ecbplus_data_tokens_become_plain_text(tokens, text):
    assert data.article_text(gold_doc([tokens])) == text


def test_ecbplus_data_each_sentence_is_a_paragraph():
    doc = gold_doc([["Quake", "hits", "Iran"], ["Five", "were", "hurt", "."]])
    assert data.article_text(doc) == "Quake hits Iran\n\nFive were hurt."


def _write_topic(root: Path, topic: int) -> None:
    folder = root / "xml" / str(topic)
    folder.mkdir(parents=True)
    (folder / f"{topic}_1ecb.xml").write_text(
        '<Document doc_name="x"><token t_id="1" sentence="0" number="0">Quake</token>'
        '<token t_id="2" sentence="0" number="1">hits</token><Markables/><Relations/></Document>'
    )


def test_ecbplus_data_test_topics_are_read_only_when_held_out_is_asked_for(tmp_path):
    for topic in (3, 36, 45):
        _write_topic(tmp_path, topic)
    (tmp_path / "coreference_sentences.csv").write_text("Topic,File,Sentence Number\n")
    assert [d.topic for d in data.read_corpus(tmp_path)] == [3]
    assert [d.topic for d in data.read_corpus(tmp_path, held_out=True)] == [36, 45]
