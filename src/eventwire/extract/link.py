"""Argument linking: which actor, target, place, date, counts, source and labels belong to a trigger.

Arguments come from the trigger's own clause first, then the clause that governs it, then its
sentence (DESIGN.md: "an argument comes from the trigger's own clause, its syntactic
neighbourhood, or a resolved mention of it"). Only the place and the date may fall back to the
article as a whole (its main place, its publication date); such records get a lower confidence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model import Actor, Attribution, Event, Label, Place, Precision, Quantity, Quote, Span, TimeMention
from ..ontology import Coding, OntologyError, code_event, load_tables, normalize_mode, statement_code
from ._actor_lex import phrase_sector
from ._targets import resolve_target
from .actors import ActorResolver, explosive_cause
from .events import CROWD_SUBJECTS, STATEMENT_MEANS, Trigger, hazard_near, nouns_above, takes_territory
from .quantities import document_counts
from .stance import stance_of

__all__ = ["Mentions", "link_events"]

log = logging.getLogger(__name__)

# Dependency links along which a trigger takes the subject of a governing word as its actor.
# `ccomp` is not among them: in "police said protesters were shot" the police are the source.
# `acomp` carries "X is about to restore", "X is willing to withdraw", "X is prepared to impose".
_INHERIT_DEPS = {"xcomp", "advcl", "conj", "acl", "dobj", "pcomp", "relcl", "attr", "oprd", "acomp"}
_CLAUSE_DEPS = {"advcl", "xcomp", "ccomp", "conj", "relcl", "acl", "pcomp", "parataxis"}
_COUNT_TYPES = {"killed": {"ASSAULT", "PROTEST", "COERCE"}, "injured": {"ASSAULT", "PROTEST", "COERCE"},
                "arrested": {"COERCE", "PROTEST", "ASSAULT"}}
_LIGHT_VERBS = {"go", "be", "take", "join", "stage", "hold", "launch", "carry", "engage", "participate",
                "continue", "remain", "come", "begin", "start", "call", "embark", "place", "put"}
# verbs whose subject speaks of, judges or looks into the act that is their object
_REMARKED_ON = frozenset({"condemn", "denounce", "criticise", "criticize", "deplore", "decry", "slam", "blast",
                          "welcome", "praise", "hail", "applaud", "blame", "describe", "mourn", "investigate",
                          "probe", "deny", "confirm", "report", "witness", "recall", "remember", "discuss",
                          "regret", "protest", "oppose", "reject", "fear", "document", "record", "film", "photograph",
                          "characterise", "characterize", "label", "term", "dub"})  # not "claim": it owns the act
# verbs whose subject stops what is planned in their object ("foiled a plot to bomb")
_PREVENTERS = frozenset({"foil", "thwart", "prevent", "avert", "disrupt", "stop", "uncover", "dismantle", "frustrate"})
# verbs whose subject acts on the protest that is their object, not in it ("police broke up the rally")
_ACTS_ON_PROTESTS = frozenset({"break", "disperse", "ban", "block", "stop", "prevent", "quell", "suppress", "crush",
                               "attack", "prohibit", "forbid", "cancel", "halt", "condemn", "criticise", "criticize",
                               "storm", "raid", "outlaw", "contain", "repress", "clear", "postpone"})
_SELF_MOVING = {"MOBILIZE", "AID", "RETREAT"}  # "troops were deployed": the troops are the actor
# Verbs whose subject is who suffered the event, not who did it: "a man died", "the boat sank".
_SUFFERED = frozenset({"die", "perish", "drown", "succumb", "suffocate", "crash", "collapse", "sink", "starve"})
# What a threat threatens, as a THREATEN mode (PLOVER), from the threatened event's type and mode.
_THREAT_MODES: dict[tuple[str, str | None], str | None] = {
    ("ASSAULT", None): "violence", ("MOBILIZE", None): "violence", ("COERCE", "arrest"): "arrest",
    ("COERCE", "ban"): "ban", ("COERCE", None): "restrict", ("SANCTION", "expel"): "expel",
    ("SANCTION", None): "relations", ("COERCE", "seize"): "territory",
}
_PRECISION_RANK = {"city": 0, "admin1": 1, "country": 2, None: 3}


@dataclass(frozen=True)
class Mentions:
    """What the other stages found in one document, handed to the linker."""

    places: Sequence[Place]
    times: Sequence[TimeMention]
    quantities: Sequence[Quantity]
    quotes: Sequence[Quote]
    labels: Sequence[Label]
    focus_place: Place | None
    published: dt.date | None


def _tok(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _clause(tok: Token) -> Token:
    node = tok
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    return node if node.pos_ in {"VERB", "AUX"} else tok


def _scopes(trigger: Trigger) -> list[set[int]]:
    """Token sets from narrow to wide: own clause, governing clauses, sentence."""
    own = _clause(trigger.head)
    scopes = [{t.i for t in own.subtree}]
    node = own
    for _ in range(3):
        if node.dep_ not in _CLAUSE_DEPS or node.head.i == node.i:
            break
        node = _clause(node.head)
        scopes.append({t.i for t in node.subtree})
    sent = trigger.head.sent
    scopes.append(set(range(sent.start, sent.end)))
    return scopes


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _between(word: Token) -> Token | None:
    """The first of the sides named by `between X and Y` under `word` (a noun, or the verb it is
    the subject of: "violence broke out between supporters of rival parties")."""
    prep = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _actor_head(trigger: Trigger) -> Token | None:
    head = trigger.head
    if trigger.is_noun:
        for child in head.children:
            if child.dep_ in {"poss"}:
                return child
            if child.dep_ in {"prep", "agent"} and child.lower_ == "by":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
        if trigger.plover == "PROTEST" and nxt is not None and nxt.lower_ == "by" and nxt.dep_ in {"prep", "agent"}:
            # "broke up a rally by nurses": the parser may hang `by` on the verb; right after the noun, it is the crowd
            by = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            if by is not None:
                return by
        for child in head.children:
            if child.dep_ in {"compound", "amod"} and child.ent_type_ in {"NORP", "GPE", "ORG"}:
                return child
        if trigger.plover in {"ASSAULT", "PROTEST"}:  # "clashes between police and protesters": the first side
            between = _between(head) or (_between(head.head) if head.dep_ == "nsubj" else None)
            if between is not None:
                return between
        if trigger.plover in _SELF_MOVING:  # "the deployment of NATO troops": the troops move
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    return next((c for c in child.children if c.dep_ == "pobj"), None)
    else:
        if head.lemma_.lower() in _SUFFERED:
            return None
        subj = _subject(head)
        if subj is not None:
            # "clashes between herders and farmers killed 12": the sides of the clash did it
            return _between(subj) or subj
        between = _between(head) if trigger.plover in {"ASSAULT", "PROTEST"} else None
        if between is not None:
            return between  # "fighting between the army and rebels", a gerund
        passive_subj = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if passive_subj is not None:  # "killed in a car bomb explosion": unidentified attackers
            if trigger.plover in _SELF_MOVING:
                return passive_subj
            cause = explosive_cause(head)
            if cause is None and head.dep_ == "conj" and head.head.pos_ == "VERB" \
                    and head.head.lemma_.lower() not in _SUFFERED:
                # "police raided the house and three men were arrested": the first clause's doer
                return next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            return cause
        if head.dep_ == "amod" and head.tag_ == "VBG" and head.head.pos_ in {"NOUN", "PROPN"}:
            return head.head  # "striking miners", "rioting youths": the noun does what the verb says
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
        if head.dep_ in {"acl", "relcl"} and (head.tag_ != "VBN" or trigger.plover == "PROTEST") \
                and head.head.pos_ in {"NOUN", "PROPN"} and not infinitive:
            if trigger.plover == "PROTEST" and head.head.lemma_.lower() not in CROWD_SUBJECTS:
                # "a crowd of men holding umbrellas gathered": the parser hung the verb on the wrong noun
                crowd = next((n for n in nouns_above(head.head) if n.lemma_.lower() in CROWD_SUBJECTS), None)
                if crowd is not None:
                    return crowd
            return head.head  # "students protesting in Dhaka": the noun does what the verb says
    node = head
    if trigger.is_noun and head.dep_ == "pobj" and head.head.dep_ == "prep":
        verb = head.head.head  # "teachers went on strike", "thousands took part in the march"
        if verb.lemma_ in _LIGHT_VERBS and verb.pos_ in {"VERB", "AUX"}:
            return _subject(verb)
    for _ in range(4):  # "decided to deploy", "a decree declaring a state of emergency"
        if node.dep_ not in _INHERIT_DEPS or node.head.i == node.i:
            return None
        if trigger.is_noun and node.i == head.i and node.dep_ not in {"dobj", "attr", "oprd"}:
            return None
        if trigger.plover == "PROTEST" and trigger.is_noun and node.i == head.i and node.dep_ == "dobj" \
                and node.head.lemma_.lower() in _ACTS_ON_PROTESTS:
            return None  # "police broke up a rally": whoever acts on a protest is not its crowd
        if trigger.is_noun and node.i == head.i and node.dep_ == "dobj" and node.head.lemma_.lower() in _REMARKED_ON:
            return None  # "the UN condemned the attack": who speaks of an act did not do it
        joined = node.dep_ == "conj"
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            lemma = node.lemma_.lower()
            if lemma in _PREVENTERS or (node.i != head.head.i and lemma in _REMARKED_ON):
                return None  # "police foiled a plot to bomb the mall": the plotters, not the police
            # active for sure: its own auxiliary (`and will resign`); `and beaten` continues the passive
            active = not any(c.dep_ == "auxpass" for c in head.children) and (
                head.tag_ in {"VBZ", "VBP"} or any(c.dep_ == "aux" for c in head.children))
            shared = next((c for c in node.children if c.dep_ == "nsubjpass"), None) if joined and active else None
            if shared is not None and not any(c.dep_ in {"nsubj", "csubj"} for c in node.children):
                return shared  # "he was indicted by the court and will resign": he resigns, not the court
            subj = _subject(node)
            if subj is not None:
                return subj
    return None


def _pick(items: list, key_index: list[int], scopes: list[set[int]], anchor: int,
          rank=None) -> tuple[object, int] | None:
    """The item of the narrowest scope that has any; nearest to the anchor (after `rank`)."""
    for level, scope in enumerate(scopes):
        inside = [(item, idx) for item, idx in zip(items, key_index, strict=True) if idx in scope]
        if inside:
            best = min(inside, key=lambda p: ((rank(p[0]) if rank else 0), abs(p[1] - anchor)))
            return best[0], level
    return None


_EVENT_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}-W\d{2}|\d{4}-\d{2}|\d{4})")
_PRECISION_OF: dict[int, Precision] = {10: "day", 8: "week", 7: "month", 4: "year"}


def _event_date(t: TimeMention) -> TimeMention | None:
    """An event's date: the calendar part of a time value ('2022-01-05TNI' -> '2022-01-05',
    '2022-W13-WE' -> '2022-W13'); None for values that name no calendar period (decades...)."""
    if t.date is not None:
        value = t.date.isoformat()
    else:
        match = _EVENT_DATE.match(t.value)
        if match is None or (len(t.value) > len(match.group(1)) and t.value[len(match.group(1))].isdigit()):
            return None
        value = match.group(1)
    return TimeMention(text=t.text, start=t.start, end=t.end, type="DATE", value=value,
                       precision=_PRECISION_OF.get(len(value)), date=t.date)


def link_events(doc: Doc, triggers: Sequence[Trigger], resolver: ActorResolver, m: Mentions) -> list[Event]:
    place_idx = [_tok(doc, p.start, p.end) for p in m.places]
    places = [(p, t.i) for p, t in zip(m.places, place_idx, strict=True) if t is not None and p.lat is not None]
    dated = [t for t in m.times if t.type in {"DATE", "TIME"} and _event_date(t) is not None]
    time_tok = [_tok(doc, t.start, t.end) for t in dated]
    times = [(t, tok.i) for t, tok in zip(dated, time_tok, strict=True) if tok is not None]
    sent_index = {s.start: n for n, s in enumerate(doc.sents)}

    drafts: list[dict] = []
    for trig in triggers:
        scopes = _scopes(trig)
        anchor = trig.head.i
        actor_tok = _actor_head(trig)
        actor = resolver.resolve(actor_tok) if actor_tok is not None else None
        if actor is None and actor_tok is not None and trig.plover == "PROTEST" and _is_count_word(actor_tok):
            actor = resolver.as_crowd(actor_tok)  # "thousands marched": the marchers are protesters
        target = resolve_target(trig.plover, trig.head, trig.is_noun, actor_tok, actor, resolver)
        local = _pick([p for p, _ in places], [i for _, i in places], scopes[:1], anchor,
                      rank=lambda p: _PRECISION_RANK[p.precision])
        town = local[0] if local is not None else None
        if isinstance(town, Place) and town.precision in {"city", "admin1"}:
            # "police fired on protesters in Lagos": Nigerian police, whatever the story is about
            actor, target = resolver.localise(actor, town.country), resolver.localise(target, town.country)
        taken = _span_set(actor) | _span_set(target)
        cand = [(p, i) for p, i in places if p.start not in taken]
        hit = _pick([p for p, _ in cand], [i for _, i in cand], scopes, anchor,
                    rank=lambda p: _PRECISION_RANK[p.precision])
        location, place_level = (hit if hit else (None, None))
        struck = _target_place(trig, target, places)
        if struck is not None and (not isinstance(location, Place) or place_level or _PRECISION_RANK[struck.precision]
                                   <= _PRECISION_RANK[location.precision]):
            location, place_level = struck, 0  # "missiles struck Odesa": the place attacked is where it happened
        hit_t = _pick([t for t, _ in times], [i for _, i in times], scopes, anchor)
        date = _event_date(hit_t[0]) if hit_t else None  # type: ignore[arg-type]
        if actor is None and target is None and location is None and not _done_to_something(trig):
            continue  # nothing in the text ties this word to anyone or anywhere
        if trig.plover in {"ASSAULT", "COERCE"} and actor is None and hazard_near(trig.head):
            continue  # "killed in the earthquake": a disaster, not an attack (nor repression)
        plover, mode = trig.plover, trig.mode
        if plover == "ASSAULT" and trig.head.lemma_ == "strike" and actor is not None \
                and actor.sector in {"LAB", "EDU", "HLH", "OPP"}:
            plover, mode = "PROTEST", "strike"  # workers who strike stop work; they do not hit anyone
        elif plover == "ASSAULT" and trig.modality == "happened" and _rioters(trig, mode, actor, actor_tok):
            plover, mode = "PROTEST", "riot"  # violence by demonstrators or by a crowd is a riot
        elif plover == "ASSAULT" and trig.modality == "happened" and _clash_with_crowd(trig, target):
            plover, mode, actor, target = "PROTEST", "riot", target, actor  # the rioters act; police face them
        elif plover == "PROTEST" and trig.head.lemma_.lower() in {"strike", "airstrike"} and _is_armed(actor):
            plover, mode = "ASSAULT", None  # forces that carry out a strike attack: "the coalition conducted strikes"
        elif plover == "PROTEST" and mode == "obstruct" and _is_state_force(actor):
            plover, mode = "COERCE", "restrict"  # police blocking a road restrict movement; they do not protest
        elif plover == "ASSAULT" and _is_state_force(actor) and (_is_crowd(target) or trig.means == "crowd-control"):
            mode = "crowd-control"  # security forces using force on demonstrators
        modality = trig.modality
        stance = None
        if modality == "threatened":  # "threatened to attack": what happened is a threat
            plover, mode = "THREATEN", _THREAT_MODES.get((plover, mode), _THREAT_MODES.get((plover, None)))
        elif trig.means not in STATEMENT_MEANS and (stance := stance_of(trig.head, plover)) is not None:
            # "agreed to resign", "refused to meet", "urged them to withdraw": the stance is the event
            stance_mode = stance.mode
            if stance.plover == "THREATEN":
                stance_mode = _THREAT_MODES.get((plover, mode), _THREAT_MODES.get((plover, None)))
            plover, mode, modality = stance.plover, stance_mode, "happened"
            if stance.means:  # "said Iran must return the tanker": a demand, whatever the act's own means
                trig = dataclasses.replace(trig, means=stance.means)
            speaker = resolver.resolve(stance.speaker) if stance.speaker is not None else None
            if speaker is not None:  # "Russia said Sudan must return it": Russia asks Sudan
                asked = actor if actor is not None and actor.country != speaker.country else None
                actor, target = speaker, asked or target  # "X said it should have acted against Y": Y
        inferred_place = location is None and m.focus_place is not None
        if location is None:
            location = m.focus_place
        if date is None and m.published is not None:
            date = TimeMention(text="", start=-1, end=-1, type="DATE", value=m.published.isoformat(),
                               precision="day", date=m.published)
        coding = _code(trig, plover, mode, actor, target, modality)
        confidence = _confidence(trig, modality, actor, target, place_level, hit_t is not None, inferred_place,
                                 sent_index.get(trig.head.sent.start, 0))
        drafts.append({"trig": trig, "plover": plover, "mode": mode, "modality": modality, "coding": coding,
                       "actor": actor, "target": target, "location": location, "date": date,
                       "confidence": confidence, "stance_by": stance.by if stance is not None else None})

    drafts = _raids_by_what_they_did(_fold_outcomes(_fold_consequences(_one_event_per_stance(drafts))))
    _violent_protests(drafts)
    _protests_met_with_force(drafts)
    for d in drafts:
        if d["coding"].acled_sub_type is not None:
            d["confidence"] = min(0.99, d["confidence"] + 0.05)  # political violence, protest or strategic
    _background_below_news(drafts)
    counts = _assign_counts(doc, drafts, m.quantities)
    events = []
    for n, d in enumerate(drafts):
        found: Trigger = d["trig"]
        span = doc[found.start : found.end]
        quote = _quote_of(span.start_char, found.head, m.quotes, d["actor"])
        events.append(Event(
            trigger=Span(span.text, span.start_char, span.end_char),
            plover_type=d["plover"], plover_mode=_record_mode(d["plover"], d["mode"]),
            acled_type=d["coding"].acled_type, acled_sub_type=d["coding"].acled_sub_type,
            cameo=d["coding"].cameo, confidence=d["confidence"], modality=d["modality"],
            actor=d["actor"], target=d["target"], location=d["location"], date=d["date"],
            fatalities=counts.get((n, "killed")), injured=counts.get((n, "injured")),
            arrested=counts.get((n, "arrested")),
            attribution=Attribution(source=quote.source, cue=quote.cue) if quote and quote.source else None,
            labels=tuple(_labels_of(found.head, quote, m.labels)),
        ))
    return events


# What demonstrators do that makes a protest violent in ACLED's sense (vandalism, fighting, stone
# throwing, storming), as opposed to what is done to them.
_CROWD_VIOLENCE = frozenset({
    "smash", "torch", "burn", "loot", "vandalise", "vandalize", "hurl", "throw", "pelt", "storm",
    "breach", "clash", "fight", "ransack", "attack", "destroy", "damage", "overturn", "tear", "pull",
    "stone", "riot",
})
_VIOLENT_WORDS = frozenset({"violent", "violence", "clash", "riot", "unrest", "rampage"})
_CROWD_NOUNS = frozenset({"protester", "protestor", "demonstrator", "rioter", "crowd", "mob", "marcher",
                          "youth", "student", "activist", "supporter"})
# People who act as crowds when they are many (`irate residents torched the house`, `party supporters
# clashed`): PLOVER's riot ("a violent crowd action meant to injure people or damage property") and
# ACLED's Riots, not an attack by an organised armed group.
_CROWD_PEOPLE = frozenset({"resident", "villager", "youth", "protester", "protestor", "demonstrator", "rioter",
                           "marcher", "supporter", "student", "worker", "striker", "member", "local", "commuter",
                           "pupil", "learner", "schoolchild", "dweller", "miner", "driver", "fan"})
_CROWDS = frozenset({"crowd", "mob", "community", "throng"})  # a crowd in the singular
# acts and weapons of organised violence, which a crowd does not use
_ORGANISED_MODES = frozenset({"sexual", "abduct", "assassinate", "execute", "massacre", "cleansing", "torture",
                              "aerial", "drone", "heavy-weapons", "explosives", "suicide-attack", "unconventional",
                              "crowd-control", "firearms"})
_WAR_MEANS = frozenset({"firearms", "ied", "car-bomb", "grenade", "suicide", "aerial", "shelling", "chemical"})


def _is_armed(actor: Actor | None) -> bool:
    """The actor's sector is an organised armed one (cameo_actors.tsv group `armed`)."""
    return actor is not None and actor.sector is not None and "armed" in load_tables().sectors[actor.sector].groups


