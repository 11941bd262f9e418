"""geomap.gazetteer: names in text resolve to the right place, whatever the spelling."""
import math
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.gazetteer import Gazetteer, GazetteerError, normalise

GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "seeds.gold.yaml"
SEEDS = GOLD.parent.parent / "seeds"


@lru_cache(maxsize=1)
def shipped():
    """The real gazetteer, loaded once for the whole module (hypothesis tests included)."""
    return Gazetteer.load()


@pytest.fixture(scope="module")
def gazetteer():
    return shipped()


def resolved(gazetteer, text, language="fr"):
    return [(mention.text, mention.place_id) for mention in gazetteer.find(text, language)]


def only(gazetteer, text, language="fr"):
    mentions = gazetteer.find(text, language)
    assert len(mentions) == 1, mentions
    return mentions[0]


# --------------------------------------------------------------------------- normalise

@pytest.mark.parametrize("variants", [
    ["Cheikh Saïd", "Sheikh Said", "Shaykh Sa'id", "Sheikh Sa’eed", "sheikh saeed"],
    ["Boustane al-Qasr", "Bustan al Qasr", "Bostan el-Qasr", "Bustan Al-Qasr"],
    ["Alep-Est", "Alep Est", "alep est"],
    ["Ramoussa", "Ramouseh", "al-Ramousa"],
    ["Masakin Hananu", "Masaken Hanano", "Massaken Hanano"],
])
def test_normalise_gives_transliteration_variants_one_key(variants):
    assert len({normalise(variant) for variant in variants}) == 1


def test_normalise_keeps_different_names_apart():
    assert normalise("Salaheddine") != normalise("Salhine")
    assert normalise("Karm al-Dada") != normalise("Karam al-Daadaa")


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_normalise_never_raises(text):
    assert isinstance(normalise(text), str)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
@settings(max_examples=200, deadline=None)
def test_find_never_raises_and_returns_sorted_non_overlapping_spans(text):
    for language in ("fr", "en"):
        mentions = shipped().find(text, language)
        for mention in mentions:
            assert text[mention.start:mention.end] == mention.text
        for first, second in zip(mentions, mentions[1:]):
            assert first.end <= second.start


@given(st.lists(st.sampled_from(["Alep", "Cheikh Saïd", "quartier de", "la", "région d'Idlib",
                                 "Bab", "l'ouest d'", "Al", "-", ",", "et", "Est"]), max_size=12))
@settings(max_examples=200, deadline=None)
def test_find_never_raises_on_place_like_word_salad(words):
    text = " ".join(words)
    for mention in shipped().find(text, "fr"):
        assert mention.place_id is None or mention.place_id in shipped()


# --------------------------------------------------------------------------- spellings

def test_boustane_and_bustan_resolve_to_the_same_neighbourhood(gazetteer):
    assert only(gazetteer, "le quartier de Boustane al-Qasr").place_id == "bustan-al-qasr"
    assert only(gazetteer, "the Bustan al Qasr district", "en").place_id == "bustan-al-qasr"


def test_accents_apostrophes_and_elision_do_not_matter(gazetteer):
    assert resolved(gazetteer, "la région d’Idlib et la province d'Idleb") == [
        ("Idlib", "idlib-governorate"), ("province d'Idleb", "idlib-governorate")]
    assert only(gazetteer, "évacués d’Alep-Est").place_id == "east-aleppo"
    assert only(gazetteer, "Cheikh Said").place_id == "sheikh-saeed"


def test_the_longest_alias_wins(gazetteer):
    assert resolved(gazetteer, "à Masaken Hanano puis à Hanano") == [
        ("Masaken Hanano", "masaken-hanano"), ("Hanano", "masaken-hanano")]
    assert resolved(gazetteer, "Alep-Est et Alep") == [("Alep-Est", "east-aleppo"), ("Alep", "aleppo")]


def test_an_attached_article_is_part_of_the_mention(gazetteer):
    mention = only(gazetteer, "A al-Machad, des témoins")
    assert (mention.text, mention.place_id) == ("al-Machad", "al-mashhad")
    assert only(gazetteer, "partis du quartier d'Al Amiriyah").text == "Al Amiriyah"


