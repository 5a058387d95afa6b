"""The learned attribution-cue model and the constructions it brings to the quotes stage."""

from __future__ import annotations

from sitroom.knowledge.english import speech_cues
from sitroom.record import Quote, Record
from sitroom.stages.quotes import cue_model
from sitroom.stages.quotes.rules import found_quotes


def _said(record: Record, quote: Quote) -> str:
    return " | ".join(record.article.text[s:e] for s, e in quote.content)


def test_model_loads_with_weights_and_a_threshold():
    m = cue_model.cue_classifier()
    bias, weights, threshold = m.bias, m.weights, m.threshold
    assert len(weights) > 1000 and 0 < threshold < 1 and isinstance(bias, float)


def test_model_finds_a_cue_the_lexicon_lacks(nlp):
    doc = nlp("Most voters tended to support Clinton.")
    tended = doc[2]
    assert tended.lemma_ not in speech_cues()["VERB"]
    assert cue_model.is_cue(tended)
    q = found_quotes(doc)[0]  # found; whether it is kept is the quote filter's call
    assert q.cue_lemma == "tend" and "support Clinton" in doc.text[q.content[0][0] : q.content[0][1]]
    assert q.speaker is not None and "voters" in q.speaker.name


def test_model_rejects_a_plain_event_verb(nlp, run):
    doc = nlp("The truck drove to the border at night.")
    assert not any(cue_model.is_cue(t) for t in doc)
    assert run("The truck drove to the border at night.").quotes == []


def test_stance_adjective_is_attributed_to_the_subject(run):
    rec = run("Lena Ross is skeptical of the agreement.")
    q = rec.quotes[0]
    assert "the agreement" in _said(rec, q) and q.kind == "indirect"
    assert q.speaker.name == "Lena Ross"


def test_nominal_cue_keeps_its_that_clause(nlp):
    # the rules' reading of a noun's clause; the encoder's joined content reads on to "was false"
    doc = nlp("The minister's claim that the army had withdrawn was false.")
    q = found_quotes(doc)[0]
    assert doc.text[q.content[0][0] : q.content[-1][1]] == "that the army had withdrawn" and q.cue_lemma == "claim"
    assert "minister" in q.speaker.name
