"""Online story clustering: same event together, same kind of event apart, batch-invariant, restorable."""

from dataclasses import replace
from datetime import date

import pytest

from dateline.stories.clustering import ClusterOptions, StoryClusterer, story_id_for
from dateline.stories.features import ArticleFeatures
from dateline.stories.lead_specifics import lead_agreement, lead_views


def article(doc_id, terms, entities, published=None, title=None):
    """Hand-made features: terms space-separated, entities comma-separated, each counted once."""
    names = dict.fromkeys((e.strip() for e in entities.split(",")), 1)
    return ArticleFeatures(doc_id, dict.fromkeys(terms.split(), 1), names,
                           date.fromisoformat(published) if published else None, title)


# Two earthquakes (the ECB+ trap): the same kind of event, other places, other days, other tolls.
PERU = [
    article("peru1", "earthquake magnitude kill collapse church rescue toll coast", "peru, pisco, ica, 2007, lima",
            "2007-08-16", "Quake kills hundreds in Peru"),
    article("peru2", "earthquake magnitude kill rescue toll collapse quake", "peru, pisco, ica, lima, alan garcia",
            "2007-08-16"),
    article("peru3", "quake kill toll rescue survivor aid earthquake", "peru, pisco, ica, alan garcia, 2007",
            "2007-08-17"),
]
SUMATRA = [
    article("suma1", "earthquake magnitude kill collapse hotel rescue toll coast", "indonesia, padang, sumatra, 2009",
            "2009-09-30", "Quake hits Sumatra"),
    article("suma2", "earthquake magnitude kill rescue toll collapse quake", "indonesia, padang, sumatra, yudhoyono",
            "2009-10-01"),
]
# Two arrests of one kind, one team, the same week.
ARRESTS = [
    article("arr1", "arrest suspicion dui receiver highway patrol tuesday sobriety test release morning officer "
            "contract season", "vincent jackson, chargers, san diego, chp", "2009-02-03"),
    article("arr2", "arrest dui receiver sobriety test patrol bail tuesday officer morning misdemeanor",
            "jackson, chargers, chp, vincent jackson", "2009-02-04"),
    article("arr3", "arrest suspicion dui lineman defensive tackle deputy sheriff misdemeanor jail booked pro bowl "
            "blood alcohol", "jamal williams, chargers, san diego, poway, 2009", "2009-02-04"),
    article("arr4", "arrest dui lineman defensive tackle deputy sheriff poway jail bowl", "jamal williams, chargers, "
            "poway, 2009", "2009-02-05"),
]


# Other news already in the store, dated long before: it gives the idf weights a realistic spread ("police", "kill"
# and "arrest" are common words in news) without being candidates for the stories above.
BACKGROUND = [
    article(f"bg{i}", words, names, "2001-01-01")
    for i, (words, names) in enumerate([
        ("police arrest suspect robbery charge court", "chicago, illinois"),
        ("police arrest protest kill clash", "cairo, egypt"),
        ("storm kill flood rescue toll", "texas, houston"),
        ("election vote president win coalition", "germany, merkel"),
        ("police patrol highway crash kill", "ohio"),
        ("team win season coach game player", "yankees, new york"),
        ("arrest charge police court fraud", "london, britain"),
        ("fire kill rescue building collapse", "mumbai, india"),
        ("quarterback injury season game coach", "chargers, san diego, philip rivers"),
        ("team win playoff game season", "chargers, san diego, denver"),
    ])
]


def stories_of(articles, clusterer=None):
    clusterer = StoryClusterer() if clusterer is None else clusterer
    return {a.doc_id: clusterer.assign(a) for a in articles}


def undated(articles):
    return [replace(a, published=None) for a in articles]


