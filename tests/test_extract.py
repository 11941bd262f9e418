"""extract/: each step of the Extractor on its own, on one handmade sentence."""
from __future__ import annotations

from datetime import date

import pytest

from geomap import config as config_mod
from geomap.extract import Document, Extractor, Settings
from geomap.extract.actors import FindActors, NameActors
from geomap.extract.dates import FindDates
from geomap.extract.recall import enter_sentence, remember
from geomap.extract.places import FindPlaces
from geomap.extract.triggers import FindTriggers
from geomap.models import Article, Sentence
from geomap.gazetteer import Gazetteer
from sample_conflict import FACTIONS as SAMPLE_FACTIONS

SETTINGS = Settings(allies=config_mod.allies_of(SAMPLE_FACTIONS), opponents=config_mod.opponents_of(SAMPLE_FACTIONS),
                    sides=config_mod.sides_of(SAMPLE_FACTIONS))
WEDNESDAY = date(2016, 12, 14)


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def article(*texts: str, language: str = "fr", paragraphs=None) -> Article:
    sentences, pos = [], 0
    for i, text in enumerate(texts):
        sentences.append(Sentence(text, pos, pos + len(text), paragraphs[i] if paragraphs else 0))
        pos += len(text) + 1
    return Article("a.md", "a.md", "\n".join(texts), tuple(sentences), language, published=WEDNESDAY)


def test_the_places_step_finds_the_locations_and_the_story_place(gazetteer):
    doc = Document.of(article("Lundi, les rebelles ont perdu Cheikh Saïd, à Alep.", "Alep est assiégée."))
    FindPlaces(gazetteer)(doc)
    assert [m.place_id for m in doc.sentences[0].places] == ["sheikh-saeed", "aleppo"]
    assert doc.memory.story_place == "aleppo"


def test_a_dateline_names_where_the_report_was_filed_not_where_it_happened(gazetteer):
    doc = Document.of(article("DAMASCUS, Dec. 12 (Xinhua) — The army captured Sheikh Saeed in Aleppo.",
                              language="en"))
    FindPlaces(gazetteer)(doc)
    assert [m.place_id for m in doc.sentences[0].places] == ["sheikh-saeed", "aleppo"]
    assert [(m.place_id, m.role) for m in doc.sentences[0].filed_from] == [("damascus", "dateline")]
    assert [m.place_id for m in doc.named_mentions()] == ["damascus", "sheikh-saeed", "aleppo"]


def test_a_country_after_a_border_is_a_location_not_its_government(gazetteer):
    english = Document.of(article("Ambulances are close to crossing the border with Turkey.",
                                  "Turkey and Russia brokered the deal.", language="en"))
    french = Document.of(article("Les blessés ont atteint la frontière avec la Turquie.",
                                 "La Turquie et la Russie ont négocié l'accord."))
    for doc in (english, french):
        FindPlaces(gazetteer)(doc)
        assert [[m.place_id for m in layer.places] for layer in doc.sentences] == [["turkey"], []]


def test_a_part_of_a_place_still_names_the_whole(gazetteer):
    doc = Document.of(article("Des combats faisaient rage dans la partie nord d'Alep-est."))
    FindPlaces(gazetteer)(doc)
    [part] = doc.sentences[0].places
    assert part.place_id.startswith("east-aleppo") and part.whole == ("east-aleppo", "Alep-est")


def test_the_dates_step_resolves_a_weekday_against_publication():
    doc = Document.of(article("Lundi, les rebelles ont perdu Cheikh Saïd."))
    FindDates()(doc, 0)
    assert [(e.text, e.day) for e in doc.sentences[0].dates] == [("Lundi", date(2016, 12, 12))]


def test_the_actors_step_names_the_side():
    doc = Document.of(article("Les forces gouvernementales ont repris Cheikh Saïd aux rebelles."))
    NameActors()(doc)
    FindActors(SETTINGS)(doc, 0)
    assert doc.sentences[0].sides == ["government", "rebels"]


def test_the_event_words_step_skips_a_negated_capture():
    doc = Document.of(article("Les rebelles ont perdu Cheikh Saïd.", "L'armée n'a pas repris Cheikh Saïd."))
    step = FindTriggers()
    step(doc, 0)
    step(doc, 1)
    assert [(t.type, t.group) for t in doc.sentences[0].triggers] == [("control_change", "loss")]
    assert doc.sentences[1].triggers == []


def test_the_memory_carries_the_paragraph_day_and_the_side_to_the_next_sentence():
    doc = Document.of(article("Lundi, l'armée a avancé.", "Ils ont tenu.", "Un autre jour.", paragraphs=[0, 0, 1]))
    enter_sentence(doc, 0)
    FindDates()(doc, 0)
    NameActors()(doc)
    FindActors(SETTINGS)(doc, 0)
    remember(doc, 0)
    enter_sentence(doc, 1)
    assert doc.memory.paragraph_day.day == date(2016, 12, 12) and doc.memory.last_side == "government"
    enter_sentence(doc, 2)
    assert doc.memory.paragraph_day is None  # a new paragraph forgets the day


def test_the_extractor_gives_a_loss_to_the_losers_opponent(gazetteer):
    events = Extractor(gazetteer, SETTINGS).extract(article("Lundi, les rebelles ont perdu Cheikh Saïd."))
    assert [(e.type, e.place_id, e.to, e.date) for e in events] == \
        [("control_change", "sheikh-saeed", "government", date(2016, 12, 12))]