def _record_mode(plover: str, mode: str | None) -> str | None:
    """The PLOVER mode for the record. A trigger row may name a PLOVER context instead of a mode
    (`lifted the embargo`: RETREAT, economic); the context picks the CAMEO code, the record's mode
    stays empty."""
    try:
        return normalize_mode(plover, mode)
    except OntologyError:
        return None


_MUTUAL = frozenset({"clash", "confrontation", "skirmish", "scuffle", "fight", "fighting", "battle", "brawl"})


def _clash_with_crowd(trig: Trigger, target: Actor | None) -> bool:
    """`clashes between police and protesters`: the crowd fought back, so it is a riot (ACLED's
    violent demonstration), whoever is named first."""
    return trig.head.lemma_.lower() in _MUTUAL and target is not None and target.sector == "OPP"


def _rioters(trig: Trigger, mode: str | None, actor: Actor | None, actor_tok: Token | None) -> bool:
    """The actor of an assault is a crowd: demonstrators (OPP), or many people of a kind that acts
    as a crowd (`a mob`, named or not), without the acts and weapons of organised violence (`youths
    opened fire` is not a riot)."""
    if actor is not None and actor.sector == "OPP":
        return True
    if actor_tok is None or mode in _ORGANISED_MODES or trig.means in _WAR_MEANS or _is_armed(actor):
        return False
    lemma = actor_tok.lemma_.lower()
    return lemma in _CROWDS or (lemma in _CROWD_PEOPLE and actor_tok.tag_ in {"NNS", "NNPS"})


