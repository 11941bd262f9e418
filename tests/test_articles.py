"""geomap.articles: reading an article file, whatever its encoding, format and page furniture."""
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.articles.sentences import LONGEST_SENTENCE
from geomap.articles import ArticleError, decode, find_article_files, read_article, split_front_matter
from geomap.pipeline import topic_patterns

BODY_FR = ("Les forces du régime ont repris lundi le quartier de Cheikh Saïd, selon M. Lavrov. "
           "Les rebelles se sont retirés vers le centre d'Alep après des combats.\n")
BODY_EN = ("Government forces retook the Sheikh Saeed district on Monday, activists said. "
           "Rebels withdrew towards the old city after heavy fighting.\n")


def write(folder: Path, name: str, content) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def read(folder: Path, name: str, content, **kwargs):
    return read_article(write(folder, name, content), **kwargs)


def sentences(article):
    return [s.text for s in article.sentences]


def assert_offsets_slice_the_text(article):
    for sentence in article.sentences:
        assert article.text[sentence.start:sentence.end] == sentence.text


# ---------------------------------------------------------------- front matter

def test_front_matter_gives_title_url_outlet_published_and_language(tmp_path):
    article, warnings = read(tmp_path, "a.txt", "---\ntitle: Alep, la chute\nurl: https://example.com/a\n"
                             "outlet: Le Journal\npublished: 2016-12-13\nlanguage: fr\n---\n" + BODY_FR)
    assert (article.title, article.url, article.outlet) == ("Alep, la chute", "https://example.com/a", "Le Journal")
    assert (article.published, article.published_basis, article.language) == \
        (date(2016, 12, 13), "metadata", "fr")
    assert warnings == []
    assert article.name == "a.txt"
    assert article.sentences[0].start > article.text.index("\n---\n")
    assert sentences(article)[0].startswith("Les forces du régime")


def test_front_matter_published_that_is_no_iso_date_is_kept_as_written_for_the_dating_stage(tmp_path):
    article, _ = read(tmp_path, "a.txt", "---\npublished: 13 décembre 2016\n---\n" + BODY_FR)
    assert (article.published, article.published_text, article.published_basis) == (None, "13 décembre 2016", "none")


def test_config_metadata_overrides_the_front_matter(tmp_path):
    article, _ = read(tmp_path, "a.txt", "---\ntitle: Front\noutlet: Front Outlet\npublished: 2016-12-01\n---\n"
                      + BODY_FR, metadata={"outlet": "Config Outlet", "published": date(2016, 12, 8)})
    assert (article.title, article.outlet, article.published) == ("Front", "Config Outlet", date(2016, 12, 8))


def test_an_unknown_front_matter_key_is_a_warning_naming_file_and_key(tmp_path):
    article, warnings = read(tmp_path, "a.txt", "---\ntitle: T\nauthor: Jean\n---\n" + BODY_FR)
    assert article.title == "T"
    assert len(warnings) == 1 and "a.txt" in warnings[0] and "'author'" in warnings[0]


def test_malformed_front_matter_names_the_file_and_the_line(tmp_path):
    path = write(tmp_path, "bad.txt", "---\ntitle: ok\noutlet: a: b\n---\n" + BODY_FR)
    with pytest.raises(ArticleError, match=r"^bad\.txt:3: front matter is not valid YAML"):
        read_article(path)


@pytest.mark.parametrize("front", ["title: [Alep\noutlet: x\n", "title: [Alep\n",
                                   "title: 'Alep\noutlet: x\n", 'outlet: x\ntitle: "Alep\n'])
def test_an_unclosed_bracket_or_quote_in_front_matter_names_the_line_it_opened_on(tmp_path, front):
    line = 2 + front.split("\n").index(next(l for l in front.split("\n") if l.startswith("title")))
    path = write(tmp_path, "bad.txt", "---\n" + front + "---\n" + BODY_FR)
    with pytest.raises(ArticleError, match=rf"^bad\.txt:{line}: front matter is not valid YAML"):
        read_article(path)


