"""News wording of the third round (issue 3): idioms and constructions of real wire leads, read through the full
pipeline. Each sentence is new wording of a family, not a sentence of the development sets."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "plover"), [
    # CONSULT: a host bringing parties together, officials gathering for a summit
    ("Norway brought together Ethiopian and Eritrean envoys in Oslo on Monday.", "CONSULT"),
    ("Foreign ministers of the Arab League gathered in Cairo on Sunday for an emergency session.", "CONSULT"),
    # SUPPORT: approval given
    ("The European Medicines Agency gave its approval to Germany's new malaria drug on Tuesday.", "SUPPORT"),
    # CONCEDE: plans dropped, restrictions scrapped, activity legalised
    ("The Kenyan government dropped plans on Monday to tax bread and cooking oil.", "CONCEDE"),
    ("Japan scrapped its remaining entry restrictions on foreign tourists on Tuesday.", "CONCEDE"),
    ("Thailand legalised same-sex marriage on Tuesday.", "CONCEDE"),
    # COOPERATE: custody handed to a court, suspects sent abroad, joint infrastructure
    ("Serbian authorities turned over the fugitive general to the tribunal in The Hague on Friday.", "COOPERATE"),
    ("Colombia sent three suspected drug traffickers to the United States on Friday.", "COOPERATE"),
    ("Kenya and Uganda inaugurated a new oil pipeline on Monday.", "COOPERATE"),
    # AID: status granted to migrants, relief carried by ships
    ("Brazil granted humanitarian status to thousands of Haitian migrants on Monday.", "AID"),
    ("India dispatched a navy ship carrying tents and medicine to Sri Lanka on Friday.", "AID"),
    # RETREAT: forces drawn down, crossings reopened
    ("Russia reduced its military presence in Tajikistan on Tuesday.", "RETREAT"),
    ("Jordan reopened its border crossing with Syria on Wednesday.", "RETREAT"),
    # COERCE: demolitions, organisations suspended by a government
    ("Police tore down dozens of homes in the camp on Monday.", "COERCE"),
    ("The Indian government suspended the charity's operations on Monday.", "COERCE"),
    # REQUEST: a renewed call on someone
    ("France renewed its call on Iran on Monday to free the detained aid workers.", "REQUEST"),
    # THREATEN: ultimatums without the word, consequences foretold
    ("The rebels gave the army 48 hours to leave the town.", "THREATEN"),
    ("Iran warned on Tuesday that Israel would face severe consequences if it attacked.", "THREATEN"),
    # PROTEST: walkouts, camps, tools downed, a fast
    ("Opposition deputies walked out of parliament in Lusaka on Tuesday.", "PROTEST"),
    ("Teachers in Nigeria downed tools on Monday over unpaid salaries.", "PROTEST"),
    ("Hundreds of farmers camped outside the ministry in Bogota on Wednesday.", "PROTEST"),
    ("Jailed activist Abdul Karim began a fast in Manama on Monday to press for his release.", "PROTEST"),
    # SANCTION: money frozen, treaties suspended, visas revoked, diplomats ordered out
    ("The African Development Bank froze disbursements to Niger on Friday.", "SANCTION"),
    ("Moscow suspended its participation in the grain deal on Monday.", "SANCTION"),
    ("Washington revoked the visas of four Nicaraguan judges on Monday.", "SANCTION"),
    ("Burkina Faso ordered three French diplomats to leave the country within 48 hours.", "SANCTION"),
])
def test_wording_news_family_is_coded(types_of, text, plover):
    assert plover in types_of(text)


def test_wording_news_naming_is_no_phone_call(types_of):
    """"calling it a moral duty" names something; no one telephoned anyone."""
    text = "Kenya granted asylum to 300 Sudanese refugees on Monday, calling it a moral duty."
    assert "CONSULT" not in types_of(text)
    assert "AID" in types_of(text)


@pytest.mark.parametrize(("text", "plover"), [
    ("Chinese and Pakistani warships opened their annual exercise in the Arabian Sea on Monday.", "COOPERATE"),
    ("Vietnam, Laos and Cambodia launched coordinated border patrols on Tuesday.", "COOPERATE"),
    ("Egypt's navy launched large-scale war games in the Red Sea on Monday.", "MOBILIZE"),
])
def test_wording_news_exercise_is_joint_only_with_partners(types_of, text, plover):
    types = types_of(text)
    assert plover in types
    assert {"COOPERATE", "MOBILIZE"} - {plover} - types  # not both readings at once


def test_wording_news_deal_to_act_is_agree(types_of):
    """"struck a deal to hold elections" agrees on a future act; "signed an agreement" stays SUPPORT."""
    assert "AGREE" in types_of("Libya's rival governments struck a deal on Monday to hold elections in June.")
    assert "SUPPORT" in types_of("Peru and Chile signed an agreement on fishing rights on Monday.")


def test_wording_news_listed_object_keeps_the_subject(events_of):
    """"declared a state of emergency and a general mobilisation": the mobilisation is the subject's too."""
    events = events_of("Azerbaijan declared martial law and a partial mobilisation on Sunday.")
    mobilised = [event for event in events if event.plover == "MOBILIZE"]
    assert mobilised and mobilised[0].actor is not None and mobilised[0].actor.country == "AZE"


