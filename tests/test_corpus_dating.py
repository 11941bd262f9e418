"""Dating an undated article from the corpus by the same telling (geomap.dating.tellings): a
sentence it shares a rare run of words with, in a dated article, puts its weekday word on that
sentence's day; a claim its own article says was denied dates nothing; an article dated from the
corpus dates others only at the same neighbourhood. Handmade articles; the contradiction rules
are in tests/test_published.py."""
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from geomap.articles import read_article
from geomap.dating.tellings import RUN, Tellings, runs
from test_cli import write
from test_published import build, sources_of

DATED_SATURDAY_FR = """---
published: 2016-12-17
language: fr
---
Des dizaines de bus sont entrés dans le quartier de Soukkari, au sud d'Alep.
Toutefois, plusieurs camions de vivres qui se rendaient vers des villages assiégés par les rebelles ont été pillés et incendiés, selon des sources locales.
"""

UNDATED_MONDAY_FR = """---
language: fr
---
Des centaines de civils ont quitté lundi le sud d'Alep à bord de bus verts.
Samedi, une dizaine de camions de vivres avaient été pillés et incendiés par des rebelles au nord d'Alep.
"""


def test_a_weekday_word_falls_on_the_day_of_the_dated_sentence_told_alike(tmp_path):
    # no dated report of an evacuation: only the looted lorries, told alike, date the article;
    # Saturday is the dated article's 17 Dec, and Monday 19 Dec fits "lundi" and "samedi" best
    _, events = build(tmp_path, {"dated.txt": DATED_SATURDAY_FR, "undated.txt": UNDATED_MONDAY_FR})
    assert {(published, basis) for _, published, basis in sources_of(events, "undated.txt")} == \
        {("2016-12-19", "corpus")}


def test_sentences_that_share_no_rare_run_date_nothing(tmp_path):
    unrelated = UNDATED_MONDAY_FR.replace("une dizaine de camions de vivres avaient été pillés et incendiés",
                                          "des renforts sont arrivés")
    _, events = build(tmp_path, {"dated.txt": DATED_SATURDAY_FR, "undated.txt": unrelated})
    assert {(published, basis) for _, published, basis in sources_of(events, "undated.txt")} == {(None, "none")}


def linked(tmp_path: Path, bodies: list[str]) -> set:
    """The days linked to the first sentence of the first (undated) of these articles, the others
    dated 17 Dec 2016."""
    articles = []
    for index, body in enumerate(bodies):
        front = "published: 2016-12-17\n" if index else ""
        articles.append(read_article(write(tmp_path / f"a{index}.txt", f"---\nlanguage: fr\n{front}---\n{body}\n"))[0])
    return Tellings(articles, 2016).linked_days(articles[0], 0)


def test_a_run_of_words_most_articles_use_links_nothing(tmp_path):
    told = ["Lundi, l'opération d'évacuation a repris.", "Elle dit que l'opération d'évacuation a commencé."]
    others = [f"Texte {n} : la reconstruction du pays avance." for n in range(9)]
    assert linked(tmp_path / "rare", told + others) == {date(2016, 12, 17)}
    common = [f"Texte {n} : une évacuation, puis une opération." for n in range(9)]
    assert linked(tmp_path / "common", told + common) == set()


@given(st.text(max_size=300))
def test_every_run_is_run_words_of_the_text(text):
    assert all(len(run) == RUN for run in runs(text))


# ---------------------------------------------------------------- a denied claim is no anchor

CLAIMED_EN = """---
published: 2016-11-29
language: en
---
Government forces captured the Sheikh Saeed district of Aleppo on Monday, a military source said.
"""
DENIAL_EN = "Opposition fighters denied it, saying the assault had been pushed back.\n"

CLAIMED_FR = """---
published: 2016-11-29
language: fr
---
Les forces du régime ont repris lundi le quartier de Cheikh Saïd, à Alep, selon une source militaire.
"""
DENIAL_FR = "Les rebelles ont démenti, affirmant avoir repoussé l'assaut.\n"

UNDATED_CAPTURE_EN = """---
language: en
---
Troops seized the Sheikh Saeed district in southeast Aleppo on Monday after a night of shelling.
"""


@pytest.mark.parametrize("claimed, denial", [(CLAIMED_EN, DENIAL_EN), (CLAIMED_FR, DENIAL_FR)])
def test_a_claim_its_own_article_says_was_denied_dates_no_other_article(tmp_path, claimed, denial):
    # told plainly, the capture of Monday 28 Nov dates the undated report of it
    _, events = build(tmp_path / "told", {"claim.txt": claimed, "undated.txt": UNDATED_CAPTURE_EN})
    assert {published for _, published, _ in sources_of(events, "undated.txt")} == {"2016-11-28"}
    # followed by its denial, it is a disputed claim: the undated article stays undated
    _, events = build(tmp_path / "denied", {"claim.txt": claimed + denial, "undated.txt": UNDATED_CAPTURE_EN})
    assert {(published, basis) for _, published, basis in sources_of(events, "undated.txt")} == {(None, "none")}


# ---------------------------------------------------------------- an article dated from the corpus

CAPTURE_MONDAY_12_DEC_EN = """---
published: 2016-12-13
language: en
---
Government forces captured the Sheikh Saeed district of Aleppo on Monday, activists said.
"""

UNDATED_CAPTURE_AND_BUSES_FR = """---
language: fr
---
Les forces du régime ont repris lundi le quartier de Cheikh Saïd, dans le sud-est d'Alep.
Des centaines de civils ont quitté Alep lundi à bord de bus verts.
"""

UNDATED_BUSES_EN = """---
language: en
---
Hundreds of civilians left Aleppo on green buses on Monday.
"""


def test_an_article_dated_from_the_corpus_dates_others_only_at_the_same_neighbourhood(tmp_path):
    # the French article takes Monday 12 Dec from the capture of Cheikh Saïd; its buses leaving
    # "Alep" are a city-wide report, one guess away from any dated one: they date no other article
    _, events = build(tmp_path, {"dated.txt": CAPTURE_MONDAY_12_DEC_EN, "fr.txt": UNDATED_CAPTURE_AND_BUSES_FR,
                                 "en.txt": UNDATED_BUSES_EN})
    assert {(published, basis) for _, published, basis in sources_of(events, "fr.txt")} == {("2016-12-12", "corpus")}
    assert {(published, basis) for _, published, basis in sources_of(events, "en.txt")} == {(None, "none")}
