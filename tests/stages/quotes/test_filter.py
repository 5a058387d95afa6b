"""The learned check of found quotes: its model, its scores, and what it keeps."""

from __future__ import annotations

from sitroom.stages.quotes import encoder
from sitroom.stages.quotes import filter as quote_filter
from sitroom.stages.quotes.rules import found_quotes


def test_model_loads_with_weights_and_a_threshold():
    m = quote_filter.quote_classifier()
    bias, weights, threshold = m.bias, m.weights, m.threshold
    assert len(weights) > 500 and 0 < threshold < 1 and isinstance(bias, float)


def test_a_reported_clause_scores_higher_than_a_plain_object(nlp):
    doc = nlp("The foreign minister said that the ceasefire had collapsed. The bank hired three lawyers.")
    found = {q.cue_lemma: quote_filter.probability(doc, q) for q in found_quotes(doc)}
    assert found["say"] >= 0.8
    assert found.get("hire", 0.0) < found["say"]


def test_kept_quotes_carry_their_probability_as_confidence(nlp):
    doc = nlp("The foreign minister said that the ceasefire had collapsed.")
    kept = quote_filter.checked(doc, found_quotes(doc))
    assert len(kept) == 1
    assert kept[0].confidence == round(quote_filter.probability(doc, kept[0]), 3)


def test_quotes_below_the_threshold_are_dropped(nlp):
    doc = nlp("The minister said that the ceasefire had collapsed. Police hired three lawyers for the case.")
    found = found_quotes(doc)
    kept = quote_filter.checked(doc, found)
    threshold = quote_filter.quote_classifier().threshold
    assert all(q.confidence >= threshold for q in kept)
    assert len(kept) == sum(
        1
        for q in found
        if not quote_filter.encoder_doubts(doc, q)
        and (not quote_filter.is_checked(q) or quote_filter.probability(doc, q) >= threshold)
    )


BELIEF = "Officials believe that the ceasefire will collapse within days."


def test_a_quote_whose_cue_the_encoder_doubts_is_dropped(nlp, monkeypatch):
    doc = nlp(BELIEF)
    found = found_quotes(doc)
    monkeypatch.setattr(encoder, "span_probability", lambda doc, start, end: 0.0)
    assert [q.cue_lemma for q in found] == ["believe"] and quote_filter.checked(doc, found) == []


def test_a_reporting_verb_or_a_colon_is_never_vetoed(nlp, monkeypatch):
    monkeypatch.setattr(encoder, "span_probability", lambda doc, start, end: 0.0)
    said = nlp("The minister said that the ceasefire had collapsed.")
    label = nlp('The interview went on.\n\n"HOLT: Will the ceasefire hold through the winter months ahead?\n')
    for doc in (said, label):
        found = found_quotes(doc)
        assert found and not any(quote_filter.encoder_doubts(doc, q) for q in found)


def test_without_the_encoder_weights_no_quote_is_vetoed(nlp, monkeypatch):
    doc = nlp(BELIEF)
    found = found_quotes(doc)
    monkeypatch.setattr(encoder, "shipped_encoder", lambda: None)
    monkeypatch.setattr(encoder, "span_probability", lambda doc, start, end: 0.0)
    assert len(quote_filter.checked(doc, found)) == 1


def test_an_indirect_quote_the_encoder_reads_no_content_in_is_dropped(nlp):
    doc = nlp("The minister said that the talks had failed.\n\nCruz was booed off the stage at the convention.")
    found = {q.cue_lemma: q for q in found_quotes(doc)}
    assert quote_filter.encoder_reads_no_content(doc, found["boo"])
    assert not quote_filter.encoder_reads_no_content(doc, found["say"])
    assert [q.cue_lemma for q in quote_filter.checked(doc, list(found.values()))] == ["say"]


def test_quotation_marks_keep_a_quote_whatever_the_encoder_reads_of_its_content(nlp, monkeypatch):
    monkeypatch.setattr(encoder, "content_probability", lambda doc, pieces: 0.0)
    doc = nlp('"The talks have failed," the minister said. Officials believe that the ceasefire will collapse.')
    kinds = {q.kind: quote_filter.encoder_reads_no_content(doc, q) for q in found_quotes(doc)}
    assert kinds == {"direct": False, "indirect": True}