def test_front_matter_that_is_not_a_mapping_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match=r"^bad\.txt:2: "):
        read(tmp_path, "bad.txt", "---\n- a list\n---\n" + BODY_FR)


def test_a_value_yaml_cannot_build_is_an_error_naming_the_file(tmp_path):
    with pytest.raises(ArticleError, match=r"^bad\.txt:1: front matter has a value YAML cannot read"):
        read(tmp_path, "bad.txt", "---\ntitle: " + "[" * 3000 + "]" * 3000 + "\n---\n" + BODY_FR)


@pytest.mark.parametrize("front, published, text", [("published: 2016-02-30", None, "2016-02-30"),
                                                    ("published: 2016-12-08 25:00:00", date(2016, 12, 8), None),
                                                    ("published: !!timestamp soon", None, "soon")])
def test_a_published_timestamp_that_is_no_real_date_costs_the_date_not_the_article(tmp_path, front, published,
                                                                                  text):
    article, _ = read(tmp_path, "bad.txt", f"---\n{front}\n---\n" + BODY_FR)
    assert (article.published, article.published_text) == (published, text)


def test_a_published_value_that_is_no_date_is_no_error_the_article_is_read(tmp_path):
    article, warnings = read(tmp_path, "bad.txt", "---\npublished: bientôt\n---\n" + BODY_FR)
    assert (article.published, article.published_text, warnings) == (None, "bientôt", [])


def test_unclosed_front_matter_is_an_error_naming_the_file(tmp_path):
    with pytest.raises(ArticleError, match=r"^open\.txt:1: front matter opened with --- is never closed"):
        read(tmp_path, "open.txt", "---\ntitle: T\n" + BODY_FR)


def test_split_front_matter_gives_the_offset_of_the_body():
    text = "---\ntitle: T\n---\n\nBody.\n"
    meta, start = split_front_matter(text, "a.txt")
    assert meta == {"title": "T"}
    assert text[:start] == "---\ntitle: T\n---\n" and text[start:].strip() == "Body."
    assert split_front_matter("No front matter.\n---\n", "a.txt") == ({}, 0)


# ---------------------------------------------------------------- language and publication date

def test_language_is_detected_french_or_english(tmp_path):
    assert read(tmp_path, "fr.txt", BODY_FR)[0].language == "fr"
    assert read(tmp_path, "en.txt", BODY_EN)[0].language == "en"


def test_front_matter_language_wins_over_detection(tmp_path):
    assert read(tmp_path, "a.txt", "---\nlanguage: en\n---\n" + BODY_FR)[0].language == "en"


def test_a_language_without_data_is_read_as_english_with_a_warning(tmp_path):
    article, warnings = read(tmp_path, "a.txt", "---\nlanguage: de\n---\n" + BODY_EN)
    assert article.language == "en"
    assert any("'de'" in w for w in warnings)


def test_an_article_without_any_date_has_no_publication_date(tmp_path):
    article, _ = read(tmp_path, "a.txt", "Alep\n\nLes rebelles se sont retirés vers le centre après des combats.\n")
    assert (article.published, article.published_basis) == (None, "none")


# ---------------------------------------------------------------- page furniture

STORY_1 = ("Les forces du régime syrien ont repris lundi le quartier de Cheikh Saïd, dans le sud-est d'Alep, "
           "après plusieurs jours de combats acharnés contre les rebelles, selon l'Observatoire syrien.")
STORY_2 = ("Des milliers de civils ont fui les quartiers encore tenus par les insurgés, tandis que les "
           "bombardements se poursuivaient sur la partie orientale de la ville assiégée depuis l'été.")
STORY_3 = "Des centaines de blessés attendent toujours une évacuation vers l'ouest de la ville, selon l'ONU."
COOKIES = ("Nous utilisons des cookies pour améliorer votre expérience. En cliquant sur Tout accepter, "
           "vous consentez à leur utilisation.")
