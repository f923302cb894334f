"""The data files in data/lexicons/: they parse, name only ontology classes, have no duplicate
keys, say what news language needs them to say, and the derived ones are exactly what
tools/derive_lexicons.py makes from the PETRARCH2 dictionaries (run twice, byte for byte).

Fast and model-free: no spaCy here.
"""
from __future__ import annotations

import csv
import functools
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

ROOT = Path(__file__).resolve().parent.parent
LEX = ROOT / "data" / "lexicons"
SCRIPT = ROOT / "tools" / "derive_lexicons.py"
PETRARCH = ROOT.parent / "shared" / "lexicons" / "petrarch2"
NKG = rdflib.Namespace("https://w3id.org/newskg/ontology#")

ENTITY_CLASSES = {"Person", "Organization", "ArmedGroup", "GovernmentBody", "Group", "Place"}
ACTOR_CLASSES = ENTITY_CLASSES - {"Place"}

#: every CSV in data/lexicons/ and its header
CSV_FILES = {
    "actor_codes.csv": ("code_pattern", "class"),
    "agent_codes.csv": ("code", "class"),
    "agent_heads.csv": ("head", "kind"),
    "agent_nouns.csv": ("noun", "class", "code", "source"),
    "agent_nouns_curated.csv": ("noun", "class", "code", "source"),
    "blame_verbs.csv": ("lemma", "preposition"),
    "responsibility_claims.csv": ("verb", "noun"),
    "stance_words.csv": ("word", "event_class"),
    "speech_acts.csv": ("word", "event_class"),
    "boilerplate.csv": ("pattern", "description"),
    "cameo_blocks.csv": ("block", "event_class"),
    "credits.csv": ("pattern", "description"),
    "cameo_classes.csv": ("cameo_prefix", "event_class"),
    "countries.csv": ("code", "name"),
    "currencies.csv": ("form", "code"),
    "directions.csv": ("lemma", "direction"),
    "facility_nouns.csv": ("noun",),
    "frames.csv": ("event_class", "slot", "role", "note"),
    "market_nouns.csv": ("noun",),
    "anaphoric_nouns.csv": ("noun", "refers_to"),
    "national_agent_nouns.csv": ("noun", "class", "code"),
    "market_verbs.csv": ("lemma",),
    "market_states.csv": ("word",),
    "product_nouns.csv": ("noun",),
    "type_refinements.csv": ("event_class", "slot", "filler", "new_class"),
    "argument_triggers.csv": ("lemma", "slot", "filler", "event_class"),
    "demonyms.csv": ("demonym", "country"),
    "demonyms_curated.csv": ("demonym", "country"),
    "event_triggers.csv": ("lemma", "pos", "event_class", "cameo", "source"),
    "event_collectives.csv": ("event_class", "role", "code", "note"),
    "dispute_words.csv": ("phrase", "note"),
    "decision_nouns.csv": ("noun", "note"),
    "event_triggers_curated.csv": ("lemma", "pos", "event_class", "cameo", "source"),
    "named_actors.csv": ("name", "class", "code", "aliases", "source"),
    "named_actors_curated.csv": ("name", "class", "code", "aliases", "source"),
    "place_designators.csv": ("word", "position", "level"),
    "reporting_verbs.csv": ("lemma", "kind"),
    "source_markers.csv": ("phrase", "kind"),
    "titles.csv": ("title", "kind"),
    "gendered_words.csv": ("word", "gender"),
    "claim_nouns.csv": ("noun", "kind"),
    "company_suffixes.csv": ("suffix",),
    "converse_triggers.csv": ("lemma", "agent_preposition", "note"),
    "fixed_phrases.csv": ("phrase", "note"),
    "light_verbs.csv": ("lemma", "agent_preposition", "note"),
    "name_heads.csv": ("head", "class"),
    "force_members.csv": ("noun", "forces"),
}
LIST_FILES = ("trigger_stoplist.txt", "taxonomy_noun_stoplist.txt", "section_labels.txt", "agent_stoplist.txt", "named_actor_stoplist.txt", "demonym_stoplist.txt", "name_word_forms.txt", "day_names.txt", "partitive_nouns.txt", "index_modifiers.txt", "product_cues.txt", "ambiguous_place_words.txt", "portfolio_words.txt", "unit_words.txt", "party_nouns.txt", "government_levels.txt", "time_zones.txt", "naming_verbs.txt")
DERIVED = ("event_triggers.csv", "agent_nouns.csv", "named_actors.csv", "demonyms.csv")


