"""A learned content-span tagger: the long tail of attributions the cue rules miss.

The rules of ``quotes.py`` read a content from the parse subtree of a cue they
know (the lexicon's, or the cue model's of ``attribution.py``). Many attributions
in news have a cue neither knows ("mocked", "reserved his passion for"), or a
content the subtree cuts wrongly. A linear-chain CRF (crfsuite) tags the tokens of
each paragraph with BIO labels for an attribution's content, cue and source, from
features of the spaCy parse: the word and its shape, lemma, part of speech and
dependency, its head, whether it stands inside quotation marks, the cue model's
score of the word, of its head and of the nearest cue among its ancestors (with the
dependency by which the word hangs from it), the distance to the nearest cue-like
word and where it stands in its sentence and paragraph. It is trained by
``scripts/train_quotes.py`` on PolNeAR train and shipped as a crfsuite binary
(``data/models/quotes_tagger.crfsuite``, about 1 MB after L1 pruning). The helpers on
lists of character pieces that the quotes stage and the tagger share live here too.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pycrfsuite
from spacy.tokens import Doc, Token

from sitroom import attribution
from sitroom.marks import DOUBLED, MARKS as QUOTE_MARKS, scan_marks
from sitroom.record import Span

MODEL_FILE = "models/quotes_tagger.crfsuite"
LEXICAL_POS = ("VERB", "NOUN")
WINDOW = 2  # neighbours on each side whose word, tag and quotation state are features
MAX_ANCESTOR_HOPS = 6
MIN_MARGINAL = 0.5  # mean marginal of its content labels a tagged span needs to be a quote (chosen on dev)


def paragraphs(doc: Doc) -> list[list[Token]]:
    """The doc's tokens by paragraph (a line break ends one), whitespace tokens left out."""
    out: list[list[Token]] = [[]]
    for tok in doc:
        if "\n" in tok.text and out[-1]:
            out.append([])
        elif not tok.is_space:
            out[-1].append(tok)
    return [p for p in out if p]


def cue_scores(doc: Doc) -> dict[int, float]:
    """The cue model's probability for every candidate token, at least 0.9 for a lexicon cue verb or noun."""
    out = {}
    for tok in doc:
        if not attribution.is_candidate(tok):
            continue
        lexical = tok.pos_ in LEXICAL_POS and tok.lemma_.lower() in attribution.cue_classes()
        out[tok.i] = max(attribution.cue_probability(tok), 0.9 if lexical else 0.0)
    return out


def _bucket(p: float) -> str:
    return "0" if p < 0.2 else "1" if p < 0.5 else "2" if p < 0.8 else "3"


