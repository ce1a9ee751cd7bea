"""Commitments, refusals and demands: when a report says what someone agreed, refused or demanded to
do, PLOVER codes that stance, not the action named inside it.

    agreed to resign / promised to continue aid / "we will release them", they said   -> AGREE
    declined to resign / refused to meet / will not lift the ban / failed to agree      -> REJECT
    urged the rebels to withdraw / said Sudan must return the helicopter                 -> REQUEST
    said it will withdraw its troops unless ... / said they would attack (hostile acts) -> THREATEN
    is considering sending aid / weighs sanctions                                      -> AGREE (CAMEO 014)

`stance_of(head, plover)` reads this off the parse around an event word and returns the stance
(PLOVER type and mode, and the stance word or the speaker when the text names one), or None when
the event is simply reported as done. `obligations(doc)` finds the reported "must" clauses whose
verb is no event word ("said Iran must hand back the tanker"): each is a demand all the same.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

from ..ontology import load_tables
from .quotes import reporting_lemmas

__all__ = ["Stance", "clause_verb", "obligations", "stance_of"]

_AGREE = frozenset({"agree", "promise", "pledge", "vow", "offer", "commit", "consent", "undertake"})
_READY = frozenset({"ready", "willing", "prepared", "prepare"})  # `is willing to withdraw`
_REFUSE = frozenset({"refuse", "decline", "reject"})
_REQUEST = frozenset({"urge", "demand", "ask", "appeal", "request", "press", "call", "implore", "insist"})
_DEMAND = frozenset({"demand", "insist"})
_CONSIDER = frozenset({"consider", "mull", "weigh", "contemplate", "explore"})
_FUTURE = frozenset({"will", "would", "shall", "'ll", "wo"})
_OBLIGE = frozenset({"must", "should"})
_HEDGE = frozenset({"may", "might", "could"})
# Stances toward these actions are PLOVER's "yield", "meet" and "assist" modes of REQUEST / REJECT.
_STANCE_MODE = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AID": "assist",
                "SUPPORT": "assist", "COOPERATE": "assist"}
# Announced acts of these types are commitments (AGREE); announced hostile acts are threats.
_COOPERATIVE_QUADS = frozenset({1, 2})
_YIELDING = frozenset({"RETREAT", "CONCEDE", "AID"})


_STANCE_WORDS = _AGREE | _REFUSE | _REQUEST | _CONSIDER
_PERMIT = frozenset({"let", "allow", "permit", "enable", "help"})
_ASKED_FOR = frozenset({"for", "on", "upon"})  # `called for sanctions`, `appealed for calm`


class Stance(NamedTuple):
    plover: str
    mode: str | None
    by: Token | None = None  # the stance word: `demanded` in `demanded a ceasefire`
    speaker: Token | None = None  # who demands, when a report says so: `Russia said Sudan must ...`
    # how it is taken, where the code depends on it: `demand` (`must`, `demanded`: CAMEO 10, not the
    # appeals of 02), `consider` (`is considering sending aid`: a policy option weighed, CAMEO 014)
    means: str | None = None


def _governor(head: Token) -> Token | None:
    """The stance word whose content `head` is: `agreed to resign`, `demanded a ceasefire`,
    `called for sanctions`, `demanded that the troops withdraw` -> agreed, demanded, called."""
    while head.dep_ == "conj" and head.head.i != head.i:  # `refused to let them land and evacuate`
        if head.tag_ in {"VBD", "VBZ"} and head.head.tag_ == "VB":
            return None  # `refused to disperse and threw stones`: a finite verb is a deed of its own
        head = head.head
    gov = head.head
    if gov.i == head.i:
        return None
    if head.dep_ in ("xcomp", "ccomp") and gov.lemma_.lower() in _PERMIT and gov.dep_ == "xcomp":
        head, gov = gov, gov.head  # `refused to allow the planes to land`: the landing is refused
    if head.dep_ == "xcomp":
        return gov
    lemma = gov.lemma_.lower()
    if head.dep_ == "dobj" and head.pos_ in {"NOUN", "PROPN"} and lemma in _STANCE_WORDS:
        return gov
    if head.dep_ == "pobj" and gov.dep_ == "prep" and gov.lower_ in _ASKED_FOR \
            and gov.head.lemma_.lower() in _REQUEST and gov.head.i != gov.i:
        return gov.head
    if head.dep_ == "ccomp" and lemma in _REQUEST - {"call"}:
        return gov
    return None


def _agreed(clause: Token) -> bool:
    """`X and Y agree that disputes should be settled in court`: a shared view, not a demand."""
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in _AGREE | {"concur"}


def clause_verb(head: Token) -> Token:
    """The verb of the clause that `head` completes: `be` in `must be ready to mediate`."""
    node = head
    for _ in range(3):
        if node.dep_ not in ("xcomp", "acomp") or node.head.i == node.i:
            break
        node = node.head
    return node


def _speaker(head: Token) -> Token | None:
    """The subject of the reporting verb that reports `head`'s clause."""
    verbs = [head.head] if head.dep_ == "ccomp" else [c for c in head.children if c.dep_ in ("parataxis", "ccomp")]
    for verb in verbs:
        if verb.lemma_.lower() in reporting_lemmas():
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return subj
    return None