def test_wording_news_defiance_codes_the_act(types_of):
    """"defied a ban to rally": the rally is the event, not a rejection; a defied deadline stays a rejection."""
    types = types_of("Students defied a ban to rally outside parliament in Yangon on Sunday.")
    assert "PROTEST" in types and "REJECT" not in types
    assert "REJECT" in types_of("Iran defied a U.N. Security Council deadline to withdraw its troops.")


@pytest.mark.parametrize(("text", "plover", "not_plover"), [
    # a call on someone, with the day between it and the infinitive the parser hangs as an advcl
    ("The UN rights chief called on Myanmar on Tuesday to free all political prisoners.", "REQUEST", "CONSULT"),
    # money pledged is aid promised, not given
    ("Saudi Arabia pledged 500 million dollars on Monday to rebuild schools in Yemen.", "AGREE", "AID"),
    # "will build ... and lend": the second verb shares the promise
    ("China will build a new port at Lamu and lend Kenya the money to equip it, officials said.", "AGREE", "AID"),
])
def test_wording_news_fourth_set_families(types_of, text, plover, not_plover):
    types = types_of(text)
    assert plover in types and not_plover not in types


def test_wording_news_a_court_throwing_out_a_challenge_rejects_it(types_of):
    types = types_of("Malawi's constitutional court threw out the ruling party's challenge to the vote on Monday.")
    assert "REJECT" in types and "ASSAULT" not in types


def test_wording_news_drills_on_a_border_face_the_neighbour_not_drill_with_it(types_of):
    types = types_of("Armenian troops began military exercises on the border with Azerbaijan on Monday.")
    assert "MOBILIZE" in types and "COOPERATE" not in types


@pytest.mark.parametrize(("text", "plover"), [
    # a diplomat given hours to leave is expelled, whichever way the parser hangs the hours
    ("Mali gave France's ambassador 72 hours to leave the country on Monday.", "SANCTION"),
    ("The junta gave the French ambassador 72 hours to leave the country.", "SANCTION"),
    # a deadline named by "until" is an ultimatum
    ("The regional bloc gave the coup leaders until Sunday to restore the president or face force.", "THREATEN"),
])
def test_wording_news_deadlines(types_of, text, plover):
    assert plover in types_of(text)


def test_wording_news_days_of_talks_ended_were_held_not_broken_off(types_of):
    assert "CONSULT" in types_of("Sudanese and South Sudanese negotiators ended three days of talks in Juba on Friday.")
    assert "SANCTION" in types_of("Colombia's president ended peace talks with the rebel group on Friday.")


@pytest.mark.parametrize(("text", "plover"), [
    ("Senegal's Constitutional Council struck down the president's decision to postpone the election.", "REJECT"),
    ("Hungary and Poland blocked the European Union's budget on Monday.", "REJECT"),
    ("Brazil's president has put off a state visit to Washington planned for October.", "REJECT"),
    ("The World Bank pulled the plug on a loan for Bangladesh's biggest bridge on Friday.", "SANCTION"),
    ("Zimbabwe pulled out of the Commonwealth on Sunday.", "SANCTION"),
])
def test_wording_annulling_vetoing_putting_off_and_leaving_a_body(types_of, text, plover):
    assert plover in types_of(text)


