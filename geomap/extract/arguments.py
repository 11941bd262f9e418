"""An event word's arguments read from the parse: its day (the time of its own clause, else
of the clauses above it), who did it (the subject of an active verb, the agent of a passive
one), and whether the clause denies it, only supposes it or puts it in the future.

Each function answers None when the sentence has no parse or the parse does not tell, and
the roles step then falls back on where words stand in the sentence (spans.py).
"""
from __future__ import annotations

from functools import lru_cache

from .. import lang
from ..text import fold
from . import clauses
from .document import ActorMention, SentenceLayers, Trigger
from .grammar import grammar
from .settings import Settings, faction


@lru_cache(maxsize=None)
def control_words(language: str, key: str) -> frozenset[str]:
    """A folded word list of events.yaml's control_change ("agent_words", "from_words"...)."""
    return frozenset(fold(w) for w in lang.load(language, "events")["control_change"].get(key, []))


def trigger_token(layer: SentenceLayers, trigger: Trigger):
    """The word of the parse an event word stands for: in a pattern that spans an auxiliary
    ("a repris", "have been taken"), the verb or noun it leads to, not the auxiliary; in one
    that spans a noun and its verb ("buses carrying fighters left"), the verb; of several
    nouns ("air strikes"), the one the others depend on."""
    if layer.parse is None:
        return None
    inside = layer.parse.overlapping(trigger.start, trigger.end)
    content = [t for t in inside if t.pos == "VERB"] or [t for t in inside if t.pos in ("NOUN", "PROPN")]
    within = {t.i for t in inside}
    heads = [t for t in content if t.head not in within or t.head == t.i]
    return (heads or content or inside or [None])[0]


def doer(layer: SentenceLayers, trigger: Trigger, language: str, settings: Settings, last_side: str | None,
         last_subject_side: str | None = None):
    """(side, passive) for a verb of capture or loss: the side among the actors named in its
    subject (or, passive, in its agent); a pronoun subject stands for the side named last, a noun of
    armed men ("les forces") for the side the sentence before had as subject.
    None when the parse names nobody the conflict knows."""
    token = trigger_token(layer, trigger)
    if token is None:
        return None
    s = clauses.scheme(language)
    head = clauses.predicate_of(layer.parse, token)
    if head.i != token.i:  # a noun ("la reprise d'Alep par l'armée"): only its own agent counts
        side = _side_within(noun_agent(layer.parse, token, language), layer.actors, settings)
        return (side, True) if side else None
    subject, passive = clauses.subject_of(layer.parse, head, s)
    agent = clauses.agent_of(layer.parse, head, s)
    passive = passive or bool(agent)
    words = agent if passive else subject
    side = _side_named(words, layer, language, settings)
    if side is None and not passive and subject and (subject[0].pos == "PRON" or _generic(subject, language)):
        side = _reporter_side(layer, head, language, settings) or (
            last_side if subject[0].pos == "PRON" else last_subject_side or last_side)
    if side is None and passive:  # "recaptured from rebel fighters": the loser's opponent took it
        loser = _side_named(_taken_from(layer.parse, head, language), layer, language, settings)
        side = settings.opponents.get(loser) if loser else None
    return (side, passive) if side else None


def _reporter_side(layer: SentenceLayers, head, language: str, settings: Settings) -> str | None:
    """The side of who tells it, for a clause reported by a verb ("The military announced that
    troops had recaptured X", "l'armée a affirmé qu'elle avait repris"): a pronoun or a noun of
    armed men there stands for the teller's side before the sentence before's."""
    s = clauses.scheme(language)
    above = layer.parse.head_of(head)
    if above is None or head.dep not in s.clause or above.pos not in clauses.PREDICATES:
        return None
    subject, passive = clauses.subject_of(layer.parse, above, s)
    return None if passive else _side_named(subject, layer, language, settings)


def main_side(layer: SentenceLayers, language: str, settings: Settings) -> str | None:
    """The side named in the subject of the sentence's main verb ("L'armée syrienne et ses
    alliés ont repris..."): the one a later "ils" or "les forces" most likely stands for."""
    if layer.parse is None:
        return None
    root = next((t for t in layer.parse.tokens if t.head == t.i), None)
    if root is None:
        return None
    subject, passive = clauses.subject_of(layer.parse, root, clauses.scheme(language))
    return None if passive else _side_named(subject, layer, language, settings)


