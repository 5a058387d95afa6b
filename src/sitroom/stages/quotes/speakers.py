"""Who is speaking: the speaker's words in the text and the name they stand for.

A cue's speaker is found on the parse (its subject, or the subject it shares with
the verb it hangs from: "he accused ..., arguing that ..."), and the mention is
resolved to a name from the text alone, so quotes keep a named speaker even where
the actors stage codes nothing: pronouns to the person last in focus, roles ("the
president", "the ministry") to the person or body named earlier with that role,
appositions ("Trump's envoy, Steve Witkoff") to the named person, surnames to the
fullest form of the name in the article.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitroom.knowledge.english import PERSON_POSSESSIVES, PERSON_PRONOUNS, THING_PRONOUNS
from sitroom.record import ActorRef, Span
from sitroom.stages import text_of
from sitroom.stages.actors.references import (
    NAMED,
    actor_named,
    actor_ref,
    animate_nouns,
    entity_of,
    in_clause,
    linked,
    named_in,
    office_word_of,
    referent_name,
    same_line,
)

AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant")
# Dependencies through which a participle or infinitive shares its head's subject.
SHARED_SUBJECT = ("conj", "xcomp", "advcl", "pcomp", "prep")
MAX_SUBJECT_CLIMB = 6  # heads climbed from a cue to the clause that names its subject
PLACE_PREPS = {"aboard", "at", "in", "outside", "during"}
MAX_SUBJECT_DISTANCE = 12  # tokens back from a cue to look for its speaker
ADDRESSEE_VERBS = {"tell", "inform", "assure", "advise", "brief"}


def subject_of(cue: Token) -> Token | None:
    """The head of the cue's speaker: its subject, inherited through participles and conjuncts,
    and through the preposition a gerund hangs from ("began by saying", "in defending himself,
    Trump ..."); of two subjects the parse gives, the nearer."""
    tok = cue
    for _ in range(MAX_SUBJECT_CLIMB):
        deps = ("nsubj",) if tok.i == cue.i else ("nsubj", "nsubjpass")  # "after saying X, she was whisked off"
        subjects = [c for c in tok.children if c.dep_ in deps and _may_speak(c, tok)]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - tok.i))
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((g for g in agent.children if g.dep_ == "pobj"), None)
        controller = _object_controller(tok)
        if controller is not None:
            return controller
        if tok.dep_ in SHARED_SUBJECT and tok.head.i != tok.i:
            tok = tok.head
        elif (issuer := _issuer(tok)) is not None:
            tok = issuer
        elif tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
        else:
            return None
    return None


def _may_speak(subject: Token, verb: Token) -> bool:
    """Whether a subject the parse gives a verb can be its speaker: not a time, and in the
    verb's line and clause (no line break or colon between: "The Latest: Trump urges ...")."""
    lo, hi = sorted((subject.i, verb.i))
    return (
        subject.ent_type_ not in ("DATE", "TIME")
        and same_line(subject, verb)
        and not any(t.text == ":" for t in subject.doc[lo:hi])
    )


def _object_controller(tok: Token) -> Token | None:
    """An infinitive's subject is its head verb's object where that object can act ("forced
    Stumpf to admit", "prompted NATO to order"): object control, as opposed to "vowed to"; a
    thing the subject uses or spends is no controller ("used technology to claim credit")."""
    if tok.dep_ != "xcomp" or tok.i < tok.head.i:
        return None
    return next(
        (c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i and (animate(c) or _agentive(c))), None
    )


def _issuer(tok: Token) -> Token | None:
    """The verb whose subject speaks a participle hung on a thing in that verb's objects: what
    a subject issues or speaks at speaks for it ("she released a statement saying ...", "said at
    a news conference announcing ...", "is questioning the integrity of the system, encouraging
    ..."). People in the object speak for themselves ("included staff members suggesting"), as
    does a thing after "with" ("with a poll giving ...") or in a phrase before the verb ("In a
    statement announcing the pick, the union ...": the statement is the source)."""
    if tok.dep_ != "acl" or tok.tag_ != "VBG" or tok.head.i > tok.i or animate(tok.head):
        return None
    node = tok.head
    for _ in range(MAX_SUBJECT_CLIMB):
        if node.dep_ not in ("dobj", "pobj", "prep") or node.head.i == node.i or node.lower_ == "with":
            return None
        if node.head.pos_ == "VERB":
            verb = node.head
            return verb if node.i > verb.i and any(c.dep_ == "nsubj" for c in verb.children) else None
        node = node.head
    return None