LINK = "À lire aussi : Syrie, la bataille d'Alep en cartes"
FOOTBALL = ("Le PSG a battu l'OM deux buts à zéro dimanche soir au Parc des Princes, devant quarante-cinq "
            "mille spectateurs ravis.")
TEASER = ("Mossoul : l'offensive piétine\nLes forces irakiennes progressent lentement dans l'est de la ville, "
          "où les combats contre les jihadistes se poursuivent depuis plusieurs semaines, selon un officier.")
MORE = "Pour aller plus loin"
AFTER_MORE = "Syrie : cinq ans de guerre racontés par les civils d'Alep"


@pytest.fixture
def scraped(tmp_path):
    """A scraped French page: one paragraph a line, blank lines between, furniture around the story."""
    text = "\n\n".join(["Alep : le régime reprend Cheikh Saïd", COOKIES, STORY_1, LINK, STORY_2, FOOTBALL,
                        TEASER, STORY_3, MORE, AFTER_MORE]) + "\n"
    return read(tmp_path, "page.txt", text)[0]


def test_the_real_paragraphs_stay(scraped):
    assert sentences(scraped) == ["Alep : le régime reprend Cheikh Saïd", STORY_1, STORY_2, STORY_3]
    assert_offsets_slice_the_text(scraped)


def test_a_cookie_banner_is_dropped(scraped):
    assert not any("cookies" in s for s in sentences(scraped))
    assert any("cookie" in line for line in scraped.dropped)


def test_an_a_lire_aussi_line_is_dropped_and_the_story_goes_on_after_it(scraped):
    assert not any("cartes" in s for s in sentences(scraped))
    assert any("link to another article" in line for line in scraped.dropped)
    assert STORY_2 in sentences(scraped)


def test_a_pour_aller_plus_loin_heading_ends_the_article(scraped):
    assert not any("cinq ans" in s for s in sentences(scraped))
    assert any(line.startswith(f"from '{MORE}'") for line in scraped.dropped)


def test_a_teaser_title_glued_to_its_blurb_is_dropped_with_it(scraped):
    assert not any("Mossoul" in s or "irakiennes" in s for s in sentences(scraped))
    assert sum("teaser" in line for line in scraped.dropped) == 2


def test_an_off_topic_football_paragraph_is_dropped(scraped):
    assert not any("PSG" in s for s in sentences(scraped))
    assert any("PSG" in line and "off-topic" in line for line in scraped.dropped)


def test_english_furniture_read_more_link_and_section_end(tmp_path):
    text = "\n\n".join([
        "Aleppo: government retakes Sheikh Saeed",
        "We use cookies to improve your experience. Accept all",
        "Government forces retook the Sheikh Saeed district on Monday, activists said.",
        "Read more: Syria's war in maps",
        "Rebels withdrew towards the old city after heavy fighting.",
        "Manchester United beat Arsenal two-nil on Sunday at Old Trafford.",
        "Read more",
        "Fighting in Aleppo: a timeline of the war",
    ]) + "\n"
    article, _ = read(tmp_path, "en.txt", text)
    assert sentences(article) == ["Aleppo: government retakes Sheikh Saeed",   # the headline is the story's
                                  "Government forces retook the Sheikh Saeed district on Monday, activists said.",
                                  "Rebels withdrew towards the old city after heavy fighting."]


# ---------------------------------------------------------------- paragraphs and sentences

def test_a_hard_wrapped_markdown_paragraph_is_one_paragraph(tmp_path):
    article, _ = read(tmp_path, "a.md", "# Alep : les combats\n\nLes forces du régime ont repris\n"
                      "le quartier de [Cheikh Saïd](https://example.com/cs)\naprès des **combats**.\n\n"
                      "Les rebelles ont reculé vers le centre.\n")
    assert [" ".join(s.split()) for s in sentences(article)] == [
        "Alep : les combats", "Les forces du régime ont repris le quartier de Cheikh Saïd après des combats .",
        "Les rebelles ont reculé vers le centre."]
    assert [s.paragraph for s in article.sentences] == [0, 1, 2]
    assert_offsets_slice_the_text(article)


