"""A learned attribution-cue model: which words of a parse head an attribution cue.

The cue lexicon (``knowledge/data/quotes/cues.tsv``) names the words that can report speech,
but whether one does depends on its context: "said" nearly always does, "called"
does with a clause ("called for talks", "called it a hoax") and not as a telephone
call, and many stance words ("is critical of", "X's warning that", "tended to
support") are cues only with a holder and a content. A logistic regression over
features of the spaCy parse (lemma, part of speech, dependency, the complements and
subject it has, the words beside it, the lexicon's class) scores each candidate
token; it is trained by ``scripts/train_quotes.py`` on PolNeAR train attributions
(a token is a cue where it falls in a gold cue span) and shipped as a JSON table of
feature weights (``knowledge/data/models/quotes/cue_model.json``), read here with the standard library only.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from sitroom.knowledge import read_tsv
from sitroom.stages import CUE_PROBABILITY_KEY
from sitroom.stages.learned import SparseLogistic, sparse_logistic

MODEL_FILE = "models/quotes/cue_model.json"
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX", "PROPN"})  # PROPN: title-case headline verbs
CUE_CLAUSE_DEPS = ("ccomp", "xcomp", "acl", "advcl", "relcl", "parataxis")  # a cue's clause children
HOLDER_DEPS = ("nsubj", "nsubjpass", "poss", "agent")  # children that hold a cue's attribution


@lru_cache(maxsize=1)
def cue_classes() -> dict[str, str]:
    """Every lexicon cue word with its class (speech, belief, stance, evidence)."""
    return {row["cue"].split()[0]: row["class"] for row in read_tsv("quotes/cues.tsv")}


def is_candidate(tok: Token) -> bool:
    """Tokens the model scores: content words that may head a cue."""
    return tok.pos_ in CANDIDATE_POS


def cue_features(tok: Token) -> list[str]:
    """Sparse string features of one candidate token, read from its parse."""
    lemma = tok.lemma_.lower()
    klass = cue_classes().get(lemma, "none")
    feats = [
        f"l={lemma}",
        f"p={tok.pos_}",
        f"t={tok.tag_}",
        f"d={tok.dep_}",
        f"lp={lemma}|{tok.pos_}",
        f"ld={lemma}|{tok.dep_}",
        f"k={klass}",
        f"kp={klass}|{tok.pos_}",
        f"kd={klass}|{tok.dep_}",
        f"h={tok.head.lemma_.lower()}",
        f"hp={tok.head.pos_}|{tok.dep_}",
    ]
    feats += _children(tok, lemma, klass)
    feats += _subject(tok)
    feats += _context(tok)
    return feats


def _children(tok: Token, lemma: str, klass: str) -> list[str]:
    """What the token governs: a clause, a "that", a topic preposition, an object."""
    out = []
    for child in tok.children:
        out.append(f"c={child.dep_}")
        out.append(f"kc={klass}|{child.dep_}")
        if child.dep_ in ("prep", "mark", "dative", "agent", "prt"):
            out.append(f"cw={child.dep_}|{child.lower_}")
            out.append(f"lcw={lemma}|{child.lower_}")
        if child.dep_ in CUE_CLAUSE_DEPS:
            out.append(f"lc={lemma}|{child.dep_}")
            if any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
                out.append("that-clause")
        if child.dep_ == "punct" and child.text == ":" and child.i > tok.i:
            out.append("colon-after")
    return out


def _subject(tok: Token) -> list[str]:
    """Who holds the attribution: its subject or possessor, by entity type or pronoun."""
    holder = next((c for c in tok.children if c.dep_ in HOLDER_DEPS), None)
    if holder is None:
        return ["s=none", f"s=none|{tok.dep_}"]
    if holder.dep_ == "agent":
        holder = next((g for g in holder.children if g.dep_ == "pobj"), holder)
    kind = holder.ent_type_ or (holder.lower_ if holder.pos_ == "PRON" else holder.pos_)
    return [f"s={kind}", f"sd={holder.dep_}", f"ks={cue_classes().get(tok.lemma_.lower(), 'none')}|{kind}"]


def _context(tok: Token) -> list[str]:
    """The neighbouring words and where the token stands in its sentence."""
    doc = tok.doc
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else "<s>"
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "</s>"
    out = [f"w-1={prev}", f"w+1={nxt}", f"lw+1={tok.lemma_.lower()}|{nxt}"]
    if tok.i == tok.sent.root.i:
        out.append("root")
    if any(a.lemma_.lower() in cue_classes() and a.pos_ == "VERB" for a in tok.ancestors):
        out.append("under-cue")
    return out


def cue_classifier() -> SparseLogistic:
    """The shipped cue model's logistic regression."""
    return sparse_logistic(MODEL_FILE)


def cue_probability(tok: Token) -> float:
    """The model's probability that the token heads an attribution cue, computed once per token
    (the cue rules and the quote filter both ask)."""
    known = tok.doc.user_data.setdefault(CUE_PROBABILITY_KEY, {})
    if tok.i not in known:
        known[tok.i] = cue_classifier().probability(cue_features(tok))
    return known[tok.i]


def is_cue(tok: Token) -> bool:
    """Whether the model calls the token an attribution cue (candidates only)."""
    return is_candidate(tok) and cue_probability(tok) >= cue_classifier().threshold