def obligations(doc: Doc) -> list[Token]:
    """Verbs of reported clauses under `must` or `should`: `Russia said Sudan must return the
    helicopter`, `Sudan must return it, Russia said`."""
    return [t for t in doc if t.pos_ in {"VERB", "AUX"} and _obliged(t)]


def _obliged(clause: Token) -> bool:
    """A reported clause under `must`/`should` that is not a shared view (`agree that ... should`).
    The modal is checked first: it is rare, the reporting verb search is not."""
    return any(c.dep_ == "aux" and c.lower_ in _OBLIGE for c in clause.children) and _reported(clause) \
        and not _agreed(clause)


def _reported(head: Token) -> bool:
    """`head` heads the clause that a reporting verb reports: `officials said they will release ...`,
    `they will release them, officials said`."""
    if head.dep_ == "ccomp" and head.head.lemma_.lower() in reporting_lemmas():
        return True
    return any(c.dep_ in ("parataxis", "ccomp") and c.i > head.i and c.lemma_.lower() in reporting_lemmas()
               and any(k.dep_ == "nsubj" for k in c.children) for c in head.children)


def _conditional(head: Token) -> bool:
    """`... if the junta delays the vote`: the clause has a condition of its own."""
    return any(t.dep_ == "mark" and t.lower_ in ("if", "unless") and t.head.head.i == head.i for t in head.subtree)


def _threat_condition(head: Token) -> bool:
    return any(t.dep_ == "mark" and t.lower_ == "unless" for t in head.subtree)


def _cooperative(plover: str) -> bool:
    types = load_tables().plover
    return plover in _YIELDING or (plover in types and types[plover].quad in _COOPERATIVE_QUADS)


def _committed_a_deed(kids: list[Token]) -> bool:
    """`committed atrocities`: done, not pledged (`committed to a ceasefire`, `committed itself to`)."""
    return not any(c.dep_ == "xcomp" or (c.dep_ in ("prep", "dobj") and c.lower_ in ("to", "itself", "themselves"))
                   for c in kids)


def stance_of(head: Token, plover: str) -> Stance | None:
    """The stance that frames the event word `head` (typed `plover`), if any."""
    lemma = head.lemma_.lower()
    kids = list(head.children)
    aux = {c.lower_ for c in kids if c.dep_ == "aux"}
    reported = _reported(head)
    clause = clause_verb(head)
    if _obliged(clause):
        # `said Iran must return the tanker`, `said the US must be ready to mediate`
        must = any(c.dep_ == "aux" and c.lower_ == "must" for c in clause.children)
        return Stance("REQUEST", _STANCE_MODE.get(plover), speaker=_speaker(clause), means="demand" if must else None)
    # the stance word itself is the event word: `refused to meet`, `agreed to a ceasefire`
    if any(c.dep_ in ("xcomp", "ccomp", "dobj", "prep") for c in kids):
        if lemma in _REFUSE and plover != "PROTEST":  # "refused to return to work" is a strike itself
            return Stance("REJECT", None)
        if lemma in _AGREE and not (lemma == "commit" and _committed_a_deed(kids)):
            return Stance("AGREE", None)
    gov = _governor(head)
    if gov is not None:
        g = gov.lemma_.lower()
        if g in _REFUSE or (g == "fail" and _cooperative(plover)):  # `failed to reach a deal`: no deal
            return Stance("REJECT", _STANCE_MODE.get(plover), gov)
        if g in _AGREE:
            return Stance("AGREE", None, gov)
        if g in _READY:  # ready to help is a commitment, ready to strike a threat
            return Stance("AGREE", None, gov) if _cooperative(plover) else Stance("THREATEN", None, gov)
        if g in _REQUEST:
            return Stance("REQUEST", _STANCE_MODE.get(plover), gov, means="demand" if g in _DEMAND else None)
        if g in _CONSIDER:  # weighing a step is not taking it, nor promising it
            return Stance("AGREE", None, gov, means="consider")
    negated = any(c.dep_ == "neg" for c in kids)
    cooperative = _cooperative(plover)
    if aux & _HEDGE and reported and not cooperative and not negated and _conditional(head):
        return Stance("THREATEN", None)  # `said the EU may halt its mediation if ...`
    if not aux & _FUTURE:
        return None
    if not reported:  # `The UN will provide food aid`: an announced plan to help is a commitment,
        # `Duterte will not lift the ban` a refusal
        if cooperative and negated:
            return Stance("REJECT", _STANCE_MODE.get(plover))
        return Stance("AGREE", None) if cooperative and plover != "AGREE" else None
    if negated:
        return Stance("REJECT", _STANCE_MODE.get(plover))
    if _threat_condition(head) or not cooperative:  # `will withdraw unless ...`
        return Stance("THREATEN", None)
    return Stance("AGREE", None)  # `would meet the mediator if ...` is still a commitment