def test_a_hard_wrapped_paragraph_joins_its_lines_in_one_sentence(tmp_path):
    article, _ = read(tmp_path, "a.txt", "Les forces du régime ont repris\nle quartier de Cheikh Saïd\n"
                      "après des combats.\n\nLes rebelles ont reculé.\n")
    assert sentences(article) == ["Les forces du régime ont repris le quartier de Cheikh Saïd après des combats.",
                                  "Les rebelles ont reculé."]
    assert_offsets_slice_the_text(article)


def test_a_menu_glued_above_the_headline_is_a_line_per_item_and_the_headline_survives(tmp_path):
    article, _ = read(tmp_path, "a.txt", "Newsletter\nDécryptages\nVidéos\nPodcasts\nInternational\n"
                      "Syrie : l'armée syrienne a repris la ville d'Alep\n\nLes rebelles ont quitté la ville.\n")
    assert sentences(article) == ["Syrie : l'armée syrienne a repris la ville d'Alep",
                                  "Les rebelles ont quitté la ville."]
    assert_offsets_slice_the_text(article)


def test_a_run_of_text_longer_than_any_sentence_is_cut_at_white_space(tmp_path):
    run = "Les combats continuent à Alep" + " et les combats continuent" * 400 + "."
    article, _ = read(tmp_path, "a.txt", run + "\n")
    assert len(article.sentences) > 1 and all(len(s) <= LONGEST_SENTENCE for s in sentences(article))
    assert " ".join(sentences(article)) == run
    assert_offsets_slice_the_text(article)


def test_sentences_do_not_end_at_m_lavrov_or_initials(tmp_path):
    article, _ = read(tmp_path, "a.txt", "Selon M. Lavrov, les combats ont cessé à Alep. Le général J. R. Martin "
                      "a confirmé le retrait des rebelles. Les U.S.A. ont réagi aux combats.\n")
    assert sentences(article) == ["Selon M. Lavrov, les combats ont cessé à Alep.",
                                  "Le général J. R. Martin a confirmé le retrait des rebelles.",
                                  "Les U.S.A. ont réagi aux combats."]


def test_english_sentences_keep_mr_and_un_together(tmp_path):
    article, _ = read(tmp_path, "a.txt", "Mr. Smith said fighting stopped. U.N. officials said civilians fled "
                      "the district. Rebels withdrew.\n")
    assert sentences(article) == ["Mr. Smith said fighting stopped.",
                                  "U.N. officials said civilians fled the district.", "Rebels withdrew."]


def test_sentence_offsets_slice_the_article_text_back_to_the_sentence(tmp_path):
    article, _ = read(tmp_path, "a.txt", "---\ntitle: T\n---\n\n  « Les combats ont cessé », a dit le ministre. "
                      "Les rebelles ont reculé !\n\nDes civils ont fui les quartiers de l'est d'Alep.\n")
    assert len(article.sentences) == 3
    assert_offsets_slice_the_text(article)
    assert [s.paragraph for s in article.sentences] == [0, 0, 1]


# ---------------------------------------------------------------- encodings and formats

@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_a_windows_1252_or_latin_1_file_reads_cheikh_said_right(tmp_path, encoding):
    article, warnings = read(tmp_path, "a.txt", ("---\ntitle: Alep, Saïd\n---\n" + BODY_FR).encode(encoding))
    assert article.title == "Alep, Saïd"
    assert "Cheikh Saïd" in sentences(article)[0]
    assert any("not UTF-8" in w for w in warnings)