def qualifies_a_thing(layer: SentenceLayers, actor: ActorMention, language: str) -> bool:
    """An actor's name used as a modifier of a noun of ground ("the largest rebel district",
    "rebel-held areas", "les quartiers rebelles"; places.yaml `place_words`, `held_words`, or a
    place named): it says whose the ground is, not who acts ("Russian air strikes" do act)."""
    if layer.parse is None:
        return False
    words = layer.parse.overlapping(actor.start, actor.end)
    if len(words) != 1:
        return False
    s, word = clauses.scheme(language), words[0]
    noun = layer.parse.head_of(word)
    if noun is None or noun.i == word.i or word.dep not in s.participle_of | s.compound:
        return False
    if noun.pos not in ("NOUN", "PROPN", "VERB") or noun.start < actor.end and noun.end > actor.start:
        return False
    if noun.pos == "VERB":  # "rebel-held": the participle's own noun is the thing
        noun = layer.parse.head_of(noun)
        if noun is None or noun.pos not in ("NOUN", "PROPN"):
            return False
    return of_ground(noun, language) or any(m.start <= noun.start < m.end for m in layer.places)


def of_ground(noun, language: str) -> bool:
    """A noun of ground a side holds ("district", "quartier", "areas")."""
    held = _held_words(language)
    return fold(noun.lemma) in held or fold(noun.text) in held


@lru_cache(maxsize=None)
def _held_words(language: str) -> frozenset[str]:
    """Nouns of ground a side holds: places.yaml `place_words` and `held_words`."""
    data = lang.load(language, "places")
    return frozenset(fold(w) for w in list(data.get("place_words", ())) + list(data.get("held_words", ())))


def _generic(subject: list, language: str) -> bool:
    """A subject of armed men that names no side ("les forces militaires", "the troops";
    actors.yaml `generic_forces`): it stands for the side the sentence before had as subject."""
    forces = _generic_forces(language)
    return any(fold(w.lemma) in forces or fold(w.text) in forces for w in subject if w.pos == "NOUN")


@lru_cache(maxsize=None)
def _generic_forces(language: str) -> frozenset[str]:
    return frozenset(fold(w) for w in lang.load(language, "actors").get("generic_forces", []))


def _taken_from(parse, verb, language: str) -> list:
    """The complement of a passive capture naming who lost the place: "repris aux rebelles",
    "recaptured from the rebels" (events.yaml, control_change `from_words`)."""
    words, s = control_words(language, "from_words"), clauses.scheme(language)
    agent_lead = tuple(w + " " for w in control_words(language, "agent_words"))  # "aux mains des": the taker
    for child in parse.children(verb.i):
        phrase = clauses.subtree(parse, child)
        if fold(" ".join(t.text for t in phrase)).startswith(agent_lead):
            continue
        if any(fold(m.text) in words for m in clauses.opening_words(parse, child, s)):
            return phrase
    return []


def noun_agent(parse, noun, language: str) -> list:
    """The complement of an event noun that names who did it: "par l'armée", "by the army"."""
    words = control_words(language, "agent_words")
    for child in parse.children(noun.i):
        if any(fold(c.text) in words for c in parse.children(child.i)) or fold(child.text) in words:
            return clauses.subtree(parse, child)
    return []


def _side_named(words, layer: SentenceLayers, language: str, settings: Settings) -> str | None:
    """The side these words name: an actor's name among them, else a qualifier ("government")."""
    return _side_within(words, layer.actors, settings) or _side_qualified(words, language, settings)


def _side_within(words, actors: list[ActorMention], settings: Settings) -> str | None:
    if not words:
        return None
    lo, hi = words[0].start, words[-1].end
    for actor in actors:
        if lo <= actor.start and actor.end <= hi:
            side = faction(actor.actor, settings)
            if side in settings.sides:
                return side
    return None


def _side_qualified(words, language: str, settings: Settings) -> str | None:
    """The side a word of the subject names by qualifying a noun ("government and allied forces")."""
    named = qualifiers(language)
    for word in words:
        side = faction(named.get(fold(word.lemma)) or named.get(fold(word.text)), settings)
        if side in settings.sides:
            return side
    return None


@lru_cache(maxsize=None)
def qualifiers(language: str) -> dict[str, str]:
    """Folded qualifier word -> actor id (actors.yaml, `qualifiers`)."""
    table = lang.load(language, "actors").get("qualifiers", {})
    return {fold(word): actor for actor, words in table.items() for word in words}


