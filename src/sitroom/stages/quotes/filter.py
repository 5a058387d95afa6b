"""A learned check of every quote the rules find: is it really reported speech?

The cue rules of :mod:`sitroom.stages.quotes.rules` over-generate: a stance or evidence word with a plain
object ("hired an investment banker", "slashed its forecast"), a manner phrase read
as content ("spoke against the backdrop"), a content cut where the cue is not one at
all. Whether a found quote is real depends on several weak signals at once: the
cue's lemma and class, the rule that found it, the shape of its content (a clause
with "that", a bare object, a quotation), who holds it and how long it is. A
logistic regression over those features, trained by ``scripts/train_quotes.py`` on
the quotes the rules find in PolNeAR train (a quote is right where it matches a gold
content at overlap 0.3), gives each quote a probability: quotes below the threshold
chosen on out-of-fold probabilities over train are dropped, and the rest carry the
probability as their confidence. Quotes bounded by quotation marks or found by the
encoder are not judged here. It is shipped as a JSON table of feature weights
(``knowledge/data/models/quotes/filter.json``) and read with the standard library only.
Before it, any quote with a cue (quoted or not) whose words the fine-tuned cue encoder
(:mod:`sitroom.stages.quotes.encoder`) all reads as no cue is dropped, and so is an indirect quote
whose words it reads as no attribution's content.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from sitroom.record import Quote
from sitroom.stages import text_of
from sitroom.stages.learned import SparseLogistic, sparse_logistic
from sitroom.stages.quotes import cue_model, encoder
from sitroom.stages.quotes.marks import MARKS
from sitroom.stages.quotes.settings import DEFAULTS, QuotesSettings

MODEL_FILE = "models/quotes/filter.json"
WORD_BUCKETS = (1, 2, 4, 8, 16, 32)  # content length classes, in words
SPEAKER_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who"}  # a speaker feature's "pron" class
# Rules whose quotes the filter checks: those that read a content off a cue's parse. Quotation
# marks bound the others.
CHECKED = ("cue:", "phrase:")


def _bucket(n: int) -> str:
    return str(next((b for b in WORD_BUCKETS if n <= b), "more"))


def _content_span(doc: Doc, quote: Quote) -> SpacySpan | None:
    """The tokens of the quote's first piece."""
    s, e = quote.content[0]
    return doc.char_span(s, e, alignment_mode="expand")


def quote_features(doc: Doc, quote: Quote) -> list[str]:
    """Sparse string features of one found quote, read from the quote and the parse."""
    rule = quote.rule.split(":")[0]
    lemma = quote.cue_lemma or "-"
    text = text_of(doc)
    words = sum(len(text[s:e].split()) for s, e in quote.content)
    quoted = text[quote.content[0][0]] in MARKS
    feats = [
        f"r={rule}",
        f"l={lemma}",
        f"k={quote.kind}",
        f"rk={rule}|{quote.kind}",
        f"lk={lemma}|{quote.kind}",
        f"n={_bucket(words)}",
        f"rn={rule}|{_bucket(words)}",
        f"pieces={min(len(quote.content), 3)}",
        f"q={quoted}",
        f"med={quote.medium is not None}",
        f"kn={quote.kind}|{_bucket(words)}",
    ]
    klass = cue_model.cue_classes().get(lemma, "model" if quote.cue else "none")
    feats += [f"c={klass}", f"ck={klass}|{quote.kind}", f"cn={klass}|{_bucket(words)}", f"rc={rule}|{klass}"]
    feats += _speaker(quote, klass)
    feats += _cue(doc, quote, lemma)
    feats += _shape(doc, quote, lemma)
    return feats


def _speaker(quote: Quote, klass: str) -> list[str]:
    """Who holds it: nobody, a pronoun, a coded actor, or other words."""
    sp = quote.speaker
    if sp is None:
        kind = "none"
    elif sp.text.lower() in SPEAKER_PRONOUNS:
        kind = "pron"
    else:
        kind = "actor" if sp.actor_id else "words"
    return [f"s={kind}", f"cs={klass}|{kind}"]


