"""The quotes stage: the rules' quotes joined with the attributions the cue encoder reads.

The rules of ``quotes.py`` find a quote where a cue they know governs a content in the
parse; the fine-tuned encoder of ``encoder.py`` labels every word of a paragraph as
an attribution's cue, source or content, and so finds cues no list holds and contents
the parse cuts wrongly. On PolNeAR dev its contents alone score about 0.82 F1 at
overlap 0.3 against the rules' 0.80, while the rules resolve speakers better (pronouns, roles,
a quote's split cue). So each attribution the encoder reads keeps its content and
cue and takes the speaker and medium of the rules' quote sharing its cue or, failing
that, most of its content (the rules' content stays where it holds the encoder's and the
encoder reads it as content on the whole: PolNeAR dev content F1@0.3 0.845 -> 0.846); with no such quote, its speaker is resolved from the
source it tags or the cue's subject in the parse, as the rules resolve theirs, else from the
sentence around the cue or the last speaker. A rules'
quote that no encoder content touches is kept as it is. Last, where the encoder is sure of a
quote's source and the speaker is not in it, the source names the speaker.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from sitroom.record import ActorRef, Quote, Span
from sitroom.stages.actors import references
from sitroom.stages.quotes import encoder, speakers
from sitroom.stages.quotes import filter as quote_filter
from sitroom.stages.quotes.content import cue_lemma
from sitroom.stages.quotes.marks import scan_marks
from sitroom.stages.quotes.rules import Attribution, evidence_of, found_quotes, holder, quote_of, speaker_of
from sitroom.stages.quotes.spans import overlaps, union

SOURCE_SURE = 0.8  # mean source probability at which the encoder's source outranks the parse's speaker (chosen on dev)
PARSE_CONTENT_SURE = 0.6  # mean content probability at which the parse's wider content is kept (chosen on dev)
READ_RULES = ("cue:", "phrase:", "encoder")  # quotes whose speaker is read from the cue's syntax


class QuotesStage:
    """The spaCy component: fills ``doc._.quotes`` with :class:`Quote` records."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc)
        references.forget_ents(doc)
        return doc


def extract_quotes(doc: Doc) -> list[Quote]:
    """All reported speech of a parsed article, in text order: the rules' quotes, checked by the
    learned filter, joined with the encoder's attributions."""
    return joined(doc, quote_filter.checked(doc, found_quotes(doc)))


def joined(doc: Doc, records: list[Quote]) -> list[Quote]:
    """The encoder's attributions, each with its counterpart's speaker among ``records``, and the
    records no encoder content overlaps. Quotation marks bound a quote better than any tagger: a
    direct or mixed record stays whole, and no encoder content reaches into one that is not its
    counterpart's."""
    out: list[Quote] = []
    twins: list[Quote] = []
    marked = [q for q in records if q.kind != "indirect"]
    for tag in sorted(encoder.tagged(doc), key=lambda t: t.content[0][0]):
        twin = counterpart(tag, records)
        if twin is not None and twin.kind != "indirect":
            out += [] if any(twin is t for t in twins) else [twin]
            twins.append(twin)
            continue
        tag.content = [p for p in tag.content if not any(overlaps(p, m) for q in marked for m in q.content)]
        if not tag.content:
            continue
        recent = next(
            (
                q.speaker
                for q in reversed(sorted(out + records, key=_start))
                if q.speaker is not None and _start(q) < tag.content[0][0]
            ),
            None,
        )
        quote = from_tag(doc, tag, twin, recent)
        if quote.speaker is None and quote.kind == "direct":
            continue  # words in marks that no rule took for a quote and no one is said to speak: scare quotes
        twins += [twin] if twin is not None else []
        out.append(quote)
    taken = [p for q in out for p in q.content]
    kept = [
        q
        for q in records
        if all(q is not t for t in twins) and not any(overlaps(p, t) for p in q.content for t in taken)
    ]
    return with_sure_sources(doc, one_per_cue(doc, sorted(out + kept, key=_start)))