def _quoted(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks, read from the characters (``marks.py``)."""
    out: set[int] = set()
    for q in scan_marks(doc.text):
        for s, e in q:
            span = doc.char_span(s, e, alignment_mode="expand")
            out |= set(range(span.start, span.end)) if span is not None else set()
    return out


def _shape(tok: Token) -> str:
    shape = tok.shape_
    return "".join(ch for n, ch in enumerate(shape) if n == 0 or ch != shape[n - 1])


def _ancestor_cue(tok: Token, scores: dict[int, float]) -> list[str]:
    """The nearest ancestor the cue model calls a cue, the dependency the path leaves it by, and its score."""
    child = tok
    for hops, anc in enumerate(tok.ancestors):
        if hops >= MAX_ANCESTOR_HOPS:
            break
        p = scores.get(anc.i, 0.0)
        if p >= 0.5:
            return [f"anc.dep={child.dep_}", f"anc.b={_bucket(p)}|{child.dep_}", f"anc.hops={min(hops, 3)}",
                    f"anc.side={'L' if tok.i < anc.i else 'R'}|{child.dep_}"]
        child = anc
    return ["anc=none"]


def _nearest_cue(tok: Token, cues: list[int], sent: tuple[int, int]) -> str:
    """Signed, bucketed distance to the nearest cue-like word of the sentence."""
    near = [c - tok.i for c in cues if sent[0] <= c < sent[1]]
    if not near:
        return "cue.dist=none"
    d = min(near, key=abs)
    size = 0 if d == 0 else 1 if abs(d) <= 2 else 2 if abs(d) <= 5 else 3 if abs(d) <= 12 else 4
    return f"cue.dist={'L' if d > 0 else 'R' if d < 0 else '0'}{size}"


def _token_features(tok: Token, scores: dict[int, float], cues: list[int], quoted: set[int],
                    sent: tuple[int, int]) -> list[str]:
    lemma = tok.lemma_.lower()
    p = scores.get(tok.i, 0.0)
    head_p = scores.get(tok.head.i, 0.0)
    feats = [f"w={tok.lower_}", f"l={lemma}", f"s={_shape(tok)}", f"p={tok.pos_}", f"t={tok.tag_}", f"d={tok.dep_}",
             f"hl={tok.head.lemma_.lower()}", f"hd={tok.head.dep_}", f"hp={tok.head.pos_}|{tok.dep_}",
             f"e={tok.ent_iob_}{tok.ent_type_}", f"q={tok.i in quoted}", f"c={_bucket(p)}",
             f"hc={_bucket(head_p)}|{tok.dep_}", _nearest_cue(tok, cues, sent)]
    if tok.is_sent_start:
        feats.append("sent.start")
    if tok.i + 1 == sent[1] or tok.i + 2 == sent[1] and tok.nbor().is_punct:
        feats.append("sent.end")
    if tok.text in ('"', "“", "”", DOUBLED, "‘", "’"):
        feats.append("mark")
    feats += _ancestor_cue(tok, scores)
    if tok.dep_ in ("nsubj", "nsubjpass") and scores.get(tok.head.i, 0.0) >= 0.5:
        feats.append("cue.subject")
    return feats


def featurize(para: list[Token], scores: dict[int, float], quoted: set[int],
              sents: dict[int, tuple[int, int]]) -> list[list[str]]:
    """Feature strings of each token of a paragraph, with its neighbours' word, tag and quoting."""
    cues = [i for i, p in scores.items() if p >= 0.5]
    own = [_token_features(t, scores, cues, quoted, sents[t.i]) for t in para]
    first_sent = sents[para[0].i][0]
    out = []
    sent_no = 0  # the token's sentence within the paragraph: 0, 1, 2 or more
    for n, tok in enumerate(para):
        sent_no += int(tok.is_sent_start and tok.i > first_sent)
        feats = own[n] + [f"para.sent={min(sent_no, 2)}"]
        for k in range(-WINDOW, WINDOW + 1):
            if k == 0:
                continue
            if 0 <= n + k < len(para):
                nb = para[n + k]
                feats += [f"{k}:w={nb.lower_}", f"{k}:p={nb.pos_}", f"{k}:q={nb.i in quoted}"]
                if abs(k) == 1:
                    feats += [f"{k}:d={nb.dep_}", f"{k}:c={_bucket(scores.get(nb.i, 0.0))}"]
            else:
                feats.append(f"{k}:edge")
        out.append(feats)
    return out


def doc_features(doc: Doc, scores: dict[int, float] | None = None) -> list[tuple[list[Token], list[list[str]]]]:
    """Every paragraph of a parsed doc with its tokens' features (``scores``: its cue scores, if known)."""
    scores = cue_scores(doc) if scores is None else scores
    quoted = _quoted(doc)
    sents = {t.i: (sent.start, sent.end) for sent in doc.sents for t in sent}
    return [(para, featurize(para, scores, quoted, sents)) for para in paragraphs(doc)]


@lru_cache(maxsize=1)
def tagger() -> pycrfsuite.Tagger:
    """The shipped CRF, opened once."""
    model = pycrfsuite.Tagger()
    with resources.as_file(resources.files("sitroom").joinpath("data", MODEL_FILE)) as path:
        model.open(str(path))
    return model


def runs(tokens: list[Token], labels: list[str], kind: str) -> list[list[Token]]:
    """The token runs a BIO labelling gives for one kind (CON, CUE, SRC)."""
    out: list[list[Token]] = []
    inside = False
    for tok, label in zip(tokens, labels):
        if label == f"B-{kind}" or label == f"I-{kind}" and not inside:
            out.append([tok])
            inside = True
        elif label == f"I-{kind}":
            out[-1].append(tok)
        else:
            inside = False
    return out


def contents(doc: Doc) -> list[tuple[list[Token], Token | None, float]]:
    """The attribution contents the CRF tags, each with the head of the cue it tagged nearest in
    its paragraph (else the nearest word the cue model calls a cue there, else None) and the CRF's mean
    marginal probability of the content labels over its tokens."""
    out = []
    scores = cue_scores(doc)
    model = tagger()
    for para, feats in doc_features(doc, scores):
        labels = model.tag(feats)
        cue_runs = runs(para, labels, "CUE")
        heads = [doc[r[0].i: r[-1].i + 1].root for r in cue_runs]
        heads = heads or [t for t in para if scores.get(t.i, 0.0) >= 0.5]
        at = {t.i: n for n, t in enumerate(para)}
        for toks in runs(para, labels, "CON"):
            mid = (toks[0].i + toks[-1].i) / 2
            cue = min(heads, key=lambda h: abs(h.i - mid), default=None)
            sure = sum(model.marginal(labels[at[t.i]], at[t.i]) for t in toks) / len(toks)
            out.append((toks, cue, sure))
    return out


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
        while group and (group[-1].is_space or group[-1].pos_ == "CCONJ"
                         or group[-1].is_punct and group[-1].text not in ('"', "”", "’", DOUBLED)):
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
