"""Who acts and who is acted on: the words of an event's source and target (its PLOVER argument roles).

The subject is the source (inherited through control links: "plans to speak"),
the object, the passive subject or the partner of "with"/"on"/"against" the
target; a pronoun stands for the subject of the clause above it, a bare collective
for its group, and conjuncts make compound actors. :mod:`sitroom.stages.events.parties`
turns the words found here into coded parties.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from spacy.tokens import Token

from sitroom.knowledge import read_tsv
from sitroom.record import Span
from sitroom.stages.actors.references import actor_ref
from sitroom.stages.events.triggers import EventCandidate, match_trigger, role_types, word_class

TARGET_PREPS = {"with", "between", "on", "against", "to", "at", "into", "upon", "toward", "towards", "from", "of"}
# Links through which an event's words inherit a subject from the clause above ("plans to speak").
CONTROL_DEPS = {"xcomp", "acl", "advcl", "conj", "dobj", "pobj", "prep", "relcl", "attr", "acomp"}  # "is ready to talk"
POLITICAL_ENTS = {"PERSON", "NORP", "GPE", "ORG"}
PARTY_ENTS = POLITICAL_ENTS | {"LOC", "FAC"}  # a place can be a target ("shelled the Gaza Strip")
NOT_ACTORS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
PURPOSE_DEPS = {"advcl", "xcomp"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# what is given is no target; who receives it is ("returned the statues to Greece": a yield, CONCEDE, too)
TRANSFER_TYPES = {"AID", "RETREAT", "CONCEDE", "COOPERATE", "AGREE", "MOBILIZE"}
MEANS_TYPES = {"MOBILIZE", "AID", "RETREAT"}  # forces moved are the mover's means
NP_DROP = {"relcl", "acl", "appos", "punct", "cc", "conj", "prep", "advcl", "parataxis"}
# CONSULT verbs whose object is the partner met, not the topic talked about.
PARTNER_MODES = {"visit", "phone", "third-party"}
# Pronouns that may stand for a party named in the clause above ("Syria says it will withdraw").
PARTY_PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "she", "her", "we", "our"}
MAKER_PREPS = {"by", "from", "of"}  # "charges by clergymen", "a request from Lula", "the decision of the government"
RECIPIENT_PREPS = {"to", "toward", "towards"}
GRIEVANCE_PREPS = {"over", "about", "against"}
AIMED_TYPES = {"ASSAULT", "COERCE", "THREATEN"}  # acts aimed "at" someone, done "with" a weapon
# Clauses and phrases that tell background to a sentence's own event: a participial adjunct (", killing
# 17 soldiers"), a noun's clause ("a bombing that killed 300"), a clause after a preposition ("after
# violating ..."), a second conjoined act, an act named in a prepositional phrase ("in response to its
# invasion of Kuwait").
BACKGROUND_DEPS = {"advcl", "acl", "relcl", "pcomp", "conj", "pobj"}


@cache
def argument_words(kind: str) -> frozenset[str]:
    """Words that decide which word is an event's argument, of one kind in ``events/role_words.tsv``:
    "maker" nouns ("proposal"), "addressee" verbs ("summon"), "site" nouns ("base")."""
    return frozenset(r["lemma"] for r in read_tsv("events/role_words.tsv") if r["kind"] == kind)


def retyped(typ: str, sources: list[Token], targets: list[Token]) -> tuple[str, str | None, str] | None:
    """The type (mode, reason) a source or target noun imposes: "protesters clashed" is a violent PROTEST."""
    for role, toks in (("source", sources), ("target", targets)):
        for tok in with_conjuncts(toks):
            hit = role_types().get((role, tok.lemma_.lower(), typ))
            if hit:
                return hit[0], hit[1], f"{role} {tok.text!r} makes {typ} a {hit[0]}"
    return None


def resolved(tok: Token) -> Token:
    """A pronoun stands for the subject of the clause that governs its own ("Syria says it will withdraw")."""
    if tok.lower_ not in PARTY_PRONOUNS:
        return tok
    for verb in tok.ancestors:
        named = [
            c
            for c in verb.children
            if c.dep_ == "nsubj" and c.i < tok.i and c.lower_ not in PARTY_PRONOUNS and c != tok
        ]
        if named:
            return named[0]
    return tok


def subjects_of(tok: Token) -> list[Token]:
    """The subjects of a word, inherited through control links when it has none; a pronoun resolved."""
    return [resolved(t) for t in own_subject(tok)]


def own_subject(tok: Token) -> list[Token]:
    """The subject of a word as the parse gives it, inherited through control links when it has none."""
    for _ in range(5):
        subj = [c for c in tok.children if c.dep_ in {"nsubj", "csubj"}]
        agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent or subj:
            return agent or subj
        poss = [
            c
            for c in tok.children
            if c.dep_ in {"poss"} or (c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE", "ORG"})
        ]
        if word_class(tok) == "NOUN" and poss:
            return poss[:1]
        if tok.dep_ not in CONTROL_DEPS or tok.head == tok:
            return stranded_subject(tok)
        controller = [c for c in tok.head.children if c.dep_ == "dobj" and c != tok]
        if tok.dep_ == "xcomp" and controller and addressee_of(tok) is None:
            return controller[:1]  # object control: "urged Putin to stop"
        tok = tok.head
    return []


def stranded_subject(verb: Token) -> list[Token]:
    """The subject the parser hung elsewhere: the coded party right before a finite verb that has none.

    "With the signing of a Memorandum ..., the Sudanese government and SPLM/A have agreed": the
    parse makes "government" a conjunct of "Memorandum" and leaves "agreed" without a subject.
    """
    finite = verb.tag_ in FINITE_TAGS or any(c.dep_ in {"aux", "auxpass"} for c in verb.lefts)
    if verb.pos_ not in {"VERB", "AUX"} or not finite or any(c.dep_ in {"nsubjpass", "expl"} for c in verb.children):
        return []
    first = min([verb] + [c for c in verb.lefts if c.dep_ in {"aux", "auxpass", "neg", "advmod"}], key=lambda t: t.i)
    tok = verb.doc[first.i - 1] if first.i > verb.sent.start else None
    if tok is None or tok.pos_ not in {"NOUN", "PROPN"}:
        return []
    while tok.dep_ == "conj" and tok.head.pos_ in {"NOUN", "PROPN"} and coded(tok.head):
        tok = tok.head
    return [tok] if coded(tok) else []


def coded(tok: Token) -> bool:
    """Whether a noun's phrase codes a party (a country or a sector)."""
    ref = actor_ref(tok.doc, np_span(tok))
    return bool(ref.country or ref.sector)