def _code(trig: Trigger, plover: str, mode: str | None, actor: Actor | None, target: Actor | None,
          modality: str) -> Coding:
    # the "resource" context (territory and natural resources) tells a battle for ground from a seizure of goods
    # (and ground handed over or abandoned from a withdrawal that just pulls forces back)
    context = "resource" if (plover, mode) in {("COERCE", "seize"), ("RETREAT", "withdraw")} \
        and (takes_territory(trig.head) or _left_to_others(trig.head)) else None
    means = trig.means
    if (plover, mode) == ("COERCE", "seize") and trig.means is None and _unopposed(trig.head):
        means = "unopposed"  # "took the town after the army pulled out": ground changed hands without a fight
    if (plover, mode) == ("COERCE", "arrest") and means is None and _protesters(target):
        means = "crowd-control"  # "arrested 40 protesters": arrests at a protest are ACLED's intervention in it
    target_sector = target.sector if target else None
    if (plover, mode) == ("PROTEST", "riot") and ((actor is not None and _MOB.search(actor.text)) or any(
            c.dep_ in {"compound", "amod", "nmod"} and _MOB.fullmatch(c.text) for c in trig.head.children)):
        target_sector = "CVL"  # a mob's violence (`mob violence`) is ACLED's mob violence, whoever it falls on
    if plover == "ASSAULT" and target_sector == "IGO" and trig.head.lemma_.lower() in _MUTUAL:
        target_sector = None  # an international body one clashes with fights back: peacekeepers, an alliance's forces
    if plover == "ASSAULT" and target_sector == "GOV" and target is not None and _an_official(trig.head.doc, target):
        target_sector = "CVL"  # one unarmed official ("killed the mayor") is a civilian to ACLED
    coding = code_event(plover, mode, actor_sector=actor.sector if actor else None,
                        target_sector=target_sector, means=means, modality=modality, context=context)
    said = coding.cameo is not None and coding.cameo[:2] in {"01", "02"}  # "claimed responsibility": coded as said
    # said, not done: a CAMEO statement; but a demand the text names (`demanded`, `must`) stays one (CAMEO 10)
    if trig.statement and not said and means != "demand" and load_tables().plover[plover].quad in {1, 3}:
        coding = Coding(None, None, statement_code(plover))
    return coding


