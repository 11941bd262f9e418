"""geomap.extract.dates: every date expression, in French and English, resolved to the right day.

Most sentences are dated against Thursday 8 December 2016, the publication date of the
sample's live blog.
"""
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.extract.dates import deictic_date, find_dates, infer_year, is_future, printed_date

THURSDAY = date(2016, 12, 8)


def only(sentence, language="fr", published=THURSDAY, **kwargs):
    """The one date expression of the sentence."""
    found = find_dates(sentence, language, published, **kwargs)
    assert len(found) == 1, found
    return found[0]


def day_of(sentence, language="fr", published=THURSDAY, **kwargs):
    return only(sentence, language, published, **kwargs).day


# ---------------------------------------------------------------- printed dates

@pytest.mark.parametrize("language, sentence, expected, text", [
    ("fr", "Le 21 décembre 2016, les derniers bus ont quitté Alep.", date(2016, 12, 21), "21 décembre 2016"),
    ("fr", "Décembre 14, 2016 - les combats reprennent.", date(2016, 12, 14), "Décembre 14, 2016"),
    ("en", "December 14, 2016: fighting resumed.", date(2016, 12, 14), "December 14, 2016"),
    ("fr", "Publié le 14/12/2016 à 10h.", date(2016, 12, 14), "14/12/2016"),
    ("fr", "Mis à jour le 14.12.2016.", date(2016, 12, 14), "14.12.2016"),
    ("en", "Updated 12/14/2016.", date(2016, 12, 14), "12/14/2016"),
    ("en", "Updated 12/25/2016.", date(2016, 12, 25), "12/25/2016"),
    ("fr", "Publié le 2016-12-14.", date(2016, 12, 14), "2016-12-14"),
    ("en", "Published 2016-12-14.", date(2016, 12, 14), "2016-12-14"),
    ("fr", "Mardi 13 décembre 2016, les rebelles reculent.", date(2016, 12, 13), "Mardi 13 décembre 2016"),
    ("en", "Tuesday 13 December 2016, rebels fell back.", date(2016, 12, 13), "Tuesday 13 December 2016"),
    ("en", "On 13 Dec. 2016 rebels fell back.", date(2016, 12, 13), "13 Dec. 2016"),
    ("fr", "Le 13 déc. 2016, les rebelles reculent.", date(2016, 12, 13), "13 déc. 2016"),
])
def test_a_printed_date_is_that_day_whatever_the_publication_date(language, sentence, expected, text):
    for published in (THURSDAY, date(2017, 3, 1), None):
        found = only(sentence, language, published)
        assert (found.day, found.precision, found.text) == (expected, "day", text)
        assert sentence[found.start:found.end] == text


def test_a_numeric_date_with_a_day_above_twelve_is_read_either_way():
    assert day_of("le 12/14/2016", "fr") == date(2016, 12, 14)
    assert day_of("on 14/12/2016", "en") == date(2016, 12, 14)


def test_an_impossible_printed_date_is_not_a_date():
    assert find_dates("le 31/02/2016 et le 2016-13-40", "fr", THURSDAY) == []


def test_1er_decembre_is_the_first_of_december_before_publication():
    found = only("Depuis le 1er décembre, les civils fuient.")
    assert (found.text, found.day) == ("1er décembre", date(2016, 12, 1))


def test_english_ordinals_on_either_side_of_the_month():
    assert day_of("On 1st December civilians fled.", "en") == date(2016, 12, 1)
    assert day_of("On December 1st civilians fled.", "en") == date(2016, 12, 1)


def test_an_english_month_and_day_without_a_year_is_a_date():
    assert day_of("Rebels withdrew on December 6, activists said.", "en") == date(2016, 12, 6)


def test_a_french_month_then_number_without_a_year_is_not_a_date():
    assert find_dates("Le score de mai 12 à 3 a surpris.", "fr", THURSDAY) == []


# ---------------------------------------------------------------- day and month, year inferred