@pytest.mark.parametrize("articles,groups", [
    (PERU + SUMATRA, [{"peru1", "peru2", "peru3"}, {"suma1", "suma2"}]),
    (undated(PERU + SUMATRA), [{"peru1", "peru2", "peru3"}, {"suma1", "suma2"}]),  # ECB+ has no dates
    (ARRESTS, [{"arr1", "arr2"}, {"arr3", "arr4"}]),
])
def test_clustering_same_kind_events_are_two_stories(articles, groups):
    assigned = stories_of(BACKGROUND + articles)
    found = {}
    for doc_id, story_id in assigned.items():
        if doc_id.startswith("bg"):
            continue
        found.setdefault(story_id, set()).add(doc_id)
    assert sorted(found.values(), key=sorted) == sorted(groups, key=sorted)


@pytest.mark.parametrize("articles", [PERU + SUMATRA])
def test_clustering_story_id_is_hash_of_founder(articles):
    assigned = stories_of(articles)
    assert assigned["peru2"] == story_id_for("peru1")
    assert assigned["suma2"] == story_id_for("suma1")


@pytest.mark.parametrize("split", [1, 2, 4])
def test_clustering_batches_and_restores_give_same_stories(split):
    articles = PERU + SUMATRA + ARRESTS
    one_go = stories_of(articles)
    clusterer, assigned = StoryClusterer(), {}
    for i in range(0, len(articles), split):
        assigned.update(stories_of(articles[i : i + split], clusterer))
        clusterer = StoryClusterer.from_rows(clusterer.to_rows())  # stored and reloaded between batches
    assert assigned == one_go


@pytest.mark.parametrize("gap_days,same", [(1, True), (60, False)])
def test_clustering_time_window(gap_days, same):
    first = article("a", "earthquake magnitude kill toll", "peru, pisco", "2007-08-16")
    later = date.fromordinal(first.published.toordinal() + gap_days).isoformat()
    second = article("b", "earthquake magnitude kill toll", "peru, pisco", later)
    assigned = stories_of([first, second])
    assert (assigned["a"] == assigned["b"]) is same


@pytest.mark.parametrize("doc_id", ["peru2"])
def test_clustering_reassign_is_idempotent(doc_id):
    clusterer = StoryClusterer()
    assigned = stories_of(PERU, clusterer)
    assert clusterer.assign(next(a for a in PERU if a.doc_id == doc_id)) == assigned[doc_id]
    assert len(clusterer.stories[assigned[doc_id]].doc_ids) == 3


@pytest.mark.parametrize("published", ["2007-08-18"])
def test_clustering_attach_and_story_records(published):
    clusterer = StoryClusterer()
    assigned = stories_of(PERU, clusterer)
    clusterer.attach("peru-copy", assigned["peru1"], published)
    story = next(s for s in clusterer.to_stories() if s.story_id == assigned["peru1"])
    assert story.title == "Quake kills hundreds in Peru"
    assert story.doc_ids == ("peru1", "peru2", "peru3", "peru-copy")
    assert (story.first_published, story.last_published) == ("2007-08-16", published)


@pytest.mark.parametrize("bad", [{"entity_weight": 1.5}, {"half_life_days": 0}])
def test_clustering_options_validate(bad):
    with pytest.raises(ValueError):
        ClusterOptions(**bad)


@pytest.mark.parametrize("main_entities,same", [(1, False), (0, True)])
def test_clustering_young_story_main_names_must_agree(main_entities, same):
    """Two title fights of one champion: the challengers (each article's main name) tell them apart."""
    words = "heavyweight title round stop retain belt champion"
    first = ArticleFeatures("fight1", dict.fromkeys(words.split(), 1), {"rahman": 3, "klitschko": 1})
    second = ArticleFeatures("fight2", dict.fromkeys(words.split(), 1), {"thompson": 3, "klitschko": 1})
    rematch = ArticleFeatures("fight3", dict.fromkeys(words.split(), 1), {"rahman": 2, "klitschko": 2})
    assigned = stories_of([first, second, rematch], StoryClusterer(ClusterOptions(main_entities=main_entities)))
    assert (assigned["fight1"] == assigned["fight2"]) is same
    assert assigned["fight3"] == assigned["fight1"]


