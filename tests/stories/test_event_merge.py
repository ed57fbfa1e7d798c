"""Cross-article event merging: one real-world event, however many reports; different events stay apart."""

from dataclasses import replace

import pytest

from dateline.records import ActorRef, Event, Mention, Quote
from dateline.stories.event_merge import (
    Variant,
    agree,
    load_code_families,
    merge_events,
    merge_into,
    with_statements,
)

RAISI = ActorRef("Raisi", "Ebrahim Raisi", "IRN", "GOV", "IRNGOV", "raisi")
PRESIDENT = ActorRef("the Iranian president", "Ebrahim Raisi", "IRN", "GOV", "IRNGOV", "raisi")
WIDODO = ActorRef("Widodo", "Joko Widodo", "IDN", "GOV", "IDNGOV", "widodo")
OIC = ActorRef("OIC", "Organisation of Islamic Cooperation", "IGO", None, "IGOMOSOIC", "oic")
ISRAEL_FORCES = ActorRef("Israeli forces", None, "ISR", "MIL", "ISRMIL")
ISRAEL_POLICE = ActorRef("Israeli police", None, "ISR", "COP", "ISRCOP")
WORSHIPPERS = ActorRef("worshippers", None, "PSE", "CVL", "PSECVL")
SUSPECT_A = ActorRef("Jackson", "Vincent Jackson", "USA", "CVL", "USACVL", "jackson")
SUSPECT_B = ActorRef("Williams", "Jamal Williams", "USA", "CVL", "USACVL", "williams")
ISRAEL = ActorRef("Israel", "Israel", "ISR", None, "ISR", "country:ISR")
POLICE = ActorRef("police", None, "USA", "COP", "USACOP")


def event(event_id, doc_id, cameo, actor, recipient, day, source="text", modality="asserted", start=0, lemma=None):
    mention = Mention(doc_id, f"sentence of {event_id}", start, start + 10)
    return Event(event_id, day, source, actor, recipient, cameo, cameo[:2], None, None, None, None, modality, None,
                 0.8, (mention,), trigger_lemma=lemma)


# The bundled example in miniature: article 1 (published 7 April) and article 2 (published 8 April).
EXAMPLE = [
    event("e1-call", "doc1", "041", RAISI, WIDODO, "2023-04-06"),
    event("e1-demand", "doc1", "1042", RAISI, OIC, "2023-04-06"),
    event("e1-raid", "doc1", "190", ISRAEL_FORCES, WORSHIPPERS, "2023-04-05"),
    event("e2-call", "doc2", "040", WIDODO, PRESIDENT, "2023-04-07", source="published"),
    event("e2-demand", "doc2", "026", PRESIDENT, OIC, "2023-04-06"),
    event("e2-raid-gaza", "doc2", "195", ISRAEL_FORCES, None, "2023-04-07"),
    event("e2-condemn", "doc2", "111", RAISI, ISRAEL_FORCES, "2023-04-07"),
]


@pytest.mark.parametrize("events", [EXAMPLE])
def test_event_merge_example_call_and_demand_have_two_sources(events):
    merged = merge_events(events, story_id="story-x")
    by_id = {e.event_id: e for e in merged.events}
    assert set(by_id) == {"e1-call", "e1-demand", "e1-raid", "e2-raid-gaza", "e2-condemn"}
    for event_id in ("e1-call", "e1-demand"):
        assert (by_id[event_id].num_sources, by_id[event_id].num_mentions) == (2, 2)
        assert by_id[event_id].story_id == "story-x"
    assert by_id["e1-raid"].num_sources == 1


@pytest.mark.parametrize("events", [EXAMPLE])
def test_event_merge_keeps_variants_per_mention(events):
    merged = merge_events(events)
    variants = merged.variants["e1-call"]
    assert [(v.event_id, v.cameo, v.date, v.date_source) for v in variants] == [
        ("e1-call", "041", "2023-04-06", "text"),
        ("e2-call", "040", "2023-04-07", "published"),
    ]
    call = next(e for e in merged.events if e.event_id == "e1-call")
    assert (call.cameo, call.date) == ("041", "2023-04-06")  # the first report's reading, not overwritten
    rows = merged.to_rows()
    assert len(rows) == len(events) and {r["merged_event_id"] for r in rows} == {e.event_id for e in merged.events}