_MOB = re.compile(r"\bmobs?\b", re.IGNORECASE)


def _protesters(target: Actor | None) -> bool:
    """The target is named as a crowd of protesters (`40 protesters`, `the demonstrators`), not as
    opposition people who may be taken anywhere (`the opposition leader`)."""
    return target is not None and any(w in target.text.lower() for w in ("protester", "protestor", "demonstrator",
                                                                         "marcher", "striker", "rioter"))


def _an_official(doc: Doc, target: Actor) -> bool:
    """The target is one person holding a government post (`a local official`, `the mayor`, a name),
    not the government as a body, which in news often stands for its forces."""
    span = doc.char_span(target.start, target.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.ent_type_ == "PERSON" or phrase_sector([root])[1]


_WITHDRAWAL = frozenset({"withdraw", "withdrawal", "retreat", "evacuate", "evacuation", "flee", "abandon", "vacate"})
_FIGHTING = frozenset({"fight", "fighting", "clash", "battle", "attack", "assault", "shell", "shelling", "bomb",
                       "bombing", "kill", "storm", "offensive", "ambush", "airstrike", "resistance", "firefight"})


def _unopposed(head: Token) -> bool:
    """The sentence has the other side leave (`after Kurdish forces pulled out`, `following the
    withdrawal of Puntland forces`) or says so (`without a fight`), and names no fighting."""
    words = {t.lemma_.lower() for t in head.sent}
    left = {t.lemma_.lower() for t in head.sent if _told_as_act(t)}
    pulled = any(t.lemma_.lower() == "pull" and any(c.lower_ in {"out", "back"} for c in t.children) for t in head.sent)
    said = "unopposed" in words or any(t.lower_ == "without" and t.i + 2 < len(t.doc)
                                       and {t.nbor(1).lemma_, t.nbor(2).lemma_} & {"fight", "resistance", "fighting"}
                                       for t in head.sent)
    return said or ((pulled or bool(left & _WITHDRAWAL)) and not words & _FIGHTING)


def _told_as_act(tok: Token) -> bool:
    """`forces withdrew`, `the withdrawal of forces`, `had abandoned`: not a participle describing a
    thing (`motorbikes lying abandoned`, `the abandoned base`)."""
    if tok.dep_ in {"acl", "amod"}:
        return False
    return tok.tag_ != "VBN" or any(c.dep_ in {"aux", "auxpass"} and c.lemma_ in {"be", "have", "get"}
                                    for c in tok.children)


def _left_to_others(head: Token) -> bool:
    """`withdrew from the base, leaving it in the hands of opposition fighters`: the ground changed hands."""
    return any(t.lemma_.lower() == "hand" and t.dep_ == "pobj" and t.head.lower_ == "in" for t in head.subtree)


def _background_below_news(drafts: list[dict]) -> None:
    """An event named as the antecedent of another ("recaptured the village, days after it was
    seized") ranks below the events of its sentence that are not background, whatever else it has."""
    for d in drafts:
        if not _background(d["trig"].head):
            continue
        sent = d["trig"].head.sent.start
        news = [x["confidence"] for x in drafts
                if x["trig"].head.sent.start == sent and not _background(x["trig"].head)]
        if news and d["confidence"] >= max(news):
            d["confidence"] = max(0.05, max(news) - 0.01)


def _fold_consequences(drafts: list[dict]) -> list[dict]:
    """"Warplanes struck the market, killing nine (and wounding five)": the participles tell the
    attack's outcome, so they are that attack, not more attacks; their counts go to it."""
    attacks = {d["trig"].head.i for d in drafts if d["plover"] == "ASSAULT"}

    def outcome(head: Token) -> bool:
        while head.dep_ == "conj" and head.tag_ == "VBG":
            head = head.head
        return head.tag_ == "VBG" and head.dep_ == "advcl" and head.head.i < head.i and head.head.i in attacks

    return [d for d in drafts if not (d["plover"] == "ASSAULT" and not d["trig"].is_noun
                                      and d["trig"].modality == "happened" and outcome(d["trig"].head))]


# what is done to the people an attack hits, told without the doer: "six were killed after police opened fire"
_CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "hurt", "die", "shoot"})
_TIME_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year"})
_CAUSE_MARKS = frozenset({"after", "when", "as"})