def test_windows_1252_quotes_and_dashes_come_out_right(tmp_path):
    article, _ = read(tmp_path, "a.txt", "« Les combats – violents – ont cessé », selon l’ONU à Alep.\n"
                      .encode("cp1252"))
    assert sentences(article) == ["« Les combats – violents – ont cessé », selon l’ONU à Alep."]


def test_utf8_with_a_bom_keeps_its_front_matter(tmp_path):
    article, warnings = read(tmp_path, "a.txt", b"\xef\xbb\xbf" + ("---\ntitle: T\n---\n" + BODY_FR).encode())
    assert (article.title, warnings) == ("T", [])
    assert "Cheikh Saïd" in sentences(article)[0]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_a_bom_is_read(tmp_path, encoding):
    data = ("---\ntitle: T\n---\n" + BODY_FR).encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    article, _ = read(tmp_path, "a.txt", data)
    assert article.title == "T"
    assert "Cheikh Saïd" in sentences(article)[0]


def test_crlf_line_ends_are_normalised(tmp_path):
    article, _ = read(tmp_path, "a.txt", ("---\r\ntitle: T\r\npublished: 2016-12-12\r\n---\r\n" + BODY_FR
                                          + "\r\nLes civils fuient les combats.\r\n").encode())
    assert "\r" not in article.text
    assert (article.title, article.published) == ("T", date(2016, 12, 12))
    assert sentences(article)[-1] == "Les civils fuient les combats."
    assert_offsets_slice_the_text(article)


def test_html_is_reduced_to_its_visible_text(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>Page</title><style>p { color: red }</style></head><body>"
            "<script>var quartier = 'Cheikh Saïd';</script><h1>Alep : les combats</h1>"
            "<p>Les forces du r&eacute;gime ont repris <b>Cheikh Saïd</b> après des combats.</p>"
            "<p>Les rebelles ont reculé vers le centre.</p></body></html>")
    article, _ = read(tmp_path, "a.html", page)
    assert sentences(article) == ["Alep : les combats",
                                  "Les forces du régime ont repris Cheikh Saïd après des combats.",
                                  "Les rebelles ont reculé vers le centre."]
    assert "<" not in article.text and "color" not in article.text and "var quartier" not in article.text


def test_a_binary_file_is_an_error_naming_it(tmp_path):
    with pytest.raises(ArticleError, match=r"photo\.txt: a binary file"):
        read(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_an_error_naming_it(tmp_path, content):
    with pytest.raises(ArticleError, match=r"empty\.txt: the file is empty"):
        read(tmp_path, "empty.txt", content)


def test_a_huge_file_is_capped_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(decode, "MAX_BYTES", 400)
    article, warnings = read(tmp_path, "huge.txt", BODY_FR * 50)
    assert len(article.text.encode()) <= 400
    assert any("huge.txt" in w and "only the first 400" in w for w in warnings)
    assert "Cheikh Saïd" in sentences(article)[0]


def test_a_utf8_file_capped_inside_a_character_is_still_read_as_utf8(tmp_path, monkeypatch):
    text = "é" * 300 + "\n" + BODY_FR
    cut = len(("é" * 300).encode()) - 1  # in the middle of the last "é"
    monkeypatch.setattr(decode, "MAX_BYTES", cut)
    article, warnings = read(tmp_path, "cut.txt", text + BODY_FR * 10)
    assert article.text.startswith("é" * 299)
    assert not any("not UTF-8" in w for w in warnings)


def test_a_utf16_file_capped_inside_a_character_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(decode, "MAX_BYTES", 301)
    article, _ = read(tmp_path, "cut.txt", (BODY_FR * 10).encode("utf-16"))
    assert article.text.startswith("Les forces du régime")


# ---------------------------------------------------------------- finding the files

def test_a_folder_gives_its_articles_sorted_without_readme_or_hidden_files(tmp_path):
    for name in ("b.md", "a.txt", "c.html", "README.md", ".hidden.txt", "notes.pdf"):
        write(tmp_path, name, BODY_FR)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "d.txt", BODY_FR)
    files, skipped = find_article_files([tmp_path])
    assert [p.name for p in files] == ["a.txt", "b.md", "c.html", "d.txt"]
    assert skipped == []