@pytest.mark.parametrize("split", [1, 2, 3])
def test_event_merge_incremental_equals_one_go(split):
    one_go = merge_events(EXAMPLE)
    merged = merge_events([])
    for i in range(0, len(EXAMPLE), split):
        merged = merge_into(merged, EXAMPLE[i : i + split])
    assert merged.events == one_go.events and merged.variants == one_go.variants


@pytest.mark.parametrize("a,b", [
    # Two arrests of one kind on one day, of two different people.
    (event("x1", "d1", "173", POLICE, SUSPECT_A, "2009-02-03"),
     event("x2", "d2", "173", POLICE, SUSPECT_B, "2009-02-03")),
    # One kind of attack on two different days.
    (event("x1", "d1", "190", ISRAEL_FORCES, WORSHIPPERS, "2023-04-05"),
     event("x2", "d2", "190", ISRAEL_FORCES, WORSHIPPERS, "2023-04-07")),
    # Two attackers (army, police) on one target the same day.
    (event("x1", "d1", "190", ISRAEL_FORCES, WORSHIPPERS, "2023-04-05"),
     event("x2", "d2", "180", ISRAEL_POLICE, WORSHIPPERS, "2023-04-05")),
    # Asserted versus negated.
    (event("x1", "d1", "041", RAISI, WIDODO, "2023-04-06"),
     event("x2", "d2", "041", RAISI, WIDODO, "2023-04-06", modality="negated")),
    # Unrelated codes (consult versus praise).
    (event("x1", "d1", "041", RAISI, WIDODO, "2023-04-06"), event("x2", "d2", "051", RAISI, WIDODO, "2023-04-06")),
    # A country alone is too weak when the days differ (a raid on Wednesday, strikes on Friday).
    (event("x1", "d1", "190", ISRAEL, None, "2023-04-05"),
     event("x2", "d2", "190", ISRAEL, None, "2023-04-07", "published")),
    # A fallback publication date is an upper bound: the event cannot be after it.
    (event("x1", "d1", "041", RAISI, WIDODO, "2023-04-08"),
     event("x2", "d2", "041", RAISI, WIDODO, "2023-04-07", "published")),
    # A missing side agrees with anything but is not enough alone.
    (event("x1", "d1", "190", ISRAEL_FORCES, None, "2023-04-05"),
     event("x2", "d2", "190", None, WORSHIPPERS, "2023-04-05")),
])
def test_event_merge_different_events_stay_apart(a, b):
    assert len(merge_events([a, b]).events) == 2


@pytest.mark.parametrize("a,b", [
    (event("x1", "d1", "190", ISRAEL_FORCES, WORSHIPPERS, "2023-04-05"),
     event("x2", "d2", "183", ISRAEL_FORCES, WORSHIPPERS, "2023-04-06", source="published")),
    (event("x1", "d1", "042", RAISI, WIDODO, "2023-04-06"), event("x2", "d2", "043", WIDODO, RAISI, "2023-04-06")),
    (event("x1", "d1", "0233", RAISI, OIC, None), event("x2", "d1", "1033", RAISI, OIC, "2023-04-06", start=50)),
])
def test_event_merge_same_event_different_wording(a, b):
    merged = merge_events([a, b])
    assert len(merged.events) == 1 and merged.events[0].num_mentions == 2


@pytest.mark.parametrize("a,b,expected", [
    ("041", "046", True), ("0233", "1011", True), ("190", "181", True), ("173", "172", True), ("042", "051", False),
])
def test_event_merge_code_families(a, b, expected):
    assert load_code_families().compatible(a, b) is expected


