"""Reported speech found by rules: direct, indirect and mixed quotes with their speakers.

Two sources of evidence meet here. Quotation marks give direct speech, read from the
characters so that news conventions survive the parser (:mod:`sitroom.stages.quotes.marks`).
The parse gives attributions: a cue (a speech verb, a noun such as "claim", or a
phrase such as "according to", all listed in ``knowledge/data/quotes/cues.tsv``), its speaker
and its complement. A quote whose words the cue's complement covers is that cue's
direct quote; a complement that holds quoted and unquoted words is a mixed quote;
one with none is indirect. Quotes no cue governs are attached by the news
conventions: a cue before a colon, a cue after the quote's comma in its split, a verb
right after the quote, else by the layout (:mod:`sitroom.stages.quotes.layout`: a headline's
colon, a signature, the quote before it by the same speaker, the speaker named in the
sentence before). The content of a cue is read in :mod:`sitroom.stages.quotes.content`; every
quote read off a cue's parse then passes a learned check (:mod:`sitroom.stages.quotes.filter`)
whose probability becomes its confidence, and the stage (:mod:`sitroom.stages.quotes.stage`)
joins these quotes with the attributions the fine-tuned encoder reads
(:mod:`sitroom.stages.quotes.encoder`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitroom.knowledge.english import speech_cues
from sitroom.record import ActorRef, Quote, Span
from sitroom.stages.actors import references
from sitroom.stages.quotes import cue_model, speakers
from sitroom.stages.quotes.content import CONFIDENCE, Attribution, complement, content_role, cue_lemma
from sitroom.stages.quotes.layout import MIN_SENTENCE_WORDS, attributed_by_layout, headline_attributions
from sitroom.stages.quotes.marks import MARKS, scan_marks
from sitroom.stages.quotes.settings import DEFAULTS, QuotesSettings
from sitroom.stages.quotes.spans import evidence_of, hull, overlaps, pieces, union, without

NOUN_TOPIC_PREPS = {"of", "about", "on", "against"}  # a cue noun's topic ("Trump's criticism of the deal")
TRAILING_WINDOW = 7  # tokens after a quote's closing mark in which its verb may stand ("Obama's former aide said")


def verb_attributions(doc: Doc) -> list[Attribution]:
    """Every speech, belief or evidence verb or noun with its speaker and complement: the
    lexicon's, and the words the learned cue model calls cues ("tended to support",
    "is critical of") with the class the lexicon gives their lemma, else speech."""
    lex = speech_cues()
    out = []
    for tok in doc:
        lemma = cue_lemma(tok)
        if _opens_phrase(tok):
            continue
        if tok.pos_ == "VERB" and lemma in lex["VERB"]:
            klass = lex["VERB"][lemma]
        elif tok.pos_ == "NOUN" and lemma in lex["NOUN"] and _has_content(tok):
            klass = lex["NOUN"][lemma]
        elif cue_model.is_cue(tok):
            klass = cue_model.cue_classes().get(lemma, "speech")
        else:
            continue
        subject = holder(tok)
        content = complement(tok)
        out.append(
            Attribution(
                tok,
                (tok.idx, tok.idx + len(tok.text)),
                lemma,
                klass,
                subject,
                content,
                speakers.medium_of(tok),
                f"cue:{lemma}",
            )
        )
    return out


def _predicate(tok: Token) -> Token:
    """The verb whose subject holds an adjective's view ("she is critical of" -> "is")."""
    return tok.head if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "oprd") else tok


def _has_content(noun: Token) -> bool:
    """A cue noun reports speech with a clause ("the claim that ..."), or with its topic
    when it names whose it is ("Trump's criticism of the deal")."""
    return any(
        content_role(c, noun) in ("acl", "ccomp")
        or c.dep_ == "prep"
        and c.lower_ in NOUN_TOPIC_PREPS
        and _possessor(noun)
        for c in noun.children
    )


