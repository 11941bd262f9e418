"""The places among an event word's arguments in the parse: its clause or phrase, the clause of a
verb that tells it happen, its subject's places (where people who leave are from), and the place
named only to locate an unnamed part of it."""
from __future__ import annotations

from . import arguments, clauses
from .document import SentenceLayers, Trigger


def argument_places(layer: SentenceLayers, trigger: Trigger, language: str) -> list:
    """The places among an event word's arguments: a verb's clause without its subject (in a
    passive, with it) and without its agent; a noun's own phrase without its agent. Lists and
    appositions come with them ("control over two districts — the Aghiour and Bab al-Hadid")."""
    token = arguments.trigger_token(layer, trigger)
    if token is None:
        return []
    parse, s = layer.parse, clauses.scheme(language)
    head = clauses.predicate_of(parse, token)
    if head.i == token.i:
        domain = clauses.clause_tokens(parse, head, s)
        subject, passive = clauses.subject_of(parse, head, s)
        if not passive:
            domain -= {t.i for t in subject}
        domain -= {t.i for t in clauses.agent_of(parse, head, s)}
    else:
        domain = {t.i for t in clauses.subtree(parse, token)} - {t.i for t in arguments.noun_agent(parse, token, language)}
        domain |= _where_it_happens(parse, token, head, s)
    return clauses.places_in(parse, layer.places, domain)


def happening_places(layer: SentenceLayers, trigger: Trigger, language: str) -> list:
    """The places of the clause that tells an event noun come about ("une réunion ... se déroule
    mardi à Moscou"), however far from the noun; empty for any other event word."""
    token = arguments.trigger_token(layer, trigger)
    if token is None or token.pos not in ("NOUN", "PROPN"):
        return []
    s = clauses.scheme(language)
    verb = clauses.predicate_of(layer.parse, token)
    return clauses.places_in(layer.parse, layer.places, _where_it_happens(layer.parse, token, verb, s))


def _where_it_happens(parse, noun, verb, s) -> set[int]:
    """The clause of a verb that tells the event noun, its subject, come about ("une réunion ... se
    déroule mardi à Moscou", "talks were held in Astana"): where the event is."""
    subject, _ = clauses.subject_of(parse, verb, s)
    if verb.lemma.lower() not in s.happening_lemmas or noun.i not in {t.i for t in subject}:
        return set()
    return clauses.clause_tokens(parse, verb, s) - {t.i for t in subject}


def subject_places(layer: SentenceLayers, trigger: Trigger, language: str) -> list:
    """The places in the active subject of an event verb ("les habitants du quartier de Bab al-Hadid
    continuent de fuir", "residents of Bustan al-Qasr fled"): for a departure, where they leave."""
    token = arguments.trigger_token(layer, trigger)
    if token is None or clauses.predicate_of(layer.parse, token).i != token.i:
        return []
    subject, passive = clauses.subject_of(layer.parse, token, clauses.scheme(language))
    return [] if passive else clauses.places_in(layer.parse, layer.places, {t.i for t in subject})


def names_a_part_only(layer: SentenceLayers, mention, language: str) -> bool:
    """A place named only to say where an unnamed part of it lies ("captured a major eastern
    Aleppo neighborhood", "Capture Aleppo Stronghold", "ont repris un quartier d'Alep-Est"):
    the name qualifies a noun of ground that no definite article names; what was taken is
    that part, not the place ("the Sheikh Saeed district", "le quartier de Cheikh Saïd" name it)."""
    if layer.parse is None:
        return False
    words = layer.parse.overlapping(mention.start, mention.end)
    if not words:
        return False
    s, inside = clauses.scheme(language), {w.i for w in words}
    last = words[-1]
    noun = layer.parse.head_of(last)
    if noun is None or noun.i in inside:
        return False
    if last.dep not in s.compound | s.noun_modifier:
        # "a neighborhood in the northern city of Aleppo", "captured a neighborhood in Aleppo"
        noun = _unnamed_ground(layer.parse, last, s, language)
        if noun is None:
            return False
    if not arguments.of_ground(noun, language):
        return False
    determiners = [w for w in clauses.subtree(layer.parse, noun)   # "du" is an article too, a possessor
                   if w.i < noun.i and (w.pos == "DET" or w.feature("Definite") or w.dep.endswith("poss"))]
    if not determiners:  # a singular noun with no article, as headlines write ("Aleppo Stronghold");
        return noun.feature("Number") != "Plur"  # a plural one lists names ("the A, B and C neighborhoods")
    return all(c.feature("Definite") == "Ind" for c in determiners)


def _unnamed_ground(parse, word, s, language: str):
    """The noun of ground a place only locates, reached from the place up through prepositions
    and nouns: one it hangs from without a definite article ("a neighborhood in the northern city
    of Aleppo": "the northern city" is Aleppo itself, so on up), or the one object of the verb it
    is an adjunct of ("captured a neighborhood in Aleppo"); else None."""
    current = word
    for _ in range(6):
        above = parse.head_of(current)
        if above is None:
            return None
        by_preposition = current.dep in s.preposition
        if above.pos in clauses.PREDICATES:
            objects = [c for c in parse.children(above.i) if c.dep in s.object]
            return objects[0] if len(objects) == 1 and arguments.of_ground(objects[0], language) \
                and by_preposition and objects[0].i < current.i else None
        if above.pos == "NOUN" and by_preposition and arguments.of_ground(above, language) \
                and not clauses.definite(parse, above):
            return above
        if above.pos not in ("ADP", "NOUN", "PROPN"):
            return None
        current = above
    return None