def _cue(doc: Doc, quote: Quote, lemma: str) -> list[str]:
    """The cue word's part of speech, dependency and the cue model's view of it."""
    if quote.cue is None:
        return ["cue=none"]
    span = doc.char_span(*quote.cue, alignment_mode="expand")
    if span is None or not len(span):
        return ["cue=none"]
    tok = span.root
    p = cue_model.cue_probability(tok) if cue_model.is_candidate(tok) else 0.0
    side = "before" if quote.cue[0] < quote.content[0][0] else "after"
    gap = text_of(doc)[min(quote.cue[1], quote.content[0][0]) : max(quote.cue[0], quote.content[-1][1])]
    return [
        f"cp={tok.pos_}",
        f"cd={tok.dep_}",
        f"cb={int(p * 5)}",
        f"lcb={lemma}|{int(p * 5)}",
        f"side={side}",
        f"gap={_bucket(len(gap.split()))}",
        f"ct={tok.tag_}",
        f"lcd={lemma}|{tok.dep_}",
    ]


def _shape(doc: Doc, quote: Quote, lemma: str) -> list[str]:
    """What the content opens with and whether it holds a clause (a verb of its own)."""
    span = _content_span(doc, quote)
    if span is None or not len(span):
        return ["shape=none"]
    first = span[0]
    verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    root = span.root
    return [
        f"f={first.lower_}",
        f"fp={first.pos_}",
        f"lf={lemma}|{first.lower_}",
        f"v={verb}",
        f"lv={lemma}|{verb}",
        f"rd={root.dep_}",
        f"lrd={lemma}|{root.dep_}",
        f"ent={root.ent_type_ or '-'}",
    ]


def is_checked(quote: Quote) -> bool:
    """Whether the filter judges this quote (the others are kept as found)."""
    return quote.rule.startswith(CHECKED)


def quote_classifier() -> SparseLogistic:
    """The shipped filter's logistic regression."""
    return sparse_logistic(MODEL_FILE)


def probability(doc: Doc, quote: Quote) -> float:
    """The model's probability that a found quote is reported speech as annotated in news corpora."""
    return quote_classifier().probability(quote_features(doc, quote))


def encoder_doubts(doc: Doc, quote: Quote, settings: QuotesSettings = DEFAULTS) -> bool:
    """Whether the cue encoder reads no word of the quote's cue as a cue, every one under
    ``settings.encoder_veto`` (never without its weights):
    the cue rules' belief, stance and evidence words and the cue model's are right about as often as
    not when it does. A reporting verb ("said", "claimed") is a cue wherever it has a content (the
    encoder, taught by one corpus, doubts one whose sentence ends "according to ..."), and a cue
    with no word (a transcript's "HOLT:", a headline's colon) is the layout's to judge."""
    if (
        quote.cue is None
        or encoder.shipped_encoder() is None
        or cue_model.cue_classes().get(quote.cue_lemma or "") == "speech"
    ):
        return False
    span = doc.char_span(quote.cue[0], quote.cue[1], alignment_mode="expand")
    if span is None or not any(t.is_alpha for t in span):
        return False
    return encoder.span_probability(doc, span.start_char, span.end_char) < settings.encoder_veto


def encoder_reads_no_content(doc: Doc, quote: Quote, settings: QuotesSettings = DEFAULTS) -> bool:
    """Whether the cue encoder, which read the whole paragraph, reads (almost) none of an indirect
    quote's words as an attribution's content (a mean content probability under
    ``settings.content_veto``). Such quotes are mostly a parse's object taken for reported speech
    ("booed off the stage", "devoted attention"). Quotation marks bound a direct or mixed quote
    whatever the encoder reads."""
    return quote.kind == "indirect" and encoder.content_probability(doc, quote.content) < settings.content_veto


def checked(doc: Doc, found: list[Quote], settings: QuotesSettings = DEFAULTS) -> list[Quote]:
    """The quotes the model keeps, each with its probability as confidence, less those whose cue
    or content the cue encoder doubts."""
    threshold = quote_classifier().threshold
    out = []
    for quote in found:
        if encoder_doubts(doc, quote, settings) or encoder_reads_no_content(doc, quote, settings):
            continue
        if not is_checked(quote):
            out.append(quote)
            continue
        p = probability(doc, quote)
        if p >= threshold:
            quote.confidence = round(p, 3)
            out.append(quote)
    return out