@pytest.mark.parametrize("year_weight,same", [(0.3, False), (0.0, True)])
def test_clustering_leads_naming_other_years_are_other_events(year_weight, same):
    """Undated reports of two raids of one kind: each lead names its year, which the other story never mentions."""
    first = ArticleFeatures("raid1", dict.fromkeys(["navy", "pirate", "ship", "raid", "hostage", "custody", "commando", "yacht"], 1), {"gulf of aden": 1, "year:2008": 1},
                            lead_entities={"year:2008": 1})
    second = ArticleFeatures("raid2", dict.fromkeys(["navy", "pirate", "ship", "foil", "attack", "crew", "tanker", "escort"], 1), {"gulf of aden": 1, "year:2011": 1},
                             lead_entities={"year:2011": 1})
    options = ClusterOptions(year_weight=year_weight, main_entities=0)
    assigned = stories_of(BACKGROUND + [first, second], StoryClusterer(options))
    assert (assigned["raid1"] == assigned["raid2"]) is same


RAID_WORDS = ["navy", "pirate", "ship", "raid", "hostage", "custody", "commando", "yacht"]


@pytest.mark.parametrize("founder_lead,newcomer_lead,shift", [
    ({"year:2008": 1}, {"year:2011": 1}, -0.2),  # both leads name years, none shared: another event
    ({"year:2008": 1}, {"year:2008": 1}, 0.05),  # a shared year
    ({"year:2008": 1}, {}, 0.0),  # a lead without a year says nothing (the earlier rule penalised it)
    ({}, {"year:2011": 1}, 0.0),
    ({"year:2008": 1, "month:dec": 1}, {"year:2008": 1, "month:apr": 1}, 0.05 - 0.1),  # same year, other month
    ({"month:dec": 1}, {"month:dec": 1, "year:2011": 1}, 0.05),  # a year against a story without one: neutral
])
def test_clustering_lead_dates_conflict_or_agree(founder_lead, newcomer_lead, shift):
    clusterer = StoryClusterer()
    clusterer.assign(ArticleFeatures("raid1", dict.fromkeys(RAID_WORDS, 1), {"gulf of aden": 1, **founder_lead},
                                     lead_entities=founder_lead))
    newcomer = ArticleFeatures("raid2", dict.fromkeys(RAID_WORDS, 1), {"gulf of aden": 1, **newcomer_lead},
                               lead_entities=newcomer_lead)
    story = next(iter(clusterer.stories.values()))
    views = lead_views(clusterer.options, newcomer)
    assert lead_agreement(clusterer.options, views, newcomer, story) == pytest.approx(shift)


def test_clustering_yearless_report_joins_story_whose_lead_names_the_year():
    """A follow-up whose lead names no year joins a story founded by a lead that did ("... on August 15, 2007"); the
    earlier agreement rule counted the missing year against it and started a story of its own."""
    first = replace(PERU[0], lead_entities={"year:2007": 1, "peru": 1})
    follow_up = replace(article("fu", "earthquake survivor aid tent rescue toll", "peru, pisco, alan garcia"),
                        lead_entities={"peru": 1, "pisco": 1})
    assigned = stories_of(BACKGROUND + undated([first, follow_up]))
    assert assigned["fu"] == assigned[first.doc_id]


def test_clustering_lead_entities_round_trip_through_rows():
    clusterer = StoryClusterer()
    clusterer.assign(ArticleFeatures("a", {"quake": 1}, {"peru": 1}, lead_entities={"year:2007": 1, "peru": 1}))
    restored = StoryClusterer.from_rows(clusterer.to_rows())
    assert next(iter(restored.stories.values())).lead == {"year:2007": 1.0}  # only the kinds compared are kept


