"""Which words name an event's target, from the trigger's dependency neighbourhood (used by `link`).

Candidates, best first:

1. the trigger's own object or passive subject, and the objects of its prepositions ("fired at
   Seoul", "sanctions on the Taliban"; "in" only where a measure applies to a place: "a curfew in
   the town of Cizre", "troops in Bosnia");
2. below the trigger's objects and prepositional objects that name no one, their prepositions
   ("restore ties with Libya", "called for sanctions against Nigeria");
3. the objects of a verb the trigger governs ("agreed to provide aid for Romania", "opened fire to
   disperse demonstrators");
4. for demands, the subject of the demanded clause ("demanded that the DPRK forsake...").

A candidate whose head itself names someone ("Libya", "the rebels") beats one that only has a role
word as a modifier ("military aid", "all official contact"), whatever their order. What the actor
holds ("its troops") and the actor's own forces in a deployment are not its target. Two parties that
act together ("the Philippines and France agree") are each other's target.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Actor
from .actors import ActorResolver

__all__ = ["resolve_target"]

_TARGET_PREPS = {"on", "against", "at", "with", "to", "upon", "into"}
# Where a target may sit below a word that names none itself ("ties with Libya", "aid for Romania").
_OBJECT_PREPS = _TARGET_PREPS | {"for", "between", "among", "toward", "towards"}
# Below a word that names no one, whose it is: "the offices of the administrators", "a vessel from Chile".
_OWNER_PREPS = {"of", "from"}
_PLACE_MEASURES = {"COERCE", "MOBILIZE"}  # a curfew in X, troops in X: X suffers or receives it
_OWN_MOVERS = {"MOBILIZE", "AID", "RETREAT"}  # "troops were deployed": the troops are the actor's
_MOVING = {"send", "deploy", "dispatch", "mobilize", "mobilise", "station", "redeploy", "withdraw", "pull",
           "deployment"}  # the same by the word, whatever type the event was given
# Events that two parties do together: "Israel and Lebanon renewed talks" is each with the other;
# so are reciprocal words whatever type the event was given ("Chile and Peru agree that...").
_SYMMETRIC = {"AGREE", "CONSULT", "COOPERATE"}
_RECIPROCAL = {"agree", "meet", "talk", "negotiate", "discuss", "sign", "clash", "fight", "cooperate", "fighting",
               "violence", "battle", "skirmish", "confrontation", "skirmishes", "battles", "confrontations",
               "reconcile", "consult", "normalize", "normalise", "restore", "renew", "resume", "trade", "exchange",
               "agreement", "talks", "negotiations", "meeting", "summit", "clashes", "deal", "accord", "treaty"}
_LEAVING = {"withdraw", "pull", "evacuate", "expel", "retreat", "leave", "depart", "withdrawal", "pullout",
            "evacuation", "expulsion"}  # "withdraw its troops from Lebanon", whatever type the event was given
_FENDING_OFF = {"repel", "repulse", "fend", "beat", "push", "foil", "thwart"}  # ... an attack by whom
_GRIEVANCE_PREPS = {"over", "about"}  # "complained to the UN over Israeli raids": the raids' authors
_DEMANDS = {"demand", "insist", "ask", "urge", "request", "require"}  # "demanded that Iran halt..."
_NOT_TARGETS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}


def _prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def _objects(verb: Token, passive: bool) -> list[Token]:
    deps = {"dobj", "dative"} | ({"nsubjpass"} if passive else set())
    return [c for c in verb.children if c.dep_ in deps]


def _purpose_verbs(head: Token, plover: str) -> list[Token]:
    """Verbs that say what the trigger is for: "agreed to provide", "opened fire to disperse", "are
    willing to forgive", "a hunger strike to demand"; for protests also "calling for", "demanding"."""
    out = []
    heads = [head, *(c for c in head.children if c.dep_ == "acomp")]
    if head.dep_ == "dobj" and head.pos_ == "NOUN":  # "began a hunger strike to demand..."
        heads.append(head.head)
    for node in heads:
        for child in node.children:
            if child.pos_ != "VERB":
                continue
            infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in child.children)
            if child.dep_ == "xcomp" or (child.dep_ in {"advcl", "acl", "relcl"} and infinitive) \
                    or (plover == "PROTEST" and child.dep_ in {"advcl", "acl"} and child.tag_ == "VBG"):
                out.append(child)
    return out