def test_le_20_decembre_after_publication_in_a_past_sentence_is_the_year_before():
    assert day_of("Le 20 décembre, les forces ont repris le quartier.") == date(2015, 12, 20)


def test_le_20_decembre_in_a_sentence_about_the_future_is_this_year():
    found = only("Une réunion aura lieu le 20 décembre à Astana.")
    assert (found.day, found.tense) == (date(2016, 12, 20), "future")


def test_le_20_decembre_before_publication_is_this_year():
    assert day_of("Le 20 décembre, les forces ont repris le quartier.", published=date(2016, 12, 22)) \
        == date(2016, 12, 20)


def test_a_day_and_month_just_after_publication_is_this_year_with_a_day_of_slack():
    assert day_of("Le 9 décembre, les forces ont repris le quartier.") == date(2016, 12, 9)


def test_le_27_decembre_prochain_is_the_coming_one_and_in_the_future():
    found = only("La Russie, la Turquie et l'Iran prévoient un sommet le 27 décembre prochain, à Moscou.")
    assert (found.text, found.day, found.tense) == ("27 décembre prochain", date(2016, 12, 27), "future")


def test_le_15_novembre_dernier_is_the_past_one():
    found = only("Le 15 novembre dernier, l'offensive a commencé.", published=date(2016, 11, 10))
    assert found.day == date(2015, 11, 15)


def test_ce_jeudi_15_decembre_takes_its_year_from_the_weekday():
    found = only("Ce jeudi 15 décembre, les premiers bus ont quitté Alep.", published=None, year_hint=2019)
    assert (found.text, found.day) == ("Ce jeudi 15 décembre", date(2016, 12, 15))


def test_thursday_december_15_takes_its_year_from_the_weekday():
    assert day_of("On Thursday, December 15 the first buses left.", "en", None, year_hint=2016) \
        == date(2016, 12, 15)


def test_a_day_and_month_without_publication_date_or_year_hint_is_unresolved():
    found = only("Le 20 décembre, les forces ont repris le quartier.", published=None)
    assert (found.day, found.precision) == (None, "unknown")


def test_a_day_and_month_with_only_a_year_hint_takes_that_year():
    assert day_of("Le 20 décembre, les forces ont avancé.", published=None, year_hint=2016) == date(2016, 12, 20)


def test_dans_la_nuit_du_14_au_15_decembre_is_the_second_day():
    found = only("Dans la nuit du 14 au 15 décembre, les bus sont partis.", published=date(2016, 12, 16))
    assert found.day == date(2016, 12, 15)


def test_infer_year_with_a_weekday_picks_the_nearest_matching_year():
    assert infer_year(12, 15, 3, None, 2017) == 2016
    assert infer_year(12, 15, 3, date(2016, 12, 1), None) == 2016


def test_infer_year_with_nothing_to_go_on_is_none():
    assert infer_year(12, 15, None, None, None) is None
    assert infer_year(2, 30, None, THURSDAY, None) is None


# ---------------------------------------------------------------- weekdays

@pytest.mark.parametrize("language, sentence, expected", [
    ("fr", "Lundi, les forces du régime ont avancé.", date(2016, 12, 5)),
    ("fr", "Jeudi, les forces du régime ont avancé.", date(2016, 12, 8)),
    ("fr", "Vendredi, les forces du régime ont avancé.", date(2016, 12, 2)),
    ("fr", "Lundi dernier, les forces du régime ont avancé.", date(2016, 12, 5)),
    ("fr", "Jeudi soir, le ministre a parlé.", date(2016, 12, 8)),
    ("fr", "Mardi matin, les combats ont repris.", date(2016, 12, 6)),
    ("en", "On Monday, government forces advanced.", date(2016, 12, 5)),
    ("en", "Thursday evening, the minister spoke.", date(2016, 12, 8)),
    ("en", "Last Monday, government forces advanced.", date(2016, 12, 5)),
])
def test_a_weekday_in_a_past_sentence_is_the_latest_on_or_before_publication(language, sentence, expected):
    found = only(sentence, language)
    assert (found.day, found.precision, found.tense) == (expected, "day", "past")


