"""What a cue says: the content of an attribution, read from the parse subtree of its cue.

A speech verb's clause ("said that ...") is its content; without a clause, its objects
and prepositional complements are ("criticised the deal", "warned of a war"), but not
the circumstances around the saying: its time, its medium, its addressee, nor what a
comma sets apart at the end (a non-restrictive relative clause, a participle such as
", citing ...") or a semicolon begins. What the cue lexicon (``knowledge/data/quotes/cues.tsv``)
says a cue needs is read here too, since the content of a cue depends on its class; and the
:class:`Attribution` a cue makes, with the confidence its quote gets, which the cue rules
(:mod:`sitroom.stages.quotes.rules`) and the layout rules (:mod:`sitroom.stages.quotes.layout`) build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from sitroom.knowledge import read_tsv
from sitroom.knowledge.english import speech_cues
from sitroom.record import Span
from sitroom.stages.actors import references
from sitroom.stages.quotes import speakers
from sitroom.stages.quotes.spans import pieces

# Complements of a cue that hold what was said (the rest are manner, time, addressee).
CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "prep", "oprd", "attr", "acomp", "dep", "parataxis", "pcomp", "advmod"}
SKIP_PREP_OBJECTS = {"DATE", "TIME"}
# Prepositions of the saying's time and manner ("voted along party lines", "pitched himself by
# telling them ..."): not what was said. A passive's "by" is its agent, a dependency of its own.
SETTING_PREPS = {"during", "after", "before", "since", "amid", "following", "despite", "along", "among", "by"}
# Prepositions that link a cue to its topic ("worried about", "called for", "warned of").
TOPIC_PREPS = {"about", "for", "of", "on", "against", "in", "over"}
SET_APART = {"relcl", "advcl", "acl"}  # clauses a comma may set apart from the content
RELATIVES = {"which", "who", "whose", "whom"}
# Conjunctions of contrast whose clause, set apart by a comma at the end of a content, is
# another claim ("..., while Y suggests ...", "..., although he refused"), not what was said.
TAIL_CONJUNCTIONS = {"while", "whereas", "though", "although"}
BREAKS = {";", "--", "—"}
# Conjunctions and prepositions of time or contrast opening a clause that ends a content
# ("... after X determined", "... before floating the idea").
CIRCUMSTANCE_LINKS = {"after", "before", "when", "though", "although", "despite"}
LOOSE_ENDS = {",", "and", "but", "or", "–", "—", "-"}
# A quote's confidence by its cue's class, or by the rule that placed it where no cue did.
CONFIDENCE = {
    "speech": 0.85,
    "belief": 0.6,
    "stance": 0.5,
    "evidence": 0.5,
    "quote": 0.9,
    "continuation": 0.7,
    "previous": 0.55,
    "unattributed": 0.3,
}


@dataclass
class Attribution:
    """A cue with its speaker head and the content it governs, before it becomes a Quote."""

    cue: Token
    cue_span: Span
    lemma: str
    klass: str
    subject: Token | None
    content: list[Span]
    medium: str | None = None
    rule: str = ""
    quotes: list[list[Span]] = field(default_factory=list)


def cue_lemma(tok: Token) -> str:
    """The token's lemma, repaired where the tagger drops a silent "e" ("hoping" -> "hop"):
    a verb form in -ing/-ed whose lemma plus "e" is a cue is that cue."""
    lemma = tok.lemma_.lower()
    if (
        lemma not in speech_cues()["VERB"]
        and tok.lower_.endswith(("ing", "ed"))
        and lemma + "e" in speech_cues()["VERB"]
    ):
        return lemma + "e"
    return lemma


@lru_cache(maxsize=1)
def needs_clause() -> frozenset[str]:
    """Cue verbs that report speech only with a clause or a quote ("continued that", "added:")."""
    return frozenset(row["cue"] for row in read_tsv("quotes/cues.tsv") if row["needs"] == "clause")


def complement(cue: Token) -> list[Span]:
    """What a cue says: its clause (with its "that"), else its objects (a passive speech verb's
    subject: "X was criticised"), as character pieces."""
    children = [c for c in cue.children if references.same_line(c, cue)]
    clause = "acl" if cue.pos_ == "NOUN" else "ccomp"  # "the warning that ..." is the noun's clause
    roles = {c.i: content_role(c, cue) for c in children}
    deps = set(roles.values())
    if clause in deps:
        wanted = {clause}
    elif cue.lemma_.lower() in needs_clause():
        return []
    elif "xcomp" in deps:
        wanted = {"xcomp", "dobj"}
    else:
        wanted = CONTENT_DEPS
    toks: list[Token] = []
    for child in children:
        dep = roles[child.i]
        if dep == "nsubjpass" and clause not in deps and speech_cues()["VERB"].get(cue.lemma_.lower()) == "speech":
            toks.extend(t for t in child.subtree if references.same_line(t, cue))  # "X was criticised": X
        if dep not in wanted or dep != clause and child.i < cue.i:
            continue
        if dep == "advmod" and not any(g.dep_ in ("ccomp", "pcomp") for g in child.children):
            continue
        if dep == "prep" and _is_circumstance(child):
            continue
        if dep == "dobj" and cue.lemma_.lower() in speakers.ADDRESSEE_VERBS:
            continue
        toks.extend(t for t in child.subtree if references.same_line(t, cue))
    if not toks and cue.dep_ == "parataxis" and any(c.dep_ == "nsubj" for c in cue.children):
        inside = {t.i for t in cue.subtree}
        toks = [t for t in cue.head.subtree if t.i not in inside and references.same_line(t, cue)]
    own = {t.i for t in toks} - _conjoined_cues(toks)
    toks = _clip_at_colon(cue, sorted((t for t in toks if t.i in own), key=lambda t: t.i))
    return pieces(_cut_inner_cue(_cut_tail(_drop_topic_prep(cue, toks))))


def content_role(child: Token, cue: Token) -> str:
    """The child's dependency as the content reads it: a "that" clause the parser hung as a
    relative clause of a cue noun ("a report that Trump had a loss", where "that" is a
    complementiser, not a relative pronoun) is the noun's clause; one it hung as an adverbial
    clause after a cue verb ("tweeted in the morning that Machado was ...") is the verb's."""
    if (
        child.dep_ == "relcl"
        and cue.pos_ == "NOUN"
        and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children)
    ):
        return "acl"
    if child.dep_ == "advcl" and cue.pos_ != "NOUN" and child.left_edge.lower_ == "that" and child.left_edge.i > cue.i:
        return "ccomp"
    return child.dep_


