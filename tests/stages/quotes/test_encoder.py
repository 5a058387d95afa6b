"""The fine-tuned cue encoder: the windows it reads and the cues it finds."""

from __future__ import annotations

import numpy as np
import pytest

from sitroom.stages import ENCODER_KEY, learned
from sitroom.stages.quotes import encoder
from sitroom.stages.quotes.settings import DEFAULTS


@pytest.fixture(scope="module")
def tokenizer():
    return learned.base_encoder()[1]


@pytest.mark.slow  # loads the base encoder and its tokenizer
@pytest.mark.parametrize("size", [DEFAULTS.max_pieces, encoder.TRAIN_PIECES])
def test_windows_cover_each_paragraph_without_crossing_a_line_break(tokenizer, size):
    text = "The minister said the talks failed.\n\n" + " ".join(["word"] * 500) + "\nShe added more."
    wins = encoder.windows(tokenizer, text, size)
    covered = {i for offs, _ in wins for a, b in offs for i in range(a, b)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    for offs, ids in wins:
        assert len(ids) <= size and len(ids) == len(offs) + 2
        assert "\n" not in text[offs[0][0] : offs[-1][1]]
    assert len(wins) >= 2 + -(-500 // (size - 2))  # the 500-word paragraph is cut into several windows


def _word(doc, word: str) -> float:
    tok = next(t for t in doc if t.text == word)
    return encoder.span_probability(doc, tok.idx, tok.idx + len(tok.text))


def test_a_speech_verb_reads_as_a_cue_and_a_date_does_not(nlp):
    doc = nlp("The minister said on Tuesday that the talks had failed.")
    assert _word(doc, "said") > 0.5 > _word(doc, "Tuesday")


def test_a_belief_phrase_no_lexicon_lists_reads_as_a_cue(nlp):
    doc = nlp("Officials voiced growing concerns that the ceasefire would not hold.")
    assert max(_word(doc, "voiced"), _word(doc, "concerns")) > 0.5


def test_without_the_weights_every_span_reads_zero(nlp, monkeypatch):
    monkeypatch.setattr(encoder, "shipped_encoder", lambda: None)
    doc = nlp("The minister said the talks failed.")
    assert _word(doc, "said") == 0.0


def test_the_article_is_encoded_once_and_kept_on_the_doc(nlp, monkeypatch):
    doc = nlp.make_doc("The minister said the talks failed.\n\nShelling resumed overnight.\nShe added more.")
    first = _word(doc, "said")
    assert doc.user_data[ENCODER_KEY].shape == (len(doc.text) + 1, len(encoder.LABELS))
    monkeypatch.setattr(encoder.CueEncoder, "char_probabilities", lambda self, text: pytest.fail("read twice"))
    assert _word(doc, "said") == first and _word(doc, "talks") < 0.5
    assert _word(doc, "added") > 0.5  # the third paragraph was read in the same pass


def test_encoding_paragraphs_together_reads_each_as_alone(nlp):
    enc = encoder.shipped_encoder()
    text = "The minister said the talks failed.\nShelling resumed overnight, the army said."
    together = enc.char_probabilities(text)
    second = text.index("Shelling")
    alone = enc.char_probabilities(text[second:])
    assert np.abs(together[second:-1] - alone[:-1]).max() < 1e-3


def test_the_head_gives_each_word_one_of_the_four_attribution_labels(nlp):
    enc = encoder.shipped_encoder()
    probs = enc.char_probabilities("The minister said the talks failed.")
    assert probs.shape[1] == len(encoder.LABELS) == enc.head.out_features
    assert abs(float(probs[4:12].sum(-1).mean()) - 1.0) < 1e-3  # "minister": one distribution


def test_the_encoder_reads_cue_content_and_source_of_a_reported_clause(nlp):
    doc = nlp("The minister said that the talks had failed.")
    (tag,) = encoder.tagged(doc)
    assert [w.text for w in tag.cue] == ["said"]
    assert [doc.text[a:b] for a, b in tag.content] == ["that the talks had failed"]
    assert "minister" in [w.text for w in tag.source]


def test_content_probability_is_high_over_a_reported_clause_and_low_over_a_manner_phrase(nlp):
    doc = nlp("The minister said that the talks had failed.\n\nCruz was booed off the stage at the convention.")
    clause, phrase = doc.text.index("that the talks"), doc.text.index("off the stage")
    assert encoder.content_probability(doc, [(clause, clause + len("that the talks had failed"))]) > 0.9
    assert encoder.content_probability(doc, [(phrase, phrase + len("off the stage at the convention"))]) < 0.15


def test_without_the_weights_no_content_is_doubted(nlp, monkeypatch):
    monkeypatch.setattr(encoder, "shipped_encoder", lambda: None)
    doc = nlp("Cruz was booed off the stage at the convention.")
    assert encoder.content_probability(doc, [(8, 47)]) == 1.0


def _probs(rows: dict[int, int], n: int):
    """One row per word: the given label certain at the given words, none elsewhere."""
    p = np.zeros((n, len(encoder.LABELS)), dtype=np.float32)
    p[:, 0] = 1.0
    for i, label in rows.items():
        p[i] = 0.0
        p[i, label] = 1.0
    return p


def test_each_content_and_source_run_goes_to_the_nearest_cue(nlp):
    doc = nlp.make_doc("Ana said the plan failed and Ben argued the army stayed home today")
    words = list(doc)
    C, S, Q = encoder.CONTENT, encoder.SOURCE, encoder.CUE
    rows = {0: S, 1: Q, 2: C, 3: C, 4: C, 6: S, 7: Q, 8: C, 9: C, 10: C}
    ana, ben = encoder.paragraph_tags(words, _probs(rows, len(words)))
    assert [w.text for w in ana.cue] == ["said"] and [w.text for w in ana.source] == ["Ana"]
    assert [doc.text[a:b] for a, b in ana.content] == ["the plan failed"]
    assert [doc.text[a:b] for a, b in ben.content] == ["the army stayed"] and [w.text for w in ben.source] == ["Ben"]


def test_a_run_goes_to_no_cue_of_another_sentence(nlp):
    doc = nlp("Ana said the plan failed. The army then stayed home all day.")
    words = list(doc)
    C, S, Q = encoder.CONTENT, encoder.SOURCE, encoder.CUE
    rows = {0: S, 1: Q, 2: C, 3: C, 4: C, 6: C, 7: C, 8: C, 9: C, 10: S}
    (ana,) = encoder.paragraph_tags(words, _probs(rows, len(words)))
    assert [doc.text[a:b] for a, b in ana.content] == ["the plan failed"]
    assert [w.text for w in ana.source] == ["Ana"]


def test_a_cue_without_content_and_a_one_word_content_are_no_attribution(nlp):
    doc = nlp.make_doc("Ana said yes and Ben argued nothing")
    words = list(doc)
    rows = {1: encoder.CUE, 2: encoder.CONTENT, 5: encoder.CUE}
    assert encoder.paragraph_tags(words, _probs(rows, len(words))) == []


def test_without_the_weights_the_encoder_reads_no_attribution(nlp, monkeypatch):
    monkeypatch.setattr(encoder, "shipped_encoder", lambda: None)
    assert encoder.tagged(nlp.make_doc("The minister said that the talks had failed.")) == []


def test_quantized_weights_read_back_within_half_a_step_of_each_row():
    import torch

    torch.manual_seed(0)
    weights = {"layer.weight": torch.randn(8, 16), "layer.bias": torch.randn(8)}
    packed = encoder.quantized(weights)
    assert packed["layer.weight"].dtype == torch.int8 and packed["layer.bias"].dtype == torch.float16
    back = encoder.dequantized(packed)
    assert set(back) == set(weights)
    step = weights["layer.weight"].abs().amax(1, keepdim=True) / 127
    assert ((back["layer.weight"] - weights["layer.weight"]).abs() <= step / 2 + 1e-3).all()
    assert torch.allclose(back["layer.bias"], weights["layer.bias"], atol=1e-2)