def test_jeudi_dernier_said_on_a_thursday_is_the_week_before():
    assert day_of("Jeudi dernier, les forces ont avancé.") == date(2016, 12, 1)


def test_samedi_in_a_future_sentence_is_the_next_saturday():
    found = only("M. Lavrov a annoncé que des discussions se tiendraient samedi à Genève.")
    assert (found.text, found.day, found.tense) == ("samedi", date(2016, 12, 10), "future")


def test_samedi_prochain_is_the_next_saturday():
    found = only("Les discussions reprennent samedi prochain.")
    assert (found.day, found.tense) == (date(2016, 12, 10), "future")


def test_next_saturday_is_the_next_saturday():
    found = only("Talks will be held next Saturday in Geneva.", "en")
    assert (found.day, found.tense) == (date(2016, 12, 10), "future")


def test_a_future_weekday_named_on_that_weekday_is_a_week_ahead():
    assert day_of("Les ministres se réuniront jeudi.") == date(2016, 12, 15)


def test_ce_lundi_is_this_weeks_monday():
    assert day_of("Ce lundi, les forces ont avancé.") == date(2016, 12, 5)
    assert day_of("This Thursday, the minister spoke.", "en") == date(2016, 12, 8)


def test_dans_la_nuit_de_vendredi_a_samedi_is_the_saturday():
    found = only("Dans la nuit de vendredi à samedi, les raids ont repris.", published=date(2016, 12, 13))
    assert (found.text, found.day) == ("Dans la nuit de vendredi à samedi", date(2016, 12, 10))


def test_the_night_of_friday_to_saturday_is_the_saturday():
    found = only("On the night of Friday to Saturday, air strikes resumed.", "en", date(2016, 12, 13))
    assert found.day == date(2016, 12, 10)


def test_overnight_friday_to_saturday_is_the_saturday():
    found = only("Overnight Friday to Saturday, air strikes resumed.", "en", date(2016, 12, 13))
    assert (found.text, found.day) == ("Overnight Friday to Saturday", date(2016, 12, 10))


# ---------------------------------------------------------------- relative to publication

@pytest.mark.parametrize("language, sentence, text, expected", [
    ("fr", "Hier, les forces ont avancé.", "Hier", date(2016, 12, 7)),
    ("fr", "Avant-hier, les forces ont avancé.", "Avant-hier", date(2016, 12, 6)),
    ("fr", "Hier soir, les forces ont avancé.", "Hier soir", date(2016, 12, 7)),
    ("fr", "Ce matin, les bus sont partis.", "Ce matin", date(2016, 12, 8)),
    ("fr", "Aujourd’hui, les bus sont partis.", "Aujourd’hui", date(2016, 12, 8)),
    ("fr", "Cette nuit, les raids ont repris.", "Cette nuit", date(2016, 12, 8)),
    ("en", "Yesterday, government forces advanced.", "Yesterday", date(2016, 12, 7)),
    ("en", "The day before yesterday, forces advanced.", "The day before yesterday", date(2016, 12, 6)),
    ("en", "Last night, air strikes resumed.", "Last night", date(2016, 12, 7)),
    ("en", "This morning, the buses left.", "This morning", date(2016, 12, 8)),
])
def test_a_word_relative_to_publication_counts_from_it(language, sentence, text, expected):
    found = only(sentence, language)
    assert (found.text, found.day, found.precision) == (text, expected, "day")


def test_demain_is_the_day_after_publication():
    assert day_of("Les bus partiront demain.") == date(2016, 12, 9)


# ---------------------------------------------------------------- relative to the narrative

def test_la_veille_is_the_day_before_the_narrative_date():
    found = only("La veille, les rebelles avaient perdu le quartier.", narrative=date(2016, 12, 13))
    assert (found.text, found.day) == ("La veille", date(2016, 12, 12))


def test_la_veille_without_a_narrative_date_counts_from_publication():
    assert day_of("La veille, les rebelles avaient perdu le quartier.") == date(2016, 12, 7)


