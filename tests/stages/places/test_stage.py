"""Toponyms found and resolved offline (sitroom.stages.places.stage, sitroom.stages.places.gazetteer)."""

from __future__ import annotations

import pytest

from sitroom.record import Place
from sitroom.stages.places.gazetteer import distance_km, load, normalize


def _place(record, name: str) -> Place:
    start = record.article.text.index(name)
    found = [p for p in record.places if p.span[0] <= start < p.span[1]]
    assert found, f"no place found at {name!r}: {[(p.name, p.span) for p in record.places]}"
    return found[0]


def test_normalize_folds_case_accents_dots_and_saint():
    assert normalize("ST. PETERSBURG") == normalize("Saint Petersburg")
    assert normalize("U.S.") == normalize("US")
    assert normalize("Kraków") == "krakow"


def test_lookup_knows_kyiv_as_ukraines_capital():
    kinds = {(c.entry.kind, c.entry.country) for c in load().lookup("Kyiv")}
    assert ("capital", "UKR") in kinds


def test_dotted_state_abbreviation_needs_its_dots():
    assert any(c.entry.name == "Mississippi" for c in load().lookup("Miss."))
    assert not any(c.entry.name == "Mississippi" for c in load().lookup("Miss"))


def test_talks_held_in_saudi_arabia(run):
    place = _place(run("Peace talks were held in Saudi Arabia last week."), "Saudi Arabia")
    assert place.country == "SAU"
    assert place.role == "location"
    assert place.lat is not None and place.geonameid is not None


def test_washington_is_the_us_capital(run):
    place = _place(run("The delegation flew to Washington on Monday for talks."), "Washington")
    assert place.country == "USA"
    assert place.admin1 == "District of Columbia"
    assert abs(place.lat - 38.9) < 0.2 and abs(place.lon + 77.0) < 0.2


def test_kyiv_as_subject_is_an_actor(run):
    place = _place(run("Kyiv has accepted the proposal for a ceasefire."), "Kyiv")
    assert place.country == "UKR"
    assert place.role == "actor"


def test_city_after_preposition_is_a_location(run):
    place = _place(run("Drones struck an apartment block in Kyiv overnight."), "Kyiv")
    assert place.role == "location"


def test_paris_texas_is_not_the_french_capital(run):
    record = run("The festival returns to Paris, Texas, in June.")
    paris = _place(record, "Paris")
    assert paris.country == "USA" and paris.admin1 == "Texas"
    assert _place(record, "Texas").country == "USA"


def test_paris_alone_is_the_french_capital(run):
    assert _place(run("She moved to Paris to study art."), "Paris").country == "FRA"


def test_qualifier_settles_later_mentions_of_the_same_name(run):
    record = run("The mayor of Paris, Texas, spoke on Friday. Paris has 25,000 residents.")
    later = [p for p in record.places if p.name == "Paris"]
    assert len(later) == 2 and all(p.country == "USA" for p in later)


def test_donetsk_in_an_article_about_ukraine(run):
    record = run("Shelling hit Donetsk and Kharkiv, the Ukrainian military said. Ukraine asked for help.")
    assert _place(record, "Donetsk").country == "UKR"


def test_neighbouring_towns_pull_each_other_in(run):
    record = run(
        "The fire in Alexandria spread toward Pineville, and crews from Rapides Parish in Louisiana were called."
    )
    alexandria = _place(record, "Alexandria")
    assert alexandria.country == "USA" and alexandria.admin1 == "Louisiana"


def test_demonym_is_its_country_but_not_a_location(run):
    place = _place(run("Russian drones hit the port overnight."), "Russian")
    assert place.country == "RUS"
    assert place.role == "adjective"


def test_place_inside_an_organisation_name(run):
    record = run("Officers of the Gainesville Police Department arrested two men in Hall County, Georgia.")
    assert _place(record, "Hall County").admin1 == "Georgia"
    assert _place(record, "Gainesville").role in {"name", "location"}


def test_surname_of_a_person_is_not_a_place(run):
    record = run("Coach Tom Ripley praised the team. Ripley said the kids worked hard.")
    assert not [p for p in record.places if p.name == "Ripley"]


@pytest.mark.parametrize("text", ["", "no capitalised words here at all."])
def test_text_without_toponyms_gives_no_places(run, text):
    assert run(text).places == []


def test_distance_between_kyiv_and_moscow():
    kyiv = next(c.entry for c in load().lookup("Kyiv") if c.entry.kind == "capital")
    moscow = next(c.entry for c in load().lookup("Moscow") if c.entry.kind == "capital")
    assert 740 < distance_km(kyiv, moscow) < 770


def test_european_capitals_stay_in_europe(run):
    record = run("Ministers from Berlin, Paris and London met in Brussels on Monday.")
    countries = {p.name: p.country for p in record.places}
    assert countries == {"Berlin": "DEU", "Paris": "FRA", "London": "GBR", "Brussels": "BEL"}


def test_towns_named_alike_settle_in_one_state(run):
    record = run("Gainesville police said the crash happened on a road in Hall County.")
    assert _place(record, "Hall County").admin1 == "Georgia"


def test_street_is_placed_at_the_articles_town(run):
    record = run("Deputies were called to a house on Orchard St. in Alexandria, Louisiana, on Friday.")
    street = _place(record, "Orchard St.")
    assert street.rule.startswith("street")
    assert street.admin1 == "Louisiana" and street.geonameid is None
    assert street.confidence < 0.5


def test_numbered_highway_is_a_street(run):
    record = run("The crash closed Highway 19 near Gainesville, Georgia.")
    assert _place(record, "Highway 19").rule.startswith("street")


def test_moscow_said_is_an_actor(run):
    assert _place(run("Moscow said on Monday that the talks had failed."), "Moscow").role == "actor"


def test_regions_counted_over_a_country_are_not_a_toponym_of_their_own(run):
    record = run("Moscow launched 90 drones on nine Ukrainian regions.")
    ukrainian = _place(record, "Ukrainian")
    assert ukrainian.country == "UKR" and ukrainian.role == "adjective"
    assert not [p for p in record.places if p.role == "location"]


def test_a_city_named_like_its_region_is_the_city(run):
    place = next(p for p in run("Russian drones struck Odesa overnight.").places if p.country == "UKR")
    assert place.name == "Odesa"


def test_a_region_word_makes_the_name_the_region(run):
    place = next(p for p in run("Fighting spread across Kharkiv oblast.").places if p.country == "UKR")
    assert place.name == "Kharkivska oblast"


def test_a_state_qualifying_a_city_is_no_actor(run):
    record = run("Officials in Alexandria, Virginia said the road was closed.")
    assert all(p.role == "location" for p in record.places)


def test_the_north_alone_names_no_region(run):
    rec = run("North Korea expelled the inspectors after U.S. officials alleged that the North had a uranium program.")
    assert [p.country for p in rec.places if rec.article.text[p.span[0] : p.span[1]] == "North"] == []
    assert _place(rec, "North Korea").country == "PRK"