def _cause_clauses(head: Token) -> list[Token]:
    """The `after`/`when`/`as` clauses of a casualty verb and of the verbs coordinated with it ("six
    were killed and dozens wounded after ...")."""
    while head.dep_ == "conj":
        head = head.head
    verbs = [head, *(head.doc[i] for i in sorted(_conj_of(head)))]
    return [c for v in verbs for c in v.children if _is_cause_clause(c)]


def _is_cause_clause(clause: Token) -> bool:
    """An `after`/`when`/`as` clause with no time between it and what it explains ("two days
    after" is another, earlier event)."""
    marks = {m.lower_ for m in clause.children if m.dep_ in {"mark", "advmod"}}
    gap = any(m.lemma_.lower() in _TIME_UNITS for m in clause.children if m.dep_ == "npadvmod")
    return clause.dep_ == "advcl" and bool(marks & _CAUSE_MARKS) and not gap


def _conj_of(head: Token) -> set[int]:
    """The verbs coordinated with `head`, at any depth."""
    out: set[int] = set()
    todo = [head]
    while todo:
        for c in todo.pop().children:
            if c.dep_ == "conj":
                out.add(c.i)
                todo.append(c)
    return out


def _agentless_casualty(verb: Token) -> bool:
    """`were killed`, `died`, `dozens wounded`: a casualty verb that does not name who did it."""
    lemma = verb.lemma_.lower()
    if lemma not in _CASUALTY_VERBS or any(c.dep_ == "agent" for c in verb.children):
        return False
    if lemma == "die" or not any(c.dep_ == "nsubj" for c in verb.children):
        return True
    # "dozens wounded": a participle without `have` is a passive whose subject was hit ("police have killed" is not)
    return verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _fold_outcomes(drafts: list[dict]) -> list[dict]:
    """"Six people were killed after security forces opened fire on protesters": the killing has no
    doer of its own; it is the outcome of the attack in its `after` clause, so it is that attack.
    Its counts go there, and its victims become the attack's target when the attack names none
    of a known kind ("four were killed when gunmen opened fire on a bus")."""
    by_head = {d["trig"].head.i: d for d in drafts}
    folded = set()
    for d in drafts:
        trig: Trigger = d["trig"]
        if d["plover"] != "ASSAULT" or trig.is_noun or d["actor"] is not None or trig.modality != "happened" \
                or not _agentless_casualty(trig.head):
            continue
        done = next((x for x in (by_head.get(c.i) for c in _cause_clauses(trig.head))
                     if x is not None and x is not d and x["plover"] == "ASSAULT" and x["actor"] is not None), None)
        if done is None:
            continue
        folded.add(id(d))
        done.setdefault("outcomes", []).append(trig.head)
        if d["target"] is not None and (done["target"] is None or not done["target"].sector):
            done["target"] = d["target"]
            done["coding"] = _code(done["trig"], done["plover"], done["mode"], done["actor"], done["target"],
                                   done["modality"])
    return [d for d in drafts if id(d) not in folded]