def test_le_lendemain_is_the_day_after_the_narrative_date():
    assert day_of("Le lendemain, les bus sont partis.", narrative=date(2016, 12, 15)) == date(2016, 12, 16)


def test_the_day_before_is_the_day_before_the_narrative_date():
    assert day_of("The day before, rebels had lost the district.", "en", narrative=date(2016, 12, 13)) \
        == date(2016, 12, 12)


def test_later_that_day_is_the_day_named_just_before_in_the_sentence():
    found = find_dates("Forces captured the district on Monday and seized the next one later that day.",
                       "en", THURSDAY, narrative=date(2016, 11, 1))
    assert [(e.text, e.day) for e in found] == [("Monday", date(2016, 12, 5)),
                                                 ("later that day", date(2016, 12, 5))]


def test_the_next_day_follows_the_day_named_before_it_and_does_not_make_the_sentence_future():
    found = find_dates("Forces took Sheikh Saeed on Monday and Bustan al-Qasr the next day.", "en", THURSDAY)
    assert [(e.text, e.day, e.tense) for e in found] == [("Monday", date(2016, 12, 5), "past"),
                                                          ("the next day", date(2016, 12, 6), "past")]


def test_plus_tard_dans_la_journee_follows_the_narrative_date():
    assert day_of("Plus tard dans la journée, les bus sont partis.", narrative=date(2016, 12, 15)) \
        == date(2016, 12, 15)


# ---------------------------------------------------------------- vague words

def test_recemment_is_approximate_with_a_window_ending_on_publication():
    found = only("Les forces ont récemment repris le quartier.")
    assert (found.text, found.precision) == ("récemment", "approximate")
    assert found.window == (date(2016, 11, 24), THURSDAY)
    assert found.window[0] <= found.day <= found.window[1]


def test_recently_is_approximate_with_a_window():
    found = only("Forces recently retook the district.", "en")
    assert (found.precision, found.window) == ("approximate", (date(2016, 11, 24), THURSDAY))


@pytest.mark.parametrize("language, sentence, window", [
    ("fr", "À la mi-novembre, l'offensive a commencé.", (date(2016, 11, 10), date(2016, 11, 20))),
    ("fr", "Mi-novembre, l'offensive a commencé.", (date(2016, 11, 10), date(2016, 11, 20))),
    ("fr", "Début décembre, les rebelles ont reculé.", (date(2016, 12, 1), date(2016, 12, 10))),
    ("fr", "Fin novembre, les rebelles ont reculé.", (date(2016, 11, 20), date(2016, 11, 30))),
    ("fr", "Fin février, les rebelles ont reculé.", (date(2016, 2, 20), date(2016, 2, 29))),
    ("en", "In mid-November the offensive began.", (date(2016, 11, 10), date(2016, 11, 20))),
    ("en", "In early December rebels fell back.", (date(2016, 12, 1), date(2016, 12, 10))),
    ("en", "At the end of November rebels fell back.", (date(2016, 11, 20), date(2016, 11, 30))),
])
def test_a_part_of_a_month_is_approximate_with_its_window(language, sentence, window):
    found = only(sentence, language)
    assert (found.precision, found.window) == ("approximate", window)
    assert window[0] < found.day < window[1]


def test_la_semaine_derniere_is_the_whole_previous_calendar_week():
    found = only("La semaine dernière, les rebelles ont reculé.")
    assert (found.precision, found.window) == ("approximate", (date(2016, 11, 28), date(2016, 12, 4)))


def test_this_week_runs_from_monday_to_publication():
    found = only("This week, rebels fell back.", "en")
    assert (found.precision, found.window) == ("approximate", (date(2016, 12, 5), THURSDAY))


# ---------------------------------------------------------------- without a publication date

