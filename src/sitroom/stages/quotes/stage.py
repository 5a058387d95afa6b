"""The quotes stage: the rules' quotes joined with the attributions the cue encoder reads.

The rules of :mod:`sitroom.stages.quotes.rules` find a quote where a cue they know governs a
content in the parse; the fine-tuned encoder of :mod:`sitroom.stages.quotes.encoder` labels every
word of a paragraph as an attribution's cue, source or content, and so finds cues no list holds
and contents the parse cuts wrongly. Its contents score better than the rules', while the rules
resolve speakers better (pronouns, roles, a quote's split cue). So each attribution the encoder
reads keeps its content and cue and takes the speaker and medium of the rules' quote sharing its
cue or, failing that, most of its content (the rules' content stays where it holds the encoder's
and the encoder reads it as content on the whole); with no such quote, its speaker is resolved
from the source it tags or the cue's subject in the parse, as the rules resolve theirs, else from
the sentence around the cue or the last speaker. A rules' quote that no encoder content touches
is kept as it is. Last, where the encoder is sure of a quote's source and the speaker is not in
it, the source names the speaker. The tuning values are :class:`QuotesSettings`, chosen on
PolNeAR dev (see docs/decisions.md).
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from sitroom.record import ActorRef, Quote, Span
from sitroom.stages import layout
from sitroom.stages.actors import references
from sitroom.stages.quotes import encoder, speakers
from sitroom.stages.quotes import filter as quote_filter
from sitroom.stages.quotes.content import Attribution, cue_lemma
from sitroom.stages.quotes.marks import scan_marks
from sitroom.stages.quotes.rules import found_quotes, holder, quote_of, speaker_of
from sitroom.stages.quotes.settings import DEFAULTS, QuotesSettings
from sitroom.stages.quotes.spans import evidence_of, overlaps, union

READ_RULES = ("cue:", "phrase:", "encoder")  # quotes whose speaker is read from the cue's syntax


class QuotesStage:
    """The spaCy component: fills ``doc._.quotes`` with :class:`Quote` records."""

    def __init__(self, nlp: Language, settings: QuotesSettings = DEFAULTS) -> None:
        self.nlp = nlp
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc, self.settings)
        references.forget_ents(doc)
        return doc


def extract_quotes(doc: Doc, settings: QuotesSettings = DEFAULTS) -> list[Quote]:
    """All reported speech of a parsed article, in text order: the rules' quotes, checked by the
    learned filter, joined with the encoder's attributions."""
    encoder.read(doc, settings)
    quotes = joined(doc, quote_filter.checked(doc, found_quotes(doc, settings), settings), settings)
    return [off_furniture(doc, q) for q in quotes if not on_furniture(doc, q)]


def off_furniture(doc: Doc, quote: Quote) -> Quote:
    """A quote whose speaker was read off a furniture line ("WATCH: ...") keeps its words, not that speaker."""
    sp = quote.speaker
    if sp is not None and sp.span is not None and layout.in_furniture(doc, sp.span):
        return replace(quote, speaker=None)
    return quote


def on_furniture(doc: Doc, quote: Quote) -> bool:
    """A quote whose words or cue lie on a page-furniture line ("WATCH: ...", a tweet's signature)."""
    return any(layout.in_furniture(doc, piece) for piece in quote.content) or bool(
        quote.cue and layout.in_furniture(doc, quote.cue)
    )


def joined(doc: Doc, records: list[Quote], settings: QuotesSettings = DEFAULTS) -> list[Quote]:
    """The encoder's attributions, each with its counterpart's speaker among ``records``, and the
    records no encoder content overlaps. Quotation marks bound a quote better than any tagger: a
    direct or mixed record stays whole, and no encoder content reaches into one that is not its
    counterpart's."""
    out: list[Quote] = []
    twins: list[Quote] = []
    marked = [q for q in records if q.kind != "indirect"]
    for tag in sorted(encoder.tagged(doc, settings), key=lambda t: t.content[0][0]):
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
                for q in sorted(out + records, key=_start)[::-1]
                if q.speaker is not None and _start(q) < tag.content[0][0]
            ),
            None,
        )
        quote = from_tag(doc, tag, twin, recent, settings)
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
    return with_sure_sources(doc, one_per_cue(doc, sorted(out + kept, key=_start)), settings)


def with_sure_sources(doc: Doc, quotes: list[Quote], settings: QuotesSettings = DEFAULTS) -> list[Quote]:
    """The quotes, a speaker the parse found giving way to the source the encoder reads nearest the
    cue when it is sure of it (``settings.source_sure``) and the speaker is not part of it. The
    cue's subject in the parse is often no speaker ("That", "which", the object of "encouraged"),
    and where the two disagree a sure source is more often right. Layout rules (signatures,
    headlines, continued paragraphs) name their speaker by position and keep it."""
    out: list[Quote] = []
    for quote in quotes:
        cue = quote.cue
        found = encoder.nearest_source(doc, cue) if cue is not None and quote.rule.startswith(READ_RULES) else None
        if cue is not None and found is not None and found[1] >= settings.source_sure:
            words = [w for w in found[0] if not w.is_punct]
            if words and not (quote.speaker and overlaps(quote.speaker.span, _span(words))):
                speaker = _speaker_from(doc, quote, cue, words, out[-1].speaker if out else None)
                quote = replace(quote, speaker=speaker or quote.speaker)
        out.append(quote)
    return out


