"""Commitments, refusals and demands: when a report says what someone agreed, refused or demanded to
do, PLOVER codes that stance, not the action named inside it.

    agreed to resign / promised to continue aid / "we will release them", they said   -> AGREE
    declined to resign / refused to meet / said it would not release the prisoners      -> REJECT
    urged the rebels to withdraw / said Sudan must return the helicopter                 -> REQUEST
    said it will withdraw its troops unless ... / said they would attack (hostile acts) -> THREATEN

`stance_of(head, plover)` reads this off the parse around an event word and returns the PLOVER
type and mode of the stance, or None when the event is simply reported as done.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..ontology import load_tables
from .quotes import reporting_lemmas

__all__ = ["stance_of"]

_AGREE = frozenset({"agree", "promise", "pledge", "vow", "offer", "commit", "consent", "undertake"})
_READY = frozenset({"ready", "willing", "prepared", "prepare"})  # `is willing to withdraw`
_REFUSE = frozenset({"refuse", "decline", "reject"})
_REQUEST = frozenset({"urge", "demand", "ask", "appeal", "request", "press", "call", "implore"})
_FUTURE = frozenset({"will", "would", "shall", "'ll", "wo"})
_OBLIGE = frozenset({"must", "should"})
# Stances toward these actions are PLOVER's "yield", "meet" and "assist" modes of REQUEST / REJECT.
_STANCE_MODE = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AID": "assist",
                "SUPPORT": "assist", "COOPERATE": "assist"}
# Announced acts of these types are commitments (AGREE); announced hostile acts are threats.
_COOPERATIVE_QUADS = frozenset({1, 2})
_YIELDING = frozenset({"RETREAT", "CONCEDE", "AID"})


def _governor(head: Token) -> Token | None:
    """The verb whose infinitive `head` is: `agreed to resign` -> agreed."""
    if head.dep_ == "xcomp" and head.head.i != head.i:
        return head.head
    return None


def _reported(head: Token) -> bool:
    """`head` heads the clause that a reporting verb reports: `officials said they will release ...`,
    `they will release them, officials said`."""
    if head.dep_ == "ccomp" and head.head.lemma_.lower() in reporting_lemmas():
        return True
    return any(c.dep_ in ("parataxis", "ccomp") and c.i > head.i and c.lemma_.lower() in reporting_lemmas()
               and any(k.dep_ == "nsubj" for k in c.children) for c in head.children)


def _threat_condition(head: Token) -> bool:
    return any(t.dep_ == "mark" and t.lower_ == "unless" for t in head.subtree)


def _cooperative(plover: str) -> bool:
    types = load_tables().plover
    return plover in _YIELDING or (plover in types and types[plover].quad in _COOPERATIVE_QUADS)


def stance_of(head: Token, plover: str) -> tuple[str, str | None] | None:
    """(PLOVER type, mode) of the stance that frames the event word `head` (typed `plover`)."""
    lemma = head.lemma_.lower()
    kids = list(head.children)
    aux = {c.lower_ for c in kids if c.dep_ == "aux"}
    reported = _reported(head)
    if reported and aux & _OBLIGE:  # `said the US must be ready to mediate`
        return "REQUEST", _STANCE_MODE.get(plover)
    # the stance word itself is the event word: `refused to meet`, `agreed to a ceasefire`
    if any(c.dep_ in ("xcomp", "ccomp", "dobj", "prep") for c in kids):
        if lemma in _REFUSE:
            return "REJECT", None
        if lemma in _AGREE:
            return "AGREE", None
    gov = _governor(head)
    if gov is not None:
        g = gov.lemma_.lower()
        if g in _REFUSE:
            return "REJECT", _STANCE_MODE.get(plover)
        if g in _AGREE:
            return "AGREE", None
        if g in _READY:  # ready to help is a commitment, ready to strike a threat
            return ("AGREE", None) if _cooperative(plover) else ("THREATEN", None)
        if g in _REQUEST:
            return "REQUEST", _STANCE_MODE.get(plover)
    if not aux & _FUTURE:
        return None
    negated = any(c.dep_ == "neg" for c in kids)
    cooperative = _cooperative(plover)
    if not reported:  # `The UN will provide food aid`: an announced plan to help is a commitment
        return ("AGREE", None) if cooperative and not negated and plover != "AGREE" else None
    if negated:
        return "REJECT", _STANCE_MODE.get(plover)
    if _threat_condition(head) or not cooperative:  # `will withdraw unless ...`
        return "THREATEN", None
    return "AGREE", None  # `would meet the mediator if ...` is still a commitment