def with_sure_sources(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """The quotes, a speaker the parse found giving way to the source the encoder reads nearest the
    cue when it is sure of it (``SOURCE_SURE``) and the speaker is not part of it. The cue's
    subject in the parse is often no speaker ("That", "which", the object of "encouraged"); where
    the two disagree on PolNeAR dev, a sure source is right about twice as often. Layout rules
    (signatures, headlines, continued paragraphs) name their speaker by position and keep it."""
    out: list[Quote] = []
    for quote in quotes:
        found = encoder.nearest_source(doc, quote.cue) if quote.cue and quote.rule.startswith(READ_RULES) else None
        if found is not None and found[1] >= SOURCE_SURE:
            words = [w for w in found[0] if not w.is_punct]
            if words and not (quote.speaker and overlaps(quote.speaker.span, _span(words))):
                speaker = _speaker_from(doc, quote, words, out[-1].speaker if out else None)
                quote = replace(quote, speaker=speaker or quote.speaker)
        out.append(quote)
    return out


def _speaker_from(doc: Doc, quote: Quote, source: list[Token], recent: ActorRef | None) -> ActorRef | None:
    """The speaker the source words name, resolved as the rules resolve a cue's subject."""
    cue = doc.char_span(*quote.cue, alignment_mode="expand").root
    subject = doc[source[0].i : source[-1].i + 1].root
    a = Attribution(
        cue, quote.cue, quote.cue_lemma or "", "speech", subject, list(quote.content), quote.medium, quote.rule
    )
    return speaker_of(doc, a, recent)


def _span(words: list[Token]) -> Span:
    return words[0].idx, words[-1].idx + len(words[-1].text)


def one_per_cue(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """The quotes in text order, those sharing a cue in one paragraph made one: a cue introduces
    one attribution, whatever pieces it has ('"X," Obama said, "Y."' where two rules each read one
    piece; "said she has the quality: \"Steadiness\""). PolNeAR never gives two attributions one
    cue (none of 2,192 on dev); joining them there took end-to-end F1@0.3 from 0.782 to 0.785. A
    quote in the next paragraph stays apart, as news annotation counts it."""
    out: list[Quote] = []
    text = speakers.text_of(doc)
    for quote in quotes:
        first = next(
            (
                i
                for i, q in enumerate(out)
                if quote.cue is not None
                and q.cue == quote.cue
                and "\n" not in text[q.content[-1][1] : quote.content[0][0]]
            ),
            None,
        )
        if first is None:
            out.append(quote)
            continue
        content = union(out[first].content + quote.content)
        out[first] = replace(
            out[first], content=content, kind=_kind(doc, content), evidence=evidence_of(doc, content + [quote.cue])
        )
    return out


def _start(quote: Quote) -> int:
    return quote.content[0][0]


def _shared(a: list[Span], b: list[Span]) -> int:
    """Characters two lists of pieces share."""
    return sum(max(0, min(x[1], y[1]) - max(x[0], y[0])) for x in a for y in b)


def counterpart(tag: encoder.Tagged, records: list[Quote]) -> Quote | None:
    """The rules' quote with the same cue, else the one sharing most of the tag's content."""
    cue = _cue_span(tag)
    scored = [
        ((q.cue is not None and overlaps(q.cue, cue)), _shared(q.content, tag.content), -i)
        for i, q in enumerate(records)
    ]
    best = max(scored, default=None)
    return None if best is None or not (best[0] or best[1]) else records[-best[2]]


def _cue_span(tag: encoder.Tagged) -> Span:
    return tag.cue[0].idx, tag.cue[-1].idx + len(tag.cue[-1].text)


def from_tag(doc: Doc, tag: encoder.Tagged, twin: Quote | None, recent: ActorRef | None) -> Quote:
    """A Quote of the encoder's attribution: its twin's with the encoder's content where it has a
    twin, else one whose speaker is resolved from the tagged source or the cue's subject."""
    if twin is not None:
        content = twin.content if _holds_read_content(doc, twin.content, tag.content) else list(tag.content)
        return replace(
            twin,
            content=content,
            kind=_kind(doc, content),
            evidence=evidence_of(doc, content + ([twin.cue] if twin.cue else [])),
        )
    cue = doc[tag.cue[0].i : tag.cue[-1].i + 1].root
    source = [w for w in tag.source if not w.is_punct]  # a stray comma tagged as source names no one
    subject = doc[source[0].i : source[-1].i + 1].root if source else holder(cue, widely=False)
    a = Attribution(
        cue, _cue_span(tag), cue_lemma(cue), "speech", subject, list(tag.content), speakers.medium_of(cue), "encoder"
    )
    speaker = speaker_of(doc, a, recent) or _fallback_speaker(doc, a, recent, tagged=bool(source))
    return quote_of(doc, a, a.content, _kind(doc, a.content), speaker, round(tag.probability, 3))


def _fallback_speaker(doc: Doc, a: Attribution, recent: ActorRef | None, tagged: bool) -> ActorRef | None:
    """The speaker of an attribution whose cue has no subject of its own ("the narrative that",
    "openly lie that", "rhetoric about"): where the encoder tags no source, the subject of the verb
    the cue noun hangs from ("They have invested in the narrative that"), else of its sentence's
    main verb; failing both, the last speaker before it, as news goes on quoting whoever it last
    named. Dropping these attributions instead cost recall: kept this way, PolNeAR dev content
    F1@0.3 0.846 -> 0.848 and end-to-end 0.801 -> 0.801 (kept with no speaker, 0.7998); on the
    even-numbered train articles, read by an encoder trained on the odd ones, 0.809 -> 0.811 and
    0.749 -> 0.749."""
    root = a.cue.sent.root
    heads = [] if tagged else [holder(a.cue, widely=True), speakers.subject_of(root) if root.i != a.cue.i else None]
    for head in heads:
        if head is not None:
            speaker = speaker_of(doc, replace(a, subject=head), recent)
            if speaker is not None:
                return speaker
    return recent


def _holds_read_content(doc: Doc, parsed: list[Span], read: list[Span]) -> bool:
    """Whether the parse's content holds all the encoder's and the encoder reads it as content on
    the whole (``PARSE_CONTENT_SURE``). The encoder's run ends at the first word it doubts ("to hold
    Bryan Pagliano, a | former technology aide ..."); the parse's subtree ends where the clause
    does."""
    return all(any(a <= s and e <= b for a, b in parsed) for s, e in read) and (
        encoder.content_probability(doc, parsed) >= PARSE_CONTENT_SURE
    )


def _kind(doc: Doc, content: list[Span]) -> str:
    """Direct where quotation marks hold the whole content, mixed where they hold part of it."""
    quoted = [p for q in scan_marks(speakers.text_of(doc)) for p in q]
    inside = _shared(content, quoted)
    if not inside:
        return "indirect"
    return "direct" if inside >= sum(e - s for s, e in content) - 2 else "mixed"


@Language.factory("sitroom_quotes")
def make_quotes(nlp: Language, name: str) -> QuotesStage:
    return QuotesStage(nlp)