_RAIDS = frozenset({"raid", "storm", "swoop"})


def _raids_by_what_they_did(drafts: list[dict]) -> list[dict]:
    """"Police raided a hideout and arrested five suspects": the raid is how the arrests (or the
    shooting) came about, one incident that ACLED codes by its outcome. A raid whose sentence has an
    arrest or an assault by the same doer (or by no named one) gives way to it, lending it the place
    and the date it lacks."""
    gone = set()
    for d in drafts:
        trig: Trigger = d["trig"]
        if d["plover"] != "COERCE" or trig.head.lemma_.lower() not in _RAIDS or trig.modality != "happened":
            continue
        sent = trig.head.sent.start
        outcome = next((x for x in drafts if x is not d and x["trig"].head.sent.start == sent
                        and x["modality"] == "happened" and id(x) not in gone
                        and ((x["plover"] == "COERCE" and x["mode"] == "arrest") or x["plover"] == "ASSAULT")
                        and (x["actor"] is None or d["actor"] is None or x["actor"].text == d["actor"].text
                             or x["trig"].head.head.i == trig.head.i or trig.head.head.i == x["trig"].head.i)), None)
        if outcome is None:
            continue
        gone.add(id(d))
        for key in ("location", "date", "actor"):
            if outcome[key] is None and d[key] is not None:
                outcome[key] = d[key]
        outcome["confidence"] = max(outcome["confidence"], d["confidence"])
    return [d for d in drafts if id(d) not in gone]


def _one_event_per_stance(drafts: list[dict]) -> list[dict]:
    """"demanded a ceasefire" is one demand: when the stance word is itself an event of the stance's
    type, it stands for both and takes the mode that the content gave ("demanded the release" ->
    REQUEST yield); the content's own draft goes."""
    by_head = {d["trig"].head.i: d for d in drafts}
    absorbed = set()
    for d in drafts:
        gov = by_head.get(d["stance_by"].i) if d["stance_by"] is not None else None
        if gov is None or gov is d or gov["plover"] != d["plover"]:
            continue
        gov["mode"] = gov["mode"] or d["mode"]
        gov["actor"] = gov["actor"] or d["actor"]
        gov["target"] = d["target"] or gov["target"]  # "agreed to send troops to Estonia": Estonia
        gov["coding"] = _code(gov["trig"], gov["plover"], gov["mode"], gov["actor"], gov["target"], gov["modality"])
        gov["confidence"] = max(gov["confidence"], d["confidence"])
        absorbed.add(id(d))
    return [d for d in drafts if id(d) not in absorbed]


def _violent_protests(drafts: list[dict]) -> None:
    """A protest is a riot when its sentence shows the protesters using force: the protest is
    called violent, it comes with clashes (`demonstrations and clashes`), its crowd does something
    violent (`thousands marched and some smashed windows`, `protesters hurled rocks`), or the
    sentence already has a riot or an assault by the crowd."""
    for d in drafts:
        if d["plover"] != "PROTEST" or d["mode"] == "riot" or d["trig"].modality != "happened":
            continue
        head: Token = d["trig"].head
        sent = head.sent
        others = [x for x in drafts if x is not d and x["trig"].head.sent.start == sent.start]
        violent = any((x["plover"] == "PROTEST" and x["mode"] == "riot")
                      or (x["plover"] == "ASSAULT" and _is_crowd(x["actor"])) for x in others)
        violent = violent or any(c.lemma_.lower() in _VIOLENT_WORDS for c in head.children
                                 if c.dep_ in ("amod", "conj"))
        violent = violent or any(_crowd_violence(t, head) for t in sent) or _barricaded(head)
        if violent:
            # a demonstration that turned violent is ACLED's violent demonstration, whoever its demands
            # name (the mob violence rows read the target as the crowd's victims)
            d["mode"] = "riot"
            d["coding"] = code_event("PROTEST", "riot", actor_sector=d["actor"].sector if d["actor"] else None)


_ROADS = frozenset({"road", "street", "highway", "bridge", "junction", "roundabout", "motorway", "avenue"})


def _barricaded(protest: Token) -> bool:
    """Roads barricaded or tyres burnt by the protest itself: ACLED's codebook counts both as a
    violent demonstration (`blocked the road` alone stays peaceful)."""
    if protest.lemma_.lower() == "barricade" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _ROADS for c in protest.children):
        return True
    for tok in protest.subtree:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in {"barricade", "barricades"} and tok.dep_ in {"pobj", "dobj"}:
            return True
        if tok.pos_ == "NOUN" and lemma in {"tyre", "tire"} and (
                any(c.lemma_.lower() in {"burn", "burning", "flaming"} for c in tok.children)
                or tok.head.lemma_.lower() in {"burn", "set", "torch"}):
            return True
    return False