def addressee_of(tok: Token) -> Token | None:
    """The one a purpose clause is addressed to: the object of "summoned X to complain", "called X to apologize"."""
    if tok.dep_ not in PURPOSE_DEPS or tok.head.lemma_.lower() not in argument_words("addressee"):
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return None
    return next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)


def background(cand: EventCandidate) -> bool:
    """Whether an event is told in a subordinate clause, as background to the sentence's own event.

    CAMEO codes one event a sentence: in "the Taliban attacked an army base, killing 17 soldiers"
    the attack is coded, the killing only tells its toll. A background event keeps its source, so
    who did it stays on record, but names no party acted on. The sentence's own event (the one the
    coder is surest of, ``cand.own``) is never background: when that is the subordinate clause
    ("police opened fire, killing one person") its victim is the target (see docs/decisions.md).
    """
    return not cand.own and any(
        t.dep_ in BACKGROUND_DEPS and not intended(t) for t in [cand.trigger, *cand.trigger.ancestors]
    )


def intended(verb: Token) -> bool:
    """Whether a noun's infinitive clause is the sentence's own event: "announced plans to speak with Putin".

    Only when the verb above the noun is no event itself: in "praised Trump's decision to recognize
    Jerusalem" the praise is the event and the decision what it acts on.
    """
    if verb.dep_ != "acl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    above = next((a for a in verb.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    return above is None or match_trigger(above) is None


