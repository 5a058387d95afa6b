"""Contents as character pieces (quote_spans.py)."""

from __future__ import annotations

from sitroom.stages.quotes.spans import overlaps, pieces, union, without


def test_pieces_trim_edge_punctuation_but_keep_quotation_marks(nlp):
    doc = nlp('He said, "we stay."')
    assert pieces(list(doc)[2:]) == [(9, 19)]


def test_without_cuts_a_clause_out_of_a_content_and_trims_what_it_leaves():
    text = "the envoy, who insisted that talks had failed, left Geneva"
    clause = (text.index("who"), text.index("failed") + len("failed"))
    assert [text[s:e] for s, e in without(text, [(0, len(text))], clause)] == ["the envoy", "left Geneva"]
    assert without(text, [(clause[0], clause[1])], clause) == []


def test_union_joins_overlapping_and_touching_pieces_and_overlaps_needs_a_shared_character():
    assert union([(10, 20), (0, 5), (5, 8), (21, 30)]) == [(0, 8), (10, 30)]
    assert overlaps((0, 5), (4, 9)) and not overlaps((0, 5), (5, 9))