def _crowd_violence(tok: Token, protest: Token) -> bool:
    """`tok` is a violent act by the protesters: done by a crowd noun, or joined to the protest verb."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in _CROWD_VIOLENCE or tok.i == protest.i:
        return False
    if tok.dep_ == "conj" and tok.head.i == protest.i:
        return True
    if tok.dep_ == "amod" and tok.head.dep_ == "conj" and tok.head.head.i == protest.i:
        return True  # "marched and some smashed store windows", which the parser reads as a noun phrase
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in _CROWD_NOUNS



def _protests_met_with_force(drafts: list[dict]) -> None:
    """A protest whose sentence has state forces using force (or people killed), other than what it
    protests, is a protest with intervention, or with excessive force when they used live fire or
    people died; that protest is then the sentence's main event, the force its part."""
    for d in drafts:
        if d["plover"] != "PROTEST" or d["mode"] == "riot" or d["trig"].modality not in {"happened", "attempted"}:
            continue  # a riot stays a riot whoever intervenes; a protest tried and stopped was intervened in
        sent = d["trig"].head.sent.start
        # the force is used on the protest, not what it protests ("marched over the police shooting")
        force = [x for x in drafts if x is not d and x["trig"].head.sent.start == sent
                 and x["plover"] in {"ASSAULT", "COERCE"} and (_is_state_force(x["actor"]) or x["actor"] is None)
                 and not _background(x["trig"].head)]
        if not force:
            continue
        lethal = any(x["trig"].means == "firearms" or x["trig"].head.lemma_ in {"kill", "shoot"} for x in force)
        d["coding"] = code_event("PROTEST", d["mode"],
                                 actor_sector=d["actor"].sector if d["actor"] else None,
                                 means="firearms" if lethal else "crowd-control")
        d["confidence"] = max(d["confidence"], *(x["confidence"] for x in force)) + 0.01


# `calls for a strike`, `plans like a march`, `as a protest`: a protest wished for or compared with
_NOT_HELD_PREPS = frozenset({"for", "like", "as", "than", "unlike", "without"})


def _done_to_something(trig: Trigger) -> bool:
    """A verb in the passive with its subject, reported as done ("649 people were arrested", "the
    town was retaken"): an event whose doer the text does not name, as ACLED codes "unidentified".
    A protest, strike or riot that its sentence is about ("the strike began as a sit-in", "workers
    continued their strike") is an event by itself: the protesters may be named sentences away or
    not at all. One only mentioned in passing ("following protests last week") is not."""
    head = trig.head
    if trig.fallback or trig.modality != "happened":
        return False
    if trig.plover == "PROTEST":
        if head.dep_ == "pobj":  # "embarked on a strike", "walked past the protest": it took place;
            # "following protests last week": named as what came before, in passing
            return head.head.lower_ not in _NOT_HELD_PREPS and not _background(head)
        return head.dep_ in {"ROOT", "nsubj", "nsubjpass", "dobj", "conj", "ccomp", "attr"}
    if trig.plover == "ASSAULT" and trig.is_noun and trig.means is not None and head.dep_ == "nsubj":
        return True  # "a drone strike hit a car": a strike that did something took place, by whomever
    return not trig.is_noun and head.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in head.children)


def _is_count_word(tok: Token) -> bool:
    return tok.like_num or tok.lemma_.lower() in {"thousand", "hundred", "dozen", "million", "score", "many"}


def _is_state_force(actor: Actor | None) -> bool:
    return actor is not None and actor.sector in {"COP", "MIL"}


def _is_crowd(actor: Actor | None) -> bool:
    return actor is not None and (actor.sector == "OPP" or any(
        w in actor.text.lower() for w in ("protest", "demonstrat", "crowd", "marcher")))


def _target_place(trig: Trigger, target: Actor | None, places: list[tuple[Place, int]]) -> Place | None:
    """The place that a violent or coercive act was done to (`struck Odesa`, `shelled the
    town of Kalo`): the target's phrase ends with its name (not `Mali's army`)."""
    if target is None or trig.plover not in {"ASSAULT", "COERCE"}:
        return None
    return next((p for p, _ in places if target.start <= p.start and p.end == target.end), None)


def _span_set(actor: Actor | None) -> set[int]:
    return set() if actor is None else set(range(actor.start, actor.end))


def _confidence(trig: Trigger, modality: str, actor: Actor | None, target: Actor | None,
                place_level: int | None, has_date: bool, inferred_place: bool, sent_no: int) -> float:
    score = 0.45 if trig.is_noun and not _after_light_verb(trig.head) else 0.55
    score += 0.15 if actor is not None and actor.sector else 0.0
    score += 0.05 if target is not None else 0.0
    score += 0.1 if place_level is not None else 0.0
    score += 0.05 if has_date else 0.0
    score += 0.05 if modality == "happened" else -0.1
    score -= 0.05 if inferred_place else 0.0
    score -= 0.015 * min(sent_no, 10)  # the lead reports the main event
    score -= 0.1 if _background(trig.head) else 0.0
    score -= 0.05 if _aside(trig.head) else 0.0
    score -= 0.12 if _describes_noun(trig.head) else 0.0
    if trig.score is not None:  # how sure the classifier is of the type
        score *= 0.5 + 0.5 * trig.score
    if trig.fallback:  # no lexicon word: a candidate the classifier typed alone
        score *= 0.6
    return max(0.05, min(0.99, score))


_CAUSE_PREPS = frozenset({"following", "after", "over", "since", "because"})  # "because" heads "because of X"
# "responsibility for the attack", "condolences over the bombing": the attack is what is owned or mourned
_CAUSE_NOUNS = frozenset({"retaliation", "response", "wake", "protest", "revenge", "reprisal", "responsibility",
                          "condolence", "sympathy", "involvement"})


_OWN_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "mark"})  # a clause of its own, not a participle