def test_exact_aliases_have_full_confidence_and_variants_less(gazetteer):
    exact = only(gazetteer, "Cheikh Saïd")
    variant = only(gazetteer, "Shaykh Sa'id")
    assert (exact.method, exact.confidence) == ("alias", 1.0)
    assert variant.method == "normalised" and variant.confidence < 1


def test_names_are_not_matched_inside_words_or_in_lowercase(gazetteer):
    assert gazetteer.find("Alepines, halabiyat, homsien, bab, sabil, midan, est", "fr") == []
    assert resolved(gazetteer, "Alep est devenu le principal front") == [("Alep", "aleppo")]


def test_names_that_are_ordinary_words_need_a_place_word_or_an_article(gazetteer):
    assert gazetteer.find("Zahra a dit que Midan et Sabil", "fr") == []
    assert only(gazetteer, "le quartier de Midan").place_id == "al-midan"
    assert only(gazetteer, "à al-Midan").place_id == "al-midan"
    assert only(gazetteer, "the town of al-Bab", "en").place_id == "al-bab"


def test_a_name_that_is_an_ordinary_word_listed_after_a_place_is_a_place_too(gazetteer):
    assert resolved(gazetteer, "les bombes sur les quartiers de Chaar et de Midan") == [
        ("Chaar", "shaar"), ("Midan", "al-midan")]
    assert resolved(gazetteer, "raids on Bustan al-Qasr, Sabil and Midan", "en") == [
        ("Bustan al-Qasr", "bustan-al-qasr"), ("Sabil", "as-sabil"), ("Midan", "al-midan")]
    assert resolved(gazetteer, "Chaar a dit que Midan", "fr") == [("Chaar", "shaar")]   # no list, no place


def test_spellings_of_my_own_in_a_french_paragraph(gazetteer):
    text = ("Les forces loyalistes ont repris Sheikh Sa'id et Bustan al Qasr, tandis que les "
            "bombardements visaient al-Kalasa, Sukkary et Masakin Hananu. Les évacués sont partis "
            "vers la province d'Edlib, pendant que Daech tenait toujours Tadmor.")
    assert [place for _, place in resolved(gazetteer, text)] == [
        "sheikh-saeed", "bustan-al-qasr", "kallaseh", "sukkari", "masaken-hanano",
        "idlib-governorate", "palmyra"]


def test_spellings_of_my_own_in_an_english_paragraph(gazetteer):
    text = ("Government troops pushed into Shaykh Said and the Seif ad-Daula district on Monday, "
            "while buses waited at Ramousa. Convoys later reached Idleb province and western "
            "rural Aleppo; fighting went on near Tadmor and in Jisr al-Shughour.")
    found = resolved(gazetteer, text, "en")
    assert [place for _, place in found] == [
        "sheikh-saeed", "seif-al-dawla", "ramouseh", "idlib-governorate", "aleppo", "palmyra",
        "jisr-al-shughur"]


def test_an_unseen_transliteration_of_a_known_place_is_a_fuzzy_match(gazetteer):
    mention = only(gazetteer, "les combats à Karm al-Qatarji")
    assert mention.place_id == "karm-al-qaterji"
    assert mention.method == "fuzzy" and mention.confidence < 1


def test_fuzzy_matching_leaves_people_and_ordinary_words_alone(gazetteer):
    text = ("Par Marcel Tillion. Certaines ont été évacuées. Sergueï Lavrov et Bachar al-Assad. "
            "Réseaux sociaux, Politique de Confidentialité, Paramétrer vos choix.")
    assert gazetteer.find(text, "fr") == []


# --------------------------------------------------------------------------- context

def test_region_or_province_of_idlib_is_the_governorate_and_town_of_idlib_the_city(gazetteer):
    assert only(gazetteer, "la région d'Idlib").place_id == "idlib-governorate"
    assert only(gazetteer, "la ville d'Idlib").place_id == "idlib"
    assert only(gazetteer, "en direction d'Idleb").place_id == "idlib"
    assert only(gazetteer, "fighters left for Idlib province", "en").place_id == "idlib-governorate"


