"""Derive the lexicons in data/lexicons/ from the PETRARCH2 dictionaries and our curated files.

    python tools/derive_lexicons.py [PETRARCH2_DIR] [--out DIR]

PETRARCH2_DIR defaults to ../shared/lexicons/petrarch2 (relative to the repository root); it holds
the CAMEO verb dictionary and the Phoenix actor/agent dictionaries of the PETRARCH2 event coder
(Open Event Data Alliance, MIT licence). The curated inputs are always read from data/lexicons/;
the derived files are written to --out (default: data/lexicons/).

Derived (never edit them by hand; edit the curated inputs and re-run):

  event_triggers.csv   CAMEO.2.0.txt verb blocks, mapped through cameo_classes.csv and
                       cameo_blocks.csv, minus trigger_stoplist.txt and the `say` reporting verbs,
                       plus event_triggers_curated.csv (which wins).
  agent_nouns.csv      Phoenix.agents.txt, classified with agent_codes.csv and agent_heads.csv,
                       minus agent_stoplist.txt, plus agent_nouns_curated.csv (which wins).
  named_actors.csv     Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt and the
                       armed groups of Phoenix.Countries.actors.txt, organizations only (classed
                       by actor_codes.csv, written with name_word_forms.txt), minus
                       named_actor_stoplist.txt, plus named_actors_curated.csv (which wins).
  demonyms.csv         Phoenix.Countries.actors.txt (the demonym among each country's synonyms),
                       named with countries.csv, plus demonyms_curated.csv (which wins).

The output is a pure function of the inputs: rows are sorted, no dates or paths are written, so
running the script twice gives identical files. Needs only the standard library and rdflib (to read
the event classes from ontology/newskg.ttl). data/README.md documents every file.
"""
from __future__ import annotations

import argparse
import csv
import fnmatch
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = ROOT / "data" / "lexicons"
DEFAULT_SOURCE = ROOT.parent / "shared" / "lexicons" / "petrarch2"

ATTRIBUTION = (
    "# Derived from the PETRARCH2 dictionaries (Open Event Data Alliance; CAMEO and Phoenix\n"
    "# dictionaries of the Computational Event Data System project), MIT licence: see data/README.md.\n"
)
EVENT_CLASSES_HINT = "ontology/event_taxonomy.csv (kinds of happening, not families)"


class LexiconBuildError(Exception):
    """An input is inconsistent; the message names the file and what to fix."""


# ------------------------------------------------------------------------------------ file helpers
def read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a CSV whose leading lines may be `#` comments; the header must equal `columns`."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines) and (lines[start].startswith("#") or not lines[start].strip()):
        start += 1
    reader = csv.reader(io.StringIO("".join(lines[start:])))
    try:
        header = next(reader)
    except StopIteration:
        raise LexiconBuildError(f"{path}: no header row (expected {','.join(columns)})") from None
    if tuple(header) != columns:
        raise LexiconBuildError(f"{path}: header is {','.join(header)}, expected {','.join(columns)}")
    rows = []
    for number, values in enumerate(reader, start=start + 2):
        if not values or not any(v.strip() for v in values):
            continue
        if len(values) != len(columns):
            raise LexiconBuildError(f"{path}:{number}: {len(values)} fields, expected {len(columns)}")
        rows.append({c: v.strip() for c, v in zip(columns, values)})
    return rows


