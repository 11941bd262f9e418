"""Reading a parse: the clause an event word stands in, its subject and agent, the clauses
above it, and whether it is negated, conditional or future.

The relation labels are the language's (`geomap/lang/<code>/syntax.yaml`): French models use
Universal Dependencies ("nsubj:pass", "obl:agent"), English ones ClearNLP ("nsubjpass", "agent").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from .syntax import Parse, Token

PREDICATES = ("VERB", "AUX")
RELATIONS = ("preposition", "passive_auxiliary", "participle_of", "coordination", "open_complement", "quantifier")


@dataclass(frozen=True)
class Scheme:
    """One language's relation labels and function words, as sets."""
    subject: frozenset
    passive_subject: frozenset
    agent: frozenset
    object: frozenset
    preposition: frozenset
    passive_auxiliary: frozenset
    participle_of: frozenset
    coordination: frozenset
    open_complement: frozenset
    quantifier: frozenset
    clause: frozenset
    negation: frozenset
    negation_lemmas: frozenset
    conditional_lemmas: frozenset
    future_lemmas: frozenset
    conditional_forms: dict
    future_governors: frozenset
    ending_lemmas: frozenset
    ending_causatives: frozenset
    delay_lemmas: frozenset
    share_lemmas: frozenset
    goal_lemmas: frozenset
    reference_case: frozenset
    cause_words: frozenset
    purpose_heads: frozenset
    support_verbs: frozenset
    reportive_perfect: bool
    compound: frozenset
    happening_lemmas: frozenset
    noun_modifier: frozenset
    anterior_tense: str | None
    attribution: frozenset


@lru_cache(maxsize=None)
def scheme(language: str) -> Scheme:
    data = lang.load(language, "syntax")
    rel = data["relations"]
    return Scheme(frozenset(rel["subject"]), frozenset(rel["passive_subject"]), frozenset(rel["agent"]),
                  frozenset(rel["object"]), *(frozenset(rel[k]) for k in RELATIONS), frozenset(rel["clause"]), frozenset(rel.get("negation", ())),
                  frozenset(data["negation_lemmas"]), frozenset(data.get("conditional_lemmas", ())),
                  frozenset(data.get("future_lemmas", ())), data.get("conditional_forms") or {},
                  frozenset(data.get("future_governors", ())), frozenset(data.get("ending_lemmas", ())),
                  frozenset(data.get("ending_causatives", ())), frozenset(data.get("delay_lemmas", ())),
                  frozenset(data.get("share_lemmas", ())), frozenset(data.get("goal_lemmas", ())),
                  frozenset(data.get("reference_case", ())), frozenset(data.get("cause_words", ())),
                  frozenset(data.get("purpose_heads", ())), frozenset(data.get("support_verbs", ())),
                  bool(data.get("reportive_perfect")), frozenset(rel.get("compound", ())),
                  frozenset(data.get("happening_lemmas", ())), frozenset(rel.get("noun_modifier", ())),
                  data.get("anterior_tense"), frozenset(data.get("attribution", ())))


def predicate_of(parse: Parse, token: Token) -> Token:
    """The verb whose clause holds the token: itself when it is a verb, else the nearest verb
    above it ("la reprise de X a eu lieu" -> "eu"); the token itself when no verb governs it."""
    if token.pos in PREDICATES:
        return token
    known = parse.memo.setdefault("predicate", {})   # token index -> its predicate's index (None: none)
    path = []
    for a in [token, *parse.climb(token)]:
        if a.i in known or a.pos in PREDICATES:
            found = known.get(a.i, a.i) if a.i in known else a.i
            break
        path.append(a.i)
    else:
        found = None
    for i in path:   # every word on the way up has the same verb: a list of many dates climbs once
        known[i] = found
    return token if found is None else parse.tokens[found]


def clause_tokens(parse: Parse, head: Token, s: Scheme) -> set[int]:
    """The indexes of the head's clause: its subtree without the clauses embedded in it and
    without coordinated verbs (each has a clause of its own). Walked once per head and parse
    (a long sentence with many event words in one clause stays linear); a fresh set each call."""
    key = ("clause", head.i, id(s))
    if key not in parse.memo or parse.memo[key][0] is not s:   # the scheme is kept: its id stays its own
        parse.memo[key] = (s, frozenset(_walk_clause(parse, head, s)))
    return set(parse.memo[key][1])