@functools.lru_cache(maxsize=None)
def _read(name: str) -> tuple[dict[str, str], ...]:
    """Rows of data/lexicons/<name>: `#` comment lines at the top, then a header, then rows."""
    text = (LEX / name).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines) and lines[start].startswith("#"):
        start += 1
    return tuple(csv.DictReader(io.StringIO("".join(lines[start:]))))


def read(name: str) -> list[dict[str, str]]:
    return [dict(row) for row in _read(name)]


def listed(name: str) -> list[str]:
    out = []
    for line in (LEX / name).read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return out


def event_classes() -> set[str]:
    """Local names of the event classes under nkg:Event that name a kind of happening (the
    taxonomy's families, such as ConflictEvent, do not), as the ontology declares them."""
    from kg.lexicon import load_taxonomy

    graph = rdflib.Graph().parse(ROOT / "ontology" / "newskg.ttl")
    under = {str(c)[len(str(NKG)):] for c in graph.transitive_subjects(RDFS.subClassOf, NKG.Event)
             if c != NKG.Event and (c, RDF.type, OWL.Class) in graph}
    families = {name for name, cls in load_taxonomy(ROOT / "ontology" / "event_taxonomy.csv").items()
                if "family" in cls.traits}
    return under - families


EVENT_CLASSES = event_classes()


@functools.lru_cache(maxsize=None)
def by(name: str, key: str) -> dict[str, dict[str, str]]:
    return {row[key]: row for row in read(name)}


# ------------------------------------------------------------------------------------ format
def test_the_ontology_has_the_event_classes_the_lexicons_use():
    assert {"Raid", "Killing", "ArmedClash", "Lawsuit", "Acquisition", "Coup"} <= EVENT_CLASSES
    assert "ConflictEvent" not in EVENT_CLASSES and "Event" not in EVENT_CLASSES


def test_the_files_are_all_there():
    present = {p.name for p in LEX.iterdir() if p.is_file()}
    assert set(CSV_FILES) | set(LIST_FILES) <= present
    assert present - set(CSV_FILES) - set(LIST_FILES) == {"english_stop_words.txt"}  # checked by its own test


def test_every_file_is_documented_in_the_data_readme():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert [p.name for p in sorted(LEX.iterdir()) if f"`{p.name}`" not in readme] == []


@pytest.mark.parametrize("name", sorted(CSV_FILES))
def test_csv_parses_with_its_header_and_comments_only_at_the_top(name):
    text = (LEX / name).read_text(encoding="utf-8")
    lines = text.splitlines()
    start = 0
    while start < len(lines) and lines[start].startswith("#"):
        start += 1
    assert start > 0, f"{name}: no header comment saying what the file is"
    assert tuple(next(csv.reader([lines[start]]))) == CSV_FILES[name]
    assert not any(line.startswith("#") for line in lines[start + 1 :]), f"{name}: comment after the header"
    rows = list(csv.reader(io.StringIO("\n".join(lines[start + 1 :]))))
    assert rows, f"{name}: no rows"
    for number, row in enumerate(rows, start=start + 2):
        assert len(row) == len(CSV_FILES[name]), f"{name}:{number}: {row}"
        assert all(v == v.strip() for v in row), f"{name}:{number}: stray spaces"
    assert text.endswith("\n") and "\r" not in text


@pytest.mark.parametrize("name", LIST_FILES)
def test_lists_parse(name):
    entries = listed(name)
    assert entries and len(entries) == len(set(entries)), f"{name}: empty or duplicate entries"


# ------------------------------------------------------------------------------- classes
@pytest.mark.parametrize("name,column,allow_empty", [
    ("event_triggers.csv", "event_class", False),
    ("event_triggers_curated.csv", "event_class", False),
    ("cameo_classes.csv", "event_class", True),
    ("cameo_blocks.csv", "event_class", True),
])
def test_event_classes_are_ontology_event_classes(name, column, allow_empty):
    for row in read(name):
        value = row[column]
        if allow_empty and value == "":
            continue
        assert value in EVENT_CLASSES, f"{name}: {row}"


@pytest.mark.parametrize("name,column,allow_empty", [
    ("agent_nouns.csv", "class", False),
    ("agent_nouns_curated.csv", "class", False),
    ("named_actors.csv", "class", False),
    ("named_actors_curated.csv", "class", False),
    ("agent_codes.csv", "class", False),
    ("actor_codes.csv", "class", True),
])
def test_entity_classes_are_the_six(name, column, allow_empty):
    for row in read(name):
        if allow_empty and row[column] == "":
            continue
        assert row[column] in ACTOR_CLASSES, f"{name}: {row}"


