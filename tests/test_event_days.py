"""The day of each event (geomap.extract.dates, background, recall): what in a sentence dates
what it reports, and what only measures it against the past; handmade sentences, fr and en."""
from datetime import date

from test_syntax import told


def kinds_days(events, kind):
    return [(e.place_id, e.date, e.precision) for e in events if e.type == kind]


# ---------------------------------------------------------------- reference points

def test_for_the_first_time_in_years_is_a_reference_point_not_a_tally(extractor):
    events = told(extractor, "en", "Government forces took full control of Palmyra on Tuesday for the first time "
                  "in three years.", published=date(2016, 12, 14))
    assert kinds_days(events, "control_change") == [("palmyra", date(2016, 12, 13), "day")]


def test_pour_la_premiere_fois_depuis_une_annee_is_a_reference_point_not_a_tally(extractor):
    events = told(extractor, "fr", "Mardi, pour la première fois depuis 2013, des centaines de civils ont quitté "
                  "Alep-Est.", published=date(2016, 12, 14))
    assert kinds_days(events, "evacuation") == [("east-aleppo", date(2016, 12, 13), "day")]


def test_the_year_of_a_reference_point_never_dates_the_event_as_history(extractor):
    events = told(extractor, "en", "Rebels took Palmyra on Monday, the first time since 2013 that the city changed "
                  "hands.", published=date(2016, 12, 14))
    assert kinds_days(events, "control_change") == [("palmyra", date(2016, 12, 12), "day")]


def test_a_tally_since_a_year_still_tells_no_event(extractor):
    events = told(extractor, "fr", "Depuis 2013, des milliers de civils ont quitté Alep-Est.",
                  published=date(2016, 12, 14))
    assert kinds_days(events, "evacuation") == []


# ---------------------------------------------------------------- a clause's own day

def test_a_day_in_a_relative_clause_under_the_event_verb_is_that_clauses(extractor):
    events = told(extractor, "en", "Army units seized the Sukkari district after heavy fighting which had raged "
                  "since Saturday evening.", published=date(2016, 12, 14))
    assert [(e.date, e.precision) for e in events if e.type == "control_change"] == \
        [(date(2016, 12, 14), "approximate")]


def test_une_date_de_la_relative_sous_le_verbe_est_celle_de_la_relative(extractor):
    events = told(extractor, "fr", "Les soldats ont repris le quartier de Soukkari après des combats qui duraient "
                  "depuis samedi soir.", published=date(2016, 12, 14))
    assert [(e.date, e.precision) for e in events if e.type == "control_change"] == \
        [(date(2016, 12, 14), "approximate")]


def test_a_clause_said_of_the_event_noun_still_dates_it(extractor):
    events = told(extractor, "fr", "L'accord de cessez-le-feu annoncé mardi intervient après des semaines de "
                  "combats à Alep.", published=date(2016, 12, 14))
    assert [e.date for e in events if e.type == "ceasefire"] == [date(2016, 12, 13)]


# ---------------------------------------------------------------- seasons

def test_a_season_of_a_year_is_a_past_window_so_the_capture_is_history(extractor):
    for language, text in (("fr", "Soukkari a été le premier quartier pris par les rebelles durant l'été 2012."),
                           ("en", "Sukkari was the first district seized by rebels in the summer of 2012.")):
        events = told(extractor, language, text, published=date(2016, 12, 14))
        assert [e for e in events if e.type == "control_change"] == [], language


# ---------------------------------------------------------------- days counted from another

def test_what_happened_a_day_after_the_day_named_is_dated_the_day_before_it(extractor):
    for language, text in (
            ("en", "Government buses stopped on Friday, a day after thousands of civilians had begun leaving "
                   "the Sukkari district."),
            ("fr", "Les bus se sont arrêtés vendredi, un jour après que des milliers de civils ont quitté le "
                   "quartier de Soukkari.")):
        events = told(extractor, language, text, published=date(2016, 12, 18))
        assert kinds_days(events, "evacuation") == [("sukkari", date(2016, 12, 15), "day")], language


# ---------------------------------------------------------------- the lede's day

def test_a_later_paragraph_naming_no_day_takes_the_day_the_lede_gave_its_kind_of_event(extractor):
    events = told(extractor, "en", "Aleppo under fire", "Air strikes killed 14 civilians in eastern Aleppo on "
                  "Tuesday, a monitor said.", "Rescuers dug through the rubble for hours.",
                  "One of the strikes hit a clinic in the Sukkari district, the monitor said.",
                  published=date(2016, 12, 14))
    assert kinds_days(events, "strike")[-1] == ("sukkari", date(2016, 12, 13), "day")


def test_le_jour_du_chapeau_ne_date_que_son_genre_d_evenement(extractor):
    events = told(extractor, "fr", "Alep sous les bombes", "Des raids aériens ont tué mardi 14 civils dans l'est "
                  "d'Alep, selon l'OSDH.", "Les secouristes ont fouillé les décombres pendant des heures.",
                  "Des centaines de civils ont quitté le quartier de Soukkari.",
                  "Un des raids a frappé une clinique du quartier de Soukkari, selon l'OSDH.",
                  published=date(2016, 12, 14))
    assert kinds_days(events, "evacuation") == [("sukkari", date(2016, 12, 14), "approximate")]
    assert kinds_days(events, "strike")[-1] == ("sukkari", date(2016, 12, 13), "day")


def test_a_paragraph_naming_its_own_day_keeps_it(extractor):
    events = told(extractor, "en", "Aleppo under fire", "Air strikes killed 14 civilians in eastern Aleppo on "
                  "Tuesday, a monitor said.", "On Monday a strike hit a clinic. Another strike hit the Sukkari "
                  "district.", published=date(2016, 12, 14))
    assert kinds_days(events, "strike")[-1] == ("sukkari", date(2016, 12, 12), "day")


# ---------------------------------------------------------------- a dated title

def test_a_title_dating_its_report_dates_the_body_sentences_naming_no_day(extractor):
    for language, title, body in (
            ("en", "Aleppo daily brief for 12/12/2016: the latest",
             "Aircraft carried out raids on the Sukkari district, activists said."),
            ("fr", "Alep, le point du 12/12/2016 : les dernières nouvelles",
             "L'aviation a mené des raids sur le quartier de Soukkari, selon des militants.")):
        events = told(extractor, language, title, body, published=date(2016, 12, 14))
        assert kinds_days(events, "strike") == [("sukkari", date(2016, 12, 12), "day")], language


def test_a_weekday_in_the_title_is_no_date_for_the_body(extractor):
    events = told(extractor, "en", "Aleppo on Monday: the latest", "Aircraft carried out raids on the Sukkari "
                  "district, activists said.", published=date(2016, 12, 14))
    assert kinds_days(events, "strike")[-1] == ("sukkari", date(2016, 12, 14), "approximate")