def test_the_same_name_in_two_countries_goes_to_the_one_near_the_other_places(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(yaml.safe_dump([
        {"id": "tripoli-lebanon", "names": ["Tripoli"], "type": "city", "parent": "lebanon",
         "lat": 34.4367, "lon": 35.8497, "source": "test", "licence": "test"},
        {"id": "tripoli-libya", "names": ["Tripoli"], "type": "city",
         "lat": 32.8872, "lon": 13.1913, "source": "test", "licence": "test"},
    ]), encoding="utf-8")
    gazetteer = Gazetteer.load(extra_files=[extra])
    assert resolved(gazetteer, "De Beyrouth à Tripoli, puis Homs") == [
        ("Beyrouth", "beirut"), ("Tripoli", "tripoli-lebanon"), ("Homs", "homs")]
    assert any("Tripoli" in problem for problem in gazetteer.check())


def test_the_western_part_of_the_city_is_west_aleppo(gazetteer):
    text = "évacuées d'Alep-Est vers la partie occidentale de la ville, tenue par le régime. Alep."
    assert resolved(gazetteer, text)[1] == ("la partie occidentale de la ville", "west-aleppo")
    assert only(gazetteer, "dans l'ouest d'Alep").place_id == "west-aleppo"
    assert only(gazetteer, "bombs fell on the western part of Aleppo", "en").place_id == "west-aleppo"


def test_a_part_named_after_its_whole_with_a_possessive_is_the_part(gazetteer):
    assert only(gazetteer, "Shells hit Aleppo's eastern districts.", "en").place_id == "east-aleppo"
    text = "Aleppo was calm. Rebels shelled the city's government-held western neighbourhoods."
    assert resolved(gazetteer, text, "en")[1] == ("the city's government-held western neighbourhoods", "west-aleppo")
    assert only(gazetteer, "Aleppo's governor spoke.", "en").place_id == "aleppo"


def test_to_the_west_of_the_city_is_the_country_around_it_and_in_its_west_is_the_city(gazetteer):
    assert only(gazetteer, "Ils ont rejoint des régions rebelles à l'ouest d'Alep.").place_id == "aleppo-governorate~west"
    assert only(gazetteer, "Towns west of Aleppo were shelled.", "en").place_id == "aleppo-governorate~west"
    assert only(gazetteer, "Des obus sont tombés dans l'ouest d'Alep.").place_id == "west-aleppo"
    assert only(gazetteer, "Shells fell in the west of Aleppo.", "en").place_id == "west-aleppo"


def test_a_direction_written_with_a_capital_after_a_is_the_part_named_not_the_country_around(gazetteer):
    assert only(gazetteer, "les rebelles assiégés à l'Est d'Alep").place_id == "east-aleppo"
    assert only(gazetteer, "les rebelles repliés à l'est d'Alep").place_id == "aleppo-governorate~east"
    assert only(gazetteer, "Ils vivent à Alep-Ouest.").place_id == "west-aleppo"


def test_a_distance_before_a_direction_keeps_the_place_itself(gazetteer):
    assert only(gazetteer, "Les combats, à dix kilomètres au nord de Damas, ont cessé.").place_id == "damascus"
    assert only(gazetteer, "Fighting 10 km north of Damascus stopped.", "en").place_id == "damascus"


def test_a_direction_after_a_place_in_apposition_only_locates_it(gazetteer):
    assert [m.place_id for m in gazetteer.find("Ramoussa, quartier au sud d'Alep, est tenu.", "fr")] == \
        ["ramouseh", "aleppo"]
    assert [m.place_id for m in gazetteer.find("Ramussa, a district south of Aleppo, is held.", "en")] == \
        ["ramouseh", "aleppo"]


def test_a_direction_without_a_curated_part_makes_a_derived_place_kept_for_get(gazetteer):
    mentions = gazetteer.find("Alep. La dernière poche, dans le sud de la métropole", "fr")
    south = mentions[-1]
    assert (south.text, south.place_id, south.method) == (
        "le sud de la métropole", "aleppo~south", "derived")
    place = gazetteer.get("aleppo~south")
    assert place.located and place.lat < gazetteer.get("aleppo").lat
    assert gazetteer.contains("aleppo", "aleppo~south")


def test_the_west_of_a_province_is_derived_from_its_shape(gazetteer):
    mention = only(gazetteer, "rejoindre la partie Ouest de la province d’Alep contrôlée par les insurgés")
    assert mention.place_id == "aleppo-governorate~west"
    place = gazetteer.get(mention.place_id)
    assert place.lon < gazetteer.get("aleppo").lon and place.type == "region"


def test_an_unknown_name_after_a_place_word_is_reported_unresolved(gazetteer):
    assert resolved(gazetteer, "le quartier de Hayy Tafeh Jadida a été bombardé") == [
        ("Hayy Tafeh Jadida", None)]
    assert resolved(gazetteer, "the district of Hayy Tafeh", "en") == [("Hayy Tafeh", None)]


def test_an_unknown_name_before_an_english_place_word_is_reported_unresolved(gazetteer):
    assert resolved(gazetteer, "Airstrikes hit the Zorblutz district of Raqqa.", "en") == \
        [("Zorblutz", None), ("Raqqa", "raqqa")]
    assert resolved(gazetteer, "The Sheikh Saeed district fell on Monday.", "en") == [("Sheikh Saeed", "sheikh-saeed")]


def test_a_name_after_a_place_and_a_comma_is_in_apposition_unless_the_list_goes_on(gazetteer):
    assert resolved(gazetteer, "selon le gouverneur de la province de Homs, Zarif Balbuk.") == [
        ("province de Homs", "homs-governorate")]
    assert resolved(gazetteer, "the governor of the town of Raqqa, Zarif Balbuk, said", "en") == [("Raqqa", "raqqa")]
    assert [name for name, _ in resolved(gazetteer, "les quartiers de Zirbla, Zorbla et Zurbla")] == [
        "Zirbla", "Zorbla", "Zurbla"]
    assert [name for name, _ in resolved(gazetteer, "the districts of Zirbla, Zorbla, Zurbla", "en")] == [
        "Zirbla", "Zorbla", "Zurbla"]


def test_a_place_word_and_the_name_after_it_stand_in_one_sentence(gazetteer):
    assert resolved(gazetteer, "Security has returned to the war-torn city\nCaption: A child rides a bus", "en") == []


def test_known_but_unlocated_names_come_back_with_their_id(gazetteer):
    text = ("en s'emparant des quartiers voisins d'Al Chahidine, Karam al Effendi, Karam al Daadaa; "
            "des bombardements sur les quartiers de Kallassé et de Maadi")
    found = dict(resolved(gazetteer, text))
    assert found["Al Chahidine"] == "al-shahidin"
    assert found["Karam al Effendi"] == "karm-al-afandi"
    assert found["Maadi"] == "al-maadi"
    for place_id in ("al-shahidin", "karm-al-afandi", "al-maadi"):
        assert not gazetteer.get(place_id).located


# --------------------------------------------------------------------------- the gold file

def gold_cases():
    if not GOLD.exists():
        return []
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    return [(m["source"], m["text"], m["place"], gold["places"][m["place"]]) for m in gold["mentions"]]


@pytest.mark.skipif(not GOLD.exists(), reason="gold annotation not present")
@pytest.mark.parametrize("source,surface,place_id,tolerance", gold_cases())
def test_every_gold_mention_resolves_within_its_tolerance(gazetteer, source, surface, place_id,
                                                          tolerance):
    text = (SEEDS / source).read_text(encoding="utf-8")
    mentions = [m for m in gazetteer.find(text, "fr") if m.text == surface]
    assert mentions, f"{surface!r} not found in {source}"
    for mention in mentions:
        point = gazetteer.point(mention.place_id)
        assert point and km(point, tolerance) <= tolerance["tol_km"], (surface, mention.place_id)


def km(point, target):
    lat1, lon1, lat2, lon2 = map(math.radians, (point[0], point[1], target["lat"], target["lon"]))
    return 6371 * math.acos(min(1.0, math.sin(lat1) * math.sin(lat2)
                                + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)))