def _walk_clause(parse: Parse, head: Token, s: Scheme) -> set[int]:
    found, todo = set(), [head.i]
    while todo:
        i = todo.pop()
        found.add(i)
        todo += [c.i for c in parse.children(i) if not opens_clause(c, s)]
    return found


def opens_clause(token: Token, s: Scheme) -> bool:
    return token.dep in s.clause or (token.dep in s.coordination and token.pos in PREDICATES)


def clause_chain(parse: Parse, token: Token, s: Scheme) -> list[set[int]]:
    """The event word's own domain, then each clause above it, innermost first. A noun's
    domain takes in the relative clause said of it ("l'évacuation, qui a débuté jeudi")."""
    head = predicate_of(parse, token)
    own = clause_tokens(parse, head, s)
    if token.i != head.i:
        own |= {i for c in parse.children(token.i) if opens_clause(c, s) for i in clause_tokens(parse, c, s)}
    chain, current = [own], head
    while (above := parse.head_of(current)) is not None:
        upper = predicate_of(parse, above)
        if upper.i == current.i:
            break
        chain.append(clause_tokens(parse, upper, s))
        current = upper
    return chain


def subject_of(parse: Parse, head: Token, s: Scheme) -> tuple[list[Token], bool]:
    """The subject of a verb (its tokens) and whether the verb is passive. A verb without a
    subject of its own takes the one of the verb it depends on or is coordinated with
    ("ils ont perdu X puis se sont retirés de Y", "forced to leave")."""
    current = head
    for _ in range(4):
        for child in parse.children(current.i):
            if child.dep in s.subject | s.passive_subject:
                return subtree(parse, child), child.dep in s.passive_subject
        above = parse.head_of(current)
        if above is None or current.dep not in s.coordination | s.open_complement:
            break
        current = above
    return [], False


def agent_of(parse: Parse, head: Token, s: Scheme) -> list[Token]:
    """Who did it, in a passive ("reprise par l'armée", "taken by the army"): the agent in the
    verb's clause (a parser may hang it on a word of the clause rather than the verb)."""
    for i in sorted(clause_tokens(parse, head, s)):
        if parse.tokens[i].dep in s.agent:
            return subtree(parse, parse.tokens[i])
    return []


def determiners(parse: Parse, noun: Token) -> list[Token]:
    """The noun's own determiners ("the", "un")."""
    return [c for c in parse.children(noun.i) if c.pos == "DET"]


def definite(parse: Parse, noun: Token) -> bool:
    """The noun has a definite article of its own ("the district", "l'accord")."""
    return any(c.feature("Definite") == "Def" for c in determiners(parse, noun))


def subtree(parse: Parse, token: Token) -> list[Token]:
    """The token and every token under it, in order (walked once per token and parse; a fresh list each call)."""
    key = ("subtree", token.i)
    if key not in parse.memo:
        parse.memo[key] = tuple(_walk_subtree(parse, token))
    return list(parse.memo[key])


def _walk_subtree(parse: Parse, token: Token) -> list[Token]:
    found, todo = [], [token.i]
    while todo:
        i = todo.pop()
        found.append(parse.tokens[i])
        todo += [c.i for c in parse.children(i)]
    return sorted(found, key=lambda t: t.i)


def negated(parse: Parse, head: Token, s: Scheme) -> bool:
    """A negation word on the verb itself ("n'ont pas repris", "did not happen")."""
    return any(c.dep in s.negation or c.lemma.lower() in s.negation_lemmas for c in parse.children(head.i))


def auxiliaries(parse: Parse, head: Token) -> list[Token]:
    return [c for c in parse.children(head.i) if c.pos == "AUX" or c.dep.startswith("aux")]


