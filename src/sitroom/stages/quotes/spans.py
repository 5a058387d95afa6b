"""Quote contents as character pieces: joining, overlap, trimming, and the sentences holding them.

A content is a list of ``(start, end)`` character pieces (a quote split by its cue has
two). The quotes stage, the cue-content reader and the join with the encoder's
attributions all cut and compare contents with these.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitroom.record import Span
from sitroom.stages.quotes.marks import DOUBLED
from sitroom.stages.quotes.marks import MARKS as QUOTE_MARKS


def union(pieces: list[Span]) -> list[Span]:
    """Overlapping or touching pieces joined into one."""
    out: list[list[int]] = []
    for s, e in sorted(pieces):
        if out and s <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def overlaps(a: Span, b: Span) -> bool:
    """Whether two character spans share a character."""
    return min(a[1], b[1]) > max(a[0], b[0])


def pieces(toks: list[Token]) -> list[Span]:
    """Contiguous character pieces of a token set, punctuation trimmed at the edges."""
    toks = sorted(toks, key=lambda t: t.i)
    groups: list[list[Token]] = []
    for tok in toks:
        if groups and tok.i == groups[-1][-1].i + 1:
            groups[-1].append(tok)
        else:
            groups.append([tok])
    out = []
    for group in groups:
        while group and (
            group[-1].is_space
            or group[-1].pos_ == "CCONJ"
            or group[-1].is_punct
            and group[-1].text not in ('"', "”", "’", DOUBLED)
        ):
            group.pop()
        while group and (group[0].is_space or group[0].is_punct and group[0].text not in ('"', "“", "‘", DOUBLED)):
            group.pop(0)
        if any(t.is_alpha or t.like_num for t in group):
            out.append((group[0].idx, group[-1].idx + len(group[-1].text)))
    return out


def without(text: str, content: list[Span], clause: Span) -> list[Span]:
    """Pieces of a content without a clause's characters, each trimmed of the punctuation left at its
    edges (quotation marks kept); a piece left with no word is dropped."""
    out = []
    for s, e in content:
        for ps, pe in ((s, min(e, clause[0])), (max(s, clause[1]), e)):
            while ps < pe and not text[ps].isalnum() and text[ps] not in QUOTE_MARKS:
                ps += 1
            while pe > ps and not text[pe - 1].isalnum() and text[pe - 1] not in QUOTE_MARKS:
                pe -= 1
            if any(ch.isalnum() for ch in text[ps:pe]):
                out.append((ps, pe))
    return out


def hull(spans: list[Span]) -> Span:
    """The smallest span holding all the given ones."""
    return min(s for s, _ in spans), max(e for _, e in spans)


def evidence_of(doc: Doc, spans: list[Span]) -> Span:
    """The sentence(s) holding every given span."""
    s, e = hull(spans)
    first = doc.char_span(s, e, alignment_mode="expand")
    if first is None or len(first) == 0:
        return s, e
    return min(s, first[0].sent.start_char), max(e, first[-1].sent.end_char)