def test_event_merge_complete_link_blocks_chains():
    """C agrees with B (B's date is only its publication date) but not with A (two days apart): C must not join A+B."""
    a = event("a", "d1", "190", ISRAEL_FORCES, WORSHIPPERS, "2023-04-05")
    b = event("b", "d2", "190", ISRAEL_FORCES, WORSHIPPERS, "2023-04-07", source="published")
    c = event("c", "d3", "190", ISRAEL_FORCES, WORSHIPPERS, "2023-04-07")
    assert agree(Variant.of(b), Variant.of(c)) and not agree(Variant.of(a), Variant.of(c))
    assert [e.num_mentions for e in merge_events([a, b, c]).events] == [2, 1]


def test_event_merge_same_act_word_is_evidence_of_one_event():
    """One report names the raiders, the other the worshippers: no side matches, but both tell of the story's raid."""
    raiders = event("x1", "d1", "190", ISRAEL_FORCES, None, "2023-04-05", lemma="raid")
    victims = event("x2", "d2", "190", None, WORSHIPPERS, "2023-04-05", lemma="raid")
    merged = merge_events([raiders, victims])
    assert len(merged.events) == 1 and merged.events[0].num_sources == 2
    assert [v.act for v in merged.variants["x1"]] == ["raid", "raid"]


def test_event_merge_act_families_count_as_one_act_word():
    killed = event("x1", "d1", "190", None, WORSHIPPERS, "2023-04-05", lemma="kill")
    dead = event("x2", "d2", "190", None, WORSHIPPERS, "2023-04-05", source="published", lemma="death")
    assert len(merge_events([killed, dead]).events) == 1


@pytest.mark.parametrize("a,b", [
    # "said" twice is each outlet's own report, not evidence of one statement.
    (event("x1", "d1", "010", None, None, "2023-04-06", lemma="say"),
     event("x2", "d2", "010", None, None, "2023-04-06", lemma="say")),
    # The same act word still needs the dates to agree.
    (event("x1", "d1", "190", None, WORSHIPPERS, "2023-04-05", lemma="raid"),
     event("x2", "d2", "190", None, WORSHIPPERS, "2023-04-07", lemma="raid")),
    # A country alone on the same day, with two act words (shelling, a raid), is two acts.
    (event("x1", "d1", "190", ISRAEL, None, "2023-04-05", lemma="shell"),
     event("x2", "d2", "190", ISRAEL, None, "2023-04-05", lemma="raid")),
])
def test_event_merge_without_evidence_of_one_act_stays_apart(a, b):
    assert len(merge_events([a, b]).events) == 2


def test_event_merge_unknown_act_words_keep_the_participant_rule():
    """Reports stored before act words were kept: a country on the same day is enough, as it was."""
    a = event("x1", "d1", "190", ISRAEL, None, "2023-04-05")
    b = event("x2", "d2", "190", ISRAEL, None, "2023-04-05", lemma="raid")
    assert len(merge_events([a, b]).events) == 1


def test_event_merge_one_miscoded_report_does_not_split_the_event():
    """A fourth report whose target contradicts one of three earlier reports (a misread recipient) still joins: it
    agrees with the other two; one that contradicts two of them does not."""
    reports = [event("a", "d1", "190", ISRAEL_FORCES, None, "2023-04-05", lemma="raid"),
               event("b", "d2", "190", ISRAEL_FORCES, None, "2023-04-05", lemma="raid"),
               event("c", "d3", "190", ISRAEL_FORCES, WORSHIPPERS, "2023-04-05", lemma="raid")]
    misread = event("d", "d4", "190", ISRAEL_FORCES, POLICE, "2023-04-05", lemma="raid")
    assert [e.num_mentions for e in merge_events([*reports, misread]).events] == [4]
    assert [e.num_mentions for e in merge_events([reports[2], misread]).events] == [1, 1]


def _statement(event_id, doc_id, day, lemma, statement, source="text"):
    return replace(event(event_id, doc_id, "010", RAISI, None, day, source=source, lemma=lemma),
                   statement_id=statement)


def test_event_merge_reports_of_one_statement_are_one_event():
    """One statement in two translations, reported a day apart with two cue verbs."""
    stressed = _statement("s1", "d1", "2023-04-06", "stress", "statement-a")
    pointed = _statement("s2", "d2", "2023-04-08", "point out", "statement-a", source="published")
    merged = merge_events([stressed, pointed])
    assert len(merged.events) == 1 and merged.events[0].num_sources == 2