def denied(layer: SentenceLayers, trigger: Trigger, language: str) -> bool:
    """The event word's verb is negated ("n'ont pas repris", "evacuations did not happen"), the
    fighting it names is said to be over ("les combats ont cessé"), or what was taken is only a
    share of the place ("captured 93 percent of eastern Aleppo": a stated share, not a change)."""
    token = trigger_token(layer, trigger)
    if token is None:
        return False
    parse, s = layer.parse, clauses.scheme(language)
    head = clauses.predicate_of(parse, token)
    if trigger.type in ("clash", "strike") and token.i != head.i and clauses.ended(parse, token, s):
        return True
    if trigger.type == "control_change" and token.i == head.i and clauses.a_share(parse, head, s):
        return True
    if trigger.type == "control_change" and trigger.group == "capture" and token.i == head.i \
            and _resumed(layer, head, s):
        return True
    return clauses.negated(parse, head, s)


def done_by_an_event(layer: SentenceLayers, trigger: Trigger, language: str) -> bool:
    """A verb of leaving whose subject is another event ("the bombardment left the defences
    crumbling", "strikes left dozens dead"): what fighting leaves behind is not a departure."""
    token = trigger_token(layer, trigger)
    if token is None or clauses.predicate_of(layer.parse, token).i != token.i:
        return False
    subject, passive = clauses.subject_of(layer.parse, token, clauses.scheme(language))
    if passive:
        return False
    if not subject:  # a parser may hang the subject elsewhere ("after days of shelling and fighting left"):
        before = [w for w in layer.parse.tokens[:token.i] if w.pos not in ("AUX", "ADV", "PART")][-1:]
        subject = clauses.subtree(layer.parse, _phrase_of(layer.parse, before[0], token)) if before else []
    others = [t for t in layer.triggers if t is not trigger and t.type in ("strike", "clash")]
    return any(t.start < w.end and w.start < t.end for w in subject for t in others) or \
        _leaves_in_a_state(layer, token, subject, language)


def _leaves_in_a_state(layer: SentenceLayers, verb, subject: list, language: str) -> bool:
    """"The retreat leaves fighters confined to a handful of districts", "le retrait laisse les
    combattants confinés": a thing, not people, that leaves people in a state; nobody departs."""
    s, parse = clauses.scheme(language), layer.parse
    heads = [w for w in subject if w.head not in {t.i for t in subject} or w.head == w.i]
    people = grammar(language).people_words
    if not heads or heads[0].pos != "NOUN" or {fold(heads[0].lemma), fold(heads[0].text)} & people \
            or any(a.start < heads[0].end and heads[0].start < a.end for a in layer.actors) \
            or any(t.start < heads[0].end and heads[0].start < t.end for t in layer.triggers if t.type == "evacuation"):
        return False      # people, a side, a convoy leave
    objects = [c for c in parse.children(verb.i) if c.dep in s.object]
    return any(c.dep in s.participle_of and c.pos == "VERB" and c.i > o.i   # a participle of state after it
               for o in objects for c in parse.children(o.i))


def _phrase_of(parse, word, verb):
    """The largest phrase holding the word below any verb ("after 13 days of shelling and fighting"
    for "fighting")."""
    for _ in range(len(parse.tokens)):
        above = parse.head_of(word)
        if above is None or above.i in (word.i, verb.i) or above.pos in clauses.PREDICATES:
            break
        word = above
    return word


def _resumed(layer: SentenceLayers, verb, s) -> bool:
    """A verb of capture with no object, whose subject is a thing and not who fights ("les
    opérations ont repris lundi", "talks resumed"): something started again, nothing was taken.
    (A place as subject is a parser's slip: "Après avoir repris Masaken Hanano" parsed so.)"""
    parse = layer.parse
    if any(c.dep in s.object | s.passive_auxiliary for c in parse.children(verb.i)):
        return False
    subject, passive = clauses.subject_of(parse, verb, s)
    if passive or not subject or subject[0].pos == "PRON":
        return False
    lo, hi = subject[0].start, subject[-1].end
    return not any(lo <= named.start < hi for named in list(layer.actors) + list(layer.places))


def clause_mood(layer: SentenceLayers, trigger: Trigger, language: str) -> str | None:
    """"future", "conditional", "reported" (hearsay: "aurait repris") or "indicative" for the
    event word's verb; None without a parse
    or for a verb with no finite form (then the words around it decide).
    A noun takes the mood of the relative clause said of it ("des négociations, qui devraient
    se tenir"); a verb of purpose ("pour préparer des négociations") or a goal noun ("la reprise
    était l'objectif") puts it ahead."""
    token = trigger_token(layer, trigger)
    if token is None:
        return None
    parse, s = layer.parse, clauses.scheme(language)
    head = clauses.predicate_of(parse, token)
    if token.pos in ("NOUN", "PROPN") and (clauses.as_goal(parse, token, s) or clauses.put_off(parse, token, s)):
        return "future"   # "la reprise de Palmyre était l'objectif": an aim; "l'évacuation a été reportée": to come
    if head.i != token.i:
        for clause in (c for c in parse.children(token.i) if clauses.opens_clause(c, s)):
            said = clauses.mood(parse, clause, s)
            if said in ("future", "conditional") and clauses.tells_it_happen(parse, clause, s):
                return said
        if clauses.of_purpose(parse, head, s):
            return "future"
    return clauses.mood(parse, head, s)