def _drop_topic_prep(cue: Token, toks: list[Token]) -> list[Token]:
    """ "expressed concern about the policy", "called for a ban": the preposition that links
    the cue to its topic is the cue's, not the content's (news annotation leaves it out)."""
    if len(toks) > 1 and toks[0].dep_ == "prep" and toks[0].head.i == cue.i and toks[0].lower_ in TOPIC_PREPS:
        return toks[1:]
    return toks


def _conjoined_cues(toks: list[Token]) -> set[int]:
    """Tokens of a conjoined cue inside the content ("says he respects her and calls her X"):
    that verb reports its own speech, so its words are its own quote."""
    out: set[int] = set()
    for tok in toks:
        if (
            tok.dep_ == "conj"
            and tok.pos_ == "VERB"
            and speech_cues()["VERB"].get(tok.lemma_.lower()) == "speech"
            and not any(c.dep_ == "nsubj" for c in tok.children)
        ):
            out |= {t.i for t in tok.subtree}
    return out


def _is_circumstance(prep: Token) -> bool:
    """Prepositional phrases of time, medium or addressee: not part of what was said."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return False
    if obj.ent_type_ in SKIP_PREP_OBJECTS or prep.lower_ == "to" and obj.pos_ in ("PROPN", "PRON"):
        return True
    if prep.lower_ in SETTING_PREPS:
        return True
    return prep.lower_ in ("in", "on") and obj.lemma_ in (
        "statement",
        "interview",
        "conversation",
        "call",
        "speech",
        "post",
        "tweet",
    )


def _clip_at_colon(cue: Token, toks: list[Token]) -> list[Token]:
    """A colon after the cue's clause opens a new (direct) quote: the indirect content stops there."""
    for n, tok in enumerate(toks):
        if tok.text == ":" and tok.i > cue.i and n > 0:
            return toks[:n]
    return toks


