"""What the seed article must give, written from reading it (issue 2)."""

from __future__ import annotations

from sitroom.record import Record


def _at(record: Record, phrase: str) -> tuple[int, int]:
    start = record.article.text.index(phrase)
    return start, start + len(phrase)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _quote_with(record: Record, phrase: str):
    span = _at(record, phrase)
    found = [q for q in record.quotes if any(_overlaps(span, c) for c in q.content)]
    assert found, f"no quote covers {phrase!r}"
    return found[0]


def _countries(refs) -> set[str]:
    return {r.country for r in refs if r.country}


def test_trump_direct_quote_after_colon(seed):
    q = _quote_with(seed, "I think we’ll be talking about land")
    assert q.kind == "direct"
    assert q.speaker and q.speaker.name == "Donald Trump"


def test_witkoff_direct_quote_told_cnn(seed):
    q = _quote_with(seed, "The two presidents are going to have")
    assert q.kind == "direct"
    assert q.speaker and q.speaker.name == "Steve Witkoff"
    assert q.medium == "CNN"


def test_foreign_ministry_is_a_speaker(seed):
    q = _quote_with(seed, "Sergei Lavrov and Marco Rubio agreed to remain in contact")
    assert q.kind == "direct"
    assert q.speaker and q.speaker.name.lower().endswith("russian foreign ministry")
    assert q.speaker.country == "RUS"


def test_starmer_quote_with_nested_single_quotes(seed):
    q = _quote_with(seed, "from Russia is not good enough")
    assert q.kind == "direct"
    assert q.speaker and q.speaker.name == "Keir Starmer"
    assert q.cue_lemma == "say"


def test_zelensky_accusation_is_reported_speech(seed):
    q = _quote_with(seed, "stalling")
    assert q.kind in {"indirect", "mixed"}
    assert q.speaker and q.speaker.name == "Volodymyr Zelensky"


def test_planned_trump_putin_call(seed):
    # one act, one event: the announcement is a promise (AGREE, made when reported) whose plan is the call
    span = _at(seed, "plans to speak with Russian President Vladimir Putin on Tuesday")
    promises = [e for e in seed.events if e.plan and e.plan.type == "CONSULT" and _overlaps(span, e.evidence)]
    assert promises, "no promise of the planned call"
    promise, call = promises[0], promises[0].plan
    assert promise.type == "AGREE" and promise.factuality == "happened"
    assert call.mode == "phone"
    assert call.date and call.date.value == "2025-03-18"
    assert {"USA", "RUS"} <= _countries(promise.source + promise.target)


def test_kyiv_accepts_us_proposal(seed):
    span = _at(seed, "Kyiv has accepted")
    agree = [e for e in seed.events if e.type == "AGREE" and _overlaps(span, e.evidence)]
    assert agree
    assert "UKR" in _countries(agree[0].source)


def test_rubio_lavrov_conversation(seed):
    span = _at(seed, "Marco Rubio recently spoke with Russian Foreign Minister Sergei Lavrov")
    talks = [e for e in seed.events if e.type == "CONSULT" and _overlaps(span, e.evidence)]
    assert talks
    assert talks[0].factuality == "happened"
    assert {"USA", "RUS"} <= _countries(talks[0].source + talks[0].target)


def test_drone_attack(seed):
    span = _at(seed, "Moscow had launched 90 Iranian-made Shahed drones on nine Ukrainian regions")
    attacks = [e for e in seed.events if e.type == "ASSAULT" and _overlaps(span, e.evidence)]
    assert attacks
    attack = attacks[0]
    assert attack.mode == "drone"
    assert "RUS" in _countries(attack.source)
    assert "UKR" in _countries(attack.target)
    assert attack.factuality == "happened"
    assert attack.date and attack.date.value == "2025-03-16"
    counts = {(q.value, q.unit) for q in attack.quantities}
    assert (90, "drones") in counts
    assert (9, "regions") in counts


def test_in_february_resolves_to_2025_02(seed):
    span = _at(seed, "in February")
    assert any(t.value == "2025-02" and _overlaps(span, t.span) for t in seed.times)


def test_actors_coded_to_country_and_sector(seed):
    by_country = {}
    for actor in seed.actors:
        by_country.setdefault(actor.country, []).append(actor)
    for code in ("USA", "RUS", "UKR", "GBR", "SAU"):
        assert code in by_country, f"no actor coded {code}"
    names = {a.name: a for a in seed.actors}
    assert names["Donald Trump"].country == "USA" and names["Donald Trump"].sector == "GOV"
    assert names["Keir Starmer"].country == "GBR"
    assert names["Volodymyr Zelensky"].country == "UKR"
    assert names["Sergei Lavrov"].country == "RUS"


def test_every_fact_points_at_its_characters(seed):
    n = len(seed.article.text)
    for q in seed.quotes:
        assert all(0 <= s < e <= n for s, e in q.content)
        assert q.evidence and q.confidence > 0
    for e in seed.events:
        assert 0 <= e.evidence[0] < e.evidence[1] <= n
        assert e.rationale and e.confidence > 0
