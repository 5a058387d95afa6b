"""Who is speaking: the speaker head a cue's parse gives, for verbs and for cue nouns."""

from __future__ import annotations

from sitroom.stages.quotes.rules import holder
from sitroom.stages.quotes.speakers import subject_of


def _token(doc, word: str):
    return next(t for t in doc if t.text == word)


def _speaker_of(nlp, text: str, cue: str) -> str | None:
    doc = nlp(text)
    head = holder(_token(doc, cue))
    return None if head is None else head.text


def test_gerund_after_a_preposition_shares_the_clause_subject(nlp):
    assert _speaker_of(nlp, "The governor opened the session by saying that taxes would rise.", "saying") == "governor"


def test_sentence_opening_gerund_takes_the_main_subject(nlp):
    assert _speaker_of(nlp, "In defending the budget, Marta Diaz insisted that it was fair.", "defending") == "Diaz"


def test_infinitive_after_an_object_is_the_object_speaking(nlp):
    assert _speaker_of(nlp, "The hearing forced the banker to admit that the fees were illegal.", "admit") == "banker"


def test_subject_across_a_colon_is_not_the_speaker(nlp):
    doc = nlp("Breaking news: the minister says the border is closed.")
    head = subject_of(_token(doc, "says"))
    assert head is not None and head.text == "minister"


def test_cue_noun_taken_by_a_light_verb_is_held_by_its_subject(nlp):
    assert (
        _speaker_of(nlp, "Farmers have expressed concern that the drought will ruin the harvest.", "concern")
        == "Farmers"
    )


def test_cue_noun_from_someone_is_held_by_them(nlp):
    speaker = _speaker_of(
        nlp, "The vote went ahead despite warnings from the auditor that the accounts were wrong.", "warnings"
    )
    assert speaker == "auditor"


def test_cue_noun_with_a_possessor_is_the_possessors(nlp):
    assert _speaker_of(nlp, "The union's claim that wages had fallen was disputed.", "claim") == "union"


def test_cue_noun_object_of_any_verb_is_held_by_its_subject(nlp):
    assert _speaker_of(nlp, "The mayor showed no sign that she would resign.", "sign") == "mayor"


def test_cue_noun_in_a_verbs_phrase_is_held_by_its_subject(nlp):
    assert _speaker_of(nlp, "Ana Ruiz said in a statement that the vote was fair.", "statement") == "Ruiz"


def test_participle_on_an_issued_object_is_the_issuers(nlp):
    assert _speaker_of(nlp, "The senator released a statement saying the bill was dead.", "saying") == "senator"


def test_a_thing_used_is_no_infinitives_controller(nlp):
    assert _speaker_of(nlp, "The rebels used a website to claim the attack.", "claim") == "rebels"


def test_participle_on_where_the_subject_spoke_is_the_subjects(nlp):
    assert (
        _speaker_of(nlp, "The mayor spoke at a news conference announcing that the plant would close.", "announcing")
        == "mayor"
    )


def test_participle_on_people_in_the_object_is_theirs(nlp):
    assert (
        _speaker_of(nlp, "The emails included staff members suggesting that he should resign.", "suggesting")
        == "members"
    )


PARAGRAPH = (
    "{who} said the talks had stalled after the strike on the port. Several rounds followed. Nothing "
    'moved. The port stayed shut.\n\n"We will not give up," she said.'
)


def _she(nlp, who: str) -> str:
    """The name the last quote's "she" resolves to, its sentences naming no one."""
    return nlp(PARAGRAPH.format(who=who))._.quotes[-1].speaker.name


def test_she_stands_for_no_thing_or_other_pronoun_that_spoke_last(nlp):
    assert _she(nlp, "The report") == "she"
    assert _she(nlp, "Nobody") == "she"
    assert _she(nlp, "They") == "she"


def test_she_stands_for_the_last_speaker_named_or_a_word_for_people(nlp):
    assert _she(nlp, "The ministry spokesperson") == "ministry spokesperson"
    assert _she(nlp, "Lynch") == "Lynch"