def read_list(path: Path) -> list[str]:
    """Entries of a one-per-line list; `#` starts a comment (whole line or after the entry)."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return entries


def write_csv(path: Path, header_comment: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    buffer = io.StringIO()
    buffer.write(header_comment)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def comment(*lines: str) -> str:
    return "".join(f"# {line}\n" if line else "#\n" for line in lines)


def source_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def phrase(raw: str) -> str:
    """A PETRARCH phrase (upper case, `_` between words, trailing `_` = exact word) as lower-case text."""
    text = raw.replace("_", " ").strip().lower()
    return re.sub(r"\s+", " ", text)


# ------------------------------------------------------------------------------ event triggers
@dataclass(frozen=True)
class VerbForm:
    lemma: str
    code: str
    block: str


CAMEO_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
VERB_LINE = re.compile(r"^(\+?[A-Z][A-Z'_-]*)\s*(\{[^}]*\})?\s*(?:\[([^\]]*)\])?")
NOT_A_LEMMA = {"and", "or", "is", "was", "were", "be", "are", "been", "by"}


def cameo_code(raw: str | None) -> str | None:
    """The source-actor code of a CAMEO code field: `173` -> 173, `042:043` -> 042, `---`/`:110` -> None."""
    if raw is None:
        return None
    code = raw.split(":", 1)[0].strip().rstrip("-").strip()
    return code if code.isdigit() else None


def parse_cameo_verbs(path: Path) -> list[VerbForm]:
    """Every verb form listed in a `--- VERB [code] ---` block with the code it is coded to.

    A form's own `[code]` overrides the block's; forms whose code is `---` are not coded and are
    skipped. Pattern lines (`- ...`) are not verb forms. Phrasal forms (`+TAKE_OVER`) become
    space-separated lemmas; conjunction patterns (`+KILLED_AND`) are skipped.
    """
    lines = source_lines(path)
    try:
        start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    except StopIteration:
        raise LexiconBuildError(f"{path}: no '####### VERB PATTERNS' section") from None
    end = next((i for i, line in enumerate(lines) if "TRANSFORMATIONS" in line and i > start), len(lines))
    forms: list[VerbForm] = []
    block = None
    block_code = None
    for line in lines[start + 1 : end]:
        text = line.split("#", 1)[0].split(";", 1)[0].rstrip()
        if not text.strip():
            continue
        header = CAMEO_HEADER.match(text)
        if header:
            block = header.group(1).strip("_")
            block_code = cameo_code(header.group(2))
            continue
        if block is None or text.lstrip().startswith("-"):
            continue
        match = VERB_LINE.match(text.strip())
        if not match:
            continue
        word, _irregular, own = match.groups()
        code = cameo_code(own) if own is not None else block_code
        if code is None:
            continue
        lemma = phrase(word.lstrip("+"))
        if not lemma or any(token in NOT_A_LEMMA for token in lemma.split()):
            continue
        forms.append(VerbForm(lemma, code, block))
    return forms


def class_for_code(code: str, prefixes: dict[str, str]) -> str:
    """Longest matching prefix wins; '' means no class."""
    for length in range(len(code), 0, -1):
        if code[:length] in prefixes:
            return prefixes[code[:length]]
    return ""


def derive_event_triggers(source: Path, lexicons: Path, event_classes: set[str]) -> list[tuple]:
    prefixes = {r["cameo_prefix"]: r["event_class"] for r in read_csv(lexicons / "cameo_classes.csv", ("cameo_prefix", "event_class"))}
    blocks = {r["block"]: r["event_class"] for r in read_csv(lexicons / "cameo_blocks.csv", ("block", "event_class"))}
    for name, table in (("cameo_classes.csv", prefixes), ("cameo_blocks.csv", blocks)):
        for key, value in table.items():
            if value and value not in event_classes:
                raise LexiconBuildError(f"{lexicons / name}: {key} -> {value}: not an event class in {EVENT_CLASSES_HINT}")
    stoplist = set(read_list(lexicons / "trigger_stoplist.txt"))
    say_verbs = {r["lemma"] for r in read_csv(lexicons / "reporting_verbs.csv", ("lemma", "kind")) if r["kind"] == "say"}
    curated = read_csv(lexicons / "event_triggers_curated.csv", ("lemma", "pos", "event_class", "cameo", "source"))

    candidates: dict[str, dict[str, tuple[str, str]]] = {}
    for form in parse_cameo_verbs(source / "CAMEO.2.0.txt"):
        block_class = blocks.get(form.block)
        if block_class is not None and form.code == block_code_of(form, source):
            event_class = block_class
        else:
            event_class = class_for_code(form.code, prefixes)
        if not event_class or form.lemma in stoplist or form.lemma in say_verbs:
            continue
        candidates.setdefault(form.lemma, {}).setdefault(event_class, (form.code, form.block))

    curated_lemmas: dict[str, set[str]] = {}
    rows: dict[tuple[str, str], tuple] = {}
    for number, row in enumerate(curated, start=1):
        if row["pos"] not in ("VERB", "NOUN", "ANY"):
            raise LexiconBuildError(f"event_triggers_curated.csv: {row['lemma']}: pos must be VERB, NOUN or ANY")
        if row["event_class"] not in event_classes:
            raise LexiconBuildError(f"event_triggers_curated.csv: {row['lemma']}: {row['event_class']} is not an event class in {EVENT_CLASSES_HINT}")
        if row["lemma"] != row["lemma"].lower() or row["lemma"] != " ".join(row["lemma"].split()):
            raise LexiconBuildError(f"event_triggers_curated.csv: {row['lemma']!r}: lemmas are lower case, single-spaced")
        key = (row["lemma"], row["pos"])
        if key in rows:
            raise LexiconBuildError(f"event_triggers_curated.csv: duplicate {row['lemma']},{row['pos']}")
        rows[key] = (row["lemma"], row["pos"], row["event_class"], row["cameo"], "curated")
        curated_lemmas.setdefault(row["lemma"], set()).add(row["pos"])

    conflicts = []
    for lemma, by_class in sorted(candidates.items()):
        taken = curated_lemmas.get(lemma, set())
        if taken & {"VERB", "ANY"}:
            continue  # the curated entry decides this verb
        if len(by_class) > 1:
            conflicts.append(f"{lemma}: " + ", ".join(f"{c} ({code} {block})" for c, (code, block) in sorted(by_class.items())))
            continue
        (event_class, (code, block)), = by_class.items()
        rows[(lemma, "VERB")] = (lemma, "VERB", event_class, code, f"CAMEO:{block}")
    if conflicts:
        raise LexiconBuildError(
            "CAMEO verbs mapped to more than one event class; decide each in event_triggers_curated.csv "
            "or trigger_stoplist.txt:\n  " + "\n  ".join(conflicts)
        )
    for lemma, (event_class, cameo) in taxonomy_nouns(set(read_list(lexicons / "taxonomy_noun_stoplist.txt"))).items():
        if not {(lemma, "NOUN"), (lemma, "ANY")} & rows.keys():
            rows[(lemma, "NOUN")] = (lemma, "NOUN", event_class, cameo, "taxonomy")
    return sorted(rows.values())


_EVENT_NOUN = re.compile(r"(tion|sion|ment|ing|ance|ence|ure|age|al|ery|ism|ity|cy)$")


def taxonomy_nouns(stoplist: set[str]) -> dict[str, tuple[str, str]]:
    """The one-word names a kind of happening has in the taxonomy as noun triggers of that class:
    its label ("sentencing", "payment") and the other labels shaped like an event noun
    ("demolition", "slaying"; not "died" or "data"); a word two classes share names neither."""
    sys.path.insert(0, str(ROOT))
    from kg.lexicon import load_taxonomy

    found: dict[str, set[tuple[str, str]]] = {}
    for name, cls in load_taxonomy(ROOT / "ontology" / "event_taxonomy.csv").items():
        if cls.traits & {"family", "root"}:
            continue
        for n, word in enumerate((cls.label, *cls.alt_labels)):
            word = word.strip().lower()
            if word.isalpha() and word not in stoplist and (n == 0 or _EVENT_NOUN.search(word)):
                found.setdefault(word, set()).add((name, cls.cameo))
    return {word: next(iter(classes)) for word, classes in found.items() if len(classes) == 1}


_BLOCK_CODES: dict[Path, dict[str, str | None]] = {}


def block_code_of(form: VerbForm, source: Path) -> str | None:
    """The code in the header of the block a form was listed in (block overrides apply only to
    forms coded with the block's own code, not to forms carrying a different code of their own)."""
    path = source / "CAMEO.2.0.txt"
    if path not in _BLOCK_CODES:
        codes: dict[str, str | None] = {}
        for line in source_lines(path):
            header = CAMEO_HEADER.match(line)
            if header:
                codes.setdefault(header.group(1).strip("_"), cameo_code(header.group(2)))
        _BLOCK_CODES[path] = codes
    return _BLOCK_CODES[path].get(form.block)


# --------------------------------------------------------------------------------- agent nouns
AGENT_LINE = re.compile(r"^([^\[#]+?)\s*\[([^\]]*)\]")
PREPOSITIONS = {"of", "for", "to", "in", "at", "on", "from", "with", "and", "the", "a"}
IRREGULAR_PLURALS = {
    "men": "man", "women": "woman", "children": "child", "persons": "person", "people": "people",
    "gunmen": "gunman", "militiamen": "militiaman", "thieves": "thief", "hasidim": "hasid",
    "lawmen": "lawman", "seamen": "seaman", "conmen": "conman", "hitmen": "hitman", "mps": "mp",
}
#: Phoenix stems (prefix matches in PETRARCH) and the words they stand for.
STEMS = {"minist": ("minister", "ministry"), "authorit": ("authority",), "compan": ("company",), "industr": ("industry",)}
INVARIANT = {
    "police", "personnel", "staff", "media", "press", "clergy", "corps", "headquarters", "series",
    "news", "congress", "business", "militia", "infantry", "gendarmerie", "youth",
    "intelligence", "judiciary", "public", "electorate", "population", "community", "society",
    "mafia", "soldiery", "rabble", "townspeople", "mujahideen", "mujahedin", "taliban", "contras",
    "sandinistas", "tupamaros", "montoneros", "macheteros",
}


def singular(word: str) -> str:
    """The singular of an English plural noun, as spaCy's lemmatizer gives it for the common cases."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word in INVARIANT or len(word) <= 3 or not word.endswith("s") or "'" in word:
        return word
    if word.endswith(("ss", "us", "is", "ics")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


HEAD_PREPOSITIONS = ("of", "for", "in", "to", "at", "on", "without", "with")


def head_index(words: list[str], known: dict[str, str] | None = None) -> int:
    """The head of a noun phrase: the word before the first preposition ("chief of staff", "court
    of appeals") when that word is a known head, else the last word ("special affairs of tribes
    people ministry")."""
    for i, w in enumerate(words):
        if w in HEAD_PREPOSITIONS and i > 0:
            if known is None or singular(words[i - 1]) in known or words[i - 1] in known:
                return i - 1
            break
    return len(words) - 1


def singular_phrase(text: str, known: dict[str, str] | None = None) -> str:
    words = text.split()
    i = head_index(words, known)
    if " ".join(words) in INVARIANT:
        return text
    words[i] = singular(words[i])
    return " ".join(words)


def parse_agents(path: Path) -> list[tuple[str, str, int]]:
    """(lower-case noun phrase, agent code, line number) for every agent entry, with the
    `!PERSON!`/`!MINIST!` substitution sets expanded to their singular forms."""
    substitutions: dict[str, list[str]] = {}
    entries = []
    for number, line in enumerate(source_lines(path), start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        if re.match(r"^![A-Z]+!\s*=", text):
            name, values = text.split("=", 1)
            forms = [v.strip() for v in values.split(",") if v.strip()]
            singulars = [f for f in forms if singular(f.lower()) == f.lower()]
            substitutions[name.strip()] = singulars or forms
            continue
        match = AGENT_LINE.match(text)
        if not match:
            continue
        raw, code = match.groups()
        raw = re.sub(r"\{[^}]*\}", " ", raw).strip()
        code = code.replace("~", "").strip()
        code = re.sub(r"[^A-Z].*$", "", code)
        if not code:
            continue
        if re.search(r"[A-Z]![A-Z]+![A-Z]", raw):
            continue  # a substitution inside a word (AD!MINIST!RATIVE): a slip in the source
        variants = [raw]
        for token, values in substitutions.items():
            if token in raw:
                variants = [v.replace(token, value) for v in variants for value in values]
        for variant in variants:
            if "!" in variant or "(" in variant:
                continue
            text = phrase(variant)
            if text.startswith("the "):
                text = text[4:]
            expanded = [text]
            for stem, words in STEMS.items():
                if re.search(rf"\b{stem}\b", text):
                    expanded = [re.sub(rf"\b{stem}\b", w, t) for t in expanded for w in words]
            for item in expanded:
                entries.append((item, code, number))
    return entries


def derive_agent_nouns(source: Path, lexicons: Path, entity_classes: set[str]) -> list[tuple]:
    codes = {r["code"]: r["class"] for r in read_csv(lexicons / "agent_codes.csv", ("code", "class"))}
    heads = {r["head"]: r["kind"] for r in read_csv(lexicons / "agent_heads.csv", ("head", "kind"))}
    for code, cls in codes.items():
        if cls not in entity_classes:
            raise LexiconBuildError(f"agent_codes.csv: {code} -> {cls}: not one of {sorted(entity_classes)}")
    kinds = {"person", "member", "organization", "government", "collective", "skip"}
    for head, kind in heads.items():
        if kind not in kinds:
            raise LexiconBuildError(f"agent_heads.csv: {head} -> {kind}: kind must be one of {sorted(kinds)}")
    stoplist = read_list(lexicons / "agent_stoplist.txt")
    curated = read_csv(lexicons / "agent_nouns_curated.csv", ("noun", "class", "code", "source"))

    rows: dict[str, tuple] = {}
    unknown_heads: dict[str, str] = {}
    unknown_codes: dict[str, str] = {}
    for noun, code, number in parse_agents(source / "Phoenix.agents.txt"):
        words = noun.split()
        if not words or words[-1] in PREPOSITIONS or any(ch.isdigit() for ch in noun) or "," in noun:
            continue
        if noun.endswith(".") or any(w.endswith(".") for w in words):
            continue  # abbreviations (LT., GEN.) are titles, see titles.csv
        noun = singular_phrase(noun, heads)
        if any(fnmatch.fnmatchcase(noun, pattern) for pattern in stoplist):
            continue
        head = noun.split()[head_index(noun.split(), heads)]
        kind = heads.get(head)
        if kind is None:
            unknown_heads.setdefault(head, f"{noun} (Phoenix.agents.txt:{number})")
            continue
        if kind == "skip":
            continue
        primary = code[:3]
        code_class = codes.get(primary)
        if code_class is None:
            unknown_codes.setdefault(primary, f"{noun} (Phoenix.agents.txt:{number})")
            continue
        armed = any(codes.get(code[i : i + 3]) == "ArmedGroup" for i in range(0, len(code), 3))
        if kind == "person":
            cls = "Person"
        elif kind == "member":
            cls = "ArmedGroup" if armed else "Group"
        elif kind == "government":
            cls = "GovernmentBody"
        elif kind == "organization":
            cls = code_class if code_class in ("ArmedGroup", "GovernmentBody") else "Organization"
        else:
            cls = code_class
        rows.setdefault(noun, (noun, cls, code, "Phoenix.agents"))
    problems = []
    if unknown_heads:
        problems.append(
            "head words missing from agent_heads.csv (add each with its kind):\n  "
            + "\n  ".join(f"{h}: e.g. {e}" for h, e in sorted(unknown_heads.items()))
        )
    if unknown_codes:
        problems.append(
            "agent codes missing from agent_codes.csv:\n  " + "\n  ".join(f"{c}: e.g. {e}" for c, e in sorted(unknown_codes.items()))
        )
    if problems:
        raise LexiconBuildError("\n".join(problems))
    for row in curated:
        if row["class"] not in entity_classes:
            raise LexiconBuildError(f"agent_nouns_curated.csv: {row['noun']}: {row['class']} is not one of {sorted(entity_classes)}")
        rows[row["noun"]] = (row["noun"], row["class"], row["code"], "curated")
    return sorted(rows.values())


# ------------------------------------------------------------------------------- named actors
@dataclass
class ActorEntry:
    name: str  # raw PETRARCH phrase
    synonyms: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    section: str = ""
    line: int = 0
    market_cap: int | None = None  # US$, from the comment of Phoenix's MNC list


CODE_FIELD = re.compile(r"\[([^\]]*)\]")
MARKET_CAP = re.compile(r"\$([0-9][0-9,]*)")


def parse_actor_file(path: Path) -> list[ActorEntry]:
    """Actor blocks: a name line, `+synonym` lines, code fields `[CODE dates]` on the name line or
    on following indented lines. `#####  Section  ####` comment lines name the section."""
    entries: list[ActorEntry] = []
    current: ActorEntry | None = None
    section = ""
    for number, line in enumerate(source_lines(path), start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            banner = re.match(r"^#{3,}\s*(.*?)\s*#{3,}\s*$", stripped)
            if banner:
                section = banner.group(1)
            continue
        text, _, remark = line.partition("#")
        text = text.rstrip()
        if not text.strip():
            continue
        codes = CODE_FIELD.findall(text)
        body = CODE_FIELD.sub(" ", text)
        if text[:1].isspace() or text.lstrip().startswith("["):
            if current is not None:
                current.codes.extend(codes)
            continue
        if body.startswith("+"):
            if current is not None:
                current.synonyms.append(body[1:].strip())
                current.codes.extend(codes)
            continue
        cap = MARKET_CAP.search(remark or body)
        current = ActorEntry(name=body.strip(), codes=list(codes), section=section, line=number,
                             market_cap=int(cap.group(1).replace(",", "")) if cap else None)
        entries.append(current)
    return entries


ACRONYM_IN_NAME = re.compile(r"\(([A-Z][A-Z0-9./&-]{1,8})\)")


def clean_actor_name(raw: str) -> tuple[str, list[str]]:
    """(name, extra aliases) for a raw PETRARCH name, still upper case: `_` -> space, a
    parenthesised acronym becomes an alias, other parentheses are dropped, `ORDER,_THE` ->
    `ORDER`, a leading `THE` is dropped."""
    text = re.sub(r"\s+", " ", raw.replace("_", " ")).strip()
    # a parenthesised acronym is an alias; a parenthesised country or word ("(COLOMBIA)") is not
    aliases = [a for a in ACRONYM_IN_NAME.findall(text) if len(re.sub(r"[^A-Z]", "", a)) <= 4 or looks_like_acronym(a)]
    text = re.sub(r"\([^)]*\)?", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" -,;:")
    text = re.sub(r", THE$", "", text)
    text = re.sub(r"^THE ", "", text)
    halves = text.split("/")
    if len(halves) == 2 and all(len(h.split()) > 1 for h in halves):
        text, other = (h.strip() for h in halves)  # two names of one actor: A_B/C_D
        aliases.append(other)
    return text, aliases


def actor_key(name: str) -> str:
    """Names that differ only in case, spacing or punctuation are one actor (Al-Jazeera, AL JAZEERA)."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "la", "le", "les", "du", "des",
               "el", "y", "et", "da", "di", "del", "della", "van", "von", "der", "den", "und", "per", "por", "para",
               "pour", "e", "li", "wa", "fi", "ul", "ur", "ud", "bin", "ibn", "al", "i", "il", "dos", "das", "ad", "as",
               "ash", "at", "az", "an", "ar", "wal", "min", "do", "dei", "della", "dell'", "des", "en", "no", "o"}
VOWELS = set("AEIOU")


def looks_like_acronym(word: str) -> bool:
    """An upper-case token that is read letter by letter: it has digits, `&`, `/` or dots between
    letters, or no vowel (CBS, PLC), or three consonants in a row (UNHCR, OHCHR), or three vowels in
    a row (IAEA)."""
    letters = re.sub(r"[^A-Z]", "", word.upper())
    if not letters:
        return True
    if any(ch.isdigit() for ch in word) or "&" in word or "/" in word or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", word):
        return True
    if not VOWELS & set(letters):
        return True
    return bool(re.search(r"[^AEIOUY]{3,}", letters) or (len(letters) <= 5 and re.search(r"[AEIOU]{3,}", letters)))


def display_name(text: str, keep: dict[str, str], acronyms: set[str]) -> str:
    """The display form of an upper-case PETRARCH name.

    A one-word name of up to five letters is an acronym and stays upper case (NATO, ASEAN, IAEA),
    as does any word that looks like one or is known as one (`acronyms`: the parenthesised
    abbreviations in the source); other words are capitalised, small words (of, the, al ...) are
    lower case inside a name. `keep` maps an upper-case word to the exact form to use instead
    (collected from named_actors_curated.csv: Hamas, UNICEF, McDonald's, Ltd).
    """
    words = text.split(" ")
    if len(words) == 1:
        if text.upper() in keep:
            return keep[text.upper()]
        letters = re.sub(r"[^A-Z]", "", text.upper())
        if "-" not in text and (len(letters) <= 5 or text in acronyms or (len(letters) == 6 and looks_like_acronym(text))
                                or not VOWELS & set(letters) or any(ch.isdigit() for ch in text)):
            return text
    return " ".join(_display_word(w, i, keep, acronyms) for i, w in enumerate(words))


def _display_word(word: str, index: int, keep: dict[str, str], acronyms: set[str]) -> str:
    bare = word.strip(".,;:'\"")
    if word.upper() in keep:
        return keep[word.upper()]
    if bare.upper() in keep:
        return word.replace(bare, keep[bare.upper()])
    lower = word.lower()
    if index > 0 and lower in SMALL_WORDS:
        return lower
    for joiner in ("-", "/"):
        if joiner in word and bare not in acronyms and not (joiner == "/" and len(re.sub(r"[^A-Z]", "", word)) <= 6):
            parts = word.split(joiner)
            return joiner.join(_display_word(part, index if i == 0 else 1, keep, acronyms) for i, part in enumerate(parts))
    letters = re.sub(r"[^A-Z]", "", word.upper())
    if re.fullmatch(r"\d+(ST|ND|RD|TH)", word.upper()):
        return word.lower()  # 1ST -> 1st
    if bare in acronyms or (len(letters) >= 2 and not VOWELS & set(letters)):
        return word
    if any(ch.isdigit() for ch in word) and not re.fullmatch(r"\d+(ST|ND|RD|TH)", word) or "&" in word or "/" in word \
            or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", word):
        return word
    if "'" in lower:
        head, _, tail = lower.partition("'")
        return head.capitalize() + "'" + (tail.capitalize() if len(head) == 1 and len(tail) > 2 else tail)  # O'Neill, Qa'ida
    if lower.startswith("mc") and len(lower) > 3:
        return "Mc" + lower[2:].capitalize()
    return lower.capitalize()


def actor_class(code: str, class_codes: list[tuple[str, str]]) -> str:
    """Class of a named actor from its code: the first rule (regex searched in the code) that matches."""
    for pattern, cls in class_codes:
        if re.search(pattern, code):
            return cls
    return ""


def primary_code(codes: list[str]) -> str:
    """The code of an actor: the first code field without a date restriction, else the last one."""
    cleaned = [c.strip() for c in codes if c.strip() and c.strip() != "---"]
    if not cleaned:
        return ""
    undated = [c for c in cleaned if len(c.split()) == 1]
    choice = undated[0] if undated else cleaned[-1]
    return choice.split()[0]


def is_dated(codes: list[str]) -> bool:
    return any(len(c.split()) > 1 for c in codes)


MIN_MARKET_CAP = 1_000_000_000


ARMED_ROLES = ("REB", "UAF", "INS", "IMG")


def is_armed(code: str) -> bool:
    return code.startswith("IMG") or any(code[i : i + 3] in ARMED_ROLES for i in range(3, len(code), 3))


def actor_candidates(source: Path, class_codes: list[tuple[str, str]]) -> list[tuple[ActorEntry, str, str, str]]:
    """(entry, code, class, file label) of the Phoenix actors that can be named actors.

    International and MilNonState: every actor whose code maps to a class (actor_codes.csv),
    except persons with a term of office (dated codes in the International file, ELI codes) and
    the corporations of Phoenix's MNC list with a market value under US$1 billion. Countries: only
    the armed groups (REB/UAF/INS/IMG codes) that are current (no end date), the rest of that
    file being states, their institutions and office holders.
    """
    found = []
    for filename, label in (("Phoenix.International.actors.txt", "International"), ("Phoenix.MilNonState.actors.txt", "MilNonState"),
                            ("Phoenix.Countries.actors.txt", "Countries")):
        for entry in parse_actor_file(source / filename):
            if label == "Countries":
                current = [c for c in entry.codes if len(c.split()) == 1 or c.split()[1].startswith(">")]
                code = current[-1].split()[0] if current else ""
                if not code or not is_armed(code) or len(current) != len(entry.codes):
                    continue
            else:
                code = primary_code(entry.codes)
            cls = actor_class(code, class_codes) if code else ""
            if not cls or "ELI" in code:
                continue
            if label == "International" and is_dated(entry.codes):
                continue
            if code.startswith("MNC") and entry.market_cap is not None and entry.market_cap < MIN_MARKET_CAP:
                continue
            found.append((entry, code, cls, label))
    return found


def initials(name: str) -> str:
    """INTERNATIONAL ATOMIC ENERGY AGENCY -> IAEA; UN HIGH COMMISSION FOR REFUGEES -> UNHCR."""
    out = ""
    for word in re.split(r"[\s-]+", name.upper()):
        if word.lower() in SMALL_WORDS or not word:
            continue
        out += word if word in ("UN", "EU", "US", "UK") else word[0]
    return out


def stop_matcher(patterns: list[str]):
    """gitignore-like: the last pattern that matches decides; `!pattern` keeps what an earlier one stops."""
    exact: dict[str, tuple[int, bool]] = {}
    wild: list[tuple[int, re.Pattern, bool]] = []
    for index, raw in enumerate(patterns):
        stop = not raw.startswith("!")
        pattern = (raw if stop else raw[1:]).strip().lower()
        if any(ch in pattern for ch in "*?["):
            wild.append((index, re.compile(fnmatch.translate(pattern)), stop))
        else:
            exact[pattern] = (index, stop)

    def stopped(text: str) -> bool:
        low = text.lower()
        best = exact.get(low, (-1, False))
        for index, regex, stop in wild:
            if index > best[0] and regex.match(low):
                best = (index, stop)
        return best[1]

    return stopped


def derive_named_actors(source: Path, lexicons: Path, entity_classes: set[str]) -> list[tuple]:
    class_codes = [(r["code_pattern"], r["class"]) for r in read_csv(lexicons / "actor_codes.csv", ("code_pattern", "class"))]
    for pattern, cls in class_codes:
        if cls and cls not in entity_classes:
            raise LexiconBuildError(f"actor_codes.csv: {pattern} -> {cls}: not one of {sorted(entity_classes)}")
    stopped = stop_matcher(read_list(lexicons / "named_actor_stoplist.txt"))
    curated = read_csv(lexicons / "named_actors_curated.csv", ("name", "class", "code", "aliases", "source"))
    keep = {word.upper(): word for word in read_list(lexicons / "name_word_forms.txt")}

    def usable(text: str) -> bool:
        if len(re.sub(r"[^a-z]", "", text.lower())) <= 2:
            return False  # one- and two-letter names are ambiguous
        return not stopped(text)

    candidates = actor_candidates(source, class_codes)
    acronyms: set[str] = set()
    for entry, *_ in candidates:
        for raw in [entry.name, *entry.synonyms]:
            acronyms.update(a for a in ACRONYM_IN_NAME.findall(raw.replace("_", " "))
                            if len(re.sub(r"[^A-Z]", "", a)) <= 4 or looks_like_acronym(a))
            single = raw.strip("_ ")
            if re.fullmatch(r"[A-Z]{2,6}", single) and looks_like_acronym(single):
                acronyms.add(single)  # one-word names such as UNHCR are acronyms inside longer names too
    actors: dict[str, dict] = {}
    for entry, code, cls, label in candidates:
        name, extra = clean_actor_name(entry.name)
        if not name or not usable(name):
            continue
        forms = []
        for raw in [*entry.synonyms]:
            alias, more = clean_actor_name(raw)
            forms.extend(f for f in [alias, *more] if f and usable(f))
        forms.extend(a for a in extra if usable(a))
        record = actors.setdefault(actor_key(name), {"name": name, "class": cls, "code": code, "forms": [], "source": f"Phoenix.{label}"})
        record["forms"].extend(forms)

    # an acronym listed as an actor of its own (IAEA_ [IGOUNOIAE]) is an alias of the actor whose
    # name it abbreviates and whose code it shares (INTERNATIONAL_ATOMIC_ENERGY_AGENCY_ [IGOUNOIAE])
    by_code: dict[tuple[str, str], list[str]] = {}
    for key, record in actors.items():
        if len(record["name"].split()) > 1:
            by_code.setdefault((record["code"], initials(record["name"])), []).append(key)
    for key, record in list(actors.items()):
        name = record["name"]
        if len(name.split()) == 1 and name.isupper():
            targets = by_code.get((record["code"], re.sub(r"[^A-Z]", "", name)), [])
            if len(targets) == 1:
                target = actors[targets[0]]
                target["forms"].extend([name, *record["forms"]])
                del actors[key]

    # display forms (derived names are upper case in the source)
    for record in actors.values():
        record["name"] = display_name(record["name"], keep, acronyms)
        record["forms"] = [display_name(f, keep, acronyms) for f in record["forms"]]

    # curated rows replace the derived actor of the same name, and absorb the derived actors whose
    # names they list as aliases (one actor under several Phoenix entries: ISIS and ISIL)
    for row in curated:
        if row["class"] not in entity_classes:
            raise LexiconBuildError(f"named_actors_curated.csv: {row['name']}: {row['class']} is not one of {sorted(entity_classes)}")
        forms = [a for a in row["aliases"].split("|") if a]
        record = {"name": row["name"], "class": row["class"], "code": row["code"], "forms": list(forms), "source": "curated"}
        for other in [row["name"], *forms]:
            derived = actors.pop(actor_key(other), None)
            if derived:
                record["forms"].extend(f for f in [derived["name"], *derived["forms"]] if not stopped(f))
        actors[actor_key(row["name"])] = record

    # aliases: every other surface form (a matcher needs "Al Qaeda" and "Al-Qaeda" both), one per
    # lower-case spelling; an alias that two actors share, or that spells another actor's name,
    # is ambiguous and dropped
    shown: dict[str, tuple[str, list[str]]] = {}
    for key, record in actors.items():
        aliases: dict[str, str] = {}
        for text in record["forms"]:
            if text.lower() != record["name"].lower():
                aliases.setdefault(text.lower(), text)
        shown[key] = (record["name"], list(aliases.values()))
    names = {name.lower(): key for key, (name, _aliases) in shown.items()}
    holders: dict[str, set[str]] = {}
    for key, (_name, aliases) in shown.items():
        for alias in aliases:
            holders.setdefault(alias.lower(), set()).add(key)
    rows = []
    for key, (name, aliases) in shown.items():
        record = actors[key]
        own = [a for a in aliases if holders[a.lower()] == {key} and names.get(a.lower(), key) == key
               and (actor_key(a) not in actors or actor_key(a) == key)]
        rows.append((name, record["class"], record["code"], "|".join(sorted(own, key=lambda a: (a.lower(), a))), record["source"]))
    return sorted(rows, key=lambda r: (r[0].lower(), r[0]))


# ---------------------------------------------------------------------------------- demonyms
DEMONYM_SUFFIXES = ("an", "ian", "ean", "ese", "ish", "i", "ic", "ot", "er")


def demonym_of(candidate: str, country: str) -> bool:
    """Whether a one-word synonym of a country is its demonym rather than a spelling of its name:
    it extends the country's name (all but at most its last three letters) with a demonym ending
    and is longer than the name (Armenia -> Armenian, Iraq -> Iraqi, Sudan -> Sudanese)."""
    name = country.lower().replace(" ", "")
    if not candidate.isalpha() or len(candidate) <= len(name) or not candidate.endswith(DEMONYM_SUFFIXES):
        return False
    shared = 0
    for a, b in zip(candidate, name):
        if a != b:
            break
        shared += 1
    return shared >= 4 and shared >= len(name) - 3


def derive_demonyms(source: Path, lexicons: Path) -> list[tuple]:
    countries = {r["code"]: r["name"] for r in read_csv(lexicons / "countries.csv", ("code", "name"))}
    curated = read_csv(lexicons / "demonyms_curated.csv", ("demonym", "country"))
    stoplist = {s.lower() for s in read_list(lexicons / "demonym_stoplist.txt")}
    known = set(countries.values())
    rows: dict[str, tuple] = {}
    blocks: list[tuple[str | None, list[str]]] = []
    code: str | None = None
    synonyms: list[str] = []
    for line in source_lines(source / "Phoenix.Countries.actors.txt"):
        text = line.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        if text.startswith("+"):
            synonyms.append(phrase(CODE_FIELD.sub(" ", text[1:])))
            continue
        if text[:1].isspace():
            fields = CODE_FIELD.findall(text)
            if code is None and fields:
                code = _country_code(fields)
            continue
        blocks.append((code, synonyms))
        fields = CODE_FIELD.findall(text)
        code = _country_code(fields) if fields else None
        synonyms = []
    blocks.append((code, synonyms))
    for code, words in blocks:
        if code not in countries:
            continue
        country = countries[code]
        for word in words:
            if " " in word or word in stoplist or word in rows:
                continue
            if demonym_of(word, country):
                rows[word] = (word.capitalize(), country)
    for number, row in enumerate(curated, start=1):
        if row["country"] not in known:
            raise LexiconBuildError(f"demonyms_curated.csv: {row['demonym']}: {row['country']} is not a name in countries.csv")
        rows[row["demonym"].lower()] = (row["demonym"], row["country"])
    return sorted(rows.values(), key=lambda r: (r[0].lower(), r[0]))


def _country_code(fields: list[str]) -> str | None:
    """The current country code of a country block: a bare 3-letter code, or the open-ended one."""
    for f in fields:
        parts = f.split()
        if len(parts) == 1 and re.fullmatch(r"[A-Z]{3}", parts[0]):
            return parts[0]
    for f in fields:
        parts = f.split()
        if len(parts) == 2 and parts[1].startswith(">") and re.fullmatch(r"[A-Z]{3}", parts[0]):
            return parts[0]
    return None


# --------------------------------------------------------------------------------------- main
def ontology_classes(ontology: Path) -> tuple[set[str], set[str]]:
    """(event classes, entity classes): the kinds of happening of the event taxonomy next to the
    ontology (ontology/event_taxonomy.csv, families left out), and the actor and place classes."""
    sys.path.insert(0, str(ROOT))
    from kg.lexicon import load_taxonomy

    taxonomy = load_taxonomy(ontology.parent / "event_taxonomy.csv")
    events = {name for name, cls in taxonomy.items() if "family" not in cls.traits}
    entities = {"Person", "Organization", "ArmedGroup", "GovernmentBody", "Group", "Place"}
    return events, entities


def build(source: Path, out: Path) -> dict[str, int]:
    for name in ("CAMEO.2.0.txt", "Phoenix.agents.txt", "Phoenix.International.actors.txt",
                 "Phoenix.MilNonState.actors.txt", "Phoenix.Countries.actors.txt"):
        if not (source / name).is_file():
            raise LexiconBuildError(f"{source / name}: not found (pass the PETRARCH2 dictionary folder as the first argument)")
    events, entities = ontology_classes(ROOT / "ontology" / "newskg.ttl")
    out.mkdir(parents=True, exist_ok=True)
    counts = {}

    triggers = derive_event_triggers(source, LEXICONS, events)
    write_csv(out / "event_triggers.csv", comment(
        "Event trigger lemmas -> newskg event classes. GENERATED by tools/derive_lexicons.py: do not edit;",
        "edit event_triggers_curated.csv, trigger_stoplist.txt, cameo_classes.csv or cameo_blocks.csv.",
        "Verb forms from CAMEO.2.0.txt verb blocks (source CAMEO:<BLOCK>, cameo = the CAMEO code);",
        "curated rows (source curated) win over CAMEO rows for the same lemma; nouns naming a class in",
        "ontology/event_taxonomy.csv (its label or other labels, source taxonomy) fill in what neither has.",
        "pos: VERB, NOUN or ANY (either). Lemmas are lower case; phrases are space-separated lemmas.",
    ) + ATTRIBUTION, ("lemma", "pos", "event_class", "cameo", "source"), triggers)
    counts["event_triggers.csv"] = len(triggers)

    agents = derive_agent_nouns(source, LEXICONS, entities - {"Place"})
    write_csv(out / "agent_nouns.csv", comment(
        "Common nouns for kinds of actors -> newskg entity classes. GENERATED by tools/derive_lexicons.py:",
        "do not edit; edit agent_nouns_curated.csv, agent_heads.csv, agent_codes.csv or agent_stoplist.txt.",
        "From Phoenix.agents.txt (source Phoenix.agents, code = its agent code) and curated additions.",
        "noun: lower-case singular lemma (pluralia tantum such as police, media, people as written).",
    ) + ATTRIBUTION, ("noun", "class", "code", "source"), agents)
    counts["agent_nouns.csv"] = len(agents)

    actors = derive_named_actors(source, LEXICONS, entities - {"Place"})
    write_csv(out / "named_actors.csv", comment(
        "Named organizations and armed groups -> newskg entity classes. GENERATED by tools/derive_lexicons.py:",
        "do not edit; edit named_actors_curated.csv, named_actor_stoplist.txt, actor_codes.csv or name_word_forms.txt.",
        "From Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt and the armed groups of",
        "Phoenix.Countries.actors.txt (persons left out; source Phoenix.<file>, code = the Phoenix actor",
        "code) and curated rows. aliases: other surface forms of the same actor, |-separated.",
    ) + ATTRIBUTION, ("name", "class", "code", "aliases", "source"), actors)
    counts["named_actors.csv"] = len(actors)

    demonyms = derive_demonyms(source, LEXICONS)
    write_csv(out / "demonyms.csv", comment(
        "Demonyms and national adjectives -> country names (as in countries.csv). GENERATED by",
        "tools/derive_lexicons.py: do not edit; edit demonyms_curated.csv, demonym_stoplist.txt or countries.csv.",
        "From the one-word synonyms of each country in Phoenix.Countries.actors.txt that extend its name",
        "with a demonym ending (Armenian, Iraqi), and curated rows for the rest (British, Dutch, Burmese).",
    ) + ATTRIBUTION, ("demonym", "country"), demonyms)
    counts["demonyms.csv"] = len(demonyms)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help="the PETRARCH2 dictionary folder (default: ../shared/lexicons/petrarch2)")
    parser.add_argument("--out", type=Path, default=LEXICONS, help="where to write the derived files (default: data/lexicons)")
    args = parser.parse_args(argv)
    try:
        counts = build(args.source.resolve(), args.out)
    except LexiconBuildError as error:
        print(f"derive_lexicons: {error}", file=sys.stderr)
        return 2
    for name, count in counts.items():
        print(f"{name}: {count} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
