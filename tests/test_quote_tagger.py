"""The learned content-span tagger and the attributions it adds to the quotes stage."""

from __future__ import annotations

from sitroom import attribution, quote_tagger
from sitroom.cue_content import lexicon
from sitroom.quote_tagger import without

# "poked fun at" is no cue of the lexicon, and the cue model does not call "poked" one either.
POKED = "We poked fun at the presidential ambitions of three hopefuls."


def test_tagger_loads_and_tags_every_token(nlp):
    doc = nlp("The minister said that the talks would resume on Monday.")
    (para, feats), = quote_tagger.doc_features(doc)
    labels = quote_tagger.tagger().tag(feats)
    assert len(labels) == len(para) == len([t for t in doc if not t.is_space])
    assert set(labels) <= {"O", "B-CON", "I-CON", "B-CUE", "I-CUE", "B-SRC", "I-SRC"}


def test_tagger_finds_the_content_of_a_said_clause(nlp):
    doc = nlp("The minister said that the talks would resume on Monday.")
    found = [(" ".join(t.text for t in toks), cue.text if cue is not None else None)
             for toks, cue, _ in quote_tagger.contents(doc)]
    assert any("talks would resume" in text and cue == "said" for text, cue in found), found


def test_tagger_adds_an_attribution_no_cue_rule_knows(nlp, run):
    doc = nlp(POKED)
    poked = next(t for t in doc if t.lower_ == "poked")
    assert poked.lemma_ not in lexicon()["VERB"] and not attribution.is_cue(poked)
    rec = run(POKED)
    tagged = [q for q in rec.quotes if q.rule == "tagger"]
    assert tagged, [(q.rule, q.content) for q in rec.quotes]
    said = " ".join(POKED[s:e] for s, e in tagged[0].content)
    assert "presidential ambitions" in said and "fun" not in said
    assert tagged[0].cue_lemma == "poke" and tagged[0].speaker.text == "We"
    assert quote_tagger.MIN_MARGINAL <= tagged[0].confidence <= 1


def test_runs_split_bio_labels_into_spans(nlp):
    doc = nlp("a b c d e")
    toks = list(doc)
    spans = quote_tagger.runs(toks, ["B-CON", "I-CON", "O", "I-CON", "B-CON"], "CON")
    assert [[t.text for t in r] for r in spans] == [["a", "b"], ["d"], ["e"]]


def test_pieces_trim_edge_punctuation_but_keep_quotation_marks(nlp):
    doc = nlp('He said, "we stay."')
    assert quote_tagger.pieces(list(doc)[2:]) == [(9, 19)]


def test_without_cuts_a_clause_out_of_a_content_and_trims_what_it_leaves():
    text = "the envoy, who insisted that talks had failed, left Geneva"
    clause = (text.index("who"), text.index("failed") + len("failed"))
    assert [text[s:e] for s, e in without(text, [(0, len(text))], clause)] == ["the envoy", "left Geneva"]
    assert without(text, [(clause[0], clause[1])], clause) == []