def mood(parse: Parse, head: Token, s: Scheme) -> str | None:
    """"future", "conditional", "reported" or "indicative", from the verb's morphology and auxiliaries;
    None for a verb with no finite form (an infinitive, a bare participle: "was to hold",
    "reprise par"), whose mood is its governor's."""
    words = [head] + auxiliaries(parse, head)
    if not any(w.feature("VerbForm") == "Fin" or w.lemma.lower() in s.conditional_lemmas | s.future_lemmas
               for w in words):
        governor = parse.head_of(head)
        if governor is not None and _asked_of(parse, head, governor, s):  # "ont appelé les rebelles à quitter"
            return "future"
        if of_purpose(parse, head, s):  # "pour conquérir les quartiers", "an offensive to take back Aleppo"
            return "future"
        if head.dep not in s.open_complement or governor is None:
            return None
        if governor.lemma.lower() in s.future_governors:  # "was to hold", "doit se tenir", "cherche à chasser"
            return "future"
        return mood(parse, governor, s)  # "ont commencé à quitter": the governor's mood
    if any(w.feature("Mood") == "Cnd" or w.lemma.lower() in s.conditional_lemmas or _conditional_form(w, s)
           for w in words):
        return "reported" if s.reportive_perfect and _perfect(head, words) else "conditional"
    if any(w.feature("Tense") == "Fut" or w.lemma.lower() in s.future_lemmas for w in words):
        return "future"
    return "indicative"


def _asked_of(parse: Parse, verb: Token, noun: Token, s: Scheme) -> bool:
    """An infinitive said of the object of a verb of asking or planning ("ont appelé les
    rebelles à quitter Alep", parsed as a clause of "rebelles"): what is asked is yet to come."""
    if verb.feature("VerbForm") != "Inf" or verb.dep not in s.participle_of | s.open_complement:
        return False
    asker = parse.head_of(noun)
    return noun.dep in s.object and asker is not None and asker.lemma.lower() in s.future_governors


def tells_it_happen(parse: Parse, clause: Token, s: Scheme) -> bool:
    """A clause said of an event noun that tells the event itself come about ("des négociations,
    qui devraient se tenir", "a truce that will be signed", "talks that will take place"), not
    what it will bring ("un accord qui verra les forces du régime contrôler la ville": the
    agreement is made)."""
    words = [clause] + [c for c in parse.children(clause.i) if c.dep in s.object]
    return (clause.lemma.lower() in s.future_governors or any(w.lemma.lower() in s.happening_lemmas for w in words)
            or any(c.dep in s.passive_auxiliary for c in parse.children(clause.i)))


def as_goal(parse: Parse, noun: Token, s: Scheme) -> bool:
    """An event noun said to be an aim: the subject or the attribute of a goal noun ("la
    reprise de Palmyre était l'objectif", "the goal is the capture of Raqqa")."""
    head = parse.head_of(noun)
    if head is None:
        return False
    if head.lemma.lower() in s.goal_lemmas:
        return True
    if head.pos == "AUX":  # English parses make the copula the head: "the capture was the goal"
        return any(c.lemma.lower() in s.goal_lemmas for c in parse.children(head.i) if c.i != noun.i)
    return any(c.lemma.lower() in s.goal_lemmas and c.dep in s.subject for c in parse.children(noun.i))


def as_reference(parse: Parse, noun: Token, s: Scheme) -> bool:
    """An event noun opened by a preposition of time ("après la reprise de la ville", "after
    the fall of Aleppo") or of cause ("en raison des combats"): a point in time or a cause the
    sentence refers to, not what it reports."""
    head = parse.head_of(noun)   # English parses make the preposition the noun's head ("after" -> "fall")
    opening = list(parse.children(noun.i)) + ([head] if head is not None else [])
    if head is not None and head.lemma.lower() in s.cause_words:
        return True              # "en raison des combats", "because of the fighting": a cause, not news
    return any(w.dep in s.preposition and w.lemma.lower() in s.reference_case for w in opening)


def of_purpose(parse: Parse, head: Token, s: Scheme) -> bool:
    """An infinitive opening an adverbial clause or said of a noun ("pour préparer", "des
    soldats pour conquérir", "an offensive to take back"): what it is about is yet to come;
    not one opened by a preposition of time ("après avoir repris": done)."""
    governor = parse.head_of(head)
    return (head.feature("VerbForm") == "Inf"
            and (head.dep in s.clause or (governor is not None and governor.lemma.lower() in s.purpose_heads))
            and not any(c.lemma.lower() in s.reference_case for c in parse.children(head.i)))