def test_kinds_and_positions_are_from_their_closed_sets():
    assert {r["pos"] for r in read("event_triggers.csv")} <= {"VERB", "NOUN", "ANY"}
    assert {r["kind"] for r in read("reporting_verbs.csv")} == {"say", "dispute"}
    assert {r["kind"] for r in read("source_markers.csv")} == {"say", "dispute"}
    assert {r["kind"] for r in read("titles.csv")} == {"rank", "office", "role", "courtesy", "judicial"}
    assert {r["position"] for r in read("place_designators.csv")} == {"before", "after"}
    assert {r["level"] for r in read("place_designators.csv")} == {"", "facility", "local", "city", "state", "country"}
    assert {r["kind"] for r in read("agent_heads.csv")} <= {"person", "member", "organization", "government", "collective", "skip"}
    assert {code for r in read("force_members.csv") for code in r["forces"].split()} <= {"COP", "MIL", "SPY"}


# ---------------------------------------------------------------------------- duplicates
@pytest.mark.parametrize("name,key", [
    ("agent_nouns.csv", ("noun",)),
    ("agent_heads.csv", ("head",)),
    ("force_members.csv", ("noun",)),
    ("agent_codes.csv", ("code",)),
    ("cameo_classes.csv", ("cameo_prefix",)),
    ("cameo_blocks.csv", ("block",)),
    ("countries.csv", ("code",)),
    ("countries.csv", ("name",)),
    ("reporting_verbs.csv", ("lemma",)),
    ("source_markers.csv", ("phrase",)),
    ("titles.csv", ("title",)),
    ("gendered_words.csv", ("word",)),
    ("place_designators.csv", ("word",)),  # kg keys the file by word
    ("boilerplate.csv", ("pattern",)),
    ("credits.csv", ("pattern",)),
    ("event_triggers.csv", ("lemma", "pos")),
    ("event_triggers_curated.csv", ("lemma", "pos")),
])
def test_no_duplicate_keys(name, key):
    keys = [tuple(row[k] for k in key) for row in read(name)]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1][:5]


def test_rows_are_sorted():
    for name, key in (("event_triggers.csv", ("lemma", "pos")), ("agent_nouns.csv", ("noun",)), ("titles.csv", ("title",)),
                      ("gendered_words.csv", ("word",))):
        keys = [tuple(row[k] for k in key) for row in read(name)]
        assert keys == sorted(keys), name
    for name, key in (("named_actors.csv", "name"), ("demonyms.csv", "demonym")):
        keys = [row[key].lower() for row in read(name)]
        assert keys == sorted(keys), name


def test_a_trigger_lemma_with_pos_any_has_no_other_row():
    pos_of: dict[str, set[str]] = {}
    for row in read("event_triggers.csv"):
        pos_of.setdefault(row["lemma"], set()).add(row["pos"])
    assert not [lemma for lemma, ps in pos_of.items() if "ANY" in ps and len(ps) > 1]


def test_named_actor_names_and_aliases_are_unambiguous():
    rows = read("named_actors.csv")
    names = [r["name"].lower() for r in rows]
    assert len(names) == len(set(names))
    owner: dict[str, str] = {}
    for row in rows:
        for alias in filter(None, row["aliases"].split("|")):
            low = alias.lower()
            assert low != row["name"].lower(), row
            assert low not in names or low == row["name"].lower(), f"alias {alias!r} of {row['name']} is another actor's name"
            assert owner.setdefault(low, row["name"]) == row["name"], f"alias {alias!r} of {row['name']} and {owner[low]}"


def test_demonyms_are_unique_and_name_listed_countries():
    countries = {r["name"] for r in read("countries.csv")}
    rows = read("demonyms.csv")
    assert len({r["demonym"].lower() for r in rows}) == len(rows)
    assert {r["country"] for r in rows} <= countries
    assert len(countries) >= 193


# ---------------------------------------------------------------------------------- values
def test_lemmas_nouns_and_phrases_are_lower_case_single_spaced():
    for name, column in (("event_triggers.csv", "lemma"), ("agent_nouns.csv", "noun"), ("reporting_verbs.csv", "lemma"),
                         ("source_markers.csv", "phrase"), ("titles.csv", "title"), ("place_designators.csv", "word")):
        for row in read(name):
            value = row[column]
            assert value == value.lower() and value == " ".join(value.split()) and value, f"{name}: {value!r}"


