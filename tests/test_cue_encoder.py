"""The fine-tuned cue encoder: the windows it reads and the cues it finds."""

from __future__ import annotations

import pytest

from sitroom import cue_encoder


@pytest.fixture(scope="module")
def tokenizer():
    return cue_encoder.base_model()[1]


def test_windows_cover_each_paragraph_without_crossing_a_line_break(tokenizer):
    text = "The minister said the talks failed.\n\n" + " ".join(["word"] * 300) + "\nShe added more."
    wins = cue_encoder.windows(tokenizer, text)
    covered = {i for offs, _ in wins for a, b in offs for i in range(a, b)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    for offs, ids in wins:
        assert len(ids) <= cue_encoder.MAX_PIECES and len(ids) == len(offs) + 2
        assert "\n" not in text[offs[0][0]:offs[-1][1]]
    assert len(wins) >= 5  # the 300-word paragraph is cut into several windows


def _word(doc, word: str) -> float:
    tok = next(t for t in doc if t.text == word)
    return cue_encoder.span_probability(doc, tok.idx, tok.idx + len(tok.text))


def test_a_speech_verb_reads_as_a_cue_and_a_date_does_not(nlp):
    doc = nlp("The minister said on Tuesday that the talks had failed.")
    assert _word(doc, "said") > 0.5 > _word(doc, "Tuesday")


def test_a_belief_phrase_no_lexicon_lists_reads_as_a_cue(nlp):
    doc = nlp("Officials voiced growing concerns that the ceasefire would not hold.")
    assert max(_word(doc, "voiced"), _word(doc, "concerns")) > 0.5


def test_without_the_weights_every_span_reads_zero(nlp, monkeypatch):
    monkeypatch.setattr(cue_encoder, "shipped", lambda: None)
    doc = nlp("The minister said the talks failed.")
    assert _word(doc, "said") == 0.0


def test_only_the_paragraph_holding_the_span_is_encoded_and_only_once(nlp, monkeypatch):
    doc = nlp("The minister said the talks failed.\n\nShelling resumed overnight.\nShe added more.")
    first = _word(doc, "said")
    assert list(doc.user_data[cue_encoder.CACHE_KEY]) == [0]
    monkeypatch.setattr(cue_encoder.CueEncoder, "char_probabilities", lambda self, text: pytest.fail("read twice"))
    assert _word(doc, "said") == first and _word(doc, "talks") < 0.5
