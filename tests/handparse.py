"""Docs with a parse written by hand, as spaCy's own tests build them: the parse rules are
pinned on exactly the parse they read, whatever the statistical model would give.

A parse is a table, one token a line: ``word lemma POS TAG dep head [entity]``, the head an
absolute token index (the root its own), the entity an IOB tag (``B-GPE``, ``I-GPE``) or absent.
"""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc
from spacy.vocab import create_vocab

# The vocabulary of blank English (it knows punctuation and stop words); unlike spacy.blank("en"),
# building it loads no pipeline component, so no sitroom stage is imported by the way.
VOCAB = create_vocab("en", English.Defaults)


def parsed(table: str) -> Doc:
    """The Doc the table describes."""
    rows = [line.split() for line in table.strip().splitlines()]
    for row in rows:
        assert len(row) in (6, 7), f"want: word lemma POS TAG dep head [entity]; got {row}"
    return Doc(
        VOCAB,
        words=[r[0] for r in rows],
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        heads=[int(r[5]) for r in rows],
        ents=[r[6] if len(r) == 7 else "O" for r in rows],
    )


def token(doc: Doc, word: str):
    """The first token spelled ``word``."""
    return next(t for t in doc if t.text == word)
