"""The actor tables: every party the issue names is known, and office holders cover 2015-2026."""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.stages.actors.tables import ActorGazetteer


@pytest.fixture(scope="module")
def gaz() -> ActorGazetteer:
    return ActorGazetteer()


def _countries(gaz: ActorGazetteer, phrase: str) -> list[str | None]:
    return [hit.known.country for hit in gaz.lookup(phrase)]


@pytest.mark.parametrize(
    ("phrase", "iso3"),
    [
        ("Kremlin", "RUS"),
        ("Kyiv", "UKR"),
        ("Washington", "USA"),
        ("White House", "USA"),
        ("Downing Street", "GBR"),
        ("Beijing", "CHN"),
        ("Tehran", "IRN"),
        ("Elysee", "FRA"),
        ("Ukrainian", "UKR"),
        ("Russians", "RUS"),
        ("Burma", "MMR"),
        ("Britain", "GBR"),
    ],
)
def test_names_demonyms_capitals_and_seats_of_power_name_their_country(gaz, phrase, iso3):
    assert _countries(gaz, phrase)[0] == iso3


def test_every_country_has_an_iso3_code_and_its_name(gaz):
    countries = [k for k in gaz.by_id.values() if k.kind == "country"]
    assert len(countries) > 240
    for known in countries:
        assert len(known.id) == 3 and known.id.isupper()
        assert known in [h.known for h in gaz.lookup(known.name)]


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("United Nations", "UNO"),
        ("UN Security Council", "UNSC"),
        ("UNHCR", "UNHCR"),
        ("UNICEF", "UNICEF"),
        ("World Food Programme", "WFP"),
        ("NATO", "NATO"),
        ("European Union", "EU"),
        ("European Commission", "EC"),
        ("European Parliament", "EP"),
        ("OSCE", "OSCE"),
        ("IAEA", "IAEA"),
        ("International Criminal Court", "ICC"),
        ("International Committee of the Red Cross", "ICRC"),
        ("African Union", "AU"),
        ("ASEAN", "ASEAN"),
        ("Arab League", "ARL"),
        ("OPEC", "OPEC"),
    ],
)
def test_international_organisations_have_their_codes_and_are_igo(gaz, phrase, code):
    known = gaz.lookup(phrase)[0].known
    assert (known.id, known.country) == (code, "IGO")


@pytest.mark.parametrize(
    ("words", "sector"),
    [
        ("foreign ministry", "GOV"),
        ("state department", "GOV"),
        ("armed force", "MIL"),
        ("army", "MIL"),
        ("parliament", "LEG"),
        ("court", "JUD"),
        ("police", "COP"),
        ("party", "PTY"),
        ("rebel", "REB"),
        ("militia", "REB"),
        ("newspaper", "JRN"),
        ("journalist", "JRN"),
    ],
)
def test_institution_words_map_to_plover_sectors(gaz, words, sector):
    found = gaz.pattern(words.split())
    assert found is not None and found[1].sector == sector


HEADS_OF_STATE = (
    "president",
    "acting president",
    "king",
    "monarch",
    "emperor",
    "emir",
    "leader",
    "supreme leader",
    "head of the Sovereignty Council",
    "head of the Transitional Military Council",
)
HEADS_OF_GOVERNMENT = ("prime minister", "acting prime minister", "chancellor")
G20 = (
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "KOR",
    "MEX",
    "RUS",
    "SAU",
    "ZAF",
    "TUR",
    "GBR",
    "USA",
)
CONFLICT = ("UKR", "BLR", "ISR", "PSE", "IRN", "SYR", "SDN", "PRK")
NO_HEAD_OF_STATE = {"AUS", "CAN"}  # the British monarch
PRESIDENT_GOVERNS = {"ARG", "BRA", "IDN", "MEX", "ZAF", "USA", "IRN"}
# (country, office, from, until): offices that did not exist then, or whose holders the table
# does not list (actors/office_holders.tsv and docs/actors.md say which); checked everywhere else.
EXEMPT = [
    ("TUR", "head of government", date(2018, 7, 9), date.max),  # abolished
    ("SYR", "head of government", date(2025, 3, 29), date.max),  # abolished
    ("SDN", "head of government", date.min, date(2017, 3, 2)),  # re-established in 2017
    ("SDN", "head of government", date(2019, 4, 11), date(2019, 8, 21)),  # military council
    ("SDN", "foreign minister", date(2019, 4, 11), date(2019, 9, 8)),  # military council
    ("SDN", "defence minister", date(2019, 4, 11), date(2019, 9, 8)),  # military council
    ("PSE", "defence minister", date.min, date.max),
]  # no such office
MID_JULYS = [date(year, 7, 15) for year in range(2015, 2027)]


