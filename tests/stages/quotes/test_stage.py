"""Joining the rules' quotes with the cue encoder's attributions (stages/quotes/stage.py)."""

from __future__ import annotations

from dataclasses import replace

from sitroom.stages.quotes import encoder
from sitroom.stages.quotes import filter as quote_filter
from sitroom.stages.quotes import stage as quote_stage
from sitroom.stages.quotes.rules import found_quotes
from sitroom.stages.quotes.settings import DEFAULTS


def _rules(doc):
    return quote_filter.checked(doc, found_quotes(doc))


def _tag(doc, cue: str, content: str, source: str | None = None) -> encoder.Tagged:
    """An attribution as the encoder would read it, by the words' text."""

    def words(text):
        start = doc.text.index(text)
        return [t for t in doc if start <= t.idx < start + len(text)]

    a = doc.text.index(content)
    return encoder.Tagged(words(cue), [(a, a + len(content))], words(source) if source else [], 0.9)


def test_without_encoder_attributions_the_rules_quotes_stand(nlp, monkeypatch):
    doc = nlp("Nina Petrova said that the talks had stalled.")
    monkeypatch.setattr(encoder, "tagged", lambda d, settings: [])
    rules = _rules(doc)
    assert quote_stage.joined(doc, rules) == rules


def test_the_encoder_content_replaces_its_twins_and_keeps_its_speaker_and_cue(nlp, monkeypatch):
    doc = nlp("Nina Petrova, the envoy, said that the talks had stalled over the border.")
    rules = _rules(doc)
    monkeypatch.setattr(encoder, "content_probability", lambda d, pieces: 0.3)  # it doubts the rest
    twin = next(q for q in rules if q.cue_lemma == "say")
    monkeypatch.setattr(encoder, "tagged", lambda d, settings: [_tag(doc, "said", "that the talks had stalled")])
    (q,) = [q for q in quote_stage.joined(doc, rules) if q.cue == twin.cue]
    assert doc.text[q.content[0][0] : q.content[0][1]] == "that the talks had stalled"
    assert q.speaker == twin.speaker and q.cue_lemma == "say" and q.kind == "indirect"


def test_a_parsed_content_the_encoder_reads_as_content_outlasts_its_shorter_run(nlp, monkeypatch):
    # the encoder's run stops at the first word it doubts; the parse's clause ends where the clause does
    doc = nlp("Nina Petrova, the envoy, said that the talks had stalled over the border.")
    rules = _rules(doc)
    twin = next(q for q in rules if q.cue_lemma == "say")
    monkeypatch.setattr(encoder, "content_probability", lambda d, pieces: 0.9)
    monkeypatch.setattr(encoder, "tagged", lambda d, settings: [_tag(doc, "said", "that the talks had stalled")])
    (q,) = [q for q in quote_stage.joined(doc, rules) if q.cue == twin.cue]
    assert q.content == twin.content and doc.text[q.content[0][0] : q.content[-1][1]].endswith("over the border")


def test_an_encoder_content_reaching_past_the_parsed_one_replaces_it(nlp, monkeypatch):
    doc = nlp("Nina Petrova said the talks had stalled, blaming the weather.")
    rules = _rules(doc)
    twin = next(q for q in rules if q.cue_lemma == "say")
    monkeypatch.setattr(encoder, "content_probability", lambda d, pieces: 0.9)
    monkeypatch.setattr(
        encoder, "tagged", lambda d, settings: [_tag(doc, "said", "the talks had stalled, blaming the weather")]
    )
    (q,) = [q for q in quote_stage.joined(doc, rules) if q.cue == twin.cue]
    assert doc.text[q.content[0][0] : q.content[-1][1]] == "the talks had stalled, blaming the weather"