def targets_of(cand: EventCandidate, mode: str | None) -> list[Token]:
    """The party acted on: the object, the passive subject, or the partner of a preposition.

    None for an event told as background (:func:`background`).
    """
    if (addressee := addressee_of(cand.anchor)) is not None:
        return [addressee]
    if background(cand):
        return []
    if cand.trigger.dep_ == "aux":  # "said China must drop barriers": the demand is made of the modal's subject
        return [
            t for t in cand.trigger.head.children if t.dep_ in {"nsubj", "nsubjpass"} and t.ent_type_ not in NOT_ACTORS
        ]
    found = []
    topic_object = cand.type == "CONSULT" and mode not in PARTNER_MODES
    for word in {cand.anchor, cand.trigger}:
        for child in word.children:
            if child == cand.trigger:
                continue
            if child.dep_ in {"dobj", "nsubjpass", "dative"} and not topic_object:
                found.append(child)
            # a fronted "With the signing of ..., X agreed" sets the scene; a complaint's "over ..." is its target
            elif (
                child.dep_ == "prep"
                and child.i > word.i
                and (child.lower_ in TARGET_PREPS or (cand.type == "ACCUSE" and child.lower_ in GRIEVANCE_PREPS))
            ):
                if (child.lower_ == "of" and word_class(word) != "NOUN") or not partner_prep(child, word, cand):
                    continue
                found.extend(g for g in child.children if g.dep_ == "pobj")
    if not found and not topic_object and not takes_clause(cand.anchor):
        # "attacked and injured the crowd": the conjoined verb's object is shared; not "refused to deploy
        # troops in Iraq and urged its citizens ...", where the refusal's own clause holds what it is about
        found = [
            o
            for c in cand.anchor.children
            if c.dep_ == "conj" and word_class(c) == "VERB"
            for o in c.children
            if o.dep_ == "dobj"
        ][:1]
    if cand.type in TRANSFER_TYPES:
        found += [r for t in found if t.dep_ == "dobj" for r in theme_recipients(t) if r not in found]
    found = [
        maker_of(t) or t
        for t in found
        if (t.ent_type_ not in NOT_ACTORS or members_of(t))
        and t != cand.trigger
        and cand.trigger not in t.subtree
        and not own_forces(t, cand.type)
    ]
    if cand.type == "ACCUSE" and any(grievance(t) for t in found):
        found = [
            t for t in found if not recipient(t)
        ]  # "complained to the UN over Israeli raids": the UN only hears it
    if cand.type in TRANSFER_TYPES and any(recipient(t) for t in found):
        found = [t for t in found if recipient(t)]  # "returned six artifacts to Iraq": Iraq, not the artifacts
    return sorted(found, key=lambda t: t.i)[:2]


def partner_prep(prep: Token, word: Token, cand: EventCandidate) -> bool:
    """Whether a preposition's complement can be the party acted on, not where or with what.

    "at" aims only force or threat ("fired at the crowd"; "met at the Kremlin" is a place), and
    force "with" an object already hit names the weapon ("pounded the hideouts with artillery"),
    where "clashed with police" or "talks with Iran" name the other side.
    """
    if prep.lower_ == "at":
        return cand.type in AIMED_TYPES
    if prep.lower_ == "with" and cand.type in AIMED_TYPES:
        return not any(c.dep_ == "dobj" for c in word.children)
    return True


def takes_clause(verb: Token) -> bool:
    """Whether a verb's complement is a clause ("refused to deploy", "said that"), not an object it lacks."""
    return any(c.dep_ in {"xcomp", "ccomp"} for c in verb.children)


def recipient(tok: Token) -> bool:
    """Whether an argument is the receiver of a transfer: "to Iraq", "gave Iraq the artifacts"."""
    return tok.dep_ == "dative" or (tok.dep_ == "pobj" and tok.head.lower_ in RECIPIENT_PREPS)


def grievance(tok: Token) -> bool:
    """Whether an argument is what a complaint is about ("over the raids", "about Israel"), not its audience."""
    return tok.dep_ == "pobj" and tok.head.lower_ in GRIEVANCE_PREPS


def theme_recipients(theme: Token) -> list[Token]:
    """The receiver the parse hung on what is given: "returned dozens of artifacts to the Embassy"."""
    return [
        t
        for t in theme.subtree
        if t.dep_ == "pobj"
        and t.head.lower_ in RECIPIENT_PREPS
        and not any(a.dep_ in {"relcl", "acl"} for a in t.ancestors if theme in a.ancestors)
    ]


def maker_of(tok: Token) -> Token | None:
    """The party whose act or word an argument names: "rejected Putin's proposal" acts on Putin.

    Its possessor, or the complement of "by"/"from"/"of" on the noun, or, where the parse hung it
    on the verb, the "by"/"from" phrase right after the noun ("denied charges by clergymen").
    """
    if tok.lemma_.lower() not in argument_words("maker") or tok.ent_type_:
        return None
    owners = [c for c in tok.children if c.dep_ == "poss" and c.lower_ not in PARTY_PRONOUNS]
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in MAKER_PREPS and c.i > tok.i]
    preps += [
        c
        for c in tok.head.children
        if c.dep_ == "prep" and c.lower_ in MAKER_PREPS - {"of"} and c.i == tok.right_edge.i + 1
    ]
    makers = owners + [
        g for p in preps for g in p.children if g.dep_ == "pobj" and (p.lower_ != "of" or g.ent_type_ in POLITICAL_ENTS)
    ]  # not "allegations of treason"
    return makers[0] if makers else None