def holder(cue: Token, widely: bool = True) -> Token | None:
    """Whose words a cue reports: a verb's subject; a noun's possessor ("Trump's claim") or agent
    ("a warning from X"), the subject of the verb taking it as object, attribute or in its phrase
    ("expressed concern that", "is a critic of", "said in a statement that": news credits that
    subject; not ``widely``, for the encoder's cue nouns, only a light verb's), or the name compounded
    before a noun heading its sentence, a verb the tagger took for a noun ("Trump charges that")."""
    if cue.pos_ != "NOUN":
        return speakers.subject_of(_predicate(cue))
    owner = _possessor(cue)
    if owner is not None:
        return owner
    by = next(
        (
            g
            for c in cue.children
            if c.dep_ == "prep" and c.lower_ in ("by", "from")
            for g in c.children
            if g.dep_ == "pobj"
        ),
        None,
    )
    if by is not None:  # "warnings from his attorney", "the decision by the FBI"
        return by
    if cue.dep_ == "attr" or cue.dep_ == "dobj" and (widely or cue.head.lemma_.lower() in speech_cues()["LIGHT"]):
        return speakers.subject_of(cue.head)  # "voiced concern that", "is a supporter of", "showed no sign that"
    if widely and cue.dep_ == "pobj" and cue.head.head.pos_ in ("VERB", "AUX"):
        return speakers.subject_of(cue.head.head)  # "said in a statement that", "stirred controversy with an assertion"
    if cue.dep_ == "ROOT":
        return next((c for c in cue.children if c.dep_ == "compound" and c.i == cue.i - 1), None)
    return None


def _possessor(noun: Token) -> Token | None:
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def phrase_attributions(doc: Doc) -> list[Attribution]:
    """Content with no speech verb: "according to X, ...", "in a statement, ..."."""
    out = []
    lowered = [t.lower_ for t in doc]
    for phrase, klass in speech_cues()["PHRASE"].items():
        words = phrase.split()
        for i in range(len(doc) - len(words) + 1):
            if not _phrase_at(lowered, i, words):
                continue
            first, last = doc[i], doc[i + len(words) - 1]
            anchor = first.head if first.head.i not in range(i, i + len(words)) else last.head
            named = next((c for c in last.children if c.dep_ == "pobj"), None)
            if named is None and speech_cues()["VERB"].get(anchor.lemma_.lower()) == "speech":
                continue  # "said in a statement": the verb is the cue; "according to X" names its own source
            source = named or speakers.subject_of(anchor)
            phrase_toks = set(range(first.i, last.i + 1)) | {t.i for t in last.subtree}
            toks = [t for t in anchor.subtree if t.i not in phrase_toks]
            out.append(
                Attribution(
                    first,
                    (first.idx, last.idx + len(last.text)),
                    phrase,
                    klass,
                    source,
                    pieces(toks),
                    None,
                    f"phrase:{phrase}",
                )
            )
    return out


def _phrase_at(lowered: list[str], i: int, words: list[str]) -> bool:
    """Whether a cue phrase stands at token i (any determiner or possessive reads as "a")."""
    return [
        w if w not in ("a", "an", "its", "his", "her", "their") else "a" for w in lowered[i : i + len(words)]
    ] == words


def _opens_phrase(tok: Token) -> bool:
    """A word that opens a cue phrase ("according" of "according to"): the phrase is its cue."""
    if tok.lower_ not in {phrase.split()[0] for phrase in speech_cues()["PHRASE"]}:
        return False
    lowered = [t.lower_ for t in tok.doc[tok.i : tok.i + 4]]
    return any(_phrase_at(lowered, 0, phrase.split()) for phrase in speech_cues()["PHRASE"])


def _covered(inner: list[Span], outer: list[Span]) -> bool:
    """Whether the inner pieces lie within the outer ones (marks ignored)."""
    return all(any(os_ <= s and e <= oe for os_, oe in outer) for s, e in inner)


def attach_quotes(doc: Doc, attrs: list[Attribution], marks: list[list[Span]]) -> list[list[Span]]:
    """Give each quote to the cue that governs it (adding to ``attrs`` the plain verbs that
    introduce a quote); return the quotes nothing governs."""
    left = []
    for q in marks:
        owner = _governing(attrs, q) or _split_owner(doc, attrs, q) or _colon_owner(doc, attrs, q)
        if owner is None:
            owner = _trailing_verb(doc, q)
            if owner is not None:
                attrs.append(owner)
        if owner is None:
            left.append(q)
        else:
            owner.quotes.append(q)
    return left