# --------------------------------------------------------------------------- API

def test_get_contains_iter_and_point(gazetteer):
    assert gazetteer.get("aleppo").label("fr") == "Alep"
    assert "sheikh-saeed" in gazetteer and "atlantis" not in gazetteer
    with pytest.raises(KeyError):
        gazetteer.get("atlantis")
    ids = [place.id for place in gazetteer]
    assert ids == [place.id for place in gazetteer] and len(ids) == len(set(ids)) > 200
    assert gazetteer.point("aleppo") == (36.22997, 37.17002)


def test_contains_follows_the_parent_chain(gazetteer):
    assert gazetteer.contains("syria", "sheikh-saeed")
    assert gazetteer.contains("aleppo", "west-aleppo")
    assert not gazetteer.contains("idlib-governorate", "sheikh-saeed")


def test_explain_ranks_candidates_with_reasons(gazetteer):
    candidates = gazetteer.explain("Idleb")
    assert candidates[0]["id"] == "idlib" and candidates[0]["score"] == 1.0
    assert "idlib-governorate" in [c["id"] for c in candidates]
    assert set(candidates[0]) == {"id", "type", "label", "lat", "lon", "score", "why"}
    assert gazetteer.explain("Masakin Hananu", "en")[0]["id"] == "masaken-hanano"


