"""The roles step: tie places, sides and a day to each event word of a sentence.

A capture verb gives the places after it to the side named before it (after "par" for a
passive or a noun); a loss gives them to the loser's opponent. An evacuation runs from the
place after an origin marker ("depuis", "from") through any stop to each destination ("vers",
"to"). A strike, a clash, talks... stand at the places nearest their word (spans.py has the
distances), else the place the sentence opens on, else (for some types) the story's place.
"""
from __future__ import annotations

from . import argument_places, arguments, clause_dates, spans
from .document import Document, Roles, SentenceLayers, Trigger
from .grammar import grammar
from .settings import Settings, faction
from .spans import REACH
from .status import told_status, turned_back
from .windows import shift

POINT_TYPES = ("strike", "clash", "ceasefire", "diplomacy", "displacement")
LOCAL_TYPES = ("strike", "clash")  # told of a whole country, they have no place on a map


class FindRoles:
    """Fills each sentence's `roles` layer: one entry per event to be, with its time."""

    def __init__(self, gazetteer, settings: Settings):
        self.gazetteer = gazetteer
        self.settings = settings

    def __call__(self, doc: Document, index: int) -> None:
        layer = doc.sentences[index]
        found, subject = [], None
        for trigger in layer.triggers:
            if trigger.type == "control_change":
                roles, subject = self._control(doc, layer, trigger, subject)
                found += roles
        evacuation_triggers = [t for t in layer.triggers if t.type == "evacuation"]
        if evacuation_triggers:
            found += self._evacuation(doc, index, evacuation_triggers)
        for trigger in layer.triggers:
            if trigger.type in POINT_TYPES and not arguments.manner_of_capture(layer, trigger, doc.language):
                found += self._point(doc, layer, trigger)
        for roles in found:
            self._date(doc, layer, roles)
        layer.roles = found

    def _date(self, doc: Document, layer: SentenceLayers, roles: Roles) -> None:
        """The event's day: the date of its own clause (or of a clause above it), else, in a
        sentence naming no day, the day of the sentence before when it told the same place or
        this kind of event at no named place, else the nearest date, the paragraph's or the
        publication's."""
        expr = clause_dates.clause_date(layer, roles.trigger, doc.language)
        continued = doc.memory.continued_day(roles.place_id, roles.type)
        others = {id(e) for e in clause_dates.subordinate_dates(layer, roles.trigger, doc.language)}
        dates = [e for e in layer.dates if id(e) not in others]   # not a clause's under it: "clashes which began Sunday"
        told = clause_dates.telling_date(layer, roles.trigger, expr, doc.language)
        if told is not None and told.precision == "day":
            roles.time, roles.clause_dated = (told.day, "approximate", (shift(told.day, -1), told.day), told.tense), True
            roles.flags.append("date: the day it was reported; it may have happened the day before")
        elif expr is not None:
            roles.time, roles.clause_dated = (expr.day, expr.precision, expr.window, expr.tense), True
        elif continued is not None and not any(e.day for e in dates):
            roles.time = (continued.day, continued.precision, continued.window, continued.tense)
            roles.flags.append("date: of the sentence before, which told it")
        elif (lede := doc.memory.lede_day(roles.type)) is not None and not any(e.day for e in dates):
            roles.time = (lede.day, lede.precision, lede.window, lede.tense)
            roles.flags.append("date: of the lede, which told this kind of event")
        else:
            roles.time = spans.when(roles.trigger, dates, doc.memory, doc.article.published)

    # ------------------------------------------------------------ control changes

    def _control(self, doc: Document, layer: SentenceLayers, trigger: Trigger, previous_subject):
        """Control changes of one verb, and the side that did it (a later verb of the sentence
        without a subject of its own shares it: "ils ont perdu X puis se sont retirés de Y")."""
        folded, places, actors, g = layer.folded, layer.places, layer.actors, grammar(doc.language)
        settings, memory = self.settings, doc.memory
        subject = previous_subject
        if trigger.group == "passive":
            targets = spans.places_before(trigger, places, folded, REACH["passive"][1])
            parsed = arguments.doer(layer, trigger, doc.language, settings, memory.last_side, memory.last_subject_side)
            if parsed or trigger.by == "lemma":  # a word found in the parse takes only the parse's agent
                taker = parsed[0] if parsed else None  # ("repris aux rebelles" names who lost it)
            else:
                taker = faction(spans.actor_after(trigger, actors), settings)
            loser = None
        elif trigger.group == "noun":  # "la prise de Palmyre par Daech": the taker only after "par"
            targets = spans.places_after(trigger, places, folded, REACH["capture"][0], g.list_gap, layer.triggers)
            taker, loser = faction(spans.agent_after(targets, actors, folded, g), settings), None
        else:
            targets = spans.places_after(trigger, places, folded, REACH[trigger.group][0], g.list_gap, layer.triggers)
            subject = self._subject(doc, layer, trigger) or previous_subject
            taker, loser = (subject, None) if trigger.group == "capture" else (None, subject)
            if loser:
                taker = settings.opponents.get(loser) or (memory.last_taker if memory.last_taker != loser else None)
        if trigger.by == "lemma" or not targets:  # the parse's arguments, the most specific of them
            parsed_targets = spans.most_specific(self.gazetteer, argument_places.argument_places(layer, trigger, doc.language))
            targets = parsed_targets or targets
        targets = [m for m in targets if spans.located(self.gazetteer, m) and m.method != "side area"
                   and not argument_places.names_a_part_only(layer, m, doc.language)]
        status, flags = told_status(layer, trigger, "past", doc.language)
        if status == "planned":
            return [], subject  # a place that may fall is not a place that fell
        return [Roles("control_change", trigger, m.place_id, m.text, to=taker, from_=loser, status=status,
                      flags=list(flags)) for m in targets], subject

    def _subject(self, doc: Document, layer: SentenceLayers, trigger: Trigger) -> str | None:
        """The side that did it: from the parse (subject or agent), else the side named before."""
        parsed = arguments.doer(layer, trigger, doc.language, self.settings, doc.memory.last_side,
                                doc.memory.last_subject_side)
        if parsed:
            return parsed[0]
        g = grammar(doc.language)
        return faction(spans.subject(trigger, layer.actors, layer.folded, g, self.settings, doc.memory), self.settings)

    # ------------------------------------------------------------ evacuations

    def _evacuation(self, doc: Document, index: int, triggers: list[Trigger]) -> list[Roles]:
        """Routes from the origin through any stop to each destination; a point where no route is
        told. A sentence of destinations only ("d'autres vers la Turquie") continues the
        evacuation told just before it."""
        layer, g = doc.sentences[index], grammar(doc.language)
        folded = layer.folded
        usable = [m for m in layer.places if spans.located(self.gazetteer, m)]
        # people leave a district, a town, a region: a whole country is only ever a destination
        local = [m for m in usable if m.place_id is None or self.gazetteer.get(m.place_id).type != "country"]
        marked_destinations = spans.marked(g.markers["destination"], usable, folded)
        # "ont fui vers l'ouest": a place right after "vers" is where they went, whatever came before
        origins = [o for o in spans.marked(g.markers["origin"], local, folded) if o not in marked_destinations]
        if not origins:   # "les habitants de Bab al-Hadid ont fui": where the people who leave are from
            origins = [m for t in triggers for m in argument_places.subject_places(layer, t, doc.language)
                       if m in local and m not in marked_destinations][:1]
        # where they went is told after the word of leaving: "l'Observatoire, qui a des sources à travers la
        # Syrie, a évoqué 500 civils ayant fui Alep-Est" makes no stop in Syria
        leaving = min(t.start for t in triggers)
        stops = [m for m in spans.marked(g.markers["via"], usable, folded) if m.start > leaving]
        destinations = [d for d in marked_destinations if d.start > leaving
                        and d not in origins + stops and not spans.possessor(d, layer.text)]
        destinations, stops = spans.sequenced(destinations, stops, folded, g.markers["sequence"])
        origins, destinations, stops = spans.through_stops(origins, destinations, stops)
        first = triggers[0]
        status = "attempted" if turned_back(doc.article.sentences, index, g) else None
        count = spans.people(folded, g)
        before = doc.memory.paragraph_evacuation
        if not origins and destinations and before:
            return [Roles("evacuation", first, before.place_id, before.place_text, status=status, day_from=before,
                          route=tuple([before.place_id] + [s.place_id for s in stops] + [d.place_id]))
                    for d in destinations]
        if origins and destinations:
            o = origins[0]
            return [Roles("evacuation", first, o.place_id, o.text, people=count, status=status,
                          route=tuple([o.place_id] + [s.place_id for s in stops] + [d.place_id]))
                    for d in destinations if d.place_id != o.place_id]
        if destinations and g.markers["flight"].search(folded[first.start:first.end]):
            # people who fled, told only where they went: displaced there (GOLD-FORMAT.md)
            return [Roles("displacement", first, d.place_id, d.text, people=count) for d in destinations if d.place_id]
        story = doc.memory.story_place
        if destinations and story:  # "the last buses arrived in Ramussa": from the story's place
            return [Roles("evacuation", first, story, "", people=count, status=status,
                          route=tuple([story] + [s.place_id for s in stops] + [d.place_id]),
                          flags=["origin: the story's place (the sentence names none)"])
                    for d in destinations if d.place_id and d.place_id != story]
        if destinations:
            return []  # going somewhere from nowhere told: not an evacuation we can draw
        if origins:
            point = origins[:1]
        else:
            point = spans.nearest_places(first, local, folded, "evacuation", g.list_gap, layer.triggers)[:1]
            if not point:
                return self._told_before(doc, first, layer, count, status)
        return [Roles("evacuation", first, point[0].place_id, point[0].text, people=count, status=status)]

    def _told_before(self, doc: Document, trigger: Trigger, layer: SentenceLayers, count, status) -> list[Roles]:
        """An evacuation named again without a place ("Ces évacuations sont intervenues...",
        "These evacuations took place..."): at the place of the one the paragraph told, else
        at the story's place."""
        if not arguments.refers_back(layer, trigger):
            return []
        before, story = doc.memory.paragraph_evacuation, doc.memory.story_place
        place = before.place_id if before else story
        if place is None:
            return []
        flag = "place: of the evacuation told before" if before else "place: the story's location (the sentence names none)"
        return [Roles("evacuation", trigger, place, before.place_text if before else "", people=count,
                      status=status, flags=[flag])]

    # ------------------------------------------------------------ strikes, clashes, talks...

    def _point(self, doc: Document, layer: SentenceLayers, trigger: Trigger) -> list[Roles]:
        folded, places, g, gazetteer = layer.folded, layer.places, grammar(doc.language), self.gazetteer
        # where people went is an evacuation's end, not the place of a truce or a strike;
        # for displaced people ("ont fui ... vers le quartier de Cheikh Maqsoud") it is where they are
        # (the destinations that count are those told after the word of people moving)
        moving = [t.start for t in layer.triggers if t.type == "evacuation"] + \
            ([trigger.start] if trigger.type == "displacement" else [])
        destinations = [m for m in spans.marked(g.markers["destination"], places, folded)
                        if spans.located(gazetteer, m) and moving and m.start > min(moving)]
        if trigger.type == "displacement" and destinations:
            found = spans.most_specific(gazetteer, [m for m in destinations if m.start > trigger.start] or destinations)
        else:
            topics = spans.marked(g.topic, places, folded) if trigger.type == "diplomacy" else []
            usable = [m for m in places if spans.located(gazetteer, m) and m not in destinations + topics]
            # the places among the word's arguments in the parse, when it has any; the nearest of them
            parsed = [m for m in argument_places.argument_places(layer, trigger, doc.language) if m in usable]
            found = spans.most_specific(gazetteer, spans.nearest_places(
                trigger, parsed or usable, folded, trigger.type, g.list_gap, layer.triggers, g.relative)
                or [m for m in argument_places.happening_places(layer, trigger, doc.language) if m in usable][:1])
        if not found:
            found = spans.framing_place(usable, folded, g)
        story_place = doc.memory.story_place
        if not found and trigger.type in self.settings.fallback_types and story_place \
                and not arguments.given_event(layer, trigger, doc.language):
            return [Roles(trigger.type, trigger, story_place, "",
                          flags=["place: the story's location (the sentence names none)"])]
        if trigger.type in LOCAL_TYPES:
            found = [m for m in found if not self._country_wide(m.place_id)]
        return [Roles(trigger.type, trigger, m.place_id, m.text) for m in found]

    def _country_wide(self, place_id: str | None) -> bool:
        """A whole country, or a part of one ("l'est de la Syrie"): no place to draw a strike at."""
        if not place_id or place_id not in self.gazetteer:
            return False
        return self.gazetteer.get(self.gazetteer.whole_of(place_id)).type == "country"