def test_boilerplate_patterns_compile_and_spare_article_prose():
    patterns = [re.compile(r["pattern"], re.IGNORECASE) for r in read("boilerplate.csv")]

    def hit(line: str) -> bool:
        return any(p.search(line) for p in patterns)

    for line in ("READ MORE: UN assembly condemns coup", "pic.twitter.com/0ifVbv3YUE", "Advertisement",
                 "(Photo: Reuters)", "Image source, Getty Images",
                 "Photo: AFP", "By Jane Doe", "Reporting by Jane Doe; Editing by John Roe", "Getty Images",
                 "— Some Outlet (@outlet) June 22, 2021", "Sign up for our daily newsletter",
                 "Associated Press writer Jane Doe in Lusaka, Zambia, contributed to this report.", "(END)"):
        assert hit(line), line
    for line in ("Security forces raided the base on Tuesday, residents said.",
                 "The company said it would appeal the ruling.", "By Monday, the fighting had spread to the capital.",
                 "Read the statement in full on the ministry's website, officials said.",
                 "A shootout broke out on Tuesday morning. pic.twitter.com/0ifVbv3YUE",
                 "Share prices fell 5% on Monday.", "Registered voters queued for hours.",
                 "The end of the strike contributed to this report's optimism, analysts said.",
                 "Protesters called for an end to the war."):
        assert not hit(line), line
    assert all(p.pattern.startswith("^") and p.pattern.endswith("$") for p in patterns), "kg skips whole lines"


def test_credit_patterns_find_credits_inside_lines_and_spare_prose():
    patterns = [re.compile(r["pattern"], re.IGNORECASE) for r in read("credits.csv")]
    caption = "Residents clear debris in Jasper, Ala., Wednesday, Nov. 15, 2023. (AP Photo/Jane Roe)"
    assert any(p.search(caption) for p in patterns)
    for line in ("Police said the photo was taken on Monday (a Reuters photographer was there).",
                 "The AP reported the attack on Tuesday.", "Shares rose 3% (to $12) on Monday."):
        assert not any(p.search(line) for p in patterns), line


def test_cameo_prefixes_are_codes():
    for row in read("cameo_classes.csv"):
        assert row["cameo_prefix"].isdigit() and len(row["cameo_prefix"]) <= 4


# ------------------------------------------------------------------------- expectations
def trigger(lemma: str, pos: str) -> str | None:
    rows = [r for r in read("event_triggers.csv") if r["lemma"] == lemma and r["pos"] in (pos, "ANY")]
    assert len(rows) <= 1
    return rows[0]["event_class"] if rows else None


@pytest.mark.parametrize("lemma,pos,expected", [
    ("raid", "VERB", "Raid"), ("raid", "NOUN", "Raid"),
    ("kill", "VERB", "Killing"), ("killing", "NOUN", "Killing"),
    ("protest", "VERB", "Protest"), ("protest", "NOUN", "Protest"),
    ("sue", "VERB", "Lawsuit"), ("lawsuit", "NOUN", "Lawsuit"),
    ("acquire", "VERB", "Acquisition"), ("merger", "NOUN", "Acquisition"),
    ("clash", "VERB", "ArmedClash"), ("shootout", "NOUN", "ArmedClash"),
    ("attack", "VERB", "Attack"), ("air strike", "NOUN", "AirStrike"),
    ("coup", "NOUN", "Coup"), ("seize power", "VERB", "Coup"),
    ("arrest", "VERB", "Arrest"), ("detain", "VERB", "Arrest"),
    ("crackdown", "NOUN", "Crackdown"), ("put down", "VERB", "Crackdown"),
    ("resolution", "NOUN", "Appeal"), ("election", "NOUN", "Election"),
    ("ruling", "NOUN", "Ruling"), ("convict", "VERB", "Conviction"),
    ("lay off", "VERB", "Layoff"), ("recall", "NOUN", "Recall"), ("crash", "VERB", "Crash"),
    ("resign", "VERB", "Resignation"), ("reject", "VERB", "Rejection"), ("condemn", "VERB", "Condemnation"),
])
def test_triggers_news_needs(lemma, pos, expected):
    assert trigger(lemma, pos) == expected