def animate(tok: Token) -> bool:
    """Whether a noun phrase's head can speak or act: a pronoun for people ("them", "some"), a
    named person, body or people, or a noun for people listed in the data files."""
    if tok.pos_ == "PRON":
        return tok.lower_ not in THING_PRONOUNS
    return tok.ent_type_ in NAMED or tok.lemma_.lower() in animate_nouns()


def _agentive(tok: Token) -> bool:
    """A common noun with an agent suffix ("banker", "investor", "economist", "politician"): a
    person, though not listed; good enough where an object may control an infinitive."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower().endswith(AGENT_SUFFIXES)


def mention_span(head: Token, limit: Token | None = None) -> Span:
    """Characters of the speaker's noun phrase, without relative clauses or edge punctuation."""
    toks = [t for t in head.subtree if not in_clause(t, head) and same_line(t, head)]
    if limit is not None and head.i < limit.i:
        toks = [t for t in toks if t.i < limit.i]
    while len(toks) > 1 and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while len(toks) > 1 and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def medium_of(cue: Token) -> str | None:
    """The addressee or channel: "told CNN" -> CNN, "said in an interview with X" -> X."""
    doc = cue.doc
    for child in cue.children:
        if child.dep_ in ("dative", "dobj") and cue.lemma_.lower() in ADDRESSEE_VERBS:
            if child.pos_ in ("PROPN", "NOUN") and child.ent_type_ not in ("DATE", "TIME"):
                return _addressee(cue, child)
        if child.dep_ == "prep" and child.lower_ in ("to", "on", "with"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and (
                obj.ent_type_ in ("ORG", "PERSON", "WORK_OF_ART") or obj.lower_ in ("reporters", "journalists")
            ):
                return _mention_text(doc, obj)
        if child.dep_ == "prep" and child.lower_ == "in":
            for noun in (g for g in child.children if g.dep_ == "pobj" and g.lemma_ == "interview"):
                with_ = [p for p in noun.children if p.dep_ == "prep" and p.lower_ == "with"]
                objs = [g for p in with_ for g in p.children if g.dep_ == "pobj"]
                if objs:
                    return _mention_text(doc, objs[0])
    return None


def _addressee(cue: Token, obj: Token) -> str:
    """ "told reporters aboard Air Force One": the addressee with the place it was told at."""
    doc = cue.doc
    start, end = mention_span(obj)
    for prep in cue.children:
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if (
            prep.dep_ == "prep"
            and prep.lower_ in PLACE_PREPS
            and prep.idx == end + 1
            and pobj is not None
            and pobj.ent_type_ not in ("DATE", "TIME")
        ):
            end = mention_span(prep)[1]
    return text_of(doc)[start:end]


def _mention_text(doc: Doc, head: Token) -> str:
    """The words of the noun phrase ``head`` heads."""
    start, end = mention_span(head)
    return text_of(doc)[start:end]


def speaker_ref(head: Token, span: Span, recent: str | None) -> ActorRef:
    """The speaker coded through the actors stage where it knows the span; named from the text."""
    ref = actor_ref(head.doc, span)
    if ref.actor_id is None or head.lower_ in PERSON_PRONOUNS | PERSON_POSSESSIVES:
        ref = linked(head.doc, ref, referent_name(head, recent))  # "he": the actor meant, when known
    elif office_word_of(head) and not named_in(head) and actor_named(head.doc, name := referent_name(head, recent)):
        ref = linked(head.doc, ref, name)  # "the ministry": the body the article named before
    return ref


def inside(pos: int, pieces: list[Span]) -> bool:
    """Whether a character offset falls within any of the pieces."""
    return any(s <= pos < e for s, e in pieces)


def beside_cue(cue: Token, quoted: list[Span]) -> Token | None:
    """When the parse puts the subject inside the quote: the name between quote and cue, or after the cue."""
    doc = cue.doc
    last_close = max((e for _, e in quoted if e <= cue.idx), default=-1)
    before = [t for t in doc[max(0, cue.i - 6) : cue.i] if not inside(t.idx, quoted) and t.idx > last_close]
    for tok in list(reversed(before)) + list(doc[cue.i + 1 : cue.i + 4]):
        if tok.is_punct and tok.i > cue.i:
            break
        if tok.pos_ in ("PROPN", "NOUN", "PRON"):
            return tok
    return None


def named_left(cue: Token, said: list[Span]) -> Token | None:
    """No subject on the parse: the nearest noun, name or pronoun before the cue in its sentence,
    or after a cue right after its words ("\"...,\" said the woman, who ...")."""
    start = max(cue.sent.start, cue.i - MAX_SUBJECT_DISTANCE)
    nearest = None
    for tok in reversed(cue.doc[start : cue.i]):
        if inside(tok.idx, said):
            break
        if tok.ent_type_ in ("DATE", "TIME"):
            continue
        if tok.dep_ in ("nsubj", "nsubjpass") and (tok.pos_ == "PRON" or tok.ent_type_ in NAMED):
            return tok  # a clause's named or pronoun subject outranks a nearer object
        if nearest is None and tok.pos_ in ("PROPN", "NOUN", "PRON", "NUM"):
            nearest = tok
    if nearest is None and any(0 <= cue.idx - e <= 3 for _, e in said):
        return beside_cue(cue, said)
    return nearest


def named_before(doc: Doc, start: int) -> Token | None:
    """The person or body named last in the two sentences before a quote with no cue, a subject first."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    if first is None or first.start == 0:
        return None
    sent = doc[first.start - 1].sent
    window = doc[doc[max(0, sent.start - 1)].sent.start : first.start]
    ents = [e for e in window.ents if e.label_ in ("PERSON", "ORG")]
    subjects = [e for e in ents if e.root.dep_ in ("nsubj", "nsubjpass")]
    pick = (subjects or ents)[-1:] if ents else []
    return pick[0].root if pick else None


def introduced_by(doc: Doc, start: int) -> Token | None:
    """The subject of the clause a colon ends just before a quote: "Peskov was blunt: \"...\""."""
    before = text_of(doc)[:start].rstrip(' "“')
    colon = doc.char_span(len(before) - 1, len(before)) if before.endswith(":") else None
    if colon is None:
        return None
    clause = doc[doc[colon.start].sent.start : colon.start]
    subjects = [t for t in clause if t.dep_ in ("nsubj", "nsubjpass") and (t.ent_type_ in NAMED or t.pos_ == "PROPN")]
    return subjects[-1] if subjects else None


SIGNATURE_DASHES = "―—–-"


def signed_after(doc: Doc, end: int) -> Token | None:
    """The name a quote is signed with after a dash on its own line ("“...” ― Ana Ruiz"),
    the convention of quote collections and epigraphs."""
    text = text_of(doc)
    line_end = text.find("\n", end)
    tail = text[end : len(text) if line_end < 0 else line_end]
    stripped = tail.lstrip(" \u00a0")
    if not stripped or stripped[0] not in SIGNATURE_DASHES:
        return None
    rest = stripped.lstrip(SIGNATURE_DASHES + " \u00a0")
    at = end + len(tail) - len(rest)
    first = doc.char_span(at, at + 1, alignment_mode="expand")
    if first is None or len(first) == 0 or first[0].pos_ != "PROPN" or not first[0].is_title:
        return None
    ent = entity_of(first[0])
    if ent is not None and ent.label_ in ("PERSON", "ORG"):
        return ent.root
    return first[0]