@pytest.mark.parametrize("language, sentence", [
    ("fr", "Lundi, les forces ont avancé."),
    ("fr", "Hier, les forces ont avancé."),
    ("fr", "Ce matin, les bus sont partis."),
    ("fr", "Les forces ont récemment repris le quartier."),
    ("fr", "Mi-novembre, l'offensive a commencé."),
    ("fr", "Dans la nuit de vendredi à samedi, les raids ont repris."),
    ("en", "On Monday, government forces advanced."),
    ("en", "Yesterday, government forces advanced."),
    ("en", "The day before, rebels had lost the district."),
])
def test_without_a_publication_date_relative_dates_stay_unresolved(language, sentence):
    found = only(sentence, language, None)
    assert (found.day, found.precision) == (None, "unknown")


def test_without_a_publication_date_a_printed_date_still_resolves():
    assert day_of("Le 21 décembre 2016, les bus sont partis.", published=None) == date(2016, 12, 21)


# ---------------------------------------------------------------- several in one sentence

def test_several_dates_in_a_sentence_come_in_order_with_their_offsets():
    sentence = "Lundi 12 décembre, les forces ont repris Cheikh Saïd ; hier, les bus sont partis."
    found = find_dates(sentence, "fr", date(2016, 12, 16))
    assert [(e.text, e.day) for e in found] == [("Lundi 12 décembre", date(2016, 12, 12)),
                                                 ("hier", date(2016, 12, 15))]
    assert all(sentence[e.start:e.end] == e.text for e in found)


def test_a_date_inside_a_longer_one_is_not_found_twice():
    found = find_dates("Le mardi 13 décembre 2016 au matin, les combats ont cessé.", "fr", THURSDAY)
    assert [e.text for e in found] == ["mardi 13 décembre 2016"]


def test_dates_at_the_ends_of_the_calendar_are_unresolved_not_errors():
    assert day_of("Demain, les bus partiront.", published=date.max) is None
    assert day_of("Hier, les bus sont partis.", published=date.min) is None
    assert day_of("Mardi, les bus sont partis.", published=date.min) is None
    assert day_of("Samedi prochain, les bus partiront.", published=date.max) is None
    assert day_of("Fin décembre, les bus sont partis.", published=date.max).month == 12
    assert day_of("La semaine dernière, les bus sont partis.", published=date(1, 1, 3)) is None
    assert day_of("Last week, the buses left.", "en", published=date.min) is None
    assert only("Cette semaine, les bus sont partis.", published=date.max).window == \
        (date(9999, 12, 27), date.max)


# ---------------------------------------------------------------- helpers of the article reader

def test_is_future_sees_the_conditional_and_the_future():
    assert is_future("Des discussions se tiendraient samedi.", "fr")
    assert is_future("Talks will be held on Saturday.", "en")
    assert not is_future("Les forces ont repris le quartier.", "fr")
    assert not is_future("Forces retook the district.", "en")


def test_printed_date_wants_a_year():
    assert printed_date("Alep, le 13 décembre 2016 à 10h", "fr") == date(2016, 12, 13)
    assert printed_date("Alep, le 13 décembre à 10h", "fr") is None


def test_deictic_date_reads_ce_jeudi_15_decembre_as_today():
    assert deictic_date("Ce jeudi 15 décembre, les bus sont partis.", "fr", 2016) == date(2016, 12, 15)
    assert deictic_date("Jeudi, les bus sont partis.", "fr", 2016) is None


# ---------------------------------------------------------------- any text at all

PUBLISHED = st.one_of(st.none(), st.dates())
DATE_WORDS = st.sampled_from([
    "lundi", "samedi", "hier", "avant-hier", "la veille", "ce matin", "ce jeudi 15 décembre", "le 20 décembre",
    "27 décembre prochain", "1er décembre", "mi-novembre", "fin ", "récemment", "14/12/2016", "2016-12-14",
    "Décembre 14, 2016", "dans la nuit de vendredi à samedi", "yesterday", "the day before", "on Monday",
    "next Saturday", "overnight Friday to Saturday", "later that day", "December 14", "31/02/2016",
    "mid-", "the night of", "la semaine dernière", "cette semaine", "last week", "this week", "0 décembre", "39 mai 2016", "9999", " ", "\n", "’", "é", "İ", "ß", ".", ",",
])
TEXTS = st.one_of(st.text(max_size=200), st.lists(st.one_of(DATE_WORDS, st.text(max_size=6)), max_size=12)
                  .map("".join))


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, language=st.sampled_from(["fr", "en"]), published=PUBLISHED,
       narrative=st.one_of(st.none(), st.dates()), year_hint=st.one_of(st.none(), st.integers(-10, 20000)))
