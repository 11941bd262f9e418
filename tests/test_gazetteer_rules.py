"""geomap.gazetteer's rules as data: the script of each language, and a script without case."""
from geomap import lang
from geomap.gazetteer import Gazetteer
from geomap.gazetteer.rules import compile_rules
from geomap.lang import script, scripts


def test_every_language_names_a_known_script():
    for code in lang.available():
        assert (lang.load(code, "language").get("script") or scripts()["default"]) in scripts()["scripts"]


def test_in_an_uncased_script_a_capitalised_unknown_name_is_not_a_place():
    gazetteer = Gazetteer.load()
    text = "Des frappes sur le quartier de Zzyzx Qwerty."
    assert any(m.place_id is None for m in gazetteer.find(text, "fr"))
    uncased = {code: compile_rules(lang.load(code, "places"), script("uncased")) for code in ("en", "fr")}
    written_without_case = Gazetteer(list(gazetteer), {}, uncased, [])
    assert not any(m.place_id is None for m in written_without_case.find(text, "fr"))