def _cut_tail(toks: list[Token]) -> list[Token]:
    """What a semicolon or a dash begins, or a comma sets apart at the end (", which ...",
    ", citing ...", ", while Y suggests ...") is the writer's addition (or another
    attribution), not the content."""
    for n, tok in enumerate(toks[1:-1], start=1):
        if tok.text in BREAKS:
            return toks[:n]
        after = _past_marks(toks, n + 1)
        if tok.text == "," and _set_apart(toks[after], toks[-1]):
            return toks[: after if after > n + 1 else n]  # a comma inside the quote is the quote's
        if tok.text == "," and _tail_clause(toks[n + 1], toks[-1]):
            return toks[:n]
    return toks


def _past_marks(toks: list[Token], n: int) -> int:
    """The position of the first word at or after n, past closing quotation marks (",” citing")."""
    while n < len(toks) - 1 and toks[n].is_quote:
        n += 1
    return n


def _set_apart(first: Token, last: Token) -> bool:
    """Whether a clause opens at ``first`` (a relative word, "with whom", or a participle) and runs to ``last``."""
    if not (
        first.lower_ in RELATIVES
        or first.tag_ == "VBG"
        or first.dep_ == "prep"
        and any(c.lower_ in RELATIVES for c in first.children)
    ):
        return False
    clause = first
    while clause.dep_ not in SET_APART and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ in SET_APART and clause.left_edge.i == first.i and clause.right_edge.i >= last.i


def _tail_clause(tok: Token, last: Token) -> bool:
    """Whether ``tok`` is a conjunction of contrast opening a clause that runs to ``last``."""
    return (
        tok.lower_ in TAIL_CONJUNCTIONS
        and tok.dep_ == "mark"
        and tok.head.dep_ == "advcl"
        and tok.head.right_edge.i >= last.i
    )


def _cut_inner_cue(toks: list[Token]) -> list[Token]:
    """A clause ending the content whose verb is a cue with a subject of its own, joined by
    ", and" ("the talks failed, and she added that ...") or opened by a conjunction of time or
    contrast ("... after prosecutors determined ...", "... after determining that ..."), is
    another attribution: news annotation never nests one in another, so the content ends
    before it (and its joining comma or "and")."""
    for tok in toks[1:]:
        if not (tok.pos_ == "VERB" and tok.right_edge.i >= toks[-1].i and cue_lemma(tok) in speech_cues()["VERB"]):
            continue
        opening = (tok.head if tok.dep_ == "pcomp" else tok).left_edge  # "after determining": from "after"
        cut = next(m for m, t in enumerate(toks) if t.i >= opening.i)
        joined = cut > 2 and toks[cut - 1].lower_ in ("and", "but") and toks[cut - 2].text == ","
        if toks[cut].is_quote or not (joined and _own_clause(tok) or _circumstance(tok)):
            continue  # a quoted clause is the speaker's own words
        while cut > 1 and toks[cut - 1].lower_ in LOOSE_ENDS:
            cut -= 1
        if cut > 0:
            return toks[:cut]
    return toks


def _own_clause(verb: Token) -> bool:
    """A clause with its own subject and no "that" of a second content ("and that ...")."""
    return (
        verb.dep_ in ("conj", "ccomp")
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        and not any(c.dep_ == "mark" for c in verb.children)
    )


def _circumstance(verb: Token) -> bool:
    """A clause of time or contrast: "after X said", "even though he found", "before floating"."""
    if verb.dep_ == "pcomp":
        return verb.head.lower_ in CIRCUMSTANCE_LINKS
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_LINKS for c in verb.children)
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )
