"""Who acts and who is acted on: the parse rules of sitroom.stages.events.roles and .parties on short sentences."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.pipeline import make_doc
from sitroom.record import Article
from sitroom.stages.events import parties, roles
from sitroom.stages.events.triggers import EventCandidate


@pytest.fixture
def parse(nlp):
    """A sentence run through every stage (actors and places included)."""

    def _parse(text: str):
        return nlp(make_doc(nlp, Article(id="t", text=text, published=date(2025, 3, 17))))

    return _parse


def _token(doc, word):
    return next(t for t in doc if t.text == word)


def test_a_group_of_diplomats_takes_the_members_country_and_sector(parse):
    doc = parse("A group of Moroccan diplomats met the minister on Monday.")
    ref = parties.refs(doc, [_token(doc, "group")])[0]
    assert ref.text == "A group of Moroccan diplomats"
    assert (ref.country, ref.sector) == ("MAR", "GOV")


def test_a_count_of_people_takes_their_codes(parse):
    doc = parse("Thousands of Iraqi Kurds marched through the city on Sunday.")
    ref = parties.refs(doc, [_token(doc, "Thousands")])[0]
    assert (ref.country, ref.sector) == ("IRQ", "CVL")


def test_a_head_that_codes_itself_keeps_its_own_sector(parse):
    doc = parse("The army of Sudan shelled the town.")
    ref = parties.refs(doc, [_token(doc, "army")])[0]
    assert ref.sector == "MIL"


def test_a_predicate_adjective_hands_down_the_subject(parse):
    doc = parse("President Abdelaziz Bouteflika said he is prepared to lift the ban.")
    subject = roles.subjects_of(_token(doc, "lift"))
    assert [t.text for t in subject] == ["Bouteflika"]


def test_a_fronted_with_phrase_sets_the_scene_and_names_no_partner(parse):
    doc = parse("With the help of France, Mali agreed to hold talks.")
    event = next(e for e in doc._.events if e.type == "AGREE")
    assert not any("France" in r.text for r in event.target)


def test_an_uncoded_party_takes_the_country_of_the_place_it_is_near(parse):
    doc = parse("A roadside bombing near the town of Samarra killed two soldiers on Sunday.")
    ref = parties.refs(doc, [_token(doc, "bombing")])[0]
    assert ref.country == "IRQ"


def test_a_place_lends_its_country_but_makes_no_party_of_a_thing(parse):
    doc = parse("The United Nations suspended aid deliveries in Borno State on Monday.")
    assert parties.refs(doc, [_token(doc, "deliveries")], parties_only=True) == []


def test_a_protest_acts_on_the_party_its_purpose_clause_names(parse):
    doc = parse("Students staged a hunger strike to demand the resignation of Algerian President Ahmed Ben Bella.")
    event = next(e for e in doc._.events if e.type == "PROTEST")
    assert any(r.country == "DZA" for r in event.target)


def test_a_name_found_in_scope_stands_for_the_noun_it_modifies(parse):
    doc = parse("Pakistan threatened to cut off aid to the Turkish government.")
    event = next(e for e in doc._.events if e.type == "THREATEN")
    assert [r.text for r in event.target] == ["the Turkish government"]


def test_a_transfer_acts_on_its_receiver_not_on_what_is_given(parse):
    doc = parse("The United States returned six Iraqi artifacts to the government of Iraq.")
    (event,) = [e for e in doc._.events if doc.text[e.trigger[0] : e.trigger[1]] == "returned"]  # one act, one event
    assert [r.text for r in event.target] == ["the government of Iraq"]


def test_the_sources_own_troops_are_no_target(parse):
    doc = parse("Russia has begun withdrawing some of its troops from Syria.")
    event = next(e for e in doc._.events if e.type == "RETREAT")
    assert not any("troops" in r.text for r in event.target)


def test_a_pronoun_source_is_coded_as_the_person_it_stands_for(parse):
    doc = parse(
        "Ukrainian President Volodymyr Zelensky met aid workers in Kyiv. "
        "On Saturday, he accused the Kremlin of stalling the talks."
    )
    accuse = next(e for e in doc._.events if e.type == "ACCUSE")
    source = accuse.source[0]
    assert source.text == "he"
    assert (source.name, source.country, source.sector) == ("Volodymyr Zelensky", "UKR", "GOV")
    zelensky = next(a for a in doc._.actors if a.id == source.actor_id)
    assert list(source.span) in [list(m) for m in zelensky.mentions]  # the mention joined the actor's record


def test_a_pronoun_with_no_known_person_stays_uncoded(parse):
    doc = parse("On Saturday, he accused the Kremlin of stalling the talks.")
    accuse = next(e for e in doc._.events if e.type == "ACCUSE")
    assert accuse.source[0].text == "he"
    assert accuse.source[0].country is None and accuse.source[0].actor_id is None


def test_a_rejected_proposal_acts_on_the_party_that_made_it(parse):
    doc = parse("The Finnish government rejected the Kremlin's proposal on Monday.")
    event = next(e for e in doc._.events if e.type == "REJECT")
    assert [r.text for r in event.target] == ["the Kremlin's"]
    assert event.target[0].country == "RUS"


def test_charges_by_a_party_act_on_that_party(parse):
    doc = parse("The Serbian government denied charges by opposition lawmakers on Tuesday.")
    event = next(e for e in doc._.events if e.type in {"REJECT", "ACCUSE"})
    assert [r.text for r in event.target] == ["opposition lawmakers"]


def test_the_content_of_an_allegation_is_not_its_maker(parse):
    doc = parse("Kenya rejected allegations of fraud on Tuesday.")
    event = next(e for e in doc._.events if e.type == "REJECT")
    assert not any(r.text == "fraud" for r in event.target)


def test_a_receiver_the_parse_hangs_on_the_gift_is_the_target(parse):
    doc = parse("The museum returned dozens of Roman statues to the Greek government.")
    event = next(e for e in doc._.events if doc.text[e.trigger[0] : e.trigger[1]] == "returned")
    assert [r.text for r in event.target] == ["the Greek government"]


def test_a_complaint_acts_on_what_it_is_about_not_on_its_audience(parse):
    doc = parse("Lebanon complained to the United Nations over Israeli air raids.")
    event = next(e for e in doc._.events if e.type == "ACCUSE")
    assert [r.country for r in event.target] == ["ISR"]


def test_a_summoned_envoy_is_the_target_of_the_complaint(parse):
    doc = parse("Lithuania summoned the Russian ambassador to complain about naval drills.")
    event = next(e for e in doc._.events if e.type == "ACCUSE")
    assert [r.text for r in event.source] == ["Lithuania"]
    assert [r.text for r in event.target] == ["the Russian ambassador"]


def test_the_one_called_does_not_act_in_the_callers_purpose_clause(parse):
    doc = parse("NATO chief Jens Stoltenberg called Erdogan to apologize for the incident.")
    event = next(e for e in doc._.events if e.type == "CONCEDE")
    assert [r.text for r in event.source] == ["NATO chief Jens Stoltenberg"]
    assert [r.text for r in event.target] == ["Erdogan"]


def test_an_urged_party_still_acts_in_the_clause_it_is_urged_to(parse):
    doc = parse("Trump urged Putin to withdraw the troops.")
    assert [t.text for t in roles.subjects_of(_token(doc, "withdraw"))] == ["Putin"]


def test_a_domestic_body_takes_the_one_country_its_sentence_is_set_in(parse):
    doc = parse("The military government declared a state of siege in Haiti on Saturday.")
    ref = parties.refs(doc, [_token(doc, "government")])[0]
    assert ref.country == "HTI"


def test_a_sentence_naming_two_countries_lends_none(parse):
    doc = parse("The military government declared a state of siege in Haiti after talks with Cuba.")
    ref = parties.refs(doc, [_token(doc, "government")])[0]
    assert ref.country is None


def test_a_count_of_people_is_a_target(parse):
    doc = parse("Venezuela released dozens of political activists on Friday.")
    event = next(e for e in doc._.events if doc.text[e.trigger[0] : e.trigger[1]] == "released")
    assert [r.text for r in event.target] == ["dozens of political activists"]


def test_people_named_by_what_befell_them_are_a_party(parse):
    doc = parse("The rebels will not release the kidnap victims.")
    event = next(e for e in doc._.events if e.type in {"RETREAT", "REJECT"})
    assert [(r.text, r.sector) for r in event.target] == [("the kidnap victims", "CVL")]


def test_a_ceasefire_acts_on_the_place_it_is_declared_in(parse):
    doc = parse("The Taliban agreed to a ceasefire in Afghanistan on Sunday.")
    event = next(e for e in doc._.events if e.type == "AGREE")
    assert [r.text for r in event.target] == ["Afghanistan"]


def test_an_attacked_base_stays_the_target_not_its_province(parse):
    doc = parse("The Taliban attacked an Afghan army base in Kandahar province on Sunday.")
    event = next(e for e in doc._.events if e.type == "ASSAULT")
    assert [r.text for r in event.target] == ["an Afghan army base"]


def test_a_trailing_attribution_lends_no_country(parse):
    doc = parse(
        "The military government declared a state of siege in Haiti on Saturday, a U.S. embassy spokeswoman said."
    )
    ref = parties.refs(doc, [_token(doc, "government")])[0]
    assert ref.country == "HTI"


def test_a_named_group_takes_its_sentences_country_but_a_person_does_not(parse):
    doc = parse("Egyptian police will no longer tolerate rallies by the Kifaya movement.")
    assert parties.refs(doc, [_token(doc, "movement")])[0].country == "EGY"
    doc = parse("Archbishop Desmond Tutu called for sanctions against Nigeria.")
    assert parties.refs(doc, [_token(doc, "Tutu")])[0].country is None


def test_an_attacked_camp_for_refugees_hands_the_target_to_the_refugees(parse):
    doc = parse("A camp for Rwandan refugees was attacked by gunmen on Friday.")
    event = next(e for e in doc._.events if e.type == "ASSAULT")
    assert [(r.text, r.country) for r in event.target] == [("Rwandan refugees", "RWA")]


def test_a_refusal_with_its_own_clause_takes_no_object_from_a_conjoined_verb(parse):
    doc = parse("Chile has refused to send troops to Haiti and has urged its citizens to leave.")
    refused = next(t for t in doc if t.text == "refused")
    event = next(e for e in doc._.events if e.trigger[0] == refused.idx)
    assert not any("citizens" in r.text for r in event.target)


def test_a_verb_without_an_object_shares_its_conjoined_verbs_object(parse):
    doc = parse("Militants attacked and injured the villagers.")
    attacked = next(t for t in doc if t.text == "attacked")
    event = next(e for e in doc._.events if e.trigger[0] == attacked.idx)
    assert [r.text for r in event.target] == ["the villagers"]


def test_an_uncoded_subject_takes_the_country_where_its_verb_is_set(parse):
    doc = parse("Prisoners rioted at a jail in Kampala on Monday.")
    ref = parties.refs(doc, [_token(doc, "Prisoners")])[0]
    assert ref.country == "UGA"


def test_a_coded_subject_keeps_its_own_country_wherever_it_acts(parse):
    doc = parse("Kenyan police fired tear gas at protesters in Kampala on Monday.")
    ref = parties.refs(doc, [_token(doc, "police")])[0]
    assert ref.country == "KEN"


def test_leaders_who_meet_at_a_palace_have_no_palace_as_partner(parse):
    doc = parse("The Kenyan president met the Ugandan president at the State House on Monday.")
    met = next(t for t in doc if t.text == "met")
    event = next(e for e in doc._.events if e.trigger[0] == met.idx)
    assert not any("State House" in r.text for r in event.target)


def test_shots_fired_at_a_crowd_aim_at_the_crowd(parse):
    doc = parse("Soldiers fired at the protesters in the capital.")
    event = next(e for e in doc._.events if doc.text[e.trigger[0] : e.trigger[1]] == "fired")
    assert [r.text for r in event.target] == ["the protesters"]


def test_fighters_attacked_with_tanks_are_hit_not_the_tanks(parse):
    doc = parse("Israeli troops attacked Hamas fighters with tanks and artillery.")
    event = next(e for e in doc._.events if doc.text[e.trigger[0] : e.trigger[1]] == "attacked")
    assert [r.text for r in event.target] == ["Hamas fighters"]


def test_clashes_with_police_name_the_other_side(parse):
    doc = parse("Protesters clashed with police in the capital.")
    event = next(e for e in doc._.events if doc.text[e.trigger[0] : e.trigger[1]] == "clashed")
    assert any(r.text == "police" for r in event.target)


def test_a_subject_the_parser_hung_on_a_fronted_phrase_is_still_the_source(parse):
    doc = parse(
        "With the signing of a Memorandum of Understanding (MOU) on Cessation of Hostilities, "
        "the Ugandan government and LRA/M have agreed to hold talks."
    )
    agreed = next(t for t in doc if t.text == "agreed")
    assert "government" in [t.text for t in roles.subjects_of(agreed)]


def test_a_verb_with_a_passive_subject_takes_no_stranded_subject(parse):
    doc = parse("Ousted president Jean-Bertrand Aristide has been accused of misusing public funds.")
    assert roles.subjects_of(next(t for t in doc if t.text == "accused")) == []


def test_a_reported_obligation_is_demanded_of_the_modals_subject(parse):
    doc = parse("The Egyptian president said on Wednesday that the United States must mediate between the two sides.")
    event = next(e for e in doc._.events if e.type == "REQUEST")
    assert [r.country for r in event.target] == ["USA"] and [r.country for r in event.source] == ["EGY"]


def _targets(doc, word, typ):
    """What roles.targets_of finds for an event of ``typ`` triggered by ``word``."""
    tok = _token(doc, word)
    return [t.text for t in roles.targets_of(EventCandidate(tok, tok, None, typ, 1.0), None)]


def test_a_participial_adjunct_tells_the_toll_and_names_no_target(parse):
    doc = parse("Rebel fighters attacked Malian troops near Kidal, killing nine soldiers.")
    assert _targets(doc, "attacked", "ASSAULT") == ["troops"]
    assert _targets(doc, "killing", "ASSAULT") == []


def test_the_sentences_own_event_names_its_target_even_in_a_subordinate_clause(parse):
    doc = parse("Police opened fire on Monday, killing three protesters.")
    tok = _token(doc, "killing")
    own = EventCandidate(tok, tok, None, "ASSAULT", 1.0, own=True)
    assert [t.text for t in roles.targets_of(own, None)] == ["protesters"]
    assert _targets(doc, "killing", "ASSAULT") == []


def test_a_relative_clause_event_names_no_target(parse):
    doc = parse("Turkey condemned the air strike that killed twelve Kurdish villagers.")
    assert _targets(doc, "killed", "ASSAULT") == []
    assert _targets(doc, "condemned", "ACCUSE") == ["strike"]


def test_a_second_conjoined_act_names_no_target(parse):
    doc = parse("The Kenyan president called the Somali leader and urged him to release the hostages.")
    assert _targets(doc, "urged", "REQUEST") == []


def test_a_purpose_clause_addressed_to_the_object_keeps_its_addressee(parse):
    doc = parse("Poland summoned the Belarusian ambassador to complain about border incidents.")
    assert _targets(doc, "complain", "ACCUSE") == ["ambassador"]


def test_a_planned_act_a_noun_announces_is_the_sentences_own_event(parse):
    doc = parse("The Egyptian president announced plans to expel the Sudanese ambassador.")
    assert _targets(doc, "expel", "SANCTION") == ["ambassador"]


def test_an_intended_act_an_event_verb_acts_on_is_background(parse):
    doc = parse("Jordan praised the Saudi decision to recognize the Palestinian state.")
    assert _targets(doc, "recognize", "SUPPORT") == []


def test_a_name_in_a_relative_clause_is_not_the_party_acted_on(parse):
    doc = parse("Police deported a man who had worked for a militia in Syria.")
    tok = _token(doc, "deported")
    assert roles.named_party_in_scope(EventCandidate(tok, tok, None, "COERCE", 1.0), []) == []


def test_an_act_named_in_a_prepositional_phrase_is_background(parse):
    doc = parse("The Security Council imposed sanctions on Iraq in response to its invasion of Kuwait.")
    assert _targets(doc, "invasion", "ASSAULT") == []


def test_forces_mobilized_are_the_means_and_whom_they_face_the_target(parse):
    doc = parse("Israel mobilized the army for a ground assault against Hamas.")
    tok = _token(doc, "mobilized")
    cand = EventCandidate(tok, tok, None, "MOBILIZE", 1.0)
    assert roles.targets_of(cand, None) == []
    assert [t.text for t in roles.named_party_in_scope(cand, roles.subjects_of(tok))] == ["Hamas"]


def test_foreign_troops_released_stay_the_target(parse):
    doc = parse("The rebels released twenty Indian soldiers on Monday.")
    assert _targets(doc, "released", "RETREAT") == ["soldiers"]
