"""Quotes placed by the article's layout rather than by a cue's parse.

A headline or transcript line names its speaker before a colon ("Graham: Trump's rhetoric
destroying GOP's chances", "PENCE: Well, ..."). A quote no cue governs takes its speaker from
where it stands: the name it is signed with after a dash, a clause ending in a colon just
before it, the quote before it in its paragraph or the next one (a continued quote), or the
person named in the sentences before it. The cue rules of :mod:`sitroom.stages.quotes.rules`
call these for the lines and quotes their cues do not cover.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitroom.record import Quote, Span
from sitroom.stages.actors import references
from sitroom.stages.quotes import speakers
from sitroom.stages.quotes.content import CONFIDENCE, Attribution
from sitroom.stages.quotes.marks import MARKS
from sitroom.stages.quotes.spans import evidence_of, hull, pieces

PLACE_OR_TIME = {"GPE", "LOC", "FAC", "DATE", "TIME"}
MIN_UNATTRIBUTED_WORDS = 6  # a quote with no speaker is kept from this many words
MIN_SENTENCE_WORDS = 4  # a quote or a headline claim of fewer words is a title or a label, not speech
MAX_HEADLINE_SOURCE = 5  # words before a line's colon that may name its speaker


def headline_attributions(doc: Doc) -> list[Attribution]:
    """ "Graham: Trump's rhetoric destroying GOP's chances": a short name, a colon, its claim (no mere label)."""
    out = []
    for line_start in [0] + [t.i + 1 for t in doc if "\n" in t.text and t.i + 1 < len(doc)]:
        while line_start < len(doc) - 1 and doc[line_start].text in MARKS:
            line_start += 1  # a transcript line opens with a mark: "PENCE: Well, ...
        head = doc[line_start : line_start + MAX_HEADLINE_SOURCE + 1]
        colon = next((t for t in head if t.text == ":"), None)
        if colon is None or colon.i == line_start or colon.i + 1 >= len(doc) or "\n" in doc[colon.i + 1].text:
            continue
        source = doc[line_start : colon.i]
        named = [t for t in source if t.ent_type_ in references.NAMED] or _label(source)
        rest = [t for t in doc[colon.i + 1 :] if references.same_line(t, colon)]
        if (
            not named
            or any(t.pos_ in ("VERB", "AUX") for t in source)
            or '"' in source.text
            or "“" in source.text
            or sum(not t.is_punct for t in rest) < MIN_SENTENCE_WORDS
        ):  # "Clinton: Keep it" labels a section
            continue
        out.append(
            Attribution(
                colon, (colon.idx, colon.idx + 1), ":", "speech", named[-1], pieces(rest), None, "headline-colon"
            )
        )
    return out


def _label(source: SpacySpan) -> list[Token]:
    """A capitalised name or noun heading a line ("Poll:", "WALLACE:"), not a dateline or a date."""
    places = [p.span for p in source.doc._.places or []]
    if any(
        not (t.is_title or t.is_upper)
        or t.pos_ not in ("PROPN", "NOUN")
        or t.ent_type_ in PLACE_OR_TIME
        or speakers.inside(t.idx, places)
        for t in source
    ):
        return []
    return [source[-1]]


def attributed_by_layout(doc: Doc, q: list[Span], records: list[Quote]) -> list[Quote]:
    """A quote no cue governs, placed by where it stands: signed after a dash by its speaker; after
    a clause ending in a colon, that clause's subject's; else part of the quote just before it in
    its paragraph, or a piece of the last quote given directly in its paragraph (not of an indirect
    cue between them: "\"X,\" Y said after Z was called to testify. \"W.\"" is one attribution, as
    news annotation counts it), a quote of its own by the same speaker in the next paragraph (news
    annotation counts a new paragraph's quote apart), or (if long) a quote of the person named in
    the sentences before, else of no known speaker; short scare quotes are dropped. Returns the
    quotes it makes (none where it joins one of ``records``, which it extends)."""
    start, text = q[0][0], speakers.text_of(doc)
    words = sum(len(text[s:e].split()) for s, e in q)
    sentence_like = words >= MIN_SENTENCE_WORDS and _starts_sentence(text, start)
    signer = speakers.signed_after(doc, q[-1][1])
    if signer is not None:
        speaker = speakers.speaker_ref(signer, speakers.mention_span(signer), None)
        return [
            Quote(
                content=q,
                kind="direct",
                speaker=speaker,
                evidence=evidence_of(doc, q),
                confidence=CONFIDENCE["quote"],
                rule="signed",
            )
        ]
    introducer = speakers.introduced_by(doc, start)
    if introducer is not None:  # a new speaker's clause and a colon outrank the quote before
        speaker = speakers.speaker_ref(introducer, speakers.mention_span(introducer), None)
        return [
            Quote(
                content=q,
                kind="direct",
                speaker=speaker,
                evidence=evidence_of(doc, q),
                confidence=CONFIDENCE["quote"],
                rule="colon",
            )
        ]
    prev = records[-1] if records else None
    if prev is not None and sentence_like:
        gap = text[hull(prev.content)[1] : start]
        if "\n" not in gap and (
            not gap.strip(' "”“') or prev.evidence and prev.evidence[1] >= start - 2 and prev.kind != "indirect"
        ):
            prev.content = prev.content + q
            prev.kind = "direct" if prev.kind == "direct" else "mixed"
            return []
        quoted = next((r for r in reversed(records) if r.kind != "indirect" and r.speaker is not None), prev)
        gap = text[hull(quoted.content)[1] : start]
        if quoted.speaker is not None and quoted.kind != "indirect" and "\n" not in gap:
            quoted.content = quoted.content + q
            quoted.evidence = hull([quoted.evidence, evidence_of(doc, q)] if quoted.evidence else q)
            return []
        # apart, not joined to the quote before: PolNeAR joins about half of these (see docs/decisions.md)
        if quoted.speaker is not None and gap.count("\n") + gap.count(". ") <= 2:
            return [
                Quote(
                    content=q,
                    kind="direct",
                    speaker=quoted.speaker,
                    evidence=evidence_of(doc, q),
                    confidence=CONFIDENCE["continuation"],
                    rule="continuation",
                )
            ]
    if words >= MIN_UNATTRIBUTED_WORDS and sentence_like:
        named = speakers.named_before(doc, start)
        named_ref = None if named is None else speakers.speaker_ref(named, speakers.mention_span(named), None)
        return [
            Quote(
                content=q,
                kind="direct",
                speaker=named_ref,
                evidence=evidence_of(doc, q),
                confidence=CONFIDENCE["previous" if named_ref else "unattributed"],
                rule="previous-sentence" if named_ref else "unattributed",
            )
        ]
    return []


def _starts_sentence(text: str, start: int) -> bool:
    """Whether a quote opens a sentence: at a paragraph's start or after a full stop."""
    before = text[:start].rstrip(" ")
    return not before or before[-1] in "\n.!?:"