def _candidates(plover: str, head: Token, is_noun: bool, actor_tok: Token | None) -> list[Token]:
    found: list[Token] = []
    if not is_noun:
        found.extend(_objects(head, passive=plover not in _OWN_MOVERS))
        if head.dep_ == "acl" and head.tag_ == "VBN" and plover != "PROTEST" and head.head.pos_ in {"NOUN", "PROPN"}:
            found.append(head.head)  # "the people killed in the attack": the noun suffered it
    preps = set(_TARGET_PREPS) | ({"of"} if is_noun else set())
    if plover == "RETREAT" or head.lemma_.lower() in _LEAVING:
        preps.add("from")  # "withdrew from Lebanon"
    if plover in _PLACE_MEASURES:
        preps.add("in")
    found.extend(_prep_objects(head, preps))
    for particle in (c for c in head.children if c.dep_ == "prt"):  # "kidnapped up to 16 advisers"
        found.extend(_prep_objects(particle, _TARGET_PREPS))
    if plover == "ASSAULT":
        # "fired shells near a naval vessel"; a place near which it happened is where, not whom
        found.extend(t for t in _prep_objects(head, {"near"}) if t.ent_type_ not in {"GPE", "LOC", "FAC"})
    further = _prep_objects(head, (_OBJECT_PREPS | (_GRIEVANCE_PREPS if plover == "ACCUSE" else set())) - preps)
    below = [t for t in found if t.pos_ == "NOUN"] + further
    found.extend(further)
    if head.lemma_.lower() in _FENDING_OFF and not any(c.dep_ == "auxpass" for c in head.children):
        # "repelled an attack by the rebels" (however the parser attaches `by`): the rebels were fought
        for node in (*below, head):
            found.extend(_prep_objects(node, {"by"}))
    for obj in below:
        found.extend(_prep_objects(obj, _OBJECT_PREPS | ({"in"} if plover in _PLACE_MEASURES else set())))
    for verb in _purpose_verbs(head, plover):
        objs = _objects(verb, passive=False) + _prep_objects(verb, _OBJECT_PREPS)
        found.extend(objs)
        for obj in objs:  # "to demand the resignation of the president", "calling for independence from X"
            found.extend(_prep_objects(obj, _OBJECT_PREPS | _OWNER_PREPS))
    for obj in below:
        found.extend(_prep_objects(obj, _OWNER_PREPS))
    if not is_noun and (plover == "REQUEST" or head.lemma_.lower() in _DEMANDS):
        for clause in (c for c in head.children if c.dep_ == "ccomp"):
            found.extend(c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"})
    skip = set() if actor_tok is None else {t.i for t in actor_tok.subtree}
    out: list[Token] = []
    seen: set[int] = set()
    for t in found:
        owners = [c for c in t.children if c.dep_ == "poss" and c.tag_ != "PRP$"]  # "with Libya's [leaders]"
        for c in ([t] if t.ent_type_ not in _NOT_TARGETS else []) + owners:
            if c.i not in skip and c.i not in seen:
                seen.add(c.i)
                out.append(c)
    return out


def _own_forces(found: Actor, actor: Actor, resolver: ActorResolver) -> bool:
    """Forces that the actor itself sends or moves: armed forces of its country (or of no stated
    country, or only of the article's), or a body of the actor's own kind ("the CSTO ... its
    peacekeeping force")."""
    if (found.country, found.sector) == (actor.country, actor.sector):
        return True
    stated = found.country is not None and not resolver.country_is_the_articles(found)
    return found.sector in {"MIL", "COP"} and (not stated or found.country == actor.country)


# words for the other side: "his Saudi counterpart" is not his own
_OTHERS = frozenset({"counterpart", "counterparts", "opponent", "opponents", "rival", "rivals", "enemy", "enemies"})


def _own(tok: Token) -> bool:
    """"its troops", "their leaders": the actor's own people, unless the phrase names another
    country or the word names the other side ("his Saudi counterpart", "their rivals")."""
    if not any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in tok.children):
        return False
    return tok.lemma_.lower() not in _OTHERS and tok.lower_ not in _OTHERS and not any(
        c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"} for c in tok.children)


def resolve_target(plover: str, head: Token, is_noun: bool, actor_tok: Token | None, actor: Actor | None,
                   resolver: ActorResolver) -> Actor | None:
    """The event's target: the best candidate that names someone (see the module docstring)."""
    candidates = [t for t in _candidates(plover, head, is_noun, actor_tok) if not _own(t)]
    tiers = [candidates]
    if plover == "ACCUSE":  # whom one complains to comes after whom one complains about
        to = [t for t in candidates if t.head.head.i == head.i and t.head.lower_ in {"to", "with"}]
        tiers = [[t for t in candidates if t not in to], to]
    partner = None
    if actor_tok is not None and (plover in _SYMMETRIC or head.lemma_.lower() in _RECIPROCAL):
        partner = next((c for c in actor_tok.children if c.dep_ == "conj"), None)
    for tier, strict in ((tier, strict) for tier in tiers for strict in (True, False)):
        if not strict and partner is not None:
            # "the government and the rebels agreed to resume talks": the other party, before
            # whatever unnamed thing the agreement is about
            found = resolver.resolve(partner)
            if found is not None:
                return found
        for tok in tier:
            found = resolver.resolve(tok, strict=strict)
            if found is None or (strict and not (found.country or found.sector)):
                continue
            moving = plover in _OWN_MOVERS or head.lemma_.lower() in _MOVING
            if moving and actor is not None and _own_forces(found, actor, resolver):
                continue  # "Britain mobilized army reservists", "the CSTO will send troops": its own forces
            return found
    return None
