"""Events: what happened where, on which day, by whom, said by whom.

The articles in tests/data/articles/ were written for these tests, in French and English,
with spellings and phrasings that are not in the bundled sample.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geomap import config as config_mod
from geomap.articles import read_article
from geomap.dating import date_articles
from geomap.extract import Extractor, Settings
from geomap.merge import merge_events
from geomap.pipeline import topic_patterns
from geomap.gazetteer import Gazetteer
from sample_conflict import FACTIONS as SAMPLE_FACTIONS

DATA = Path(__file__).parent / "data" / "articles"
SETTINGS = Settings(allies=config_mod.allies_of(SAMPLE_FACTIONS), opponents=config_mod.opponents_of(SAMPLE_FACTIONS),
                    sides=config_mod.sides_of(SAMPLE_FACTIONS))


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


TOPIC = topic_patterns()


def read_dated(path: Path, metadata=None):
    """The article as the pipeline gives it to extraction: read, then dated (geomap.dating)."""
    article, _ = read_article(path, metadata, TOPIC)
    return date_articles([article], 2016)[0][0]


def extract(path: Path, gazetteer, metadata=None):
    article = read_dated(path, metadata)
    found = Extractor(gazetteer, SETTINGS, 2016).extract(article)
    return merge_events(found, gazetteer)[0]


def extract_together(paths: list[Path], gazetteer):
    """The merged events of several articles, as one build would give them."""
    found = []
    for path in paths:
        article = read_dated(path)
        found += Extractor(gazetteer, SETTINGS, 2016).extract(article)
    return merge_events(found, gazetteer)[0]


def write(tmp_path, text: str, name: str = "article.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def sentence_events(tmp_path, gazetteer, body: str, published="2016-12-14", language="fr"):
    front = f"---\npublished: {published}\nlanguage: {language}\n---\n\n" if published else f"---\nlanguage: {language}\n---\n\n"
    return extract(write(tmp_path, front + body + "\n"), gazetteer)


def find(events, type_, place=None, **fields):
    hits = [e for e in events if e.type == type_ and (place is None or e.place_id == place)
            and all(getattr(e, k) == v for k, v in fields.items())]
    assert hits, f"no {type_} at {place} with {fields} in {[(e.type, e.place_id, e.date, e.to) for e in events]}"
    return hits[0]


def absent(events, type_, place=None):
    assert not [e for e in events if e.type == type_ and (place is None or e.place_id == place)], \
        [(e.type, e.place_id, e.date) for e in events]


# ---------------------------------------------------------------- our French article on the north-east

@pytest.fixture(scope="module")
def north(gazetteer):
    return extract(DATA / "fr_offensive_nord.md", gazetteer)


def test_a_capture_verb_gives_the_place_to_the_side_named_before_it(north):
    find(north, "control_change", "masaken-hanano", to="government", date=date(2016, 11, 26))


def test_every_place_of_a_list_after_a_capture_verb_changes_hands(north):
    for place in ("jabal-badro", "haydariya", "sakhour"):
        find(north, "control_change", place, to="government", date=date(2016, 11, 27))


def test_a_withdrawal_gives_the_place_to_the_side_that_withdrew_from_s_opponent(north):
    change = find(north, "control_change", "sheikh-khodr", to="government")
    assert change.from_ == "rebels"


def test_a_sentence_without_a_date_takes_the_day_its_paragraph_was_talking_about(north):
    assert find(north, "control_change", "sheikh-khodr").date == date(2016, 11, 27)


def test_kurdish_forces_are_their_own_side(north):
    find(north, "control_change", "ash-sheikh-fares", to="kurds", date=date(2016, 11, 28))


def test_air_raids_are_strikes_on_the_named_district(north):
    find(north, "strike", "tariq-al-bab", date=date(2016, 11, 28))


def test_displaced_people_gathering_somewhere_is_displacement(north):
    find(north, "displacement", "jibreen")


def test_a_call_for_a_ceasefire_is_not_a_ceasefire(north):
    absent(north, "ceasefire")


def test_every_event_quotes_its_sentence_and_article(north):
    for event in north:
        assert event.sources and all(s.article == "fr_offensive_nord.md" for s in event.sources)
        assert all(s.url == "https://example.org/monde/alep-nord-est" for s in event.sources)
        for s in event.sources:
            text = (DATA / "fr_offensive_nord.md").read_text(encoding="utf-8")
            assert text[s.start:s.end].replace("\n", " ") == s.sentence


# ---------------------------------------------------------------- our English wire

@pytest.fixture(scope="module")
def wire(gazetteer):
    return extract(DATA / "en_wire_16dec.md", gazetteer)


def test_an_english_route_runs_from_origin_through_the_crossing_to_the_destination(wire):
    route = find(wire, "evacuation", "al-amiriyah", date=date(2016, 12, 15))
    assert route.route == ("al-amiriyah", "ramouseh", "khan-al-asal")
    assert route.people == 951


def test_a_halted_evacuation_is_an_attempt(wire):
    assert find(wire, "evacuation", "east-aleppo").status == "attempted"


def test_english_captures_with_a_list_and_later_that_day(wire):
    find(wire, "control_change", "sheikh-saeed", to="government", date=date(2016, 12, 12))
    find(wire, "control_change", "bustan-al-qasr", to="government", date=date(2016, 12, 12))
    find(wire, "control_change", "kallaseh", to="government", date=date(2016, 12, 12))


def test_islamic_state_militants_are_isis_not_rebels(wire):
    find(wire, "control_change", "palmyra", to="isis", date=date(2016, 12, 11))


def test_a_truce_that_broke_down_is_failed(wire):
    assert find(wire, "ceasefire", "aleppo", date=date(2016, 12, 13)).status == "failed"


def test_talks_in_a_capital_are_diplomacy_there_not_an_evacuation(wire):
    find(wire, "diplomacy", "ankara", date=date(2016, 12, 14))
    absent(wire, "evacuation", "ankara")


def test_shelling_is_a_strike(wire):
    find(wire, "strike", "hamdaniyah", date=date(2016, 12, 14))


def test_took_effect_is_not_a_capture(wire):
    absent(wire, "control_change", "aleppo")


# ---------------------------------------------------------------- French evacuation story

@pytest.fixture(scope="module")
def evacuation(gazetteer):
    return extract(DATA / "fr_evacuation_18dec.txt", gazetteer)


def test_a_night_from_sunday_to_monday_is_the_monday(evacuation):
    route = find(evacuation, "evacuation", "east-aleppo")
    assert route.date == date(2016, 12, 19)
    assert route.route == ("east-aleppo", "ramouseh", "khan-al-asal")


def test_the_football_item_gives_no_place_and_no_event(evacuation):
    assert not any("barcelone" in s.sentence.lower() for e in evacuation for s in e.sources)


def test_resumed_evacuations_are_not_a_capture(evacuation):
    absent(evacuation, "control_change")


# ---------------------------------------------------------------- an article with no date

def test_an_undated_article_keeps_its_days_unknown(gazetteer):
    found = extract(DATA / "en_undated_live.txt", gazetteer)
    change = find(found, "control_change", "sukkari", to="government")
    assert change.date is None and change.precision == "unknown"
    assert find(found, "clash", "salaheddine").date is None


# ---------------------------------------------------------------- sentence by sentence

def test_they_lost_goes_to_the_opponent_of_the_side_named_last(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer,
                            "Les rebelles reculent partout. Mardi, ils ont perdu le quartier de Bab al-Nairab.")
    find(found, "control_change", "bab-al-nairab", to="government", date=date(2016, 12, 13))


def test_a_passive_capture_names_its_taker_after_par(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer, "Le quartier de Sukkari, repris par l'armée syrienne hier, est en ruines.")
    find(found, "control_change", "sukkari", to="government", date=date(2016, 12, 13))


def test_a_question_is_not_an_event_but_its_apposition_is(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer,
                            "Les Russes vont-ils bombarder Idleb, ou se tourner vers Palmyre, reprise par Daech ?")
    find(found, "control_change", "palmyra", to="isis")
    absent(found, "strike")


def test_a_negated_capture_is_not_an_event(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer, "L'armée n'a pas repris le quartier de Sakhour lundi.")
    absent(found, "control_change")


def test_a_tally_since_the_start_is_not_a_strike(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer,
                            "Depuis le début de l'offensive, les bombardements sur Alep-Est ont tué 400 civils.")
    absent(found, "strike")


@pytest.mark.parametrize("text, language, type_", [
    ("Au cours des derniers mois, l'armée a repris peu à peu le quartier de Soukkari.", "fr", "control_change"),
    ("Plus de 20 000 personnes ont quitté Alep-Est en une semaine, selon l'ONU.", "fr", "evacuation"),
    ("At least 20,000 people have been evacuated from east Aleppo in a weeklong operation, the UN says.", "en",
     "evacuation"),
    ("The army has retaken the Sukkari district over recent weeks.", "en", "control_change"),
])
def test_a_total_over_a_span_of_time_is_not_an_event_of_one_day(tmp_path, gazetteer, text, language, type_):
    absent(sentence_events(tmp_path, gazetteer, text, language=language), type_)


def test_the_same_words_for_one_day_are_an_event(tmp_path, gazetteer):
    find(sentence_events(tmp_path, gazetteer, "Plus de 2 000 personnes ont quitté Alep-Est mardi, selon l'ONU."),
         "evacuation", "east-aleppo")


@pytest.mark.parametrize("text, language", [
    ("Plus de 8 000 sont hébergées dans les écoles de Jibrine, selon le Croissant-Rouge.", "fr"),
    ("More than 8,000 people are being housed in schools in Jibreen, the Red Crescent said.", "en"),
])
def test_people_taken_in_somewhere_are_displaced_there(tmp_path, gazetteer, text, language):
    find(sentence_events(tmp_path, gazetteer, text, language=language), "displacement", "jibreen")


def test_a_delegation_welcomed_somewhere_is_not_displaced(tmp_path, gazetteer):
    absent(sentence_events(tmp_path, gazetteer, "La délégation rebelle a été accueillie à Ankara mardi."),
           "displacement")


def test_a_planned_summit_is_kept_as_planned_on_its_future_day(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer,
                            "La Russie, l'Iran et la Turquie prévoient un sommet le 27 décembre prochain à Moscou.",
                            published="2016-12-15")
    summit = find(found, "diplomacy", "moscow", date=date(2016, 12, 27))
    assert summit.status == "planned"


def test_capitals_used_as_actors_are_not_places_of_the_event(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer,
                            "Un cessez-le-feu négocié par Moscou et Ankara est entré en vigueur jeudi à Alep.",
                            published="2016-12-16")
    find(found, "ceasefire", "aleppo", date=date(2016, 12, 15))
    absent(found, "ceasefire", "moscow")
    absent(found, "diplomacy")


def test_destinations_after_an_evacuation_continue_it(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer,
                            "Des milliers de civils ont été évacués d'Alep-Est mardi. "
                            "Certains sont partis vers la Turquie, d'autres vers la région d'Idleb.",
                            published="2016-12-21")
    turkey = find(found, "evacuation", "east-aleppo", route=("east-aleppo", "turkey"))
    idlib = find(found, "evacuation", "east-aleppo", route=("east-aleppo", "idlib-governorate"))
    assert turkey.date == idlib.date == date(2016, 12, 20)
    absent([e for e in found if not e.route], "evacuation")


def test_a_convoy_turned_back_is_an_attempted_evacuation(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer,
                            "Jeudi matin, des bus ont quitté Alep-Est en direction d'Idleb. "
                            "Le convoi a dû rebrousser chemin sous les tirs.", published="2016-12-16")
    assert find(found, "evacuation", "east-aleppo").status == "attempted"


def test_english_fell_to_names_the_taker(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer, "On Tuesday, Bab al-Nairab fell to government forces.",
                            published="2016-12-14", language="en")
    find(found, "control_change", "bab-al-nairab", to="government", date=date(2016, 12, 13))


def test_english_withdrawal_and_next_tuesday(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer,
                            "Rebels withdrew from al-Sukkari on Monday. Talks will be held in Geneva next Tuesday.",
                            published="2016-12-14", language="en")
    find(found, "control_change", "sukkari", to="government", date=date(2016, 12, 12))
    talks = find(found, "diplomacy", "geneva", date=date(2016, 12, 20))
    assert talks.status == "planned"


def test_english_calls_for_a_truce_are_not_a_truce(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer,
                            "France called for a ceasefire in Aleppo on Monday.", language="en")
    absent(found, "ceasefire")


# ---------------------------------------------------------------- merging

def test_the_same_capture_told_twice_is_one_event_with_two_sources(tmp_path, gazetteer):
    a = write(tmp_path, "---\npublished: 2016-12-14\n---\n\nLundi, l'armée a repris le quartier de Cheikh Saïd.\n", "a.md")
    b = write(tmp_path, "---\npublished: 2016-12-13\nlanguage: en\n---\n\n"
                        "Government forces captured the Sheikh Saeed district on Monday.\n", "b.md")
    merged = extract_together([a, b], gazetteer)
    change = find(merged, "control_change", "sheikh-saeed", to="government", date=date(2016, 12, 12))
    assert change.corroboration == 2 and len(merged) == 1


def test_reports_that_disagree_on_the_taker_are_kept_and_flagged(tmp_path, gazetteer):
    a = write(tmp_path, "---\npublished: 2016-12-14\n---\n\nLundi, l'armée a repris le quartier de Sakhour.\n", "a.md")
    b = write(tmp_path, "---\npublished: 2016-12-14\n---\n\nLundi, les YPG ont pris le quartier de Sakhour.\n", "b.md")
    merged = extract_together([a, b], gazetteer)
    changes = [e for e in merged if e.type == "control_change"]
    assert {e.to for e in changes} == {"government", "kurds"}
    for e in changes:
        other = next(o for o in changes if o is not e)
        assert any(other.id in flag for flag in e.flags)


def test_event_ids_do_not_depend_on_the_order_of_articles(tmp_path, gazetteer):
    north = extract(DATA / "fr_offensive_nord.md", gazetteer)
    again = extract(DATA / "fr_offensive_nord.md", gazetteer)
    assert [e.id for e in north] == [e.id for e in again]
    assert len({e.id for e in north}) == len(north)


# ---------------------------------------------------------------- two more dispatches

@pytest.fixture(scope="module")
def feature(gazetteer):
    return extract(DATA / "en_feature_12dec.txt", gazetteer)


def test_withdrew_from_districts_including_one_named(feature):
    find(feature, "control_change", "sheikh-saeed", to="government", date=date(2016, 12, 12))


def test_took_control_of_two_districts_on_the_day_of_the_paragraph(feature):
    find(feature, "control_change", "al-salihin", to="government", date=date(2016, 12, 12))
    find(feature, "control_change", "karm-al-daada", to="government", date=date(2016, 12, 12))


def test_a_place_ending_like_a_future_tense_does_not_make_a_fact_planned(feature):
    assert find(feature, "control_change", "karm-al-daada").status == "happened"


def test_was_to_hold_a_meeting_on_tuesday_is_the_coming_tuesday(feature):
    meeting = find(feature, "diplomacy", "new-york")
    assert meeting.date == date(2016, 12, 13) and meeting.status == "planned"


def test_a_collapse_of_rebels_does_not_make_a_capture_failed(feature):
    assert all(e.status != "failed" for e in feature if e.type in ("control_change", "strike"))


@pytest.fixture(scope="module")
def depeche(gazetteer):
    return extract(DATA / "fr_depeche_13dec.txt", gazetteer)


def test_la_veille_with_lost_control_of_two_districts(depeche):
    find(depeche, "control_change", "kallaseh", to="government", date=date(2016, 12, 12))
    find(depeche, "control_change", "bustan-az-zahra", to="government", date=date(2016, 12, 12))


def test_shells_and_displaced_people_in_one_sentence_are_two_events(depeche):
    find(depeche, "strike", "al-mashhad", date=date(2016, 12, 13))
    find(depeche, "displacement", "al-mashhad")


def test_an_agreement_to_evacuate_towards_idlib_is_not_a_truce_in_idlib(depeche):
    absent(depeche, "ceasefire", "idlib-governorate")
    find(depeche, "ceasefire", "aleppo", date=date(2016, 12, 13))


# ---------------------------------------------------------------- each type in each language

def test_french_clashes_at_a_named_place(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer, "De violents combats ont opposé lundi rebelles et soldats à Cheikh Saïd.")
    find(found, "clash", "sheikh-saeed", date=date(2016, 12, 12))


def test_english_displaced_people_sheltering_somewhere(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer,
                            "Thousands of displaced families were sheltering in Jibreen on Tuesday.", language="en")
    find(found, "displacement", "jibreen", date=date(2016, 12, 13))


def test_english_evacuation_from_a_district_to_a_province(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer,
                            "On Thursday, 3,000 people were evacuated from al-Amiriyah to Idlib province.",
                            published="2016-12-16", language="en")
    route = find(found, "evacuation", "al-amiriyah", date=date(2016, 12, 15))
    assert route.route == ("al-amiriyah", "idlib-governorate") and route.people == 3000


@pytest.fixture(scope="module")
def figaro(gazetteer):
    return extract(DATA / "fr_figaro_16dec.txt", gazetteer)


def test_fell_into_the_hands_of_government_forces(figaro):
    find(figaro, "control_change", "salaheddine", to="government", date=date(2016, 12, 14))


def test_a_suspended_evacuation_is_an_attempt_and_one_that_left_counts_its_people(figaro):
    assert find(figaro, "evacuation", "east-aleppo", date=date(2016, 12, 16)).status == "attempted"
    assert find(figaro, "evacuation", "east-aleppo", date=date(2016, 12, 15)).people == 3000


def test_people_who_fled_towards_the_west_of_the_city_are_displaced_there(figaro):
    find(figaro, "displacement", "west-aleppo")


def test_announced_talks_on_a_day_already_past_this_year_are_next_years(figaro):
    talks = find(figaro, "diplomacy", "geneva")
    assert talks.status == "planned" and talks.date == date(2017, 2, 8)


@pytest.fixture(scope="module")
def f24(gazetteer):
    return extract(DATA / "fr_f24_22dec.txt", gazetteer)


def test_a_meeting_framed_by_its_city_is_there_and_the_talks_it_prepares_are_elsewhere(f24):
    meeting = find(f24, "diplomacy", "moscow", date=date(2016, 12, 20))
    assert meeting.status == "happened"
    talks = find(f24, "diplomacy", "astana")
    assert talks.status == "planned" and talks.date is None


def test_a_route_through_a_crossing_to_a_town(f24):
    route = find(f24, "evacuation", "al-amiriyah")
    assert route.route == ("al-amiriyah", "ramouseh", "khan-al-asal")


def test_a_tally_since_a_date_is_not_an_evacuation_of_that_day(f24):
    assert not [e for e in f24 if e.type == "evacuation" and e.people == 34000]


@pytest.fixture(scope="module")
def november(gazetteer):
    return extract(DATA / "fr_afp_28nov.txt", gazetteer)


def test_elles_ont_repris_takes_the_side_named_before(november):
    for place in ("sakhour", "haydariya", "sheikh-khodr"):
        find(november, "control_change", place, to="government", date=date(2016, 11, 28))


def test_press_spellings_of_districts_resolve(november):
    find(november, "control_change", "baaiedeen", to="government", date=date(2016, 11, 27))
    find(november, "control_change", "bustan-al-basha", to="government", date=date(2016, 11, 27))


def test_civilians_fleeing_towards_a_named_district_are_displaced_there(november):
    find(november, "displacement", "sheikh-maqsoud")


@pytest.fixture(scope="module")
def old_city(gazetteer):
    return extract(DATA / "fr_afp_7dec.txt", gazetteer)


def test_losing_the_old_city_and_a_call_for_a_truce(old_city):
    find(old_city, "control_change", "old-city", to="government", date=date(2016, 12, 7))
    absent(old_city, "ceasefire")


def test_a_meeting_set_for_saturday_in_geneva_is_planned_for_the_coming_saturday(old_city):
    talks = find(old_city, "diplomacy", "geneva", date=date(2016, 12, 10))
    assert talks.status == "planned"


def test_finding_oneself_cornered_is_not_a_meeting(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer, "Les rebelles se retrouvent acculés dans quelques secteurs sud d'Alep-Est.")
    absent(found, "diplomacy")


@pytest.fixture(scope="module")
def bbc(gazetteer):
    return extract(DATA / "en_bbc_19dec.txt", gazetteer)


def test_buses_that_left_and_arrived_somewhere_make_a_route_even_to_an_unlocated_place(bbc):
    route = find(bbc, "evacuation", "east-aleppo", date=date(2016, 12, 19))
    assert route.route == ("east-aleppo", "al-rashidin")


def test_warplanes_bombing_a_town_in_the_countryside(bbc):
    find(bbc, "strike", "atarib")


def test_last_week_is_a_window_over_the_previous_week(bbc):
    change = find(bbc, "control_change", "sheikh-saeed", to="government")
    assert change.precision == "approximate" and change.window == (date(2016, 12, 12), date(2016, 12, 18))


def test_a_death_toll_since_2011_is_no_event(bbc):
    assert not [e for e in bbc if any("since 2011" in s.sentence for s in e.sources)]


def test_a_noun_of_capture_with_its_taker_is_a_control_change(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer, "La prise de Palmyre par Daech, dimanche, a surpris l'état-major.")
    find(found, "control_change", "palmyra", to="isis", date=date(2016, 12, 11))


def test_a_noun_of_capture_without_a_taker_or_before_a_common_noun_is_not(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer, "La chute d'Alep ne sera pas suffisante. "
                                                 "L'ONU a annoncé la reprise des négociations à Genève.")
    absent(found, "control_change")


def test_english_fall_of_a_city_to_a_side(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer, "The fall of Palmyra to Islamic State on Sunday stunned Damascus.",
                            language="en")
    find(found, "control_change", "palmyra", to="isis", date=date(2016, 12, 11))


@pytest.fixture(scope="module")
def live(gazetteer):
    return extract(DATA / "fr_live_blog.txt", gazetteer)


def test_live_blog_entries_take_the_date_of_their_heading(live):
    find(live, "control_change", "sheikh-saeed", to="government", date=date(2016, 12, 13))
    find(live, "strike", "sukkari", date=date(2016, 12, 13))
    find(live, "control_change", "zebdieh", to="government", date=date(2016, 12, 14))


def test_driving_rebels_out_of_a_district_in_both_languages_is_one_capture(tmp_path, gazetteer):
    fr = write(tmp_path, "---\npublished: 2016-12-14\n---\n\nLundi, l'armée a chassé les rebelles du quartier de Fardous.\n", "fr.md")
    en = write(tmp_path, "---\npublished: 2016-12-14\nlanguage: en\n---\n\n"
                         "On Monday, government troops drove the rebels out of the Fardous district.\n", "en.md")
    merged = extract_together([fr, en], gazetteer)
    assert find(merged, "control_change", "al-fardos", to="government", date=date(2016, 12, 12)).corroboration == 2


def test_rebels_driven_out_two_days_ago_lost_the_place(tmp_path, gazetteer):
    found = sentence_events(tmp_path, gazetteer, "Il y a deux jours, les insurgés ont été chassés de Karm al-Katerji.")
    find(found, "control_change", "karm-al-qaterji", to="government", date=date(2016, 12, 12))


@pytest.fixture(scope="module")
def aj(gazetteer):
    return extract(DATA / "en_aj_14dec.txt", gazetteer)


def test_an_abbreviated_month_in_the_dateline_dates_the_article(aj):
    find(aj, "control_change", "bustan-al-qasr", to="government", date=date(2016, 12, 12))


def test_strikes_hitting_a_list_of_districts(aj):
    for place in ("al-mashhad", "al-ansari", "seif-al-dawla"):
        find(aj, "strike", place, date=date(2016, 12, 14))


def test_a_collapsed_truce_is_where_the_sentence_says_not_at_the_end_of_an_advance(aj):
    assert find(aj, "ceasefire", "east-aleppo").status == "failed"
