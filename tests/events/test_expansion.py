"""Coded clauses become Event records: actor pairs, reporting links, targets set by the place of the act."""

from __future__ import annotations

from datetime import date

from dateline.events.expansion import MAX_PAIRS

COUNTRIES = {"chile": "CHL", "peru": "PER", "kenya": "KEN", "norway": "NOR", "ghana": "GHA", "somalia": "SOM",
             "somali": "SOM", "ethiopia": "ETH", "bolivia": "BOL", "vietnam": "VNM"}
PUBLISHED = date(2024, 3, 15)


def pairs(events, root):
    return {(e.actor and e.actor.country, e.recipient and e.recipient.country) for e in events if e.cameo_root == root}


def test_expansion_a_list_of_targets_is_one_event_each(code_events):
    events = code_events("Chile condemned Peru, Kenya, Norway, Ghana and Somalia.", COUNTRIES, PUBLISHED)
    assert pairs(events, "11") == {("CHL", country) for country in ("PER", "KEN", "NOR", "GHA", "SOM")}
    assert len({e.event_id for e in events if e.cameo_root == "11"}) == 5


def test_expansion_a_list_crossed_with_a_list_stays_bounded(code_events):
    text = "Chile, Peru, Kenya and Norway condemned Ghana, Somalia, Ethiopia and Bolivia."
    events = [e for e in code_events(text, COUNTRIES, PUBLISHED) if e.cameo_root == "11"]
    assert 1 < len(events) <= MAX_PAIRS


def test_expansion_a_reported_act_points_to_its_statement(code_events):
    events = code_events("Kenya said it will release the Somali prisoners.", COUNTRIES, PUBLISHED)
    statement = next(e for e in events if e.cameo == "010")
    release = next(e for e in events if e.cameo_root == "03")
    assert release.reported_by == statement.event_id and statement.reported_by is None


def test_expansion_an_attack_with_no_named_target_is_set_against_the_state_where_it_landed(events_of):
    events = events_of("Rebels shelled a market in northern Ethiopia on Tuesday.")
    shelling = next(e for e in events if e.cameo_root == "19")
    assert shelling.location is not None and shelling.recipient is not None
    assert shelling.recipient.country == "ETH"


def test_expansion_talks_in_a_place_have_no_target_from_it(events_of):
    events = events_of("Kenyan and Somali officials met in Addis Ababa on Tuesday.")
    assert all(e.recipient is None or e.recipient.country != "ETH" for e in events)


def test_expansion_a_request_after_a_contact_is_addressed_to_whom_it_reached(code_events):
    for text in ("Chile phoned Peru on Monday, urging it to release the fishermen.",
                 "Kenya summoned the Somali ambassador, demanding an explanation."):
        events = code_events(text, COUNTRIES, PUBLISHED)
        assert pairs(events, "02") | pairs(events, "10") in ({("CHL", "PER")}, {("KEN", "SOM")}), events


def test_expansion_a_request_in_its_own_clause_keeps_no_target(code_events):
    events = code_events("Kenya appealed for calm after the vote, and Somalia held talks.", COUNTRIES, PUBLISHED)
    assert all(recipient is None for _, recipient in pairs(events, "02"))


def test_expansion_a_demand_for_ones_own_people_is_made_of_whoever_holds_them(events_of):
    events = events_of("China demanded the immediate release of a Chinese trawler captain held by Japan on Sunday.")
    demand = [e for e in events if e.cameo_root == "10"]
    assert demand and {e.recipient.country for e in demand if e.recipient} == {"JPN"}
    events = events_of("Kenya on Monday demanded the release of a Kenyan pilot.")
    assert [e for e in events if e.cameo_root == "10"]  # kept, though its only named party is Kenya's own


def test_expansion_a_people_protesting_at_home_protest_to_their_government(events_of):
    events = events_of("Thousands of Iraqi Kurds demonstrated in the northern city of Kirkuk on Sunday.")
    protest = [e for e in events if e.cameo_root == "14"]
    assert protest and {e.recipient.country for e in protest if e.recipient} == {"IRQ"}


def test_expansion_a_protest_with_no_target_and_no_place_is_addressed_to_the_home_government(events_of):
    events = events_of("About 40,000 Portuguese teachers walked out on Friday over a pay freeze.")
    strike = [e for e in events if e.cameo_root == "14"]
    assert strike and {(e.recipient.code, e.recipient.name) for e in strike if e.recipient} == {("PRTGOV", "Portugal")}
    # a state protesting names whom it protests to, or protests to no one; its own organs strike at no one
    events = events_of("Chile staged a protest on Tuesday.")
    assert not [e for e in events if e.cameo_root == "14" and e.recipient]
    events = events_of("Peruvian police went on strike on Monday.")
    assert not [e for e in events if e.cameo_root == "14" and e.recipient]


def test_expansion_withdrawing_from_an_international_body_is_cutting_ties(events_of):
    events = events_of("Burkina Faso, Mali and Niger withdrew from ECOWAS on Sunday.")
    assert {e.plover for e in events if e.recipient and e.recipient.code == "IGOWAS"} == {"SANCTION"}
    events = events_of("Russia withdrew its troops from Syria on Sunday.")
    assert "RETREAT" in {e.plover for e in events}


def test_expansion_a_group_of_unknown_country_has_no_code(events_of):
    # "MIL" alone would read as a country to tools that take a code's first three letters for one
    (event,) = [e for e in events_of("Soldiers fired on the crowd on Friday.") if e.actor]
    assert event.actor.sector == "MIL" and event.actor.country is None and event.actor.code is None


def test_expansion_a_group_of_known_country_keeps_its_code(events_of):
    events = events_of("Kenyan soldiers fired on the crowd on Friday.")
    assert any(e.actor and e.actor.code == "KENMIL" for e in events)