def test_find_dates_never_raises_and_its_spans_slice_the_text(text, language, published, narrative, year_hint):
    found = find_dates(text, language, published, narrative, year_hint)
    assert [e.start for e in found] == sorted(e.start for e in found)
    for before, after in zip(found, found[1:]):
        assert before.end <= after.start
    for expr in found:
        assert text[expr.start:expr.end] == expr.text
        assert expr.precision in ("day", "approximate", "unknown")
        assert (expr.day is None) == (expr.precision == "unknown")
        if expr.window:
            assert expr.window[0] <= expr.day <= expr.window[1]


@settings(max_examples=100, deadline=None)
@given(published=st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_a_past_weekday_is_within_the_week_before_publication(published):
    for language, word in (("fr", "Lundi"), ("fr", "Dimanche"), ("en", "On Friday")):
        day = day_of(f"{word}, les forces ont avancé.", language, published)
        assert published - timedelta(days=6) <= day <= published


@pytest.mark.parametrize("language, sentence, window, text", [
    ("fr", "Le quartier est tombé durant l'été 2012.", (date(2012, 6, 1), date(2012, 8, 31)), "l'été 2012"),
    ("fr", "Les rebelles l'avaient pris à l’automne de 2015.", (date(2015, 9, 1), date(2015, 11, 30)), "l’automne de 2015"),
    ("en", "The district fell in the summer of 2012.", (date(2012, 6, 1), date(2012, 8, 31)), "summer of 2012"),
    ("en", "Rebels held it through the winter 2013.", (date(2013, 12, 1), date(2014, 2, 28)), "winter 2013"),
])
def test_a_season_of_a_year_is_the_window_of_its_months(language, sentence, window, text):
    expr = only(sentence, language)
    assert (expr.text, expr.window, expr.day, expr.precision, expr.tense) == \
        (text, window, window[1], "approximate", "past")


def test_a_season_without_a_year_or_the_french_participle_ete_is_no_date():
    assert find_dates("Le quartier a été repris cet été.", "fr", THURSDAY) == []
    assert find_dates("The summer offensive failed.", "en", THURSDAY) == []


@pytest.mark.parametrize("language, sentence, expected", [
    # the clause after "a day after" tells what happened the day before the day just named
    ("en", "The convoys were halted on Saturday, a day after hundreds of families had begun leaving.", date(2016, 12, 2)),
    ("en", "Rebels shelled the west on Monday, two days after the army took the Shaar district.", date(2016, 12, 3)),
    ("en", "The army entered Shaar on Monday. Two days later it reached the citadel.", date(2016, 12, 7)),
    ("fr", "Les convois ont été arrêtés samedi, un jour après que des centaines de familles ont commencé à partir.",
     date(2016, 12, 2)),
    ("fr", "L'armée est entrée lundi dans Chaar. Deux jours plus tard, elle atteignait la citadelle.", date(2016, 12, 7)),
    ("fr", "L'armée est entrée lundi dans Chaar. Trois jours après, elle atteignait la citadelle.", date(2016, 12, 8)),
])
def test_a_count_of_days_after_before_or_later_counts_from_the_day_named_before_it(language, sentence, expected):
    assert find_dates(sentence, language, THURSDAY)[-1].day == expected


def test_days_later_than_nothing_named_is_no_day():
    [expr] = find_dates("Deux jours plus tard, l'armée a repris Chaar.", "fr", THURSDAY)
    assert (expr.day, expr.precision) == (None, "unknown")
