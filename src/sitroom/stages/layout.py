"""The article's layout: line breaks end sentences, and page furniture is marked (doc._.furniture).

Runs before the parser. Text taken from a web page keeps its lines: a headline, a byline, a
photo caption, a "READ MORE: ..." link, a tweet's signature. Two facts of that layout matter to
every later stage:

- A line break ends a sentence unless the next line goes on in lower case (a hard-wrapped
  paragraph). Without this a headline runs into the first line of the body ("Optimism Grows for
  Ceasefire Deal / U.S. officials expressed ...") and its words join that sentence's events.
- Some lines are page furniture, not reporting: links to other stories, video and photo labels,
  credits, bylines, sharing and subscription prompts, tweet signatures. The text keeps them
  (offsets stay those of the article), but no event, quote or speaker is taken from them:
  :func:`in_furniture` is what the stages ask.

The patterns (``layout/furniture.tsv``) are the conventions of news pages, written from the
page templates of wire services and newspapers, each a general fact of web layout.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from sitroom.knowledge import read_tsv
from sitroom.record import Span
from sitroom.stages import text_of

LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def furniture_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, pattern) pairs: a line matching a pattern (from its start) is furniture of that kind."""
    return tuple((r["kind"], re.compile(r["pattern"])) for r in read_tsv("layout/furniture.tsv"))


def furniture_kind(line: str) -> str | None:
    """The kind of page furniture a line is ("more", "media", "credit", "byline", "social", "prompt"), if any."""
    stripped = line.strip()
    for kind, pattern in furniture_patterns():
        if pattern.match(stripped):
            return kind
    return None


def furniture_lines(text: str) -> list[tuple[Span, str]]:
    """The character spans of the text's furniture lines, with their kinds."""
    out = []
    for m in LINE.finditer(text):
        kind = furniture_kind(m.group())
        if kind:
            out.append(((m.start(), m.end()), kind))
    return out


def in_furniture(doc: Doc, span: SpacySpan | Span) -> bool:
    """Whether a sentence or span lies on a furniture line (stages take nothing from there)."""
    start, end = (span.start_char, span.end_char) if isinstance(span, SpacySpan) else span
    return any(s < end and start < e for (s, e), _ in doc._.furniture or [])


def break_lines(doc: Doc) -> None:
    """Start a sentence after every line break the next line does not continue in lower case.

    The line's second word never starts one: left free, the parser would cut "U.S." off its
    "officials" at the head of a line.
    """
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            if not tok.is_space and not tok.text[:1].islower():
                tok.is_sent_start = True
                if tok.i + 1 < len(doc) and not doc[tok.i + 1].is_space:
                    doc[tok.i + 1].is_sent_start = False


class LayoutStage:
    """spaCy component: sentence breaks at lines and ``doc._.furniture``, before the parser."""

    def __call__(self, doc: Doc) -> Doc:
        break_lines(doc)
        doc._.furniture = furniture_lines(text_of(doc))
        return doc


@Language.factory("sitroom_layout", requires=[], assigns=["token.is_sent_start", "doc._.furniture"])
def make_layout(nlp: Language, name: str) -> LayoutStage:
    return LayoutStage()