@pytest.mark.parametrize(("text", "body"), [
    # an intergovernmental body named, not a kind of body: leaving it is cutting ties with it, and it is the target
    ("Mali pulled out of ECOWAS on Sunday.", "IGOWAS"),
    ("Burundi withdrew from the ICC in 2017.", "IGOICC"),
    ("Hungary quit the ICC on Thursday.", "IGOICC"),
])
def test_wording_leaving_a_named_body(events_of, text, body):
    (event,) = [event for event in events_of(text) if event.plover == "SANCTION"]
    assert event.cameo == "161" and event.recipient.code == body


def test_wording_leaving_a_place_stays_a_retreat(types_of):
    assert types_of("Russian troops pulled out of Kherson on Friday.") == {"RETREAT"}


@pytest.mark.parametrize(("text", "expected"), [
    # the speaker's own side could use force or coercion on a condition: a threat
    ("Lukashenko said on Thursday he could cut off the transit of Russian gas to Europe if the European Union "
     "imposed further sanctions.", True),
    ("Hong Kong police said that officers could fire live rounds if protesters kept attacking them.", True),
    # the same with the reported clause first
    ("Iran could strike American bases in the Gulf if Washington joins the war, an Iranian commander said.", True),
    # another side's possible act, as analysis, is no threat of the speaker's
    ("Ukraine's intelligence chief said Russia could launch a new offensive if the West stopped aid.", False),
    ("Russia could launch a new offensive if the West stopped aid, Ukraine's intelligence chief said.", False),
])
def test_wording_a_conditional_use_of_force_said_by_its_own_side_is_a_threat(types_of, text, expected):
    assert ("THREATEN" in types_of(text)) is expected


def test_wording_opening_airports_and_seaports_to_relief_is_allowing_access(types_of):
    assert "AGREE" in types_of("The Dominican Republic will open its airports and seaports to relief flights bound "
                               "for Haiti, President Leonel Fernandez said on Thursday.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Taiwan independence means war, China's defence ministry warned on Thursday.", True),
    ("Any attack on Iran will face a crushing retaliation, the Revolutionary Guards warned.", True),
    ("The economy will shrink this year, the central bank warned.", False),  # a forecast, no force
])
def test_wording_a_warning_whose_clause_names_force_is_a_threat(types_of, text, expected):
    assert ("THREATEN" in types_of(text)) is expected


@pytest.mark.parametrize(("text", "plover"), [
    ("India will attend the regional summit in Islamabad in November.", "AGREE"),  # future consulting: intent
    ("India will not attend the regional summit in Islamabad in November.", "REJECT"),
    ("Russia sent a delegation to the peace talks in Geneva on Monday.", "CONSULT"),  # not aid
])
def test_wording_taking_part_in_a_meeting_is_consulting(types_of, text, plover):
    assert plover in types_of(text) and "AID" not in types_of(text)


@pytest.mark.parametrize(("text", "plover"), [
    ("Protesters set fire to the parliament building in Ouagadougou on Thursday.", "PROTEST"),  # a crowd: a riot
    ("Militants set fire to a school in northern Nigeria on Monday.", "COERCE"),  # property destroyed
])
def test_wording_setting_fire_to_a_building(types_of, text, plover):
    assert plover in types_of(text)


@pytest.mark.parametrize(("text", "plover"), [
    ("The trade union federation called a general strike on Monday.", "PROTEST"),  # called one, not off
    ("The unions called off the strike on Monday.", "CONCEDE"),
    ("Kyrgyzstan's parliament approved on Thursday a border deal with Uzbekistan.", "SUPPORT"),  # ratified
    ("Germany sent 28 Afghan nationals back to Afghanistan on Friday.", "COERCE"),  # deported
])
def test_wording_strikes_called_treaties_ratified_and_people_sent_back(types_of, text, plover):
    assert plover in types_of(text)


@pytest.mark.parametrize(("text", "plover"), [
    ("French special forces freed four hostages in a night raid in northern Burkina Faso.", "AID"),  # a rescue
    ("Hamas freed three Israeli hostages on Sunday.", "RETREAT"),  # released by the captors
])
def test_wording_hostages_freed_by_troops_are_rescued(types_of, text, plover):
    assert plover in types_of(text)


