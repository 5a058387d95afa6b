"""The quotes stage's tuning values, chosen on PolNeAR dev (see docs/decisions.md).

The factory ``sitroom_quotes`` (:mod:`sitroom.stages.quotes.stage`) declares the same values as its
``default_config``, so ``nlp.config`` shows them; the stage passes its settings down to the rules,
the filter and the encoder's reading, and each of those takes ``DEFAULTS`` when called directly.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuotesSettings:
    cue_min: float = 0.5  # the encoder reads a word as a cue at this cue probability
    min_content_words: int = 3  # a shorter content run of the encoder's is mostly noise
    max_distance: int = 30  # words between an encoder content or source run and the cue it is given to
    max_pieces: int = 192  # wordpieces per window the encoder reads, special tokens included
    encoder_veto: float = 0.2  # a quote is dropped when every word of its cue reads under this cue probability
    content_veto: float = 0.15  # an indirect quote is dropped under this mean encoder content probability
    source_sure: float = 0.8  # mean source probability at which the encoder's source outranks the parse's speaker
    parse_content_sure: float = 0.6  # mean content probability at which the parse's wider content is kept
    nested_min: float = 0.85  # cue-model probability a cue inside another cue's content needs to stand alone


DEFAULTS = QuotesSettings()