def put_off(layer: SentenceLayers, trigger: Trigger, language: str) -> bool:
    """An event noun a verb of delay has as subject or object: the day the sentence names is the delay's."""
    token = trigger_token(layer, trigger)
    return bool(token is not None and token.pos in ("NOUN", "PROPN")
                and clauses.put_off(layer.parse, token, clauses.scheme(language)))


def future_at(layer: SentenceLayers, language: str):
    """For the date step: whether the verb governing the words at start..end speaks of what is
    to come; None when the sentence has no parse or no verb governs them."""
    if layer.parse is None:
        return None
    parse, s = layer.parse, clauses.scheme(language)

    def answer(start: int, end: int) -> bool | None:
        token = parse.at(start, end)
        head = clauses.predicate_of(parse, token) if token else None
        for _ in range(4):  # a participle said of a noun ("la partie détenue par l'opposition lundi"): the verb above
            if head is None or head.pos not in clauses.PREDICATES:
                return None
            said = clauses.mood(parse, head, s)
            if said is not None:
                return said in ("future", "conditional")
            if head.dep not in s.participle_of or (above := parse.head_of(head)) is None or above.i == head.i:
                return None
            head = clauses.predicate_of(parse, above)
        return None
    return answer


def side_of(words, layer: SentenceLayers, language: str, settings: Settings) -> str | None:
    """The side these words of a sentence name (for the shares step): an actor's name among
    them, else a qualifier ("rebel-held", "la poche rebelle")."""
    return _side_named(words, layer, language, settings)


def recalled(layer: SentenceLayers, trigger: Trigger, language: str) -> bool:
    """An event noun the sentence uses as a point in time ("revenus après la reprise de la
    ville", "after the fall of Aleppo"): what it recalls, not what it reports. One brought in
    with an indefinite article is news, not a reminder ("après une réunion de leurs ministres
    dans la capitale russe", "after a meeting in Moscow")."""
    token = trigger_token(layer, trigger)
    return bool(token is not None and token.pos in ("NOUN", "PROPN")
                and clauses.as_reference(layer.parse, token, clauses.scheme(language))
                and not any(c.pos == "DET" and c.feature("Definite") == "Ind" for c in layer.parse.children(token.i)))


def refers_back(layer: SentenceLayers, trigger: Trigger) -> bool:
    """An event noun with a demonstrative determiner ("ces évacuations", "this evacuation"): the
    event the article has just told, whose place the sentence need not name again."""
    token = trigger_token(layer, trigger)
    return bool(token is not None and token.pos in ("NOUN", "PROPN")
                and any(c.feature("PronType") == "Dem" for c in layer.parse.children(token.i)))


def given_event(layer: SentenceLayers, trigger: Trigger, language: str) -> bool:
    """An event noun with a definite determiner in a sentence that names no day ("The evacuation
    agreement was brokered by Russia"): the event the story is about, mentioned again, not a report
    of the day."""
    token = trigger_token(layer, trigger)
    if token is None or token.pos not in ("NOUN", "PROPN") or any(e.day for e in layer.dates):
        return False
    return clauses.definite(layer.parse, phrase_head(layer, token, language))


def phrase_head(layer: SentenceLayers, noun, language: str):
    """The noun an event noun without a determiner of its own modifies ("the ceasefire agreement",
    "l'accord de cessez-le-feu": the agreement), else the noun itself."""
    s = clauses.scheme(language)
    while not clauses.determiners(layer.parse, noun) and noun.dep in s.compound | s.noun_modifier \
            and (head := layer.parse.head_of(noun)) is not None:
        noun = head
    return noun


def manner_of_capture(layer: SentenceLayers, trigger: Trigger, language: str) -> bool:
    """Fighting told as how a place was taken ("ont repris Masaken Hanano au terme de violents
    combats", "captured the district after heavy fighting"): a complement of the capture verb,
    part of the control change, not an event of its own."""
    if trigger.type != "clash":
        return False
    token = trigger_token(layer, trigger)
    if token is None or token.pos not in ("NOUN", "PROPN"):
        return False
    verb = clauses.predicate_of(layer.parse, token)
    captures = [t for t in layer.triggers if t.type == "control_change"]
    return verb.i != token.i and any((c := trigger_token(layer, t)) is not None and c.i == verb.i for t in captures)