def test_a_direct_quote_stays_whole_and_no_encoder_content_reaches_into_it(nlp, monkeypatch):
    doc = nlp('"We will not retreat from the river," Anna Berg said. Officials warned of more shelling.')
    rules = _rules(doc)
    direct = next(q for q in rules if q.kind == "direct")
    monkeypatch.setattr(
        encoder,
        "tagged",
        lambda d, settings: [
            _tag(doc, "said", "We will not retreat", "Anna Berg"),
            _tag(doc, "warned", "not retreat from the river"),
        ],
    )
    out = quote_stage.joined(doc, rules)
    assert direct in out and all(
        q is direct or not any(s < direct.content[-1][1] and direct.content[0][0] < e for s, e in q.content)
        for q in out
    )


def test_an_attribution_the_rules_miss_gets_the_tagged_source_as_speaker(nlp, monkeypatch):
    doc = nlp("Omar Haddad has faced ridicule online over the proposal to cede the valley.")
    monkeypatch.setattr(
        encoder,
        "tagged",
        lambda d, settings: [
            _tag(doc, "has faced ridicule online over", "the proposal to cede the valley", "Omar Haddad")
        ],
    )
    (q,) = quote_stage.joined(doc, [])
    assert q.speaker.name == "Omar Haddad" and q.rule == "encoder" and q.kind == "indirect"
    assert doc.text[q.cue[0] : q.cue[1]] == "has faced ridicule online over"


def test_a_tagged_source_of_punctuation_alone_gives_way_to_the_cues_subject(nlp, monkeypatch):
    doc = nlp("Omar Haddad, in particular, has faced ridicule online over the proposal to cede the valley.")
    comma = next(t for t in doc if t.text == "," and t.i > 2)
    tag = _tag(doc, "has faced ridicule online over", "the proposal to cede the valley")
    tag.source = [comma]
    monkeypatch.setattr(encoder, "tagged", lambda d, settings: [tag])
    (q,) = quote_stage.joined(doc, [])
    assert q.speaker.name == "Omar Haddad"


def test_an_addition_whose_cue_noun_has_no_owner_is_credited_to_the_verb_it_hangs_from(nlp, monkeypatch):
    doc = nlp("Moscow has invested years in the narrative that the West started the war.")
    monkeypatch.setattr(
        encoder, "tagged", lambda d, settings: [_tag(doc, "narrative", "that the West started the war")]
    )
    (q,) = quote_stage.joined(doc, [])
    assert q.speaker.text == "Moscow" and q.rule == "encoder"


def test_an_addition_with_no_subject_near_its_cue_takes_its_sentences_subject(nlp, monkeypatch):
    doc = nlp("Anna Berg rejected the plan, with open contempt for the claim that the border was safe.")
    monkeypatch.setattr(encoder, "tagged", lambda d, settings: [_tag(doc, "claim", "that the border was safe")])
    (q,) = quote_stage.joined(doc, [])
    assert q.speaker.name == "Anna Berg"


def test_an_addition_with_no_subject_in_its_sentence_takes_the_last_speaker(nlp, monkeypatch):
    doc = nlp("Nina Petrova said the talks had stalled. Mixed messages on the border plan.")
    rules = _rules(doc)
    monkeypatch.setattr(encoder, "tagged", lambda d, settings: [_tag(doc, "messages on", "the border plan")])
    added = [q for q in quote_stage.joined(doc, rules) if q.rule == "encoder"]
    assert [q.speaker.name for q in added] == ["Nina Petrova"]


def test_an_addition_with_no_speaker_anywhere_is_kept_without_one(nlp, monkeypatch):
    doc = nlp("Mixed messages on the border plan.")
    monkeypatch.setattr(encoder, "tagged", lambda d, settings: [_tag(doc, "messages on", "the border plan")])
    (q,) = quote_stage.joined(doc, [])
    assert q.speaker is None and doc.text[q.content[0][0] : q.content[0][1]] == "the border plan"


def test_the_stage_reads_a_reported_clause_with_the_real_encoder(run):
    rec = run("Nina Petrova said on Tuesday that the prisoner exchange would go ahead.")
    (q,) = rec.quotes
    assert "the prisoner exchange would go ahead" in rec.article.text[q.content[0][0] : q.content[-1][1]]
    assert q.speaker.name == "Nina Petrova" and q.cue_lemma == "say"