def anterior(parse: Parse, head: Token, s: Scheme) -> bool:
    """A past participle whose finite auxiliary is in the language's anterior tense: the event comes
    before the time of its clause ("avaient reconquis", "had been recaptured")."""
    if s.anterior_tense is None or head.feature("VerbForm") != "Part":
        return False
    return any(w.feature("VerbForm") == "Fin" and w.feature("Tense") == s.anterior_tense
               and w.dep not in s.passive_auxiliary for w in auxiliaries(parse, head))


def in_attribution(parse: Parse, word: Token, head: Token, s: Scheme) -> bool:
    """`word` stands in a phrase under `head` that names a source ("selon une annonce faite
    dimanche", "according to a statement released on Sunday")."""
    for above in parse.climb(word):
        if above.i == head.i:
            return False
        if any(_attributes(w, s) for w in (above, *parse.children(above.i))):
            return True
    return False


def _attributes(word: Token, s: Scheme) -> bool:
    return word.lemma.lower() in s.attribution or word.text.lower() in s.attribution


def _perfect(head: Token, words: list[Token]) -> bool:
    """A past participle with its auxiliary ("aurait repris", "auraient été tués")."""
    return head.feature("VerbForm") == "Part" and head.feature("Tense") == "Past" and len(words) > 1


def _conditional_form(word: Token, s: Scheme) -> bool:
    """A conditional tagged as an imperfect: the stem before the ending is the future stem
    ("tiendr-aient" from "tenir"), not the lemma's own ("entr-aient" from "entrer")."""
    forms = s.conditional_forms
    if not forms or word.feature("Tense") != "Imp":
        return False
    text, lemma = word.text.lower(), word.lemma.lower()
    for ending in forms["endings"]:
        if text.endswith(ending):
            stem = text[:-len(ending)]
            return stem.endswith(forms["stem_end"]) and stem != lemma[:-forms["infinitive_ending"]]
    return False


def ended(parse: Parse, noun: Token, s: Scheme) -> bool:
    """An event noun said to be over: the subject of a verb of ending with no object ("les combats ont cessé"),
    or of a verb whose object or complement ends it ("ont pris fin", "touche à sa fin"), or the object of a verb of ending
    ("Russia halted air strikes", "ont arrêté les bombardements")."""
    head = parse.head_of(noun)
    if head is not None and noun.dep in s.object and head.lemma.lower() in s.ending_lemmas:
        return True
    if head is None or noun.dep not in s.subject | s.passive_subject:
        return False
    objects = [c for c in parse.children(head.i) if c.dep in s.object]
    complements = [c for c in parse.children(head.i) if c.dep not in s.subject | s.passive_subject]
    complements += [g for c in complements if c.dep in s.preposition for g in parse.children(c.i)]  # "to" -> "end"
    endings = [c for c in complements if c.lemma.lower() in s.ending_lemmas and c.pos == "NOUN"]
    # "ont pris fin", "touche à sa fin", "came to an end"
    if endings:
        return head.lemma.lower() not in s.ending_causatives   # "ont mis fin à la trêve": it ends something else
    # with an object of its own, the subject ends something else ("the bombardment ended the calm")
    return head.lemma.lower() in s.ending_lemmas and not objects


def put_off(parse: Parse, noun: Token, s: Scheme) -> bool:
    """An event noun that a verb of delay has as its subject or object ("l'évacuation a été reportée",
    "they postponed the evacuation"): still to come."""
    head = parse.head_of(noun)
    return bool(head is not None and head.lemma.lower() in s.delay_lemmas
                and noun.dep in s.subject | s.passive_subject | s.object)


def a_share(parse: Parse, verb: Token, s: Scheme) -> bool:
    """The verb's object is a share of a place ("93 percent of the east", "most of the city")."""
    for child in parse.children(verb.i):
        if child.dep in s.object:
            words = [child] + [c for c in parse.children(child.i) if c.dep in s.quantifier]
            if any(w.lemma.lower() in s.share_lemmas or w.text in s.share_lemmas for w in words):
                return True
    return False


def opening_words(parse: Parse, complement: Token, s: Scheme) -> list[Token]:
    """The words a complement opens with: its prepositions ("de", "from"), and itself."""
    return [c for c in parse.children(complement.i) if c.dep in s.preposition] + [complement]


def places_in(parse: Parse, places: list, domain: set[int]) -> list:
    """The place mentions whose first word is one of the domain's tokens."""
    return [m for m in places if (at := parse.at(m.start, m.end)) is not None and at.i in domain]