def test_event_merge_two_statements_of_one_speaker_stay_apart():
    stated = _statement("s1", "d1", "2023-04-06", "state", "statement-a")
    declared = _statement("s2", "d1", "2023-04-06", "declare", "statement-b")
    assert len(merge_events([stated, declared]).events) == 2
    unknown = _statement("s3", "d2", "2023-04-06", "say", None)  # no quote: the participant rule decides
    assert len(merge_events([stated, unknown]).events) == 1


def test_event_merge_with_statements_takes_the_quote_the_event_introduces():
    text = "The Iranian president stressed that unity matters and that the occupation must end."
    statement = event("e", "d1", "010", PRESIDENT, None, "2023-04-06", start=0, lemma="stress")
    statement = replace(statement, mentions=(Mention("d1", text, 0, 30),))
    first = Quote("q1", "d1", "unity matters", "indirect", 36, 49, PRESIDENT, "stress", "statement-a", 0, 21)
    second = Quote("q2", "d1", "the occupation must end", "indirect", 59, 82, PRESIDENT, "stress", "statement-b", 0, 21)
    elsewhere = Quote("q3", "d2", "unity matters", "indirect", 36, 49, PRESIDENT, "stress", "statement-c", 0, 21)
    other_cue = Quote("q4", "d1", "unity matters", "indirect", 36, 49, PRESIDENT, "say", "statement-d", 0, 21)
    linked = with_statements([statement], [second, elsewhere, other_cue, first])
    assert linked[0].statement_id == "statement-a"
    assert with_statements([statement], [elsewhere, other_cue])[0].statement_id is None


def test_event_merge_two_act_words_need_an_identified_participant():
    """"Israel's sacrilege" at the mosque and "Israel launched attacks" on Gaza: both sides match, but only by
    country, and the act words differ: two acts. Raisi's "call" and his "talks" with Widodo: one."""
    sacrilege = event("x1", "d1", "180", ISRAEL, WORSHIPPERS, "2023-04-07", lemma="sacrilege")
    strikes = event("x2", "d1", "190", ISRAEL, WORSHIPPERS, "2023-04-07", start=40, lemma="launch")
    assert len(merge_events([sacrilege, strikes]).events) == 2
    call = event("y1", "d1", "041", RAISI, WIDODO, "2023-04-06", lemma="call")
    talks = event("y2", "d2", "040", RAISI, WIDODO, "2023-04-06", lemma="talk")
    assert len(merge_events([call, talks]).events) == 1


def test_event_merge_country_and_its_own_force_are_one_side():
    """"An Israeli strike" (the country) and "the Israeli military struck" (its force, a knowledge-base body) are the
    same side; another country's force is not."""
    idf = ActorRef("Israeli military", "Israel Defense Forces", "ISR", "MIL", "ISRMIL", "org:idf")
    lebanese_army = ActorRef("Lebanese army", "Lebanese Armed Forces", "LBN", "MIL", "LBNMIL", "org:laf")
    strike = event("a", "doc1", "195", ISRAEL, None, "2026-05-04", lemma="strike")
    assert agree(Variant.of(strike), Variant.of(event("b", "doc2", "190", idf, None, "2026-05-04", lemma="strike")))
    assert not agree(Variant.of(strike),
                     Variant.of(event("c", "doc2", "190", lebanese_army, None, "2026-05-04", lemma="strike")))


def test_event_merge_support_needs_a_matching_side_besides_the_word():
    """Statements in one story support many things: "Iran supports any activity ..." and "support of the Palestinian
    nation" share the act word but no side, and stay two events; a shared side joins them."""
    iran = ActorRef("Iran", "Iran", "IRN", None, "IRN", "country:IRN")
    any_activity = event("s1", "d1", "051", iran, None, "2023-04-07", source="published", lemma="support")
    palestinians = event("s2", "d2", "051", None, WORSHIPPERS, "2023-04-08", source="published", lemma="support")
    assert len(merge_events([any_activity, palestinians]).events) == 2
    by_iran = replace(palestinians, actor=iran)
    assert len(merge_events([any_activity, by_iran]).events) == 1