def test_a_quote_split_by_its_cue_is_one_quote_whichever_rules_read_its_pieces(run):
    text = '"By locking in China," Nina Petrova said, "we can now go to India and say the deal is done."'
    (q,) = run(text).quotes
    assert [text[a:b] for a, b in q.content] == [
        '"By locking in China,"',
        '"we can now go to India and say the deal is done."',
    ]
    assert q.kind == "direct" and q.speaker.name == "Nina Petrova"


def test_a_clause_and_the_quote_after_its_colon_are_one_mixed_quote(run):
    text = 'Petrova said the envoy has the one quality the talks need: "Patience, and then more patience."'
    (q,) = run(text).quotes
    assert [text[a:b] for a, b in q.content] == [
        "the envoy has the one quality the talks need",
        '"Patience, and then more patience."',
    ]
    assert q.kind == "mixed" and q.evidence == (0, len(text))


def test_quotes_sharing_a_cue_become_one_and_quotes_of_other_cues_stay_apart(nlp):
    doc = nlp("Ana said the plan failed. Ben said the army left.")
    ana, ben = sorted(_rules(doc), key=lambda q: q.content[0][0])
    half = replace(ana, content=[(ben.content[0][0], ben.content[0][0] + 3)])
    joined = quote_stage.one_per_cue(doc, [ana, half, ben])
    assert len(joined) == 2 and joined[1] == ben
    assert joined[0].content == [ana.content[0], half.content[0]] and joined[0].speaker == ana.speaker


def test_a_quote_in_the_next_paragraph_stays_apart_from_its_cues_clause(run):
    text = 'Petrova told reporters that the talks would go on:\n"Patience, and then more patience, is what we need."'
    quotes = run(text).quotes
    assert [q.kind for q in quotes] == ["indirect", "direct"] and quotes[0].cue == quotes[1].cue


def test_a_sure_encoder_source_takes_over_a_speaker_the_parse_got_wrong(run):
    text = (
        "Putin wrote overnight that the talks were “a farce” and urged Western leaders to “stop the lies” "
        "about the war."
    )
    urged = next(q for q in run(text).quotes if q.cue_lemma == "urge")
    assert urged.speaker.text == "Putin"  # the parse reads "the talks" as the subject of "urged"


def _said(nlp):
    doc = nlp("Ana Silva said that the talks had failed.")
    (quote,) = _rules(doc)
    return doc, quote


def test_an_unsure_or_agreeing_encoder_source_leaves_the_speaker(nlp, monkeypatch):
    doc, quote = _said(nlp)
    talks = [t for t in doc if t.text == "talks"]
    monkeypatch.setattr(encoder, "nearest_source", lambda d, cue: (talks, DEFAULTS.source_sure - 0.01))
    assert quote_stage.with_sure_sources(doc, [quote]) == [quote]
    ana = [t for t in doc if t.text in ("Ana", "Silva")]
    monkeypatch.setattr(encoder, "nearest_source", lambda d, cue: (ana, 0.99))
    assert quote_stage.with_sure_sources(doc, [quote]) == [quote]


def test_a_sure_source_replaces_a_read_speaker_but_not_one_a_layout_rule_gives(nlp, monkeypatch):
    doc, quote = _said(nlp)
    talks = [t for t in doc if t.text == "talks"]
    monkeypatch.setattr(encoder, "nearest_source", lambda d, cue: (talks, 0.99))
    (moved,) = quote_stage.with_sure_sources(doc, [quote])
    assert moved.speaker.text == "the talks" and moved.content == quote.content and moved.cue == quote.cue
    signed = replace(quote, rule="signed")
    assert quote_stage.with_sure_sources(doc, [signed]) == [signed]


def test_the_encoder_reads_the_source_nearest_a_cue_in_its_sentence(nlp):
    doc = nlp("The talks failed. Ana Silva said that the army would stay.")
    said = doc.text.index("said")
    words, probability = encoder.nearest_source(doc, (said, said + 4))
    assert "Silva" in [w.text for w in words] and probability > DEFAULTS.source_sure
