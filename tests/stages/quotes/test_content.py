"""What a cue says: the content read from its parse, and where that content stops."""

from __future__ import annotations

from sitroom.stages.quotes.content import complement, content_role


def _content(nlp, text: str, cue: str) -> str:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == cue)
    return " | ".join(doc.text[s:e] for s, e in complement(tok))


def test_clause_of_a_speech_verb_is_its_content(nlp):
    assert _content(nlp, "The minister said that the talks had failed.", "said") == "that the talks had failed"


def test_semicolon_ends_the_content(nlp):
    said = _content(nlp, "The envoy said the talks had stalled; officials declined to comment further.", "said")
    assert "stalled" in said and "officials" not in said


def test_trailing_relative_clause_set_apart_by_a_comma_is_left_out(nlp):
    said = _content(
        nlp, "The senator criticised the budget plan, which was drafted by the treasury in May.", "criticised"
    )
    assert said == "the budget plan"


def test_trailing_participle_set_apart_by_a_comma_is_left_out(nlp):
    said = _content(nlp, "The mayor defended the curfew, citing a rise in attacks on shops.", "defended")
    assert said == "the curfew"


def test_relative_clause_inside_a_clause_stays(nlp):
    said = _content(nlp, "She said that the deal, which was signed in May, is dead.", "said")
    assert "which was signed" in said and said.endswith("is dead")


def test_time_of_the_saying_is_not_content(nlp):
    said = _content(nlp, "The general warned of a long war during a visit to the front.", "warned")
    assert "long war" in said and "visit" not in said


def test_subject_of_a_passive_cue_is_its_content(nlp):
    said = _content(nlp, "The nuclear programme was barely mentioned by the candidates.", "mentioned")
    assert said == "The nuclear programme"


def test_manner_of_the_saying_is_not_content(nlp):
    said = _content(nlp, "The committee voted along party lines to send the resolution to the floor.", "voted")
    assert "send the resolution" in said and "party lines" not in said


def test_preposition_linking_the_cue_to_its_topic_is_left_out(nlp):
    assert (
        _content(nlp, "The farmers complained about the new tariffs on grain.", "complained")
        == "the new tariffs on grain"
    )


def _parsed(nlp, words: list[str], heads: list[int], deps: list[str], pos: list[str]):
    """A doc with the parse given (the parser's own errors, written down)."""
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_that_clause_hung_as_a_relative_clause_of_a_cue_noun_is_its_clause(nlp):
    # "a report that the governor had hidden losses": "that" a complementiser the parser read as relcl
    doc = _parsed(
        nlp,
        ["a", "report", "that", "the", "governor", "had", "hidden", "losses"],
        [1, 1, 6, 4, 6, 6, 1, 6],
        ["det", "ROOT", "mark", "det", "nsubj", "aux", "relcl", "dobj"],
        ["DET", "NOUN", "SCONJ", "DET", "NOUN", "AUX", "VERB", "NOUN"],
    )
    assert content_role(doc[6], doc[1]) == "acl"


def test_relative_clause_whose_that_is_its_subject_stays_relative(nlp):
    doc = _parsed(
        nlp,
        ["a", "report", "that", "angered", "voters"],
        [1, 1, 3, 1, 3],
        ["det", "ROOT", "nsubj", "relcl", "dobj"],
        ["DET", "NOUN", "PRON", "VERB", "NOUN"],
    )
    assert content_role(doc[3], doc[1]) == "relcl"


def test_that_clause_hung_as_an_adverbial_clause_of_a_cue_verb_is_its_complement(nlp):
    # "The mayor tweeted late that the bridge was unsafe": "that" read as advmod, "was" as advcl
    doc = _parsed(
        nlp,
        ["The", "mayor", "tweeted", "late", "that", "the", "bridge", "was", "unsafe"],
        [1, 2, 2, 2, 7, 6, 7, 2, 7],
        ["det", "nsubj", "ROOT", "advmod", "advmod", "det", "nsubj", "advcl", "acomp"],
        ["DET", "NOUN", "VERB", "ADV", "SCONJ", "DET", "NOUN", "AUX", "ADJ"],
    )
    assert content_role(doc[7], doc[2]) == "ccomp"
    assert [doc.text[s:e] for s, e in complement(doc[2])] == ["that the bridge was unsafe"]


def test_relative_clause_reached_through_a_clause_is_left_out(nlp):
    said = _content(
        nlp, "I urged the judge to give me a fair sentence, which I said was not a prison sentence.", "urged"
    )
    assert said == "the judge to give me a fair sentence"


def test_relative_clause_opened_by_a_preposition_is_left_out(nlp):
    said = _content(nlp, "He attacked Donald Trump, with whom he clashed at the debate.", "attacked")
    assert said == "Donald Trump"


def test_participle_after_a_quoted_comma_is_left_out_but_the_quote_kept(nlp):
    said = _content(
        nlp, "He insisted that he has “expanded the party,” claiming that he is responsible for turnout.", "insisted"
    )
    assert said == "that he has “expanded the party,”"


def test_contrasting_clause_set_apart_by_a_comma_is_left_out(nlp):
    said = _content(nlp, "The mayor said the curfew would stay, although the council wants it lifted.", "said")
    assert said == "the curfew would stay"


def test_clause_of_another_cue_joined_by_comma_and_ends_the_content(nlp):
    said = _content(nlp, "He said the talks failed, and she added that the army would stay.", "said")
    assert said == "the talks failed"


def test_clause_of_a_cue_opened_by_a_conjunction_of_time_ends_the_content(nlp):
    said = _content(
        nlp,
        "The prosecutor says the manager will not be charged after prosecutors determined there was no evidence.",
        "says",
    )
    assert said == "the manager will not be charged"
    assert (
        _content(nlp, "Police charged the manager after determining that a video showed him grabbing her.", "charged")
        == "the manager"
    )


def test_clause_joined_without_a_comma_or_by_that_or_quoted_or_without_a_cue_stays(nlp):
    assert _content(nlp, "She said the plan is complex and he feels he can win.", "said") == (
        "the plan is complex and he feels he can win"
    )
    assert _content(nlp, "He said the talks failed, and that the army would stay.", "said") == (
        "the talks failed, and that the army would stay"
    )
    assert _content(nlp, "She said the plan is complex, and “I think he can win.”", "said") == (
        "the plan is complex, and “I think he can win.”"
    )
    assert _content(nlp, "The envoy said the talks failed after the rebels walked out.", "said") == (
        "the talks failed after the rebels walked out"
    )
