"""Who acts and who is acted on, read off a parse written by hand (no statistical model)."""

from __future__ import annotations

from handparse import parsed, token
from sitroom.stages.events import roles
from sitroom.stages.events.triggers import EventCandidate


def _event(doc, trigger: str, typ: str, own: bool = True) -> EventCandidate:
    tok = token(doc, trigger)
    return EventCandidate(trigger=tok, anchor=tok, word=None, type=typ, weight=1.0, own=own)


def _sources(doc, word: str) -> list[str]:
    return [t.text for t in roles.subjects_of(token(doc, word))]


def _targets(doc, trigger: str, typ: str, own: bool = True) -> list[str]:
    return [t.text for t in roles.targets_of(_event(doc, trigger, typ, own), None)]


ATTACK = """
    Russia    Russia    PROPN  NNP  nsubj  1  B-GPE
    attacked  attack    VERB   VBD  ROOT   1
    Ukraine   Ukraine   PROPN  NNP  dobj   1  B-GPE
    on        on        ADP    IN   prep   1
    Sunday    Sunday    PROPN  NNP  pobj   3  B-DATE
    .         .         PUNCT  .    punct  1
"""


def test_the_subject_acts_and_the_object_is_acted_on_not_the_date():
    doc = parsed(ATTACK)
    assert _sources(doc, "attacked") == ["Russia"]
    assert _targets(doc, "attacked", "ASSAULT") == ["Ukraine"]


def test_a_passive_trigger_acts_through_its_agent_on_its_subject():
    doc = parsed("""
        Ukraine   Ukraine   PROPN  NNP  nsubjpass  2  B-GPE
        was       be        AUX    VBD  auxpass    2
        attacked  attack    VERB   VBN  ROOT       2
        by        by        ADP    IN   agent      2
        Russia    Russia    PROPN  NNP  pobj       3  B-GPE
        .         .         PUNCT  .    punct      2
    """)
    assert _sources(doc, "attacked") == ["Russia"]
    assert _targets(doc, "attacked", "ASSAULT") == ["Ukraine"]


def test_a_pronoun_subject_stands_for_the_subject_of_the_clause_above():
    doc = parsed("""
        Bouteflika  Bouteflika  PROPN  NNP  nsubj  1  B-PERSON
        said        say         VERB   VBD  ROOT   1
        he          he          PRON   PRP  nsubj  4
        is          be          AUX    VBZ  aux    4
        prepared    prepare     VERB   VBN  ccomp  1
        to          to          PART   TO   aux    6
        lift        lift        VERB   VB   xcomp  4
        the         the         DET    DT   det    8
        ban         ban         NOUN   NN   dobj   6
        .           .           PUNCT  .    punct  1
    """)
    assert _sources(doc, "lift") == ["Bouteflika"]


def test_the_object_urged_to_act_is_the_source_of_the_act():
    doc = parsed("""
        Trump  Trump  PROPN  NNP  nsubj  1  B-PERSON
        urged  urge   VERB   VBD  ROOT   1
        Putin  Putin  PROPN  NNP  dobj   1  B-PERSON
        to     to     PART   TO   aux    4
        stop   stop   VERB   VB   xcomp  1
        .      .      PUNCT  .    punct  1
    """)
    assert _sources(doc, "stop") == ["Putin"]


SUMMONED = """
    Russia      Russia      PROPN  NNP  nsubj  1  B-GPE
    summoned    summon      VERB   VBD  ROOT   1
    the         the         DET    DT   det    3
    ambassador  ambassador  NOUN   NN   dobj   1
    to          to          PART   TO   aux    5
    complain    complain    VERB   VB   advcl  1
    .           .           PUNCT  .    punct  1
"""


def test_the_one_summoned_to_hear_a_complaint_is_its_target_not_its_source():
    doc = parsed(SUMMONED)
    assert _sources(doc, "complain") == ["Russia"]
    assert _targets(doc, "complain", "ACCUSE") == ["ambassador"]


def test_a_possessor_is_the_maker_of_a_proposal():
    doc = parsed("""
        Putin     Putin     PROPN  NNP  poss   2  B-PERSON
        's        's        PART   POS  case   0
        proposal  proposal  NOUN   NN   nsubj  3
        failed    fail      VERB   VBD  ROOT   3
        .         .         PUNCT  .    punct  3
    """)
    assert _sources(doc, "proposal") == ["Putin"]


MET = """
    Lavrov  Lavrov  PROPN  NNP  nsubj  1  B-PERSON
    met     meet    VERB   VBD  ROOT   1
    with    with    ADP    IN   prep   1
    Rubio   Rubio   PROPN  NNP  pobj   2  B-PERSON
    at      at      ADP    IN   prep   1
    the     the     DET    DT   det    6
    Kremlin Kremlin PROPN  NNP  pobj   4  B-FAC
    .       .       PUNCT  .    punct  1
"""


def test_the_partner_met_with_is_the_target_and_the_place_met_at_is_not():
    assert _targets(parsed(MET), "met", "CONSULT") == ["Rubio"]


def test_at_aims_force_at_its_complement():
    doc = parsed("""
        Troops  troop   NOUN   NNS  nsubj  1
        fired   fire    VERB   VBD  ROOT   1
        at      at      ADP    IN   prep   1
        the     the     DET    DT   det    4
        crowd   crowd   NOUN   NN   pobj   2
        .       .       PUNCT  .    punct  1
    """)
    assert _targets(doc, "fired", "ASSAULT") == ["crowd"]


def test_an_event_told_in_a_subordinate_clause_names_no_target():
    doc = parsed("""
        The      the      DET    DT   det    1
        Taliban  Taliban  PROPN  NNP  nsubj  2  B-ORG
        attacked attack   VERB   VBD  ROOT   2
        a        a        DET    DT   det    5
        army     army     NOUN   NN   compound  5
        base     base     NOUN   NN   dobj   2
        ,        ,        PUNCT  ,    punct  2
        killing  kill     VERB   VBG  advcl  2
        17       17       NUM    CD   nummod 9  B-CARDINAL
        soldiers soldier  NOUN   NNS  dobj   7
        .        .        PUNCT  .    punct  2
    """)
    assert _targets(doc, "attacked", "ASSAULT") == ["base"]
    assert _targets(doc, "killing", "ASSAULT", own=False) == []
    assert _targets(doc, "killing", "ASSAULT", own=True) == ["soldiers"]
    assert _sources(doc, "killing") == ["Taliban"]