def test_an_empty_folder_is_skipped_with_its_name(tmp_path):
    files, skipped = find_article_files([tmp_path])
    assert files == [] and len(skipped) == 1 and str(tmp_path) in skipped[0]


def test_a_path_that_does_not_exist_is_an_error_naming_it(tmp_path):
    with pytest.raises(ArticleError, match="nowhere: no such file or folder"):
        find_article_files([tmp_path / "nowhere"])


# ---------------------------------------------------------------- any input at all

FRONT = st.sampled_from(["---\n", "---\ntitle: T\n---\n", "---\npublished: [\n---\n", "---\n: :\n---\n",
                         "---\npublished: 0000-01-01\n---\n", "---\n- a\n---\n", "---\nlanguage: 3\n---\n",
                         "---\npublished: 9999-12-31\n---\n", "---\n&a [*a]\n---\n", "...\n", ""])
BODIES = st.one_of(st.text(max_size=300),
                   st.lists(st.sampled_from([BODY_FR, BODY_EN, LINK, MORE, COOKIES, "\n", "\n\n", "Read more",
                                             "<p>", "</p>", "<script>", "M. ", "« ", "© AFP", "Ce jeudi 15 décembre",
                                             "hier", "---", "\r\n", "\x00", "\ufeff"]), max_size=10).map("".join))


@settings(max_examples=200, deadline=None)
@given(front=FRONT, body=BODIES)
def test_split_front_matter_raises_nothing_but_article_error(front, body):
    text = front + body
    try:
        meta, start = split_front_matter(text, "any.txt")
    except ArticleError as e:
        assert str(e).startswith("any.txt:") and "\n" not in str(e)
        return
    assert isinstance(meta, dict) and 0 <= start <= len(text)


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=FRONT, body=BODIES, encoding=ENCODINGS, suffix=st.sampled_from([".txt", ".md", ".html"]),
       )
def test_read_article_raises_nothing_but_article_error(front, body, encoding, suffix):
    data = (front + body).encode(encoding, errors="replace")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"any{suffix}"
        path.write_bytes(data)
        try:
            article, warnings = read_article(path)
        except ArticleError as e:
            assert "any" in str(e) and "\n" not in str(e)
            return
    assert_offsets_slice_the_text(article)
    assert all("\n" not in w for w in warnings)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=400))
