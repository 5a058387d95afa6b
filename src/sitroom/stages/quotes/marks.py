"""Where direct quotes start and end: quotation marks scanned paragraph by paragraph.

News text mixes curly, straight and doubled-apostrophe marks, nests quotes, and
reopens a quote at each new paragraph without closing it; the quotes stage reads
the pieces found here before it looks for the cue that owns each quote.
"""

from __future__ import annotations

import re

from sitroom.record import Span

OPENERS = {"“": "”", "«": "»", "„": "“"}
CLOSERS = {"”", "»"}
STRAIGHT = '"'
DOUBLED = "''"  # two apostrophes: a straight double mark in some newswire archives
TURN = re.compile(r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}:\s")  # "PENCE: ", a transcript's speaker label
MARKS = "\"'“”«»„"  # every quotation mark, to strip from a quote's edge


def scan_marks(text: str) -> list[list[Span]]:
    """Direct quotes as character pieces, marks included; one piece per paragraph it spans.

    A quote left open at a paragraph's end continues when the next paragraph opens
    with a mark (the news convention), unless that paragraph is a new speaker's turn
    in a transcript ("PENCE: ..."); otherwise it ends with its paragraph.
    """
    quotes: list[list[Span]] = []
    carry: list[Span] = []
    pos = 0
    for para in text.split("\n"):
        start, end = pos, pos + len(para)
        pos = end + 1
        if not para.strip():
            continue
        opening = para.lstrip()
        if carry and (
            opening[:1] not in OPENERS
            and opening[:1] != STRAIGHT
            and not opening.startswith(DOUBLED)
            or TURN.match(opening.lstrip(MARKS))
        ):
            quotes.append(carry)
            carry = []
        if not carry and _stray_straight(opening):
            start = end - len(opening) + 1
        carry = _scan_paragraph(text, start, end, carry, quotes)
    if carry:
        quotes.append(carry)
    return quotes


def _stray_straight(para: str) -> bool:
    """A lone straight mark opening a paragraph whose quotes are curly (a scraping artefact):
    it opens nothing, or the whole article after it would read as one quote."""
    return para.startswith(STRAIGHT) and para.count(STRAIGHT) == 1 and "“" in para and "”" in para


def _scan_paragraph(text: str, start: int, end: int, carry: list[Span], quotes: list[list[Span]]) -> list[Span]:
    """Scan one paragraph; returns the pieces of a quote still open at its end."""
    opened, closer, depth = None, "", 0
    i = start
    while i < end:
        ch = STRAIGHT if text.startswith(DOUBLED, i) else text[i]
        width = len(DOUBLED) if text.startswith(DOUBLED, i) else 1
        if opened is None:
            if ch in OPENERS or ch == STRAIGHT:
                opened, closer, depth = i, OPENERS.get(ch, STRAIGHT), 1
            elif ch in CLOSERS and not text[start:i].strip():
                opened, closer, depth = i, ch, 1  # a closing mark typed to open a paragraph's quote
        elif ch == closer or ch in CLOSERS or (ch == STRAIGHT and _closes(text, i, width)):
            depth -= 1
            if depth == 0:
                quotes.append(carry + [(opened, i + width)])
                carry, opened = [], None
        elif ch in OPENERS or closer != STRAIGHT and ch == STRAIGHT and (i == 0 or text[i - 1].isspace()):
            depth += 1  # a nested quote, curly or straight
        i += width
    if opened is not None:
        carry = carry + [(opened, end)]
    return carry


def _closes(text: str, i: int, width: int) -> bool:
    """Whether a straight mark ends a quote opened with a curly one (mixed marks in scraped
    news): it follows a word or punctuation and is followed by space, punctuation or the end."""
    after = text[i + width : i + width + 1]
    return i > 0 and not text[i - 1].isspace() and (not after or not after.isalnum())