@pytest.mark.parametrize(("text", "plover"), [
    ("Rioters set metro stations and buses ablaze in Santiago on Friday night.", "PROTEST"),  # crowd force: a riot
    ("Soldiers set the village ablaze on Tuesday.", "COERCE"),  # destroying property (1712)
    ("Thousands of Chinese armed police and paramilitary troops poured into Urumqi on Tuesday.", "MOBILIZE"),
])
def test_wording_setting_ablaze_and_forces_pouring_in(types_of, text, plover):
    assert plover in types_of(text)


def test_wording_crowds_pouring_into_a_city_are_not_mobilized_forces(types_of):
    assert "MOBILIZE" not in types_of("Thousands of tourists poured into Venice on Saturday.")


@pytest.mark.parametrize(("text", "plover"), [
    ("Russia shipped tanks and ammunition to Syria last month.", "AID"),
    ("Iran will ship most of its low-enriched uranium to Turkey, the foreign ministry spokesman said on Monday.",
     "AGREE"),  # a promise of cooperation
])
def test_wording_shipping_to_a_country_is_providing(types_of, text, plover):
    assert plover in types_of(text)


@pytest.mark.parametrize(("text", "country"), [
    # the destination hangs on the carrying verb: it is still whom the aid is for
    ("Egypt dispatched two planes carrying tents and blankets to the Syrian city of Aleppo on Friday.", "SYR"),
    ("Japan sent a ship loaded with rice to the Philippines on Monday.", "PHL"),
])
def test_wording_aid_carried_to_a_place_names_its_recipient(events_of, text, country):
    (event,) = [event for event in events_of(text) if event.plover == "AID"]
    assert event.recipient.country == country


@pytest.mark.parametrize(("text", "code"), [
    # what another actor owns stands for it: the possessor is whom the act answers
    ("Zambia's High Court threw out opposition leader Hakainde Hichilema's challenge to the result on Monday.", "ZMBOPP"),
    # ... but what the source's own country owns is no target
    ("Vladimir Putin put Russia's nuclear forces on high alert on Sunday.", None),
])
def test_wording_the_owner_of_what_is_acted_on_is_the_target(events_of, text, code):
    (event,) = events_of(text)
    assert (event.recipient.code if event.recipient else None) == code


@pytest.mark.parametrize(("text", "country"), [
    # taking a party to court is legal action against the party, not against the court
    ("Australia took Japan to court over whaling on Monday.", "JPN"),
    ("China took the United States to the WTO over steel tariffs on Friday.", "USA"),
    ("Ukraine dragged Russia before the International Court of Justice on Sunday.", "RUS"),
])
def test_wording_taking_a_party_to_court(events_of, text, country):
    (event,) = [event for event in events_of(text) if event.plover == "ACCUSE"]
    assert event.cameo == "115" and event.recipient.country == country


def test_wording_court_as_a_verb_is_no_lawsuit(types_of):
    assert "ACCUSE" not in types_of("The minister travelled to Paris to court investors.")


@pytest.mark.parametrize(("text", "country"), [
    # an envoy recalled "to" a country is recalled from it
    ("Chile and Colombia recalled their ambassadors to Israel on Tuesday over its offensive in Gaza.", "ISR"),
    # among places and people named, the one of another country than the source's is the one acted on
    ("Russia expelled two British diplomats from Moscow on Friday.", "GBR"),
    ("Ugandan police arrested a Kenyan journalist in Kampala on Monday.", "KEN"),
])
def test_wording_whose_envoys_and_nationals_are_acted_on(events_of, text, country):
    events = events_of(text)
    assert events and {event.recipient.country for event in events if event.recipient} == {country}