def test_clustering_quiet_stories_retire_from_memory():
    """A story quiet for more than `retire_days` before the newest article leaves memory; news on it starts anew."""
    clusterer = StoryClusterer(ClusterOptions(retire_days=30))
    assigned = stories_of(PERU, clusterer)
    months_later = article("peru4", "earthquake magnitude kill rescue toll collapse quake", "peru, pisco, ica, lima",
                           "2007-10-01")
    new_story = clusterer.assign(months_later)
    assert new_story != assigned["peru1"]
    assert assigned["peru1"] not in clusterer.stories and "peru1" not in clusterer.story_of
    assert all(assigned["peru1"] not in posting for posting in clusterer._postings.values())
    saved = [story.story_id for story in clusterer.stories_to_save([assigned["peru1"], new_story])]
    assert saved == [assigned["peru1"], new_story]  # retired during the batch, so its last state is still written
    late = article("peru5", "earthquake kill toll", "peru, pisco", "2007-08-20")
    clusterer.assign(late)
    assert clusterer.late_articles == 1 and "peru5" not in clusterer.story_of  # past the horizon on arrival


@pytest.mark.parametrize("split", [1, 3])
def test_clustering_restore_matches_across_retirement_and_posting_cap(split):
    """Stories retire and posting lists overflow mid-stream; stored and reloaded between batches, the same stories."""
    options = ClusterOptions(retire_days=30, posting_cap=2)
    articles = [replace(a, doc_id=f"{a.doc_id}-{month}", published=a.published.replace(year=2010, month=month, day=min(a.published.day, 28)))
                for month in (1, 2, 3, 5) for a in PERU + SUMATRA + ARRESTS]
    one_go = stories_of(articles, StoryClusterer(options))
    clusterer, assigned = StoryClusterer(options), {}
    for i in range(0, len(articles), split):
        assigned.update(stories_of(articles[i : i + split], clusterer))
        clusterer = StoryClusterer.from_rows(clusterer.to_rows())
    assert assigned == one_go
    assert len(clusterer.stories) < len(set(one_go.values()))  # the early months have retired


@pytest.mark.parametrize(
    "rare_name_share,earlier_mentions,main_name,same",
    [(0.01, 0, "bettie page", True), (0.0, 0, "bettie page", False), (0.01, 40, "bettie page", False),
     (0.01, 0, "kb:country:IND", False), (0.01, 0, "india", False), (0.01, 0, "northern india", False)],
)
def test_clustering_young_story_sharing_a_rare_main_name_needs_no_margin(rare_name_share, earlier_mentions,
                                                                         main_name, same):
    """Two obituaries of one pin-up share few words but are both about one rarely named person: one story; with the
    rule off, when the name is in many earlier articles, or when it is a country (however rarely named so far), the
    one-article story's margin keeps them apart."""
    first = "pinup model die hospital heart attack los angeles week family statement publicist cardiac friday stroke"
    second = "pinup model rise pneumonia age career magazine bondage fame nashville photo decade cult icon dancer"
    clusterer = StoryClusterer(ClusterOptions(rare_name_share=rare_name_share))
    for n in range(earlier_mentions):
        clusterer.assign(ArticleFeatures(f"other{n}", {f"word{n}": 1, "weather": 1}, {main_name: 1, f"town{n}": 1}))
    a = clusterer.assign(ArticleFeatures("a", dict.fromkeys(first.split(), 1),
                                         {main_name: 2, "los angeles": 1, "hollywood": 1, "california": 1}))
    b = clusterer.assign(ArticleFeatures("b", dict.fromkeys(second.split(), 1),
                                         {main_name: 2, "nashville": 1, "tennessee": 1, "playboy": 1}))
    assert (a == b) is same


