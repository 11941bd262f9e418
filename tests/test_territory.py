"""Territory beyond the reported changes: pockets, stated shares, inference from the polygons'
neighbours, and the newsroom's trusted timeline. Each test draws its own small map: a row of
five rebel-held squares A..E (the contested area) between two government-held strips, N above
and S below, all near Aleppo so that sizes are in metres."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from shapely.geometry import box

from geomap import control
from geomap.gazetteer.store import PlaceStore
from geomap.models import Event, Pocket, Source, StatedShare
from geomap.territory import TimelineError, TimelineRow, load_timeline

CELL = 0.01                                     # degrees: about a kilometre
X0, Y0 = 37.10, 36.20
ROW = ["a", "b", "c", "d", "e"]
START, DAY1, DAY2 = date(2016, 11, 15), date(2016, 12, 1), date(2016, 12, 2)
OPPONENTS = {"government": "rebels", "rebels": "government"}


def square(column: int, row: int = 0, width: int = 1):
    return box(X0 + column * CELL, Y0 + row * CELL, X0 + (column + width) * CELL, Y0 + (row + 1) * CELL)


@pytest.fixture(scope="module")
def places():
    from geomap.models import Place
    shapes = {pid: square(i) for i, pid in enumerate(ROW)}
    shapes["n"], shapes["s"] = square(0, 1, 5), square(0, -1, 5)
    shapes["whole"] = square(0, -1, 5).union(square(0, 0, 5)).union(square(0, 1, 5))
    shapes["east-end"] = square(3, 0, 2)
    return PlaceStore([Place(pid, "neighbourhood", (pid,), geometry=shape) for pid, shape in shapes.items()], {}, {})


BASELINE = {**{pid: "rebels" for pid in ROW}, "n": "government", "s": "government"}


def change(place: str, to: str, day: date, article: str = "report.txt") -> Event:
    return Event(type="control_change", date=day, precision="day", window=None, place_id=place, to=to,
                 id=f"{place}-{to}-{day}", sources=[Source(article, f"They took {place}.", 0, 10)])


def timeline(places, events=(), **statements):
    snapshots = control.control_timeline(BASELINE, START, list(events), places, OPPONENTS, ("rebels",), **statements)
    return {snap.date: snap for snap in snapshots}


def test_an_enclave_cut_off_and_surrounded_by_the_opponent_is_inferred(places):
    day = timeline(places, [change("b", "government", DAY1)])[DAY1]
    assert day.holder["a"] == "government" and day.basis["a"].kind == "inferred"
    assert day.holder["b"] == "government" and day.basis["b"].kind == "reported"
    assert day.basis["b"].source == "report.txt" and day.basis["b"].quote == "They took b."
    assert {day.holder[p] for p in ("c", "d", "e")} == {"rebels"}
    assert day.shares == {"government": 0.4, "rebels": 0.6}


def test_an_area_between_two_areas_the_opponent_took_the_same_day_is_inferred(places):
    day = timeline(places, [change("b", "government", DAY1), change("d", "government", DAY1)])[DAY1]
    assert day.holder["c"] == "government" and day.basis["c"].kind == "inferred"
    assert set(day.changed) >= {"b", "c", "d"}


def test_a_reported_frontline_wins_over_inference(places):
    events = [change("a", "rebels", DAY1), change("b", "government", DAY1)]
    day = timeline(places, events)[DAY1]
    assert day.holder["a"] == "rebels" and day.basis["a"].kind == "reported"


def test_a_pocket_gives_the_rest_of_the_sides_area_to_its_opponent(places):
    pocket = Pocket("rebels", ("east-end",), DAY1, "pocket.txt", "The rebels are confined to the east end.")
    day = timeline(places, pockets=[pocket])[DAY1]
    assert [day.holder[p] for p in ROW] == ["government", "government", "government", "rebels", "rebels"]
    assert day.basis["a"].kind == "pocket" and day.basis["a"].source == "pocket.txt"
    assert day.basis["e"].kind == "baseline"


def test_a_pocket_of_the_whole_area_names_no_part_and_moves_nothing_still_joined(places):
    pocket = Pocket("rebels", ("whole",), DAY1, "pocket.txt", "The last rebel pocket of the city.")
    day = timeline(places, pockets=[pocket])[DAY1]
    assert all(day.holder[p] == "rebels" for p in ROW)


def test_a_stated_share_moves_the_areas_nearest_the_front_that_moves(places):
    stated = StatedShare("rebels", 0.4, None, DAY1, "share.txt", "The rebels hold only 40 % of the east.")
    day = timeline(places, [change("a", "government", DAY1)], shares=[stated])[DAY1]
    assert [day.holder[p] for p in ROW] == ["government", "government", "government", "rebels", "rebels"]
    assert day.basis["b"].kind == "stated share" and day.basis["b"].quote.startswith("The rebels hold")
    assert day.shares["rebels"] == 0.4 and day.stated == (stated,) and day.disagreements == ()


def test_a_stated_share_the_reports_leave_no_room_for_is_flagged(places):
    stated = StatedShare("rebels", 0.9, None, DAY1, "share.txt", "The rebels still hold 90 %.")
    day = timeline(places, [change("a", "government", DAY1), change("b", "government", DAY1)], shares=[stated])[DAY1]
    assert day.holder["a"] == day.holder["b"] == "government"
    assert day.disagreements == ((stated, 0.6),)
    assert control.disagreement_lines(day) == [
        "2016-12-01: rebels hold 60 % of the contested area on the map, 90 % in share.txt"]


def test_a_share_of_one_neighbourhood_is_not_set_beside_the_map(places):
    stated = StatedShare("rebels", 0.7, "a", DAY1, "share.txt", "The rebels retook 70 % of the quarter.")
    days = timeline(places, shares=[stated])
    assert list(days) == [START] and all(days[START].holder[p] == "rebels" for p in ROW)


def test_a_trusted_timeline_overrides_an_extracted_change(places):
    rows = [TimelineRow(DAY1, "b", "rebels", "desk.csv")]
    days = timeline(places, [change("b", "government", DAY1), change("b", "government", DAY2)], trusted=rows)
    for day in (DAY1, DAY2):
        assert days[day].holder["b"] == "rebels" and days[day].basis["b"].kind == "timeline"
        assert days[day].basis["b"].source == "desk.csv"


def test_a_claim_of_the_whole_that_later_reports_contradict_is_left_out(places):
    days = timeline(places, [change("whole", "government", DAY1), change("c", "government", DAY2)])
    assert all(days[DAY1].holder[p] == "rebels" for p in ROW)
    assert days[DAY2].holder["c"] == "government"


def write_timeline(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "timeline.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["date", "place_id", "side", "source"], *rows])
    return path


def test_a_timeline_file_is_read_in_date_order(tmp_path):
    path = write_timeline(tmp_path, [["2016-12-02", "b", "rebels", "our map"], ["2016-12-01", "a", "government", ""]])
    rows = load_timeline(path, {"rebels", "government"}, {"a", "b"})
    assert rows == [TimelineRow(DAY1, "a", "government", "timeline.csv"), TimelineRow(DAY2, "b", "rebels", "our map")]


@pytest.mark.parametrize("row, message", [
    (["2016-13-01", "a", "rebels", ""], ":2: '2016-13-01' is not a date"),
    (["2016-12-01", "nowhere", "rebels", ""], ":2: 'nowhere' is not an area of the control baseline"),
    (["2016-12-01", "a", "martians", ""], ":2: unknown side 'martians'"),
])
def test_a_bad_timeline_row_is_one_line_naming_the_file_and_line(tmp_path, row, message):
    path = write_timeline(tmp_path, [row])
    with pytest.raises(TimelineError, match=message) as error:
        load_timeline(path, {"rebels", "government"}, {"a", "b"})
    assert str(path) in str(error.value) and "\n" not in str(error.value)


def test_a_timeline_without_its_columns_is_refused(tmp_path):
    path = tmp_path / "timeline.csv"
    path.write_text("when,where\n2016-12-01,a\n", encoding="utf-8")
    with pytest.raises(TimelineError, match=r":1: .*missing: date, place_id, side, source"):
        load_timeline(path, {"rebels"}, {"a"})


REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    """The bundled sample, built once: its territory.csv and shares.csv, and the area sizes."""
    from geomap import pipeline
    from geomap.config import load_config
    from geomap.territory import AreaGraph
    out = tmp_path_factory.mktemp("sample")
    cfg = load_config(REPO / "config.yaml")
    report = pipeline.build(cfg, out=out)
    gazetteer = pipeline.load_gazetteer(cfg)
    baseline = control.load_baseline(cfg.baseline, cfg.baseline_statuses)
    contested = [p for p, side in baseline.items() if side in cfg.contested and gazetteer.get(p).geometry is not None]
    graph = AreaGraph({p: gazetteer.get(p).geometry for p in contested})
    with (out / "territory.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return report, rows, graph, out


def held(rows, graph, day: str, side: str) -> float:
    return graph.size(r["place_id"] for r in rows if r["date"] == day and r["side"] == side and r["place_id"] in graph.sizes)


def test_on_the_sample_the_rebels_hold_at_most_a_quarter_on_12_december(sample_site):
    _report, rows, graph, _out = sample_site
    assert held(rows, graph, "2016-12-12", "rebels") <= 0.25 * graph.size(graph.ids)


def test_on_the_sample_every_stated_share_is_near_the_map_or_flagged(sample_site):
    report, rows, graph, out = sample_site
    with (out / "shares.csv").open(encoding="utf-8") as f:
        stated = [r for r in csv.DictReader(f) if r["of_place"] in ("", "aleppo", "east-aleppo")]
    assert stated, "the sample states shares on 8 December"
    for share in stated:
        computed = held(rows, graph, share["date"], share["side"]) / graph.size(graph.ids)
        flagged = any(line.startswith(share["date"]) and share["source"] in line for line in report.disagreements)
        assert abs(computed - float(share["share"])) <= control.SHARE_TOLERANCE or flagged


def test_territory_csv_has_one_row_per_mapped_date_and_area_with_its_basis(sample_site):
    _report, rows, _graph, out = sample_site
    assert list(rows[0]) == ["date", "place_id", "side", "basis", "source"]
    map_dates = sorted(p.stem for p in (out / "maps").glob("*.html"))
    assert sorted({r["date"] for r in rows}) == map_dates
    per_date = {d: [r["place_id"] for r in rows if r["date"] == d] for d in map_dates}
    assert len({len(areas) for areas in per_date.values()}) == 1
    assert {r["basis"] for r in rows} <= {"baseline", "reported", "stated share", "pocket", "inferred", "timeline"}
    assert all(r["source"] for r in rows if r["basis"] in ("reported", "stated share", "pocket"))


def test_a_trusted_timeline_in_config_is_labelled_in_the_exports_and_popups(tmp_path):
    from geomap import pipeline
    from geomap.config import load_config
    config = (REPO / "config.yaml").read_text(encoding="utf-8")
    (tmp_path / "desk.csv").write_text("date,place_id,side,source\n2016-12-12,sukkari,rebels,our reporter\n",
                                       encoding="utf-8")
    config = config.replace("  contested: [rebels]", f"  contested: [rebels]\n  timeline: {tmp_path / 'desk.csv'}")
    config = config.replace("articles:\n  - articles/", f"articles:\n  - {REPO / 'articles'}")
    config = config.replace("  baseline: gazetteer/", f"  baseline: {REPO / 'gazetteer'}/")
    config = config.replace("  folder: gazetteer", f"  folder: {REPO / 'gazetteer'}")
    (tmp_path / "config.yaml").write_text(config, encoding="utf-8")
    pipeline.build(load_config(tmp_path / "config.yaml"), out=tmp_path / "out")
    rows = list(csv.DictReader((tmp_path / "out" / "territory.csv").open(encoding="utf-8")))
    assert {"date": "2016-12-12", "place_id": "sukkari", "side": "rebels", "basis": "timeline",
            "source": "our reporter"} in rows
    assert "chronologie de référence" in (tmp_path / "out" / "maps" / "2016-12-12.html").read_text(encoding="utf-8")