def test_read_article_on_any_bytes_raises_nothing_but_article_error(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.txt"
        path.write_bytes(data)
        try:
            article, _ = read_article(path)
        except ArticleError:
            return
    assert_offsets_slice_the_text(article)


def test_a_run_of_headlines_below_the_article_is_a_list_of_other_stories(tmp_path):
    path = tmp_path / "related.txt"
    path.write_text(
        "Alep : l'armée reprend Cheikh Saïd\n\n"
        "Le 13 décembre 2016\n\n"
        "Les forces du régime ont repris lundi le quartier de Cheikh Saïd, selon l'OSDH.\n\n"
        "Des frappes ont visé le quartier de Soukkari mardi.\n\n"
        "Syrie : les frappes reprennent à Idleb\n\n"
        "Mossoul : l'armée irakienne avance dans l'est de la ville\n\n"
        "Yémen : la coalition bombarde Sanaa\n", encoding="utf-8")
    article, _ = read_article(path, None, topic_patterns())
    texts = [s.text for s in article.sentences]
    assert any("Cheikh Saïd" in t for t in texts) and any("Soukkari" in t for t in texts)
    assert not any("Idleb" in t or "Mossoul" in t or "Sanaa" in t for t in texts)


# ---------------------------------------------------------------- teasers, links, glued sentences

LONG_BODY_FR = " ".join([STORY_1, STORY_2, STORY_3, "Les combats se poursuivaient mardi dans le quartier de Soukkari.",
                         "L'armée affirme contrôler la majeure partie de la vieille ville."])


def test_a_title_glued_to_a_long_body_is_the_story_not_a_teaser(tmp_path):
    article, _ = read(tmp_path, "a.txt", "Alep : le régime reprend Cheikh Saïd\n" + LONG_BODY_FR + "\n",
                      topic_extra=topic_patterns())
    assert sentences(article)[0] == "Alep : le régime reprend Cheikh Saïd"
    assert STORY_3 in sentences(article)
    assert not any("teaser" in line for line in article.dropped)


def test_a_title_and_blurb_that_are_the_whole_page_are_the_story(tmp_path):
    article, _ = read(tmp_path, "a.txt", TEASER + "\n", topic_extra=topic_patterns())
    assert any("irakiennes" in s for s in sentences(article))


def test_a_line_opened_by_a_link_marker_is_a_link_and_no_title(tmp_path):
    article, _ = read(tmp_path, "a.txt", ">>Mossoul : l'offensive piétine\n" + LONG_BODY_FR + "\nAFP\n",
                      topic_extra=topic_patterns())
    assert not any("Mossoul" in s for s in sentences(article))
    assert STORY_1 in sentences(article)
    assert article.title == "a.txt"         # the link is no title, nor is a paragraph ended as a sentence
    assert any("Mossoul" in line and "link to another article" in line for line in article.dropped)


def test_english_link_marker_and_long_body(tmp_path):
    body = ("Government forces retook the Sheikh Saeed district on Monday, activists said. " * 6).strip()
    article, _ = read(tmp_path, "a.txt", "► Mosul: the offensive stalls\n" + body + "\n", topic_extra=topic_patterns())
    assert sentences(article)[0].startswith("Government forces") and len(sentences(article)) == 6


@pytest.mark.parametrize("text, expected", [
    ("Des milliers de civils ont fui les quartiers d'insurgés.Une offensive a été lancée lundi.",
     ["Des milliers de civils ont fui les quartiers d'insurgés.", "Une offensive a été lancée lundi."]),
    ("Les rebelles tiennent le quartier depuis 2012.Près de 40 000 civils y vivent.",
     ["Les rebelles tiennent le quartier depuis 2012.", "Près de 40 000 civils y vivent."]),
    ('Des civils dans la "poche rebelle""Les bus sont arrivés", selon Sana.',
     ['Des civils dans la "poche rebelle"', '"Les bus sont arrivés", selon Sana.']),
    ("Des bus de civils attaqués et brûlésToutefois, les évacuations reprennent.",
     ["Des bus de civils attaqués et brûlés", "Toutefois, les évacuations reprennent."]),
    ("Rebels held the district since 2016The army retook it.", ["Rebels held the district since 2016", "The army retook it."]),
])
def test_sentences_glued_without_a_space_are_split(tmp_path, text, expected):
    article, _ = read(tmp_path, "a.txt", text + "\n")
    assert sentences(article) == expected
    assert_offsets_slice_the_text(article)


@pytest.mark.parametrize("text", [
    "Selon Mme.Dupont, les combats ont cessé.",  # an abbreviation
    "Le général J.R.Martin a confirmé le retrait des troupes.",  # initials
    "Voir le site news.example.com pour les combats.",  # a domain
    "Les rebelles utilisent l'iPhone et YouTube pour filmer les combats.",  # brand names
    "Le retrait des troupes a eu lieu vers 9.30 du matin selon McDonald.",
    "Air strikes hit alMurjan and elQatana on Sunday, the rebels said.",  # names glued to their article
    "Des raids ont visé ashShuhada et alKhandaq dimanche, selon les rebelles.",
])
def test_what_is_no_glued_sentence_end_stays_one_sentence(tmp_path, text):
    article, _ = read(tmp_path, "a.txt", text + "\n")
    assert sentences(article) == [text]


def test_an_embedded_tweet_with_its_signature_is_dropped(tmp_path):
    text = (STORY_1 + " Rebels attacked the buses near #Foua. pic.twitter.com/AbC123— Jane Doe (@janedoe) "
            "18 décembre 2016Ces faits n'ont pas été revendiqués par les rebelles.\n")
    article, _ = read(tmp_path, "a.txt", text)
    assert sentences(article) == [STORY_1, "Ces faits n'ont pas été revendiqués par les rebelles."]
    assert any("embedded post" in line for line in article.dropped)


@pytest.mark.parametrize("name, notice", [
    ("fr.txt", "Ce site n'est plus accessible sur votre navigateur : les combats et la carte ne s'affichent pas."),
    ("en.txt", "This post about the fighting cannot be displayed in your browser."),
    ("en.txt", "There is no paywall on this story about the war: donate today to support our reporting."),
    ("en.txt", "This is an archived article about the war and the information may be outdated."),
])
def test_browser_donation_and_archive_notices_are_dropped(tmp_path, name, notice):
    body = BODY_FR if name == "fr.txt" else BODY_EN
    article, _ = read(tmp_path, name, body + "\n" + notice + "\n")
    assert notice not in sentences(article) and len(article.sentences) == 2


GERMAN = ("Die syrische Armee hat am Montag den Stadtteil Scheich Said im Osten Aleppos erobert, teilten "
          "Aktivisten mit. Die Rebellen zogen sich in die Altstadt zurück, nachdem es tagelang heftige Kämpfe "
          "gegeben hatte. Tausende Zivilisten flohen aus den umkämpften Vierteln in Richtung Westen, wo die "
          "Regierung seit Jahren die Kontrolle über die Stadt hat und wohin die Familien nun ziehen.\n")


def test_an_article_in_a_language_without_a_folder_is_named_in_a_warning_not_read_silently(tmp_path):
    article, warnings = read(tmp_path, "de.txt", GERMAN)
    assert [w for w in warnings if w.startswith("de.txt: not written in a language geomap reads")]
    _, french = read(tmp_path, "fr.txt", BODY_FR * 5)
    assert not [w for w in french if "not written in a language" in w]


@pytest.mark.parametrize("dump", [
    'string(412) "[{"id":"5512","sort":"90","pic":"/img/a.jpg","title":"Evacuations from Zorbla resume"} ,'
    '{"id":"5513","sort":"91","title":"Rebels leave the last districts of Zorbla"} ]"',
    '[{"headline": "Les rebelles quittent Zorbla", "url": "/a/1", "views": 120}, {"headline": "Combats à Zorbla"}]',
])
def test_serialised_data_a_scraper_kept_is_never_read_as_text(tmp_path, dump):
    article, _ = read(tmp_path, "a.txt", STORY_1 + "\n\n" + dump + "\n\n" + STORY_2 + "\n")
    assert sentences(article) == [STORY_1, STORY_2]


def test_quoted_words_with_colons_are_text_not_data(tmp_path):
    text = ('Un responsable a déclaré : "les rebelles": "ils partiront", "demain": "tous", selon les combattants.')
    article, _ = read(tmp_path, "a.txt", STORY_1 + "\n\n" + text + "\n")
    assert sentences(article) == [STORY_1, text]


def test_a_headline_without_an_event_word_is_still_read_as_the_storys(tmp_path):
    text = "• Alep : une journée racontée par l'Observatoire\n\n" + STORY_1 + "\n"
    article, _ = read(tmp_path, "a.txt", text)
    assert sentences(article) == ["• Alep : une journée racontée par l'Observatoire", STORY_1]
    assert article.title == "Alep : une journée racontée par l'Observatoire" and not article.dropped