def test_clustering_same_day_event_in_another_city_is_another_story():
    """Two bombings in one country on one day share words; the places their first sentences name do not."""
    istanbul = [
        replace(article("ist0", "car bomb kill police station wound detain suspect minister justice",
                        "istanbul, besiktas, turkey, yerlikaya", "2026-03-03"), lead_places=("istanbul",)),
        replace(article("ist1", "car bomb kill six police station suspect raid condemn",
                        "istanbul, turkey, yerlikaya, germany", "2026-03-03"), lead_places=("istanbul",)),
    ]
    ankara = replace(article("ank", "suicide bomber kill wound bus station police governor seal identify",
                             "ankara, turkey, vasip sahin", "2026-03-03"), lead_places=("ankara",))
    for weight, same in ((0.0, True), (ClusterOptions().place_conflict_weight, False)):
        clusterer = StoryClusterer(ClusterOptions(place_conflict_weight=weight))
        assigned = {f.doc_id: clusterer.assign(f) for f in [*BACKGROUND, *istanbul, ankara]}
        assert assigned["ist1"] == assigned["ist0"]
        assert (assigned["ank"] == assigned["ist0"]) is same


def test_clustering_shared_lead_place_is_no_conflict():
    clusterer = StoryClusterer()
    clusterer.assign(replace(article("a", "bomb kill", "istanbul"), lead_places=("besiktas", "istanbul")))
    story = next(iter(clusterer.stories.values()))
    newcomer = replace(article("b", "bomb kill", "istanbul"), lead_places=("istanbul",))
    assert lead_agreement(clusterer.options, [], newcomer, story) == 0.0
    assert StoryClusterer.from_rows(clusterer.to_rows()).stories[story.story_id].lead_places == ["besiktas", "istanbul"]


def test_clustering_report_about_another_person_is_another_story():
    """A Williams arrest report recalls Jackson's, but the Jackson story never names Williams: two stories, unless
    the person conflict is off; a report naming both people of a story it is about is no conflict."""
    jackson = replace(ARRESTS[0], published=None, lead_people=("jackson",))
    williams = replace(article("w", "arrest suspicion dui sobriety test morning lineman tackle deputy sheriff "
                                    "williams jackson", "jamal williams, chargers, san diego, vincent jackson"),
                       lead_people=("williams",))
    for weight, same in ((0.0, True), (ClusterOptions().person_conflict_weight, False)):
        clusterer = StoryClusterer(ClusterOptions(person_conflict_weight=weight))
        assigned = stories_of([*undated(BACKGROUND), jackson, williams], clusterer)
        assert (assigned["w"] == assigned["arr1"]) is same
    clusterer = StoryClusterer()
    clusterer.assign(replace(article("a", "arrest dui williams jackson", "chargers"), lead_people=("jackson",)))
    story = next(iter(clusterer.stories.values()))
    newcomer = replace(article("b", "arrest dui jackson williams", "chargers"), lead_people=("williams",))
    assert lead_agreement(clusterer.options, [], newcomer, story) == 0.0
    assert StoryClusterer.from_rows(clusterer.to_rows()).stories[story.story_id].lead_people == ["jackson"]


def test_clustering_undated_stories_retire_by_arrival_and_restore_alike():
    """Undated stories have no clock but arrival: one leaves memory once `retire_undated` articles came after it."""
    options = ClusterOptions(retire_undated=2)
    clusterer = StoryClusterer(options)
    topics = ["quake toll rescue", "election vote count", "strike union wage", "flood river dam"]
    for n, words in enumerate(topics):
        clusterer.assign(article(f"u{n}", words, f"place{n}"))
    assert "u0" not in clusterer.story_of and "u1" not in clusterer.story_of
    assert {"u2", "u3"} <= set(clusterer.story_of)
    restored = StoryClusterer.from_rows({**clusterer.to_rows(), "stories": [
        *clusterer.to_rows()["stories"], *(s.to_row() for s in clusterer.stories_to_save([]))]})
    assert set(restored.story_of) == set(clusterer.story_of)
    assert StoryClusterer().options.retire_undated >= 10_000  # ECB+ and ordinary runs never reach it