@pytest.mark.parametrize(("text", "plover"), [
    # round six: short wire sentences in the GSR's style (new wording, not the development set's)
    ("The rebel movement accepted a government offer of negotiations on Friday.", "AGREE"),
    ("Panama switched its diplomatic recognition from Taiwan to China on Tuesday.", "SUPPORT"),
    ("Italy will bring its 3,000 troops home from Iraq by the end of the year, the prime minister said.", "AGREE"),
    ("The United States removed the rebel group from its list of terrorist organisations on Friday.", "CONCEDE"),
    ("The Senate voted down the proposed treaty on Wednesday.", "REJECT"),
    ("A jailed opposition activist has refused food for three weeks, his lawyer said on Monday.", "PROTEST"),
    ("Students in Jordan boycotted American products on Tuesday in protest at the war.", "PROTEST"),
    ("The president ordered three army divisions to the northern border on Friday.", "MOBILIZE"),
    ("The government ordered the U.N. monitors to leave the country within 48 hours.", "SANCTION"),
    ("The authorities took the independent radio station off the air on Sunday.", "COERCE"),
    ("The president placed the eastern province under martial law on Monday.", "COERCE"),
    # a future deployment to a named country is a contribution (AGREE), not a threat
    ("Canada will send 500 troops to Mali, the defence minister said on Tuesday.", "AGREE"),
])
def test_wording_round_six(types_of, text, plover):
    assert plover in types_of(text)


def test_wording_a_conditional_veto_is_a_threat(types_of):
    assert "THREATEN" in types_of("Poland will veto the budget unless the rule-of-law clause is dropped.")
    assert "THREATEN" not in types_of("Greece will veto the enlargement, the minister said.")


@pytest.mark.parametrize(("text", "country"), [
    ("Beijing stood by the Cambodian prime minister on Monday after the disputed vote.", "KHM"),
    ("The senator vouched for the Ghanaian ambassador.", "GHA"),
])
def test_wording_whom_one_stands_by_is_supported(events_of, text, country):
    events = [event for event in events_of(text) if event.plover == "SUPPORT"]
    assert events and {event.recipient.country for event in events if event.recipient} == {country}


@pytest.mark.parametrize(("text", "code"), [
    # force used from the air, named by who struck: CAMEO 195 (employ aerial weapons), not 190
    ("Turkish jets struck Kurdish militant camps in northern Iraq on Sunday.", "195"),
    ("A drone strike by Kenyan forces hit a militant base in Somalia on Friday.", "195"),
    ("Moroccan troops attacked the village on Monday.", "190"),
    # what the accused is said to have done: aggression (1123), crime (1121), abuses (1122)
    ("Armenia accused Azerbaijan of shelling villages near the border.", "1123"),
    ("The opposition accused the Zambian government of rigging the vote.", "1121"),
    ("Human Rights Watch accused Sri Lanka's army of torture.", "1122"),
    # the kind of aid given or cut names the leaf: 072/073 given, 1621/1622/1623 cut; unnamed stays 071/162
    ("Norway suspended development aid to Tanzania on Friday.", "1621"),
    ("Washington froze military assistance to Honduras.", "1622"),
    ("Britain halted food aid to North Korea last month.", "1623"),
    ("The Netherlands suspended aid to Burundi.", "162"),
    ("Canada provided military aid to Jordan.", "072"),
    ("Canada will provide military aid to Jordan.", "0332"),  # intent to give military aid
    ("Australia sent emergency assistance to Fiji after the cyclone.", "073"),
    ("Qatar gave financial aid to Gaza.", "071"),
])
def test_wording_leaf_codes_named_by_the_weapon_the_charge_or_the_aid(events_of, text, code):
    assert code in {event.cameo for event in events_of(text)}


@pytest.mark.parametrize(("text", "code"), [
    # what is asked "for" is read as the request's object: aid of a named kind, a ceasefire, a release
    ("Haiti appealed for humanitarian aid on Monday.", "0233"),
    ("Kyiv asked Washington for military aid.", "0232"),
    ("The government requested economic assistance from the IMF.", "0231"),
    ("Malawi appealed for aid on Monday.", "023"),
    ("The UN called for a ceasefire in Yemen.", "025"),
    ("Amnesty called for the release of the jailed journalists.", "1053"),
    # and the object of another preposition the pattern names: "drove into the crowd"
    ("The attacker drove a truck into the crowd on the promenade.", "183"),
    ("Prosecutors charged the former minister with bribery.", "1121"),
    ("Police charged the protesters with batons in Dhaka.", "175"),  # a baton charge is force, not an accusation
])
def test_wording_the_object_of_the_named_preposition(events_of, text, code):
    assert code in {event.cameo for event in events_of(text)}
