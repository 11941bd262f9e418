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