@pytest.mark.parametrize("lemma", ["claim", "go", "make", "take", "get", "have", "give", "see", "hit"])
def test_generic_and_reporting_verbs_are_not_triggers(lemma):
    assert trigger(lemma, "VERB") is None


def test_every_say_verb_is_kept_out_of_the_triggers_but_as_a_speech_act():
    """"X said" is a statement; "X said on Tuesday" or "told reporters in Geneva" is also a
    PublicStatement event (the scorer weighs the saying's date and place). Other speech acts a say
    verb names are pledges, praise or threats."""
    say = {r["lemma"] for r in read("reporting_verbs.csv") if r["kind"] == "say"}
    verbs = {r["lemma"]: r["event_class"] for r in read("event_triggers.csv") if r["pos"] in ("VERB", "ANY")}
    assert {verbs[v] for v in say & set(verbs)} <= {"PublicStatement", "Pledge", "Praise", "Threat"}
    assert verbs["say"] == verbs["tell"] == "PublicStatement"  # a saying is an event when dated or placed


def test_the_stoplist_is_applied():
    stopped = set(listed("trigger_stoplist.txt"))
    curated = {r["lemma"] for r in read("event_triggers_curated.csv")}
    derived = {r["lemma"] for r in read("event_triggers.csv") if r["source"].startswith("CAMEO:")}
    assert not (stopped - curated) & derived


def test_reporting_verbs():
    kinds = {r["lemma"]: r["kind"] for r in read("reporting_verbs.csv")}
    assert kinds["say"] == kinds["tell"] == kinds["announce"] == "say"
    assert kinds["deny"] == kinds["reject"] == kinds["dispute"] == "dispute"
    assert by("source_markers.csv", "phrase")["according to"]["kind"] == "say"


@pytest.mark.parametrize("noun,expected", [
    ("army", "ArmedGroup"), ("military", "ArmedGroup"), ("security force", "ArmedGroup"), ("riot police", "ArmedGroup"),
    ("militia", "ArmedGroup"), ("rebel", "ArmedGroup"), ("protester", "Group"), ("resident", "Group"),
    ("civilian", "Group"), ("refugee", "Group"), ("worker", "Group"), ("villager", "Group"),
    ("ministry", "GovernmentBody"), ("government", "GovernmentBody"), ("junta", "ArmedGroup"),
    ("court", "GovernmentBody"), ("parliament", "GovernmentBody"), ("company", "Organization"),
    ("newspaper", "Organization"), ("soldier", "Person"), ("spokesman", "Person"), ("minister", "Person"),
    ("judge", "Person"),
])
def test_agent_nouns(noun, expected):
    assert by("agent_nouns.csv", "noun")[noun]["class"] == expected


def test_titles():
    titles = by("titles.csv", "title")
    assert titles["spokesman"]["kind"] == "role"
    assert titles["general"]["kind"] == "rank" and titles["lt"]["kind"] == "rank" and titles["lt gen"]["kind"] == "rank"
    assert not [t for t in titles if "." in t], "kg strips the period from tokens before looking titles up"
    assert titles["prime minister"]["kind"] == "office" and titles["judge"]["kind"] == "judicial"
    assert titles["mr"]["kind"] == "courtesy"


def test_named_actors():
    actors = by("named_actors.csv", "name")
    assert actors["United Nations"]["class"] == "Organization" and "UN" in actors["United Nations"]["aliases"].split("|")
    assert actors["NATO"]["class"] == "Organization"
    assert actors["Hamas"]["class"] == "ArmedGroup" and actors["Taliban"]["class"] == "ArmedGroup"
    assert "IAEA" in actors["International Atomic Energy Agency"]["aliases"].split("|")
    everything = {form.lower() for row in actors.values() for form in [row["name"], *row["aliases"].split("|")] if form}
    for not_a_name in ("order", "youth", "who", "let", "osama bin laden", "khaled meshaal", "un envoy"):
        assert not_a_name not in everything
    assert all(len(re.sub(r"[^A-Za-z]", "", n)) > 2 for n in actors)


def test_place_designators_and_demonyms():
    places = {(r["word"], r["position"]) for r in read("place_designators.csv")}
    assert {("township", "after"), ("province", "after"), ("city of", "before")} <= places
    demonyms = by("demonyms.csv", "demonym")
    assert demonyms["American"]["country"] == "United States" and demonyms["British"]["country"] == "United Kingdom"
    assert demonyms["Burmese"]["country"] == "Myanmar" and demonyms["French"]["country"] == "France"


