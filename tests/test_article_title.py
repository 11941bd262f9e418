"""An article's title (the source line of every popup): its front matter's, else its first
headline-like line that is not page furniture, else its file name."""
from pathlib import Path

from geomap.articles import read_article

STORY_FR = ("L'armée syrienne a repris lundi le quartier de Cheikh Saïd, à Alep, après de violents combats "
            "contre les rebelles, selon l'Observatoire syrien des droits de l'homme.\n")
STORY_EN = ("Government forces retook the Sheikh Saeed district of Aleppo on Monday after heavy fighting "
            "with rebels, activists said.\n")


def title_of(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return read_article(path)[0].title


def test_front_matter_title_wins(tmp_path):
    text = "---\ntitle: Alep, la chute\n---\nL'armée reprend Cheikh Saïd\n\n" + STORY_FR
    assert title_of(tmp_path, "a.txt", text) == "Alep, la chute"


def test_a_live_strap_is_not_the_title(tmp_path):
    text = "En direct\nA suivre\n\nL'armée syrienne reprend Cheikh Saïd\n\n" + STORY_FR
    assert title_of(tmp_path, "a.txt", text) == "L'armée syrienne reprend Cheikh Saïd"


def test_a_cookie_banner_of_an_html_page_is_not_the_title(tmp_path):
    page = ("<html><body><div>We use cookies to improve your experience. By clicking Accept all you agree.</div>"
            "<div>Accept all</div><h1>Syrian army retakes Sheikh Saeed in Aleppo</h1>"
            f"<p>{STORY_EN}</p></body></html>")
    assert title_of(tmp_path, "a.html", page) == "Syrian army retakes Sheikh Saeed in Aleppo"


def test_a_section_name_is_not_the_title_but_an_off_topic_headline_sharing_the_story_is(tmp_path):
    text = "International\n\nSummary\n\nIS recaptures Palmyra from the army\n\n" + \
        "Islamic State fighters recaptured Palmyra on Sunday, activists said, after heavy fighting with the army.\n"
    assert title_of(tmp_path, "a.txt", text) == "IS recaptures Palmyra from the army"


def test_a_line_ended_as_a_sentence_is_not_a_title(tmp_path):
    assert title_of(tmp_path, "story_17.txt", STORY_EN) == "story_17.txt"
