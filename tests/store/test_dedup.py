"""Near-duplicates: the same wire story on several sites is recognised, different stories are not."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np

from sitroom.store.dedup import (
    BANDS,
    PERMUTATIONS,
    THRESHOLD,
    band_keys,
    best_match,
    fingerprint,
    from_bytes,
    similarity,
    to_bytes,
)

WIRE = (
    "KYIV, March 17 (Wire) - Russia launched 90 drones at Ukraine overnight, striking energy "
    "facilities in nine regions, the Ukrainian air force said on Monday. Air defences shot down "
    "56 of the drones, it said, while 31 others were lost on radar, probably jammed by electronic "
    "warfare. President Volodymyr Zelensky said the attack showed that Moscow was not serious "
    "about a ceasefire and urged allies to keep up pressure on the Kremlin. The strikes came a day "
    "before a planned phone call between U.S. President Donald Trump and Russian President "
    "Vladimir Putin on ending the war. The Kremlin did not immediately respond to a request for comment."
)
# The same story as another site runs it: its own dateline and headline, a trimmed end, one added line.
REPRINT = (
    "Drone barrage hits nine regions ahead of Trump-Putin call\n"
    + WIRE.replace("KYIV, March 17 (Wire) - ", "").replace(
        " The Kremlin did not immediately respond to a request for comment.", ""
    )
    + " Reporting by the Kyiv bureau."
)
OTHER = (
    "Saudi Arabia will host talks between Ukrainian and American officials in Jeddah next week, "
    "a senior official said, as Washington presses Kyiv to accept a 30-day truce. Secretary of State "
    "Marco Rubio said he expected progress on a minerals deal and on the return of prisoners, and "
    "that both sides would discuss security guarantees sought by Europe before any ceasefire."
)


def test_a_reprinted_wire_story_is_a_near_duplicate():
    assert similarity(fingerprint(WIRE), fingerprint(REPRINT)) >= THRESHOLD


def test_different_stories_on_the_same_war_are_not():
    assert similarity(fingerprint(WIRE), fingerprint(OTHER)) < 0.1


def test_case_and_punctuation_do_not_make_a_difference():
    assert similarity(fingerprint(WIRE), fingerprint(WIRE.upper().replace(",", ""))) == 1.0


def test_near_duplicates_share_a_band_key_and_unrelated_texts_share_none():
    wire, reprint, other = (set(band_keys(fingerprint(t))) for t in (WIRE, REPRINT, OTHER))
    assert wire & reprint
    assert not wire & other
    assert len(wire) == BANDS


def test_fingerprint_survives_the_database_round_trip():
    fp = fingerprint(WIRE)
    blob = to_bytes(fp)
    assert len(blob) == 4 * PERMUTATIONS
    assert np.array_equal(from_bytes(blob), fp)


def test_fingerprints_are_the_same_in_another_process():
    code = "from sitroom.store.dedup import fingerprint, to_bytes; import sys; sys.stdout.write(to_bytes(fingerprint(sys.argv[1])).hex())"
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run(
        [sys.executable, "-c", code, WIRE], env=env, capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert out == to_bytes(fingerprint(WIRE)).hex()


def test_best_match_picks_the_closest_candidate_above_the_threshold():
    candidates = [("other", to_bytes(fingerprint(OTHER))), ("wire", to_bytes(fingerprint(WIRE)))]
    match = best_match(fingerprint(REPRINT), candidates)
    assert match is not None and match[0] == "wire" and match[1] >= THRESHOLD
    assert best_match(fingerprint(OTHER), [("wire", to_bytes(fingerprint(WIRE)))]) is None


def test_a_text_shorter_than_a_shingle_still_has_a_fingerprint():
    assert similarity(fingerprint("Talks resumed."), fingerprint("talks resumed")) == 1.0