def test_extra_files_add_and_override_places(tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text("id,names,lat,lon,type,parent,source,licence\n"
                     "al-maadi,,36.19,37.165,,,my survey,CC0\n"
                     "anadan,Anadan|Anadane,36.29,37.04,town,aleppo-governorate,my survey,CC0\n",
                     encoding="utf-8")
    gazetteer = Gazetteer.load(extra_files=[extra])
    assert gazetteer.point("al-maadi") == (36.19, 37.165)
    assert gazetteer.get("al-maadi").names[0] == "al-Maadi"
    assert only(gazetteer, "à Anadane").place_id == "anadan"


def test_a_bad_file_raises_one_line_naming_file_and_row(tmp_path):
    extra = tmp_path / "bad.csv"
    extra.write_text("id,names,lat,lon,type\nx,X,north,37,city\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as error:
        Gazetteer.load(extra_files=[extra])
    message = str(error.value)
    assert "bad.csv:2" in message and "lat" in message and "\n" not in message


def test_check_lists_duplicates_bad_coordinates_missing_parents_and_shared_aliases(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(yaml.safe_dump([
        {"id": "x1", "names": "Sheikh Saeed", "type": "neighbourhood", "parent": "aleppo",
         "lat": 36.2, "lon": 37.1},
        {"id": "x2", "names": "X2", "type": "city", "parent": "nowhere", "lat": 95, "lon": 37.1},
        {"id": "x2", "names": "X2", "type": "city", "lat": 35, "lon": 37.1},
    ]), encoding="utf-8")
    problems = "\n".join(Gazetteer.load(extra_files=[extra]).check())
    assert "duplicate id 'x2'" in problems
    assert "x1" in problems and "sheikh-saeed" in problems
    assert Gazetteer.load(extra_files=[]).check() == []


def test_the_countryside_west_of_a_city_is_the_west_of_its_province():
    gazetteer = Gazetteer.load()
    for text, language in [("to the countryside west of Aleppo", "en"), ("rebel-held areas in western Aleppo province", "en"),
                           ("la campagne à l'ouest d'Alep", "fr"), ("dans l'ouest de la province d'Alep", "fr")]:
        assert [m.place_id for m in gazetteer.find(text, language)] == ["aleppo-governorate~west"], text


def test_western_aleppo_alone_is_the_west_of_the_city():
    gazetteer = Gazetteer.load()
    assert [m.place_id for m in gazetteer.find("people fled to western Aleppo", "en")] == ["west-aleppo"]
