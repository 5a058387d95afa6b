"""Who speaks and what they say, read off a parse written by hand (no statistical model)."""

from __future__ import annotations

from handparse import parsed, token
from sitroom.stages.quotes.content import complement
from sitroom.stages.quotes.speakers import subject_of


def _said(doc, cue: str) -> list[str]:
    return [doc.text[s:e] for s, e in complement(token(doc, cue))]


def _speaker(doc, cue: str) -> str | None:
    head = subject_of(token(doc, cue))
    return None if head is None else head.text


def test_the_subject_of_a_speech_verb_speaks():
    doc = parsed("""
        The       the       DET    DT   det    1
        minister  minister  NOUN   NN   nsubj  2
        said      say       VERB   VBD  ROOT   2
        talks     talk      NOUN   NNS  nsubj  4
        failed    fail      VERB   VBD  ccomp  2
        .         .         PUNCT  .    punct  2
    """)
    assert _speaker(doc, "said") == "minister"


def test_an_infinitive_cue_inherits_the_subject_of_its_verb():
    doc = parsed("""
        The      the      DET    DT   det    1
        envoy    envoy    NOUN   NN   nsubj  2
        refused  refuse   VERB   VBD  ROOT   2
        to       to       PART   TO   aux    4
        comment  comment  VERB   VB   xcomp  2
        .        .        PUNCT  .    punct  2
    """)
    assert _speaker(doc, "comment") == "envoy"


def test_a_conjoined_cue_inherits_the_subject_of_the_first_verb():
    doc = parsed("""
        Lavrov   Lavrov   PROPN  NNP  nsubj  1  B-PERSON
        arrived  arrive   VERB   VBD  ROOT   1
        and      and      CCONJ  CC   cc     1
        said     say      VERB   VBD  conj   1
        talks    talk     NOUN   NNS  nsubj  5
        failed   fail     VERB   VBD  ccomp  3
        .        .        PUNCT  .    punct  1
    """)
    assert _speaker(doc, "said") == "Lavrov"


def test_the_object_that_is_made_to_speak_is_the_speaker():
    doc = parsed("""
        The      the      DET    DT   det    1
        hearing  hearing  NOUN   NN   nsubj  2
        forced   force    VERB   VBD  ROOT   2
        the      the      DET    DT   det    4
        banker   banker   NOUN   NN   dobj   2
        to       to       PART   TO   aux    6
        admit    admit    VERB   VB   xcomp  2
        fees     fee      NOUN   NNS  nsubj  8
        rose     rise     VERB   VBD  ccomp  6
        .        .        PUNCT  .    punct  2
    """)
    assert _speaker(doc, "admit") == "banker"


def test_the_agent_of_a_passive_cue_speaks():
    doc = parsed("""
        The         the         DET    DT   det        1
        plan        plan        NOUN   NN   nsubjpass  3
        was         be          AUX    VBD  auxpass    3
        criticised  criticise   VERB   VBN  ROOT       3
        by          by          ADP    IN   agent      3
        the         the         DET    DT   det        6
        minister    minister    NOUN   NN   pobj       4
        .           .           PUNCT  .    punct      3
    """)
    assert _speaker(doc, "criticised") == "minister"


def test_a_subject_across_a_colon_does_not_speak():
    doc = parsed("""
        Latest  latest  NOUN   NN   nsubj  3
        :       :       PUNCT  :    punct  3
        Trump   Trump   PROPN  NNP  npadvmod  3  B-PERSON
        urges   urge    VERB   VBZ  ROOT   3
        calm    calm    NOUN   NN   dobj   3
    """)
    assert _speaker(doc, "urges") is None


def test_the_clause_after_said_is_what_was_said():
    doc = parsed("""
        The       the       DET    DT   det    1
        minister  minister  NOUN   NN   nsubj  2
        said      say       VERB   VBD  ROOT   2
        that      that      SCONJ  IN   mark   7
        the       the       DET    DT   det    5
        talks     talk      NOUN   NNS  nsubj  7
        had       have      AUX    VBD  aux    7
        failed    fail      VERB   VBN  ccomp  2
        .         .         PUNCT  .    punct  2
    """)
    assert _said(doc, "said") == ["that the talks had failed"]


def test_the_subject_of_a_passive_speech_verb_is_what_was_said():
    doc = parsed("""
        The        the        DET    DT   det        1
        plan       plan       NOUN   NN   nsubjpass  3
        was        be         AUX    VBD  auxpass    3
        mentioned  mention    VERB   VBN  ROOT       3
        .          .          PUNCT  .    punct      3
    """)
    assert _said(doc, "mentioned") == ["The plan"]


def test_the_preposition_linking_a_cue_to_its_topic_is_left_out():
    doc = parsed("""
        Farmers     farmer     NOUN   NNS  nsubj  1
        complained  complain   VERB   VBD  ROOT   1
        about       about      ADP    IN   prep   1
        the         the        DET    DT   det    4
        tariffs     tariff     NOUN   NNS  pobj   2
        .           .          PUNCT  .    punct  1
    """)
    assert _said(doc, "complained") == ["the tariffs"]


def test_a_cue_noun_says_its_that_clause():
    doc = parsed("""
        The      the      DET    DT   det    1
        warning  warning  NOUN   NN   nsubjpass  7
        that     that     SCONJ  IN   mark   5
        the      the      DET    DT   det    4
        truce    truce    NOUN   NN   nsubj  5
        failed   fail     VERB   VBD  acl    1
        was      be       AUX    VBD  auxpass  7
        ignored  ignore   VERB   VBN  ROOT   7
        .        .        PUNCT  .    punct  7
    """)
    assert _said(doc, "warning") == ["that the truce failed"]