def _speaker_from(
    doc: Doc, quote: Quote, cue_span: Span, source: list[Token], recent: ActorRef | None
) -> ActorRef | None:
    """The speaker the source words name, resolved as the rules resolve a cue's subject."""
    cue = doc.char_span(cue_span[0], cue_span[1], alignment_mode="expand")
    if cue is None:
        return None
    subject = doc[source[0].i : source[-1].i + 1].root
    a = Attribution(
        cue.root, cue_span, quote.cue_lemma or "", "speech", subject, list(quote.content), quote.medium, quote.rule
    )
    return speaker_of(doc, a, recent)


def _span(words: list[Token]) -> Span:
    return words[0].idx, words[-1].idx + len(words[-1].text)


def one_per_cue(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """The quotes in text order, those sharing a cue in one paragraph made one: a cue introduces
    one attribution, whatever pieces it has ('"X," Obama said, "Y."' where two rules each read one
    piece; "said she has the quality: \"Steadiness\""), and PolNeAR never gives two attributions
    one cue. A quote in the next paragraph stays apart, as news annotation counts it."""
    out: list[Quote] = []
    text = speakers.text_of(doc)
    for quote in quotes:
        cue = quote.cue
        first = (
            None
            if cue is None
            else next(
                (
                    i
                    for i, q in enumerate(out)
                    if q.cue == cue and "\n" not in text[q.content[-1][1] : quote.content[0][0]]
                ),
                None,
            )
        )
        if cue is None or first is None:
            out.append(quote)
            continue
        content = union(out[first].content + quote.content)
        out[first] = replace(
            out[first], content=content, kind=_kind(doc, content), evidence=evidence_of(doc, content + [cue])
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


def from_tag(
    doc: Doc,
    tag: encoder.Tagged,
    twin: Quote | None,
    recent: ActorRef | None,
    settings: QuotesSettings = DEFAULTS,
) -> Quote:
    """A Quote of the encoder's attribution: its twin's with the encoder's content where it has a
    twin, else one whose speaker is resolved from the tagged source or the cue's subject."""
    if twin is not None:
        sure = _holds_read_content(doc, twin.content, tag.content, settings.parse_content_sure)
        content = twin.content if sure else list(tag.content)
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
    named. Keeping these attributions this way reads better than dropping them or keeping them
    with no speaker (see docs/decisions.md)."""
    root = a.cue.sent.root
    heads = [] if tagged else [holder(a.cue, widely=True), speakers.subject_of(root) if root.i != a.cue.i else None]
    for head in heads:
        if head is not None:
            speaker = speaker_of(doc, replace(a, subject=head), recent)
            if speaker is not None:
                return speaker
    return recent


def _holds_read_content(doc: Doc, parsed: list[Span], read: list[Span], sure: float) -> bool:
    """Whether the parse's content holds all the encoder's and the encoder reads it as content on
    the whole (a mean content probability of ``sure`` or more). The encoder's run ends at the first
    word it doubts ("to hold Bryan Pagliano, a | former technology aide ..."); the parse's subtree
    ends where the clause does."""
    return all(any(a <= s and e <= b for a, b in parsed) for s, e in read) and (
        encoder.content_probability(doc, parsed) >= sure
    )


def _kind(doc: Doc, content: list[Span]) -> str:
    """Direct where quotation marks hold the whole content, mixed where they hold part of it."""
    quoted = [p for q in scan_marks(speakers.text_of(doc)) for p in q]
    inside = _shared(content, quoted)
    if not inside:
        return "indirect"
    return "direct" if inside >= sum(e - s for s, e in content) - 2 else "mixed"


@Language.factory(
    "sitroom_quotes",
    requires=[
        "doc.sents",
        "doc.ents",
        "doc._.furniture",
        "token.dep",
        "token.pos",
        "token.tag",
        "token.lemma",
        "token.ent_type",
        "doc._.places",
        "doc._.actors",
        "doc._.actor_index",
    ],
    # doc._.actors: a speaker's pronoun or role resolved to an actor joins that actor's mentions (actors.stage.linked)
    assigns=["doc._.quotes", "doc._.actors"],
    default_config={"settings": asdict(DEFAULTS)},  # nlp.config shows every tuned value
)
def make_quotes(nlp: Language, name: str, settings: dict[str, Any]) -> QuotesStage:
    return QuotesStage(nlp, QuotesSettings(**settings))