def test_derived_files_name_their_source_and_licence():
    for name in DERIVED:
        head = [line for line in (LEX / name).read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        text = " ".join(line.lstrip("# ") for line in head)
        assert "GENERATED by tools/derive_lexicons.py" in text and "MIT" in text and "PETRARCH2" in text, name


# --------------------------------------------------------------------------- determinism
def derive(out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(PETRARCH), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(not PETRARCH.is_dir(), reason="../shared/lexicons/petrarch2 is absent: the derived files are checked as committed")
def test_derivation_is_deterministic_and_matches_the_committed_files(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        result = derive(out)
        assert result.returncode == 0, result.stderr
    for name in DERIVED:
        a = (first / name).read_bytes()
        assert a == (second / name).read_bytes(), f"{name}: two runs differ"
        assert a == (LEX / name).read_bytes(), f"{name}: the committed file is stale; run tools/derive_lexicons.py"


@pytest.mark.skipif(not PETRARCH.is_dir(), reason="../shared/lexicons/petrarch2 is absent")
def test_derivation_fails_with_a_clear_message_on_a_missing_source(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "not found" in result.stderr and "Traceback" not in result.stderr


def test_a_place_named_by_a_facility_noun_is_a_facility_in_one_test(lexicon):
    assert lexicon.names_a_facility("Suvarnabhumi Airport") and lexicon.names_a_facility("the Kaduna airports")
    assert not lexicon.names_a_facility("Kaduna") and not lexicon.names_a_facility("")


def test_market_places_name_listed_instruments_and_a_changed_table_is_read_again(tmp_path, monkeypatch):
    from kg import lexicon as lexicon_module

    root = Path(__file__).resolve().parents[1]
    data = tmp_path / "data"
    for folder in ("lexicons", "gazetteer"):
        (data / folder).mkdir(parents=True)
        for f in (root / "data" / folder).glob("*.csv"):
            (data / folder / f.name).write_bytes(f.read_bytes())
        for f in (root / "data" / folder).glob("*.txt"):
            (data / folder / f.name).write_bytes(f.read_bytes())
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    ontology = root / "ontology" / "newskg.ttl"
    lex = lexicon_module.load(data / "lexicons", ontology)
    assert lex.instruments["seoul"] == ("Kospi", "index", True)
    with (data / "gazetteer" / "market_places.csv").open("a", encoding="utf-8") as table:
        table.write("Lagos,Kospi\n")
    lexicon_module.load.cache_clear()
    assert lexicon_module.load(data / "lexicons", ontology).instruments["lagos"][0] == "Kospi"  # not the stale cache


@pytest.mark.parametrize("folder, name, table, key, value, bad_row, refused", [
    ("gazetteer", "instruments.csv", "instrument_countries", "Nikkei 225", "Japan",
     "Rivanian Composite,,index,,Rivania\n", "'Rivania'"),  # an instrument's country is a listed country
    ("lexicons", "anaphoric_nouns.csv", "anaphoric_nouns", "index", "index",
     "bourse,exchange\n", "'exchange'"),  # an anaphoric noun stands for a known kind of thing
])
def test_a_row_naming_what_kg_does_not_know_is_refused(tmp_path, monkeypatch, folder, name, table, key, value,
                                                        bad_row, refused):
    from kg import lexicon as lexicon_module

    data, ontology = _copied_data(tmp_path, monkeypatch)
    assert getattr(lexicon_module.load(data / "lexicons", ontology), table)[key] == value
    with (data / folder / name).open("a", encoding="utf-8") as rows:
        rows.write(bad_row)
    lexicon_module.load.cache_clear()
    with pytest.raises(lexicon_module.LexiconError, match=f"{name}:.*{refused}"):
        lexicon_module.load(data / "lexicons", ontology)
    lexicon_module.load.cache_clear()


def _copied_data(tmp_path, monkeypatch):
    """A copy of data/lexicons and data/gazetteer to edit, with a cache of its own."""
    from kg import lexicon as lexicon_module

    root = Path(__file__).resolve().parents[1]
    data = tmp_path / "data"
    for folder in ("lexicons", "gazetteer"):
        (data / folder).mkdir(parents=True)
        for f in [*(root / "data" / folder).glob("*.csv"), *(root / "data" / folder).glob("*.txt")]:
            (data / folder / f.name).write_bytes(f.read_bytes())
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    lexicon_module.load.cache_clear()
    return data, root / "ontology" / "newskg.ttl"
