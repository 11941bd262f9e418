"""Stated shares and pockets, read from handmade sentences by the language's real spaCy model:
what a side holds afterwards, of which place, on which day; never an event."""
from __future__ import annotations

from datetime import date

import pytest

from geomap.models import Article, Sentence
from geomap.site.export import shares_csv

PUBLISHED = date(2016, 12, 8)


def statements(extractor, text: str, language: str):
    article = Article(path="t.txt", name="t.txt", text=text, sentences=(Sentence(text, 0, len(text), 0),),
                      language=language, published=PUBLISHED)
    doc = extractor.read(article)
    shares, pockets = doc.statements()
    return [(s.side, s.share, s.of_place, s.date) for s in shares], [(p.side, p.places) for p in pockets], doc


@pytest.mark.parametrize("text, language, expected", [
    ("Les rebelles ne contrôlent plus que 15 % d'Alep-Est.", "fr", ("rebels", 0.15, "east-aleppo")),
    ("L'armée contrôle désormais plus de 85 % de la partie que les insurgés avaient conquise.", "fr",
     ("government", 0.85, None)),
    ("Les rebelles ont perdu un tiers de leur territoire.", "fr", ("rebels", 0.67, None)),
    ("The army now controls more than 85 % of the east.", "en", ("government", 0.85, None)),
    ("Rebels have lost about one-third of the territory in eastern Aleppo.", "en", ("rebels", 0.67, "east-aleppo")),
    ("The Syrian army has captured over 93 percent of the rebel-held areas in eastern Aleppo.", "en",
     ("government", 0.93, "east-aleppo")),
    ("The offensive of the army drove them from more than 90 percent of their former territory.", "en",
     ("government", 0.9, None)),
])
def test_a_stated_share_is_what_a_side_holds_afterwards(extractor, text, language, expected):
    shares, _pockets, doc = statements(extractor, text, language)
    assert shares == [(*expected, PUBLISHED)]
    assert not [e for e in doc.events() if e.type == "control_change"]


def test_a_share_takes_the_day_of_its_clause(extractor):
    shares, _, _ = statements(extractor, "On Tuesday, December 6, the Syrian army said it controlled 73 percent of "
                                         "eastern Aleppo.", "en")
    assert shares == [("government", 0.73, "east-aleppo", date(2016, 12, 6))]


@pytest.mark.parametrize("text, language", [
    ("Près de 90 % des habitants ont fui les combats.", "fr"),
    ("About 40 percent of the wounded were children.", "en"),
    ("The army could take half of the city by Christmas.", "en"),
])
def test_a_share_of_anything_but_held_ground_is_no_statement(extractor, text, language):
    shares, _, _ = statements(extractor, text, language)
    assert shares == []


@pytest.mark.parametrize("text, language, expected", [
    ("The rebels are confined to a few districts in the south: Sukkari, Zebdiyeh and Bustan al-Qasr.", "en",
     ("rebels", ("sukkari", "zebdieh", "bustan-al-qasr"))),
    ("Les rebelles se retrouvent acculés dans quelques secteurs sud d'Alep-Est.", "fr",
     ("rebels", ("east-aleppo~south",))),
    ("Les frappes se poursuivaient sur la dernière poche rebelle.", "fr", ("rebels", ())),
    ("The army advanced on the last rebel-held neighbourhoods of Aleppo.", "en", ("rebels", ("aleppo",))),
])
def test_a_pocket_is_the_side_that_still_holds_something_and_where(extractor, text, language, expected):
    _shares, pockets, _doc = statements(extractor, text, language)
    assert pockets == [expected]


def test_a_bastion_that_is_not_the_last_is_no_pocket(extractor):
    _shares, pockets, _doc = statements(extractor, "Rebel forces agreed to withdraw from the bastion.", "en")
    assert pockets == []


def test_the_stated_shares_export_as_csv(extractor):
    text = "Les rebelles ne contrôlent plus que 15 % d'Alep-Est."
    _shares, _pockets, doc = statements(extractor, text, "fr")
    assert shares_csv(doc.statements()[0]).splitlines() == [
        "date,side,share,of_place,source,quote", f"2016-12-08,rebels,0.15,east-aleppo,t.txt,{text}"]
