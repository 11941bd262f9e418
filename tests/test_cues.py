"""Which sentences are parsed (geomap/extract/cues.py): only those a later step reads something
from the parse of; the others get none and what the extraction finds does not change. Parse
counts are counted, never timed."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from geomap.articles import read_article
from geomap.extract import Document, Extractor, cues
from geomap.extract.syntax import ParseSentences, pipeline_for
from geomap.models import Article, Sentence
from test_syntax import MODELS, SETTINGS

DATA = Path(__file__).parent / "data" / "articles"
PLAIN = {"fr": ["Le musée a rouvert une salle consacrée à la peinture flamande.",
                "La pluie est tombée toute la matinée sur les collines."],
         "en": ["The museum reopened a room given over to Flemish painting.",
                "Rain came down all morning over the hills."]}
TOLD = {"fr": ["Les forces du régime ont repris le quartier de Cheikh Saïd, dans le sud d'Alep.",
               "Des milliers de civils fuyaient vers l'ouest.",
               "Les rebelles se trouvent dans le nord.",
               "Le 12 décembre, la pluie est tombée."],
        "en": ["Government forces recaptured the Sheikh Saeed district of southern Aleppo.",
               "Thousands of civilians fled westwards.",
               "The rebels are in the north.",
               "On December 12, rain came down."]}


def document(sentences: list[str], language: str) -> Document:
    starts = [sum(len(s) + 1 for s in sentences[:i]) for i in range(len(sentences))]
    text = " ".join(sentences)
    return Document.of(Article(path="t.txt", name="t.txt", text=text, language=language, published=date(2016, 12, 16),
                               sentences=tuple(Sentence(s, a, a + len(s), 0) for s, a in zip(sentences, starts))))


def parsed(extractor, sentences: list[str], language: str) -> list[bool]:
    doc = document(sentences, language)
    for step in extractor.document_steps:
        step(doc)
    return [layer.parse is not None for layer in doc.sentences]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_sentence_with_no_event_word_actor_date_or_share_word_is_not_parsed(extractor, language):
    assert parsed(extractor, PLAIN[language], language) == [False, False]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_event_word_in_any_form_an_actor_or_a_date_makes_a_sentence_parsed(extractor, language):
    # "fuyaient", "fled": forms of an event lemma no pattern has to list; "rebelles": an actor
    assert parsed(extractor, TOLD[language] + PLAIN[language][:1], language) == [True] * 4 + [False]


@pytest.mark.parametrize("language, word, lemma", [("fr", "reprirent", "reprendre"), ("fr", "emparés", "emparer"),
                                                   ("en", "fled", "flee"), ("en", "took", "take")])
def test_a_word_knows_the_lemmas_the_parser_could_give_it_without_the_tagger(language, word, lemma):
    nlp = pipeline_for(MODELS[language])
    if nlp is None:
        pytest.skip(f"spaCy model {MODELS[language]} is not installed")
    [(_, lemmas)] = cues.surface_lemmas(nlp).words(word)
    assert lemma in lemmas


def test_the_events_of_the_test_articles_are_the_same_as_when_every_sentence_is_parsed(extractor):
    everything = Extractor(extractor.gazetteer, SETTINGS, 2016, parser=ParseSentences())
    for path in sorted(DATA.iterdir()):
        article, _ = read_article(path)
        assert extractor.extract(article) == everything.extract(article), path.name


def test_a_megabyte_of_sentences_that_tell_nothing_parses_none_of_them(extractor):
    words = "musée salle peinture pluie colline matinée jardin fontaine livre table chanson lumière".split()
    pick = random.Random(7)
    sentences = [" ".join(pick.choice(words) for _ in range(12)).capitalize() + "." for _ in range(12_000)]
    before = extractor.parser.count
    assert not any(parsed(extractor, sentences, "fr"))
    assert extractor.parser.count == before


def test_a_megabyte_of_one_told_sentence_repeated_is_parsed_once(extractor):
    sentence = TOLD["fr"][0]
    before = extractor.parser.count
    assert all(parsed(extractor, [sentence] * (1_000_000 // len(sentence)), "fr"))
    assert extractor.parser.count - before <= 1