def _held(gaz: ActorGazetteer, country: str, roles: tuple[str, ...], day: date) -> bool:
    return any(gaz.holders(country, role, day) for role in roles)


def _exempt(country: str, office: str, day: date) -> bool:
    return any((c, o) == (country, office) and start <= day < until for c, o, start, until in EXEMPT)


@pytest.mark.parametrize("country", G20 + CONFLICT)
def test_office_holders_cover_every_year_2015_to_2026(gaz, country):
    offices = {"foreign minister": ("foreign minister",), "defence minister": ("defence minister",)}
    if country not in NO_HEAD_OF_STATE:
        offices["head of state"] = HEADS_OF_STATE
    if country not in PRESIDENT_GOVERNS:
        offices["head of government"] = HEADS_OF_GOVERNMENT
    missing = [
        f"{office} {day}"
        for office, roles in offices.items()
        for day in MID_JULYS
        if not _exempt(country, office, day) and not _held(gaz, country, roles, day)
    ]
    assert not missing, f"{country}: no holder for {missing}"


@pytest.mark.parametrize(
    ("name", "role", "day"),
    [
        ("Antonio Guterres", "UN secretary-general", date(2020, 7, 1)),
        ("Ban Ki-moon", "UN secretary-general", date(2015, 7, 1)),
        ("Jens Stoltenberg", "NATO secretary-general", date(2020, 7, 1)),
        ("Mark Rutte", "NATO secretary-general", date(2025, 7, 1)),
        ("Ursula von der Leyen", "president of the European Commission", date(2024, 7, 1)),
        ("Jean-Claude Juncker", "president of the European Commission", date(2015, 7, 1)),
        ("Antonio Costa", "president of the European Council", date(2025, 7, 1)),
        ("Kaja Kallas", "foreign policy chief", date(2025, 7, 1)),
    ],
)
def test_heads_of_the_un_nato_and_eu_are_known_on_a_date(gaz, name, role, day):
    assert name in [k.name for k in gaz.holders("IGO", role, day)]


def test_one_office_has_one_holder_at_a_time(gaz):
    for country in G20 + CONFLICT:
        for role in ("president", "prime minister", "chancellor", "foreign minister", "defence minister"):
            for day in MID_JULYS:
                holders = gaz.holders(country, role, day)
                assert len(holders) <= 1, f"{country} {role} {day}: {[k.name for k in holders]}"


@pytest.mark.parametrize(
    ("country", "role", "day", "name"),
    [
        ("PRK", "defence minister", date(2023, 3, 1), "Kang Sun Nam"),
        ("PRK", "defence minister", date(2019, 3, 1), "No Kwang Chol"),
        ("PRK", "defence minister", date(2025, 3, 1), "No Kwang Chol"),
        ("SDN", "acting prime minister", date(2023, 5, 1), "Osman Hussein"),
        ("SDN", "defence minister", date(2023, 5, 1), "Yassin Ibrahim Yassin"),
    ],
)
def test_a_reappointed_or_acting_holder_is_found_on_a_date(gaz, country, role, day, name):
    assert [k.name for k in gaz.holders(country, role, day)] == [name]