def own_forces(tok: Token, typ: str) -> bool:
    """The source's own troops are its means, not its target: "strengthened its forces in Crimea",
    "withdrawing some of its troops from Syria".

    Forces mobilized, sent or pulled out that the text gives no nationality ("mobilized the army
    for an assault against X", "sent 200 troops to Syria") are the source's own too: whom the
    move is against or for is the party acted on.
    """
    group = members_of(tok) or tok
    span = np_span(group)
    if actor_ref(tok.doc, span).sector != "MIL":
        return False
    if any(c.dep_ == "poss" and c.lower_ in PARTY_PRONOUNS for c in group.children):
        return True
    words = tok.doc.char_span(*span, alignment_mode="expand") or [group]
    return typ in MEANS_TYPES and not any(t.ent_type_ in {"NORP", "GPE"} for t in words)


def named_party_in_scope(cand: EventCandidate, sources: list[Token]) -> list[Token]:
    """The first named party the event's own words reach, when the parse gives no object.

    "threatened to cut off aid to Congo", "declared a state of siege in Haiti": the party acted on
    sits deeper than a direct object. Only the trigger's subtree is searched, the source's excluded,
    and, for an event named by an object, the purpose clause of its verb ("staged a strike to
    demand the resignation of President X").
    """
    if background(cand):
        return []
    taken = {t for s in sources for t in s.subtree}
    scope = list(cand.anchor.subtree)
    if cand.anchor.dep_ == "dobj":
        scope += [
            t
            for c in cand.anchor.head.children
            if c.dep_ in PURPOSE_DEPS
            and c.i > cand.anchor.i
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for t in c.subtree
        ]
    for tok in scope:
        if (
            tok.i > cand.trigger.i
            and tok not in taken
            and tok.ent_type_ in PARTY_ENTS
            and not described(tok, cand.anchor)
            and (tok.head == tok or tok.head.ent_iob_ == "O" or tok.head.ent_type_ != tok.ent_type_)
        ):
            return [phrase_head(tok, cand)]
    return []


def described(tok: Token, top: Token) -> bool:
    """Whether a word sits in a relative clause below ``top``: "deported a man who worked at a Nazi
    camp" acts on the man, not on the camp. Participial clauses ("air strikes against the enclave
    of Eastern Ghouta") often hold the party itself and are not excluded (see docs/decisions.md)."""
    for a in [tok, *tok.ancestors]:
        if a == top:
            return False
        if a.dep_ == "relcl":
            return True
    return False


def phrase_head(tok: Token, cand: EventCandidate) -> Token:
    """The noun a name modifies stands for the party: "the Turkish government", not "Turkish"."""
    while (
        tok.dep_ in {"amod", "compound", "poss", "nmod"}
        and tok.head.pos_ in {"NOUN", "PROPN"}
        and tok.head not in (cand.trigger, cand.anchor)
    ):
        tok = tok.head
    return tok


def with_conjuncts(toks: Iterable[Token]) -> list[Token]:
    """Compound actors: "Trump and Putin" gives both."""
    out = []
    for tok in toks:
        out.append(tok)
        out.extend(c for c in tok.conjuncts if c.i > tok.i)
    return out


def np_span(tok: Token) -> Span:
    """Character span of a noun phrase: the word, its modifiers and its "of" complement, not its clauses.

    "dozens of fighters", "a depot of the Syrian army": the party is the whole phrase.
    """
    toks = {tok}
    for child in tok.children:
        if (
            (child.dep_ not in NP_DROP and child.i < tok.i)
            or (child.dep_ in {"compound", "nummod", "case"} and child.i > tok.i)
            or (child.dep_ == "prep" and child.lower_ == "of" and child.i > tok.i)
        ):
            toks.update(child.subtree)
    words = sorted((t for t in toks if not t.is_punct), key=lambda t: t.i) or [tok]
    return words[0].idx, words[-1].idx + len(words[-1])


def members_of(tok: Token) -> Token | None:
    """The group a bare collective stands for: "members of the Jurists' Association", "a group of refugees".

    Only a head that names no actor itself hands over to its "of" complement: a count ("thousands
    of Iraqi Kurds") or a collective ("a group of Moroccan diplomats") whose own words give at
    most the complement's country, never a sector.
    """
    if (tok.ent_type_ and tok.ent_type_ not in NOT_ACTORS) or tok.pos_ == "PROPN":
        return None
    inner = [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "of" and c.i > tok.i
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if not inner or any(t.ent_type_ in PARTY_ENTS for t in tok.lefts):
        return None
    own = actor_ref(tok.doc, (tok.idx, tok.idx + len(tok)))
    return None if own.sector or own.actor_id else inner[0]