def _background(head: Token) -> bool:
    """An event named as the cause or antecedent of another: "following the killing of ...",
    "because of its involvement in killing", "in retaliation for the raid", "after the bombing",
    and a past perfect or participle that describes someone in passing: "nationals who had been
    arrested", "soldiers captured last month"."""
    if head.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ in {"had", "'d"} for c in head.children):
        return True
    if head.dep_ == "acl" and head.tag_ == "VBN" and head.head.dep_ in {"dobj", "nsubj", "nsubjpass"} \
            and head.head.head.pos_ == "VERB" and not any(c.dep_ in _OWN_CLAUSE_DEPS for c in head.children):
        return True  # "freed 30 soldiers captured in last month's fighting": who they are, not this news
    if head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"after", "since"} for c in head.children):
        # "recaptured the town, days after it was seized by the army"; but "six were killed after
        # police opened fire": the shooting is how the deaths came about, the same incident
        return not (_is_cause_clause(head) and _agentless_casualty(head.head))
    node = head
    for _ in range(4):
        if node.dep_ != "pobj":
            return False
        prep = node.head
        if prep.lower_ in _CAUSE_PREPS or (prep.lower_ == "of" and prep.i > 0 and prep.nbor(-1).lower_ == "because"):
            return True
        if prep.lower_ in {"for", "to", "of"} and prep.head.lemma_.lower() in _CAUSE_NOUNS:
            return True
        if prep.head.pos_ not in {"NOUN", "PROPN"}:
            return False
        node = prep.head  # "because of its involvement in killing": climb the noun chain
    return False


def _aside(head: Token) -> bool:
    """The word's clause is told alongside the sentence's news, not as it: `threatened sanctions as
    the leaders sought to ease tensions`, `while talks went on`. (A `when` clause is often the act
    itself: `six died when police opened fire`.)"""
    node = head
    for _ in range(3):
        if node.dep_ == "advcl":
            return any(c.dep_ == "mark" and c.lower_ in {"as", "while", "whilst"} for c in node.children)
        if node.dep_ not in {"xcomp", "dobj", "pobj", "prep", "conj"} or node.head.i == node.i:
            return False
        node = node.head
    return False


def _describes_noun(head: Token) -> bool:
    """A participle that says who or what a noun is (`protesters calling for reforms`, `a truce
    welcomed by the president`, `troops deployed near the border`): told in passing about one
    of the sentence's things, rarely its news."""
    return head.dep_ == "acl" and head.tag_ in {"VBG", "VBN"} and head.head.dep_ != "ROOT" \
        and not any(c.dep_ in _OWN_CLAUSE_DEPS for c in head.children)


def _after_light_verb(noun: Token) -> bool:
    """"staged rallies", "went on strike": the noun is the clause's event, as a verb would be."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
    return noun.dep_ in {"dobj", "pobj"} and verb.pos_ in {"VERB", "AUX"} and verb.lemma_ in _LIGHT_VERBS


def _assign_counts(doc: Doc, drafts: list[dict], quantities: Sequence[Quantity]) -> dict[tuple[int, str], Quantity]:
    """Each count goes to one event: the nearest eligible trigger of its sentence. Then the
    article's toll (`document_counts`: no double counting, people shot who later died are dead,
    not injured) caps the per-event figures, and goes to the main violent event when no event
    carries it yet."""
    out = _counts_by_sentence(doc, drafts, quantities)
    toll = document_counts(quantities)
    for kind in ("killed", "injured"):
        doc_q = toll.get(kind)
        for slot in [k for k in out if k[1] == kind]:
            q = out[slot]
            if getattr(q, "basis", "stated") == "hit" and (doc_q is None or doc_q.best < q.best):
                if doc_q is None or doc_q.best == 0:
                    del out[slot]  # shot, and the article says they died: not injured
                else:
                    out[slot] = doc_q
        if doc_q is None or doc_q.best == 0:
            continue
        carried = max((q.best for k, q in out.items() if k[1] == kind), default=0)
        if carried < doc_q.best:
            main = [n for n, d in enumerate(drafts) if d["plover"] == "ASSAULT"
                    and d["trig"].modality == "happened"]
            if main:
                best = max(main, key=lambda n: drafts[n]["confidence"])
                out[(best, kind)] = doc_q
    return out


def _counts_by_sentence(doc: Doc, drafts: list[dict], quantities: Sequence[Quantity]
                        ) -> dict[tuple[int, str], Quantity]:
    out: dict[tuple[int, str], Quantity] = {}
    for q in quantities:
        if q.kind not in _COUNT_TYPES:
            continue
        tok = _tok(doc, q.start, q.end)
        if tok is None:
            continue
        best: tuple[int, int, int, int] | None = None
        for n, d in enumerate(drafts):
            trig: Trigger = d["trig"]
            if trig.head.sent.start != tok.sent.start or d["plover"] not in _COUNT_TYPES[q.kind]:
                continue
            if d["modality"] not in ("happened", "attempted"):
                continue  # "with intent to kill", "threatened to kill 20": nobody was counted dead
            heads = [trig.head, *d.get("outcomes", ())]  # the casualty verbs folded into it count as it
            in_clause = any(tok.i in {t.i for t in _clause(h).subtree} for h in heads)
            violent = d["plover"] == "ASSAULT" or (q.kind == "arrested" and d["plover"] == "COERCE")
            own = any(tok.head.i == h.i for h in heads)  # "shot dead 22 people": the people are the shooting's
            key = (0 if in_clause else 1, 0 if violent else 1, 0 if own else 1, min(abs(h.i - tok.i) for h in heads))
            if best is None or key < best:
                best, chosen = key, n
        if best is None:
            continue
        slot = (chosen, q.kind)
        if slot not in out or q.best > out[slot].best:
            out[slot] = q
    return out


def _quote_of(char: int, head: Token, quotes: Sequence[Quote], actor: Actor | None) -> Quote | None:
    """The statement that reports the event: a quote whose content holds the trigger, or an
    "according to" in its sentence. A quote whose source is the event's own actor ("the government
    declared a state of emergency" read as a statement) is the event itself, not a report of it."""
    own = _span_set(actor)
    quotes = [q for q in quotes if q.source is None or not (set(range(q.source.start, q.source.end)) & own)]
    inside = [q for q in quotes if q.content.start <= char < q.content.end]
    if inside:
        return min(inside, key=lambda q: q.content.end - q.content.start)
    sent = head.sent
    return next((q for q in quotes if q.kind == "according_to"
                 and sent.start_char <= q.cue.start < sent.end_char), None)


def _labels_of(head: Token, quote: Quote | None, labels: Sequence[Label]) -> list[Label]:
    sent = head.sent
    out = []
    for lab in labels:
        in_sentence = sent.start_char <= lab.start < sent.end_char
        in_quote = quote is not None and quote.content.start <= lab.start < quote.content.end
        if in_sentence or in_quote:
            out.append(lab)
    return out