# -- a small story's second look: a lone report that founded a story beside its event's joins it once quiet --
# A second report of the Peru quake that arrives while the story has one article: it founds a story of its own.
LONE = article("peru-lone", "quake survivor aid tent rescue toll night", "pisco, peru, red cross", "2007-08-16")
# The same kind of event elsewhere, the same day: it must stay apart however the Peru story grows.
OTHER_QUAKE = article("suma-lone", "earthquake magnitude kill collapse hotel rescue toll coast",
                      "indonesia, padang, sumatra", "2007-08-16")
# News three days later: the clock that makes the Peru stories quiet.
LATER = article("later", "election vote president win coalition", "germany, merkel", "2007-08-19")
RUN = [*BACKGROUND, PERU[0], LONE, OTHER_QUAKE, PERU[1], PERU[2], LATER]


def final_stories(articles, options=None):
    clusterer = StoryClusterer(options)
    placed = stories_of(articles, clusterer)
    return placed, clusterer


def test_review_lone_report_joins_its_event_once_quiet():
    placed, clusterer = final_stories(RUN)
    assert placed["peru-lone"] != placed["peru1"]  # placed alone: its event's story had one article
    assert clusterer.story_of["peru-lone"] == clusterer.story_of["peru1"] == placed["peru1"]
    assert clusterer.take_absorbed() == {placed["peru-lone"]: placed["peru1"]}
    assert clusterer.take_absorbed() == {}  # reported once
    assert placed["peru-lone"] not in clusterer.stories
    story = clusterer.stories[placed["peru1"]]
    assert story.doc_ids == ["peru1", "peru2", "peru3", "peru-lone"]


def test_review_keeps_other_event_of_same_kind_apart():
    placed, clusterer = final_stories(RUN)
    assert clusterer.story_of["suma-lone"] == placed["suma-lone"] != clusterer.story_of["peru1"]


@pytest.mark.parametrize("options", [ClusterOptions(review_size=0), ClusterOptions(review_after_days=5)])
def test_review_off_or_not_yet_due(options):
    placed, clusterer = final_stories(RUN, options)
    assert clusterer.story_of == {doc_id: placed[doc_id] for doc_id in clusterer.story_of}
    assert clusterer.take_absorbed() == {}


def test_review_undated_clock_counts_articles():
    run = undated([*BACKGROUND, PERU[0], LONE, PERU[1], PERU[2], LATER, *ARRESTS])
    _, waiting = final_stories(run)  # 100 articles have not come since
    assert waiting.story_of["peru-lone"] != waiting.story_of["peru1"]
    _, reviewed = final_stories(run, ClusterOptions(review_after_articles=3))
    assert reviewed.story_of["peru-lone"] == reviewed.story_of["peru1"]


def test_review_reviewed_story_is_not_looked_at_again():
    placed, clusterer = final_stories(RUN)
    suma = clusterer.stories[placed["suma-lone"]]
    assert suma.reviewed_seq == suma.last_seq != 0  # looked at, kept, and stored as looked at
    restored = StoryClusterer.from_rows(clusterer.to_rows())
    assert restored._review_dated == [] or all(s != suma.story_id for _, s in restored._review_dated)


@pytest.mark.parametrize("split", [1, 2, 3, 5])
def test_review_batches_and_restores_give_same_stories(split):
    _, one_go = final_stories(RUN)
    clusterer, absorbed = StoryClusterer(), {}
    for i in range(0, len(RUN), split):
        stories_of(RUN[i : i + split], clusterer)
        absorbed.update(clusterer.take_absorbed())
        clusterer = StoryClusterer.from_rows(clusterer.to_rows())  # stored and reloaded between batches
    assert clusterer.story_of == one_go.story_of
    assert absorbed == one_go.take_absorbed()
    assert {k: v.to_row() for k, v in clusterer.stories.items()} == {k: v.to_row() for k, v in one_go.stories.items()}


def test_review_options_validate():
    with pytest.raises(ValueError):
        ClusterOptions(review_size=3, review_target_size=3)
    with pytest.raises(ValueError):
        ClusterOptions(review_after_articles=0)