def _trailing_verb(doc: Doc, q: list[Span]) -> Attribution | None:
    """`"Go back," Trump barked`: any verb with a subject right after the closing mark
    introduces the quote, speech verb or not (barked, went on, smirked). A quote of a few
    words is a title or a name ("on ABC's “This Week,” Carson admitted"), not one spoken."""
    start, end = q[-1]
    quoted = doc.char_span(start, end, alignment_mode="expand")
    text = speakers.text_of(doc)
    if (
        quoted is None
        or text[start:end].rstrip(MARKS)[-1:] not in tuple(",?!—-")
        or sum(len(text[s:e].split()) for s, e in q) < MIN_SENTENCE_WORDS
    ):
        return None
    for tok in doc[quoted.end : quoted.end + TRAILING_WINDOW]:
        if "\n" in tok.text or tok.text in (".", ";"):
            return None
        if (
            tok.dep_ == "nsubj"
            and tok.head.pos_ == "VERB"
            and tok.head.i > tok.i
            and references.same_line(tok.head, tok)
        ):
            tok = tok.head  # "..., Jane Roe, an economist at the bank, said": the subject's verb
        if tok.pos_ == "VERB":
            subject = speakers.subject_of(tok)
            if subject is None or speakers.inside(subject.idx, q):
                subject = speakers.beside_cue(tok, q)
            if subject is None or speakers.inside(subject.idx, q):
                return None
            return Attribution(
                tok,
                (tok.idx, tok.idx + len(tok.text)),
                tok.lemma_.lower(),
                "speech",
                subject,
                [],
                speakers.medium_of(tok),
                "quote-then-verb",
            )
    return None


def _governing(attrs: list[Attribution], q: list[Span]) -> Attribution | None:
    """The cue outside the quote whose complement falls within or around it."""
    qs, qe = hull(q)
    best = None
    for a in attrs:
        if not a.content or speakers.inside(a.cue.idx, q) and a.rule != "headline-colon":
            continue
        cs, ce = hull(a.content)
        if ce <= qs or cs >= qe:
            continue
        if best is None or abs(a.cue.idx - qs) < abs(best.cue.idx - qs):
            best = a
    return best


def _split_owner(doc: Doc, attrs: list[Attribution], q: list[Span]) -> Attribution | None:
    """`"X," he said, "Y."`: the cue just before the second half owns it too."""
    qs = q[0][0]
    for a in attrs:
        if a.quotes and a.cue.idx < qs and _only_punct(speakers.text_of(doc)[_clause_end(a) : qs]):
            return a
    return None


def _clause_end(a: Attribution) -> int:
    ends = [a.cue_span[1]]
    if a.subject is not None and a.subject.i > a.cue.i:
        ends.append(speakers.mention_span(a.subject)[1])
    return max(ends)


def _only_punct(gap: str) -> bool:
    """A split's gap: a few marks within the paragraph (a new paragraph's quote is one of its own)."""
    return len(gap) <= 6 and "\n" not in gap and all(not ch.isalnum() for ch in gap)


def _colon_owner(doc: Doc, attrs: list[Attribution], q: list[Span]) -> Attribution | None:
    """`Trump stated:` then the quote, on the same line or the next paragraph."""
    before = speakers.text_of(doc)[: q[0][0]].rstrip()
    if not before.endswith(":"):
        return None
    colon = len(before) - 1
    near = [
        a
        for a in attrs
        if a.cue.idx < colon
        and a.subject is not None
        and not speakers.inside(a.cue.idx, q)
        and "\n" not in speakers.text_of(doc)[a.cue.idx : colon]
    ]
    return max(near, key=lambda a: a.cue.idx, default=None)


def drop_nested(
    attrs: list[Attribution], marks: list[list[Span]], settings: QuotesSettings = DEFAULTS
) -> list[Attribution]:
    """A cue inside quoted words is part of that quote (not a line's label: a transcript line's
    mark opens before "NAME:"); a cue inside another cue's content is part of that content unless
    it stands as an attribution of its own, the cue model sure of it at ``settings.nested_min``
    (news annotation never nests one attribution in another:
    "X, who contended that Y, said Z" holds two), and then the outer content gives up its clause."""
    quoted = [p for q in marks for p in q]
    kept, inner = [], []
    for a in attrs:
        if a.rule == "headline-colon":
            kept.append(a)
            continue
        own = set(a.content)
        if any(s <= a.cue.idx < e for s, e in quoted if (s, e) not in own):
            continue
        if any(s <= a.cue.idx < e for b in attrs if b is not a for s, e in b.content if (s, e) not in own):
            if not _stands_alone(a, settings.nested_min):
                continue
            inner.append(a)
        kept.append(a)
    for a in inner:
        if not a.content:  # its content was the clause of another nested cue, given up to it
            continue
        clause = _clause_of(a)
        for b in kept:
            if b is not a and any(s <= a.cue.idx < e for s, e in b.content):
                b.content = without(speakers.text_of(a.cue.doc), b.content, clause)
    return kept


