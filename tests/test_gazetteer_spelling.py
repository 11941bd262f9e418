"""Places as the press writes them: the general spelling rules of transliteration.yaml, the
ways text extraction damages names, locator phrases, and the words fuzzy matching leaves alone.
The spellings are our own, not copied from articles."""
from __future__ import annotations

import pytest

from geomap.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def places(gazetteer, text, language="fr"):
    return [(mention.text, mention.place_id) for mention in gazetteer.find(text, language)]


@pytest.mark.parametrize("spelling, place", [
    # doubled consonants, ou/u/oo, -eh/-a/-ah/-é endings
    ("Rammouseh", "ramouseh"), ("Ramusa", "ramouseh"), ("Ramoosa", "ramouseh"),
    ("Heydariyeh", "haydariya"), ("Haidariyah", "haydariya"), ("Haydariyé", "haydariya"),
    ("Soulaymaniyé", "al-suleimaniyeh"), ("Sulaimaniyah", "al-suleimaniyeh"),
    # the a/e/i of Arabic short vowels
    ("Zabdieh", "zebdieh"), ("Zebdiyah", "zebdieh"), ("Kerm el-Jebel", "karm-aj-jabal"),
    ("Mesakin Hananu", "masaken-hanano"), ("Karm al-Qatarji", "karm-al-qaterji"),
    # Sheikh and its spellings, with or without the article, hyphens and spaces
    ("Chaykh Maqsoud", "sheikh-maqsoud"), ("Shaykh Maksoud", "sheikh-maqsoud"), ("Sheik Maqsud", "sheikh-maqsoud"),
    ("el-Chaar", "shaar"), ("ash-Shaar", "shaar"), ("Bab el-Hadeed", "bab-al-hadid"), ("Bab al Hadid", "bab-al-hadid"),
])
def test_a_transliteration_variant_finds_its_place(gazetteer, spelling, place):
    assert places(gazetteer, f"Les combats ont repris à {spelling} lundi.") == [(spelling, place)]


def test_short_vowels_merge_only_in_names_long_enough():
    from geomap.gazetteer.names import vowel_blind
    assert vowel_blind("zabdi") == vowel_blind("zibdi") == "zabda"
    assert vowel_blind("tal") == ""                       # "Tal" and "Til" stay apart
    assert vowel_blind("maiadin") != vowel_blind("midan")   # a y between vowels is a consonant


@pytest.mark.parametrize("text", [
    "Summary of the day: Hamdan and Salam spoke to Madame Layla.",
    "Al Mayadeen television said the Sharia court met on Mercredi.",
    "Sommaire. Selon Bassam, le Ministre a parlé.",
])
def test_near_spellings_leave_words_and_personal_names_alone(gazetteer, text):
    assert gazetteer.find(text, "en") == []


def test_a_lowercase_word_hyphenated_onto_a_name_is_part_of_it(gazetteer):
    assert places(gazetteer, "Alep-est : les rebelles reculent") == [("Alep-est", "east-aleppo")]
    assert places(gazetteer, "vers Alep-ouest") == [("Alep-ouest", "west-aleppo")]


def test_an_english_possessive_ending_is_split_off_the_name(gazetteer):
    assert places(gazetteer, "Aleppo's governor spoke in Hama.", "en") == [("Aleppo", "aleppo"), ("Hama", "hama")]
    assert places(gazetteer, "Shells fell on Aleppo’s outskirts.", "en") == [("Aleppo", "aleppo")]


def test_two_words_glued_by_a_lost_space_are_parted(gazetteer):
    text = "Les bus sont partis vers la province d'IdlebLes combats ont cessé."
    assert places(gazetteer, text) == [("province d'Idleb", "idlib-governorate")]


def test_a_phrase_that_only_locates_the_place_before_it_is_the_whole_place(gazetteer):
    assert places(gazetteer, "Des frappes sur Alep, dans le nord de la Syrie, ont tué six civils.") == [
        ("Alep", "aleppo"), ("Syrie", "syria")]
    assert places(gazetteer, "Troops entered Sheikh Saeed, in southeastern Aleppo.", "en") == [
        ("Sheikh Saeed", "sheikh-saeed"), ("Aleppo", "aleppo")]


def test_a_directional_phrase_listed_beside_a_place_is_still_a_part(gazetteer):
    assert places(gazetteer, "Des frappes sur Alep et dans le nord de la Syrie.")[1][1] == "syria~north"
    assert places(gazetteer, "Convoys left Ramouseh for southern Aleppo.", "en")[1][1] == "aleppo~south"


@pytest.mark.parametrize("text, language", [
    ("L'armée a pris le quartier de Cheikh Saïd d'Alep.", "fr"),
    ("L'armée a pris Cheikh Saïd, un quartier d'Alep.", "fr"),
    ("The army took the Sheikh Saeed district of Aleppo.", "en"),
    ("The army took Aleppo's Sheikh Saeed district.", "en"),
    ("The army took Aleppo's rebel-held Sheikh Saeed district.", "en"),
    ("The army took southeast Aleppo's large Sheikh Saeed district.", "en"),
    ("The army took the Aleppo district of Sheikh Saeed.", "en"),
])
def test_a_city_that_only_qualifies_its_neighbourhood_is_not_a_second_place(gazetteer, text, language):
    assert [place for _, place in places(gazetteer, text, language)] == ["sheikh-saeed"]


def test_a_city_whose_possessive_is_followed_by_more_than_one_word_is_its_own_place(gazetteer):
    assert [place for _, place in places(gazetteer, "Aleppo's governor visited Sheikh Saeed.", "en")] == [
        "aleppo", "sheikh-saeed"]


def test_a_city_beside_a_place_it_does_not_contain_is_kept(gazetteer):
    assert [place for _, place in places(gazetteer, "Les bus sont partis de Ramoussa vers Idleb d'Alep.")] == [
        "ramouseh", "idlib", "aleppo"]
    assert [place for _, place in places(gazetteer, "Des frappes sur Cheikh Saïd et Alep.")] == [
        "sheikh-saeed", "aleppo"]


@pytest.mark.parametrize("text, language", [
    ("Lundi, l'armée a pris le quartier de Cheikh Saïd d'Alep.", "fr"),
    ("On Monday, the army captured Aleppo's Sheikh Saeed district.", "en"),
])
def test_a_capture_in_a_qualified_neighbourhood_is_at_the_neighbourhood(gazetteer, text, language):
    from datetime import date
    from geomap import config as config_mod
    from geomap.extract import Extractor, Settings
    from geomap.models import Article, Sentence
    from sample_conflict import FACTIONS
    settings = Settings(allies=config_mod.allies_of(FACTIONS), opponents=config_mod.opponents_of(FACTIONS),
                        sides=config_mod.sides_of(FACTIONS))
    article = Article("a.md", "a.md", text, (Sentence(text, 0, len(text), 0),), language,
                      published=date(2016, 12, 14))
    events = Extractor(gazetteer, settings, 2016).read(article).events()
    assert [(event.type, event.place_id) for event in events] == [("control_change", "sheikh-saeed")]