def _stands_alone(a: Attribution, nested_min: float) -> bool:
    """A nested cue the cue model is sure of, with a holder and a content of its own."""
    return (
        bool(a.content)
        and a.subject is not None
        and cue_model.is_candidate(a.cue)
        and (cue_model.cue_probability(a.cue) >= nested_min)
    )


def _clause_of(a: Attribution) -> Span:
    """The characters of an attribution's clause: its holder, its cue and its content."""
    starts = [a.cue_span[0], hull(a.content)[0]] + ([speakers.mention_span(a.subject)[0]] if a.subject else [])
    return min(starts), max(a.cue_span[1], hull(a.content)[1])


def found_quotes(doc: Doc, settings: QuotesSettings = DEFAULTS) -> list[Quote]:
    """Every quote the rules find, before the learned check."""
    marks = scan_marks(speakers.text_of(doc))
    attrs = drop_nested(verb_attributions(doc) + phrase_attributions(doc) + headline_attributions(doc), marks, settings)
    bare = [a for a in attrs if not a.content and a.subject is not None]
    attrs = [a for a in attrs if a.content]
    owners = attrs + bare
    left = attach_quotes(doc, owners, marks)
    records: list[Quote] = []
    items = sorted(
        [(a.cue.idx, a) for a in owners if a.content or a.quotes] + [(q[0][0], q) for q in left], key=lambda x: x[0]
    )
    for _, item in items:
        recent = next((r.speaker for r in reversed(records) if r.speaker is not None), None)
        if isinstance(item, Attribution):
            records.extend(_from_attribution(doc, item, recent))
        else:
            records.extend(attributed_by_layout(doc, item, records))
    return sorted(records, key=lambda q: q.content[0][0])


def _from_attribution(doc: Doc, a: Attribution, recent: ActorRef | None) -> list[Quote]:
    """The cue's quote: its content with the quotes it owns; an indirect content keeps a
    quote after its colon apart ("told CNN that he expects ...: “...”")."""
    speaker = speaker_of(doc, a, recent)
    inner = [q for q in a.quotes if a.content and overlaps(hull(q), hull(a.content))]
    if a.content and not inner and a.quotes:
        pieces = [p for q in a.quotes for p in q]
        return [
            quote_of(doc, a, a.content, "indirect", speaker, CONFIDENCE[a.klass]),
            quote_of(doc, a, pieces, "direct", speaker, CONFIDENCE["quote"]),
        ]
    content, kind = _merge_content(a.content, a.quotes)
    return [quote_of(doc, a, content, kind, speaker, CONFIDENCE["quote" if a.quotes else a.klass])]


def _merge_content(content: list[Span], inner: list[list[Span]]) -> tuple[list[Span], str]:
    """The cue's content joined with the quotes it reaches into, and its kind."""
    quoted = [p for q in inner for p in q]
    if not quoted:
        return content, "indirect"
    if _covered(content, quoted):
        return quoted, "direct"
    return union(content + quoted), "mixed"


def quote_of(doc: Doc, a: Attribution, content: list[Span], kind: str, speaker: ActorRef | None, conf: float) -> Quote:
    return Quote(
        content=content,
        kind=kind,
        speaker=speaker,
        cue=a.cue_span,
        cue_lemma=a.lemma,
        medium=a.medium,
        evidence=evidence_of(doc, content + [a.cue_span]),
        confidence=conf,
        rule=a.rule,
    )


def speaker_of(doc: Doc, a: Attribution, recent: ActorRef | None) -> ActorRef | None:
    """The cue's speaker as an ActorRef: its words in the text, coded, with the resolved name."""
    if (
        a.subject is not None
        and a.rule != "headline-colon"
        and any(speakers.inside(a.subject.idx, q) for q in a.quotes)
    ):
        a.subject = speakers.beside_cue(a.cue, [p for q in a.quotes for p in q])
    elif a.subject is None and a.cue.pos_ == "VERB":
        a.subject = speakers.named_left(a.cue, a.content + [p for q in a.quotes for p in q])
    if a.subject is None:
        return None
    if a.subject.ent_type_ in ("DATE", "TIME"):
        return None
    span = speakers.mention_span(a.subject, limit=a.cue if a.subject.i < a.cue.i else None)
    return speakers.speaker_ref(a.subject, span, recent.name if recent else None)
