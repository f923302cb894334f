"""Run SPARQL on built graphs with Oxigraph, and render the answers.

A query is SPARQL text, a path to a ``.rq`` file, or the name of a bundled query in
``kg/queries/``. Parameters are never pasted into the query as raw text: each ``name=value``
becomes an RDF term, serialized with every character escaped, that replaces the variable
``?name`` wherever it occurs (the pre-binding of SPARQL-dev SEP-0007, which Oxigraph's and
rdflib's own pre-binding also follow; in a SELECT list ``?name`` becomes ``(term AS ?name)``).
Every engine then sees the same constant, so Oxigraph, rdflib and Virtuoso give the same answers,
and their optimizers use the constant: a label lookup is an index scan, not a join with a
``VALUES`` table (which was 10-20× slower on Oxigraph). A value that looks like an absolute IRI
(``http://…``, ``https://…``, or any IRI in angle brackets, ``<urn:x:1>``) binds as an IRI;
anything else binds as a plain string literal.

Importing this module stays cheap (no rdflib), so ``kg query`` answers quickly.
"""
from __future__ import annotations

import csv
import difflib
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox

from kg.errors import QueryError

QUERIES_DIR = Path(__file__).resolve().parent / "queries"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
FORMATS = ("table", "csv", "tsv", "json", "turtle", "xml", "jsonld", "ntriples")

# The prefixes `kg build` writes (kg.export.PREFIXES, kept equal by a test; copied here so that
# `kg query` does not import rdflib just to shorten IRIs in a table).
PREFIXES = {
    "nkg": "https://w3id.org/newskg/ontology#",
    "id": "https://w3id.org/newskg/id/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query, engine-independent.

    ``kind`` is "bindings" (SELECT: ``variables`` and ``rows``, None for unbound), "boolean" (ASK)
    or "graph" (CONSTRUCT/DESCRIBE: ``triples``). ``truncated`` is set when a row cap cut it short.
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = False


@dataclass(frozen=True)
class QueryText:
    """A query ready to run: its text, where it came from, and its declared ``# param:`` names."""

    text: str
    source: str
    params: tuple[str, ...] = ()
    description: str = ""
    bundled: bool = False  # one of kg/queries/*.rq: its header lists every parameter it takes


# ---------------------------------------------------------------------------- the query library

_PARAM_LINE = re.compile(r"#\s*param:\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:[—–:-]+\s*(.*))?$")


def _header(text: str) -> tuple[str, tuple[str, ...]]:
    """The description (first comment line) and the ``# param: name — meaning`` names of a query."""
    description, params = "", []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        match = _PARAM_LINE.match(line)
        if match:
            params.append(match.group(1))
        elif not description:
            description = line.lstrip("#").strip()
    return description, tuple(params)


def bundled() -> list[tuple[str, str]]:
    """(name, one-line description) of every bundled query, sorted by name."""
    out = []
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        description, params = _header(path.read_text(encoding="utf-8"))
        if params:
            description += "  [" + ", ".join(f"--param {p}=…" for p in params) + "]"
        out.append((path.stem, description))
    return out


def load(query: str) -> QueryText:
    """Resolve SPARQL text, a query file or a bundled name to a :class:`QueryText`."""
    if not query or not query.strip():
        raise QueryError("empty query: give SPARQL text, a .rq file or a bundled name (kg query --list)")
    one_line = "\n" not in query
    if one_line and (query.endswith((".rq", ".sparql")) or _is_file(query)):
        path = Path(query)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise QueryError(f"{path}: no such query file") from None
        except (OSError, UnicodeDecodeError) as error:
            raise QueryError(f"{path}: cannot read the query file ({error})") from None
        description, params = _header(text)
        return QueryText(text, str(path), params, description)
    if one_line and re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", query):
        path = QUERIES_DIR / f"{query}.rq"
        if not path.is_file():
            names = [name for name, _ in bundled()]
            close = difflib.get_close_matches(query, names, n=3, cutoff=0.5)
            hint = f"did you mean {', '.join(close)}?" if close else f"bundled queries: {', '.join(names)}"
            raise QueryError(f"no bundled query named {query!r}; {hint} (kg query --list)")
        text = path.read_text(encoding="utf-8")
        description, params = _header(text)
        return QueryText(text, f"{query}.rq", params, description, bundled=True)
    description, params = _header(query)
    return QueryText(query, "the query", params, description)


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # too long for a file name, NUL bytes: it is query text
        return False


# ---------------------------------------------------------------------------- parameters

def param_term(value: str) -> ox.NamedNode | ox.Literal:
    """``http(s)://…``, ``<any IRI>`` or a name with one of kg's prefixes (``id:event/x``, as the
    tables print IRIs, so a cell can be pasted back) → IRI; anything else → plain string literal."""
    iri = None
    prefix, sep, local = value.partition(":")
    if re.match(r"https?://", value):
        iri = value
    elif sep and prefix in PREFIXES and local and not local.startswith("//") and not re.search(r"\s", value):
        iri = PREFIXES[prefix] + local
    elif len(value) > 2 and value.startswith("<") and value.endswith(">") and ":" in value:
        iri = value[1:-1]
    if iri is None:
        return ox.Literal(value)
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise QueryError(f"parameter value {value!r} looks like an IRI but is not a valid one ({error})") from None


def bind_params(query: QueryText, params: Mapping[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Check the parameters against the query and turn the values into RDF terms."""
    terms = {}
    variables = set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", strip_comments_and_strings(query.text)))
    # A query that declares its parameters (every bundled one does, if it has any) takes only those;
    # the user's own undeclared query may bind any of its variables.
    allowed = query.params if query.params or query.bundled else variables
    for name, value in params.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"--param {name}=…: a parameter name is a SPARQL variable name (letters, digits, _)")
        if name not in allowed:
            raise QueryError(f"{query.source} has no parameter {name!r} ({_parameters_of(query)})")
        terms[name] = param_term(value)
    missing = [name for name in query.params if name not in params]
    if missing:
        raise QueryError(f"{query.source} needs " + " ".join(f"--param {name}=VALUE" for name in missing))
    return terms


def _parameters_of(query: QueryText) -> str:
    """What a query takes, in words: its declared parameters only, never its inner variables."""
    if query.params:
        return "its parameters: " + ", ".join(query.params)
    if query.bundled:
        return "it takes no parameters"
    return "it declares none with a '# param: NAME' line, and has no variable of that name"


def term_sparql(term: Term) -> str:
    """A term in SPARQL/N-Triples syntax, every character escaped as the grammar requires."""
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_STRING:
        return _quote(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return _quote(term.value) + "@" + term.language
        return _quote(term.value) + "^^<" + term.datatype.value + ">"
    if isinstance(term, ox.NamedNode):
        return "<" + term.value + ">"  # pyoxigraph validated it: no <>"{}|^`\ or spaces inside
    raise QueryError(f"cannot write {term!r} as a SPARQL constant")


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return '"' + escaped + '"'


# ---------------------------------------------------------------------------- a small SPARQL lexer

_TOKEN = re.compile(
    r'''(?P<ws>\s+)
      | (?P<comment>\#[^\r\n]*)
      | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'|"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
      | (?P<name>(?:[^\W\d][\w\-.]*)?:(?:[\w\-:%.]|\\[^\s])*|[^\W\d]\w*)
      | (?P<other>.)''',
    re.VERBOSE | re.DOTALL,
)

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
QUERY_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int


def tokens(text: str) -> list[Token]:
    """Significant tokens (no whitespace or comments); good enough to find keywords safely."""
    out = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("ws", "comment"):
            out.append(Token(kind, match.group(), match.start()))
    return out


def strip_comments_and_strings(text: str) -> str:
    return " ".join(t.text for t in tokens(text) if t.kind not in ("string", "iri"))


@dataclass(frozen=True)
class Shape:
    """What a request asks for, read from its tokens before anything runs."""

    form: str  # SELECT, CONSTRUCT, DESCRIBE, ASK, UPDATE or "" when unrecognizable
    service: bool
    datasets: tuple[str, ...]  # IRIs named by FROM / FROM NAMED


def shape(text: str) -> Shape:
    toks = tokens(text)
    prefixes, base, form, datasets, service = {}, "", "", [], False
    i = 0
    while i < len(toks):
        tok = toks[i]
        word = tok.text.upper() if tok.kind == "name" and ":" not in tok.text else ""
        if word == "PREFIX" and i + 2 < len(toks) and toks[i + 2].kind == "iri":
            prefixes[toks[i + 1].text.rstrip(":")] = toks[i + 2].text[1:-1]
            i += 3
            continue
        if word == "BASE" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            base = toks[i + 1].text[1:-1]
            i += 2
            continue
        if not form and word in QUERY_FORMS:
            form = word
        elif not form and word in UPDATE_KEYWORDS:
            form = "UPDATE"
        if word == "SERVICE":
            service = True
        if word == "FROM":
            j = i + 1
            if j < len(toks) and toks[j].text.upper() == "NAMED":
                j += 1
            if j < len(toks):
                datasets.append(_resolve(toks[j], prefixes, base))
        i += 1
    return Shape(form, service, tuple(datasets))


def _resolve(tok: Token, prefixes: Mapping[str, str], base: str) -> str:
    if tok.kind == "iri":
        from urllib.parse import urljoin

        return urljoin(base, tok.text[1:-1]) if base else tok.text[1:-1]
    prefix, _, local = tok.text.partition(":")
    return prefixes.get(prefix, prefix + ":") + local.replace("\\", "")


@dataclass(frozen=True)
class Bound:
    """A query with its parameters substituted, and where each substitution went (for mapping a
    parser's error position back to the user's text)."""

    text: str
    edits: tuple[tuple[int, int, int], ...] = ()  # (offset in the original, original length, new length)

    def original_offset(self, offset: int) -> int:
        shift = 0
        for start, old, new in self.edits:
            if offset < start + shift:
                break
            if offset < start + shift + new:
                return start  # inside a substituted term: point at the parameter
            shift += new - old
        return offset - shift


def substitute(text: str, terms: Mapping[str, Term]) -> str:
    """The query with every ``?name`` of ``terms`` replaced by the serialized term."""
    return bind(text, terms).text


def bind(text: str, terms: Mapping[str, Term]) -> Bound:
    if not terms:
        return Bound(text)
    out, edits, last = [], [], 0
    clause, depth, previous = "", 0, ""
    for tok in tokens(text):
        word = tok.text.upper() if tok.kind == "name" and ":" not in tok.text else ""
        if word in ("SELECT", "DESCRIBE"):
            clause, depth = "select", 0
        elif word == "BY" and previous in ("ORDER", "GROUP"):
            clause, depth = "by", 0
        elif word == "VALUES":
            clause, depth = "values", 0
        elif word in ("WHERE", "FROM", "LIMIT", "OFFSET", "HAVING") or (tok.text in "{}" and depth == 0):
            clause = "" if not (clause == "values" and tok.text == "{") else "values-data"
        elif tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth -= 1
        if tok.kind == "var" and tok.text[1:] in terms:
            name = tok.text[1:]
            if previous == "AS" or clause == "values":
                raise QueryError(f"?{name} is a parameter, so the query cannot also assign it "
                                 f"({'AS' if previous == 'AS' else 'VALUES'} ?{name})")
            term = term_sparql(terms[name])
            if clause == "select" and depth == 0:
                term = f"({term} AS ?{name})"
            elif clause == "by" and depth == 0:
                term = f"({term})"
            out.append(text[last:tok.start] + term)
            edits.append((tok.start, len(tok.text), len(term)))
            last = tok.start + len(tok.text)
        if clause == "values-data" and tok.text == "}":
            clause = ""
        previous = word or tok.text
    out.append(text[last:])
    return Bound("".join(out), tuple(edits))


# ---------------------------------------------------------------------------- running

def run(query: str, *, graphs: Sequence[Path] = (), store: Path | None = None,
        params: Mapping[str, str] | None = None) -> QueryResult:
    """Run a query (SPARQL text, .rq path or bundled name) on graph files or an on-disk store."""
    from kg import store as stores

    prepared = load(query)
    terms = bind_params(prepared, params or {})
    check_read_only(prepared)
    if store is not None:
        oxstore = stores.open_store(store)
    else:
        oxstore = stores.load_files(graphs)
    return execute(oxstore, prepared, terms)


def check_read_only(query: QueryText) -> Shape:
    """Refuse updates and federated SERVICE calls: querying a built graph never writes or fetches."""
    found = shape(query.text)
    if found.form == "UPDATE":
        raise QueryError(f"{query.source} is a SPARQL update; kg only reads graphs (rebuild them with kg build)")
    if found.service:
        raise QueryError(f"{query.source} uses SERVICE; federated queries are refused (kg works offline)")
    return found


def execute(oxstore: ox.Store, query: QueryText | str, terms: Mapping[str, Term] | None = None,
            *, limit: int | None = None) -> QueryResult:
    """Evaluate on an Oxigraph store; ``limit`` caps rows (or triples) and marks the result truncated."""
    if isinstance(query, str):
        query = QueryText(query, "the query")
    bound = bind(query.text, terms or {})
    try:
        answer = oxstore.query(bound.text)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("boolean", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = tuple(v.value for v in answer.variables)
            rows, truncated = _take((tuple(solution) for solution in answer), limit)
            return QueryResult("bindings", variables, tuple(rows), truncated=truncated)
        triples, truncated = _take(iter(answer), limit)
        return QueryResult("graph", triples=tuple(triples), truncated=truncated)
    except SyntaxError as error:
        raise QueryError(syntax_message(query, str(error), bound)) from None
    except (OSError, ValueError, RuntimeError) as error:
        raise QueryError(f"{query.source} failed: {_one_line(str(error))}") from None


def _take(items: Iterable, limit: int | None) -> tuple[list, bool]:
    out = []
    for item in items:
        if limit is not None and len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


def syntax_message(query: QueryText, message: str, bound: Bound | None = None) -> str:
    """One line: where the parser stopped (line, column of the user's text), what it expected,
    and the text there."""
    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if not match:
        return f"SPARQL syntax error in {query.source}: {_one_line(message)}"
    line, column, detail = int(match.group(1)), int(match.group(2)), _one_line(match.group(3))
    if bound is not None and bound.edits:
        ran = bound.text.split("\n")
        offset = sum(len(x) + 1 for x in ran[: line - 1]) + column - 1
        offset = bound.original_offset(offset)
        line = query.text.count("\n", 0, offset) + 1
        column = offset - (query.text.rfind("\n", 0, offset) + 1) + 1
    lines = query.text.split("\n")
    near = lines[line - 1][max(column - 1, 0):][:30] if line <= len(lines) else ""
    where = f" near {near.strip()!r}" if near.strip() else " at the end"
    return f"SPARQL syntax error in {query.source} at line {line}, column {column}{where}: {detail}"


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_rdflib(query: QueryText | str, graph, terms: Mapping[str, Term] | None = None) -> QueryResult:
    """Evaluate with rdflib's own SPARQL engine (slow; for checking that engines agree)."""
    if isinstance(query, str):
        query = QueryText(query, "the query")
    answer = graph.query(substitute(query.text, terms or {}))
    if answer.type == "ASK":
        return QueryResult("boolean", boolean=bool(answer.askAnswer))
    if answer.type == "SELECT":
        variables = tuple(str(v) for v in answer.vars)
        rows = tuple(tuple(_from_rdflib(row[i]) for i in range(len(variables))) for row in answer)
        return QueryResult("bindings", variables, rows)
    triples = tuple(ox.Triple(*(_from_rdflib(t) for t in triple)) for triple in answer)
    return QueryResult("graph", triples=triples)


def _from_rdflib(term) -> Term | None:
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is None:
        return ox.Literal(str(term))
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))


# ---------------------------------------------------------------------------- rendering

def render(result: QueryResult, fmt: str = "table") -> str:
    """Render as ``table`` (aligned), ``csv``, ``tsv``, ``json`` (SPARQL 1.1 results JSON; JSON-LD
    for graphs), ``xml`` (SPARQL results XML), ``turtle`` or ``jsonld`` (graphs only)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        if fmt in ("turtle", "table"):
            return graph_bytes(result, "turtle").decode("utf-8")
        if fmt in ("json", "jsonld"):
            return graph_bytes(result, "jsonld").decode("utf-8")
        if fmt == "ntriples":
            return graph_bytes(result, "ntriples").decode("utf-8")
        raise QueryError(f"CONSTRUCT/DESCRIBE results are a graph: use --format turtle or json, not {fmt}")
    if fmt in ("turtle", "jsonld", "ntriples"):
        raise QueryError(f"--format {fmt} is for CONSTRUCT/DESCRIBE results; use table, csv, tsv or json")
    return {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}[fmt](result)


def graph_bytes(result: QueryResult, fmt: str) -> bytes:
    """Triples as Turtle, JSON-LD or N-Triples, sorted so that equal graphs give equal text."""
    triples = sorted(result.triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}.get(fmt, ox.RdfFormat.N_TRIPLES)
    prefixes = None
    if fmt == "turtle":
        iris = {term.value for t in triples for term in (t.subject, t.predicate, t.object)
                if isinstance(term, ox.NamedNode)}
        iris |= {t.object.datatype.value for t in triples if isinstance(t.object, ox.Literal)}
        prefixes = {p: ns for p, ns in PREFIXES.items() if any(iri.startswith(ns) for iri in iris)}
    return ox.serialize(triples, format=rdf_format, prefixes=prefixes)


def _table(result: QueryResult) -> str:
    if result.kind == "boolean":
        return ("yes" if result.boolean else "no") + "\n"
    header = [f"{v}" for v in result.variables]
    body = [[_display(term) for term in row] for row in result.rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = [_pad_row(header, widths), "  ".join("-" * w for w in widths)]
    lines += [_pad_row(row, widths) for row in body]
    count = len(result.rows)
    lines.append(f"({count} row{'s' if count != 1 else ''}{', truncated' if result.truncated else ''})")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _pad_row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths))


def _display(term: Term | None) -> str:
    """A cell for people: prefixed IRIs, bare literal text, control characters made visible."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = _shorten(term.value)
    elif isinstance(term, ox.BlankNode):
        text = "_:" + term.value
    elif isinstance(term, ox.Literal):
        text = term.value
    else:
        text = str(term)
    return "".join(_visible(ch) for ch in text)


def _visible(ch: str) -> str:
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
        return f"\\u{ord(ch):04x}"
    return ch


def _shorten(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def _width(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _plain(term: Term | None) -> str:
    """SPARQL 1.1 CSV: IRIs and literals as their bare text, blank nodes as _:id."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.kind == "boolean":
        writer.writerows([["_askResult"], [str(result.boolean).lower()]])
        return out.getvalue()
    writer.writerow(result.variables)
    writer.writerows([_plain(term) for term in row] for row in result.rows)
    return out.getvalue()


def _tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: terms in N-Triples syntax (tabs and newlines inside literals are escaped)."""
    if result.kind == "boolean":
        return f"?_askResult\n{str(result.boolean).lower()}\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def term_json(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": term_json(term.subject),
                                        "predicate": term_json(term.predicate), "object": term_json(term.object)}}


def _json(result: QueryResult) -> str:
    """SPARQL 1.1 results JSON, one binding per line (json's C encoder; indent= would be 20× slower)."""
    if result.kind == "boolean":
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    bindings = ",\n".join(dump({var: term_json(term) for var, term in zip(result.variables, row) if term is not None})
                          for row in result.rows)
    head = dump({"vars": list(result.variables)})
    bindings = f"\n{bindings}\n" if bindings else ""
    return f'{{"head":{head},\n"results":{{"bindings":[{bindings}]}}}}\n'


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if result.kind == "boolean":
        out += ["</head>", f"<boolean>{str(result.boolean).lower()}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f'<variable name="{v}"/>' for v in result.variables]
    out += ["</head>", "<results>"]
    for row in result.rows:
        out.append("<result>")
        for var, term in zip(result.variables, row):
            if term is not None:
                out.append(f'<binding name="{var}">{_xml_term(term)}</binding>')
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f'<literal xml:lang="{_xml_text(term.language)}">{_xml_text(term.value)}</literal>'
        if term.datatype.value != XSD_STRING:
            return f'<literal datatype="{_xml_text(term.datatype.value)}">{_xml_text(term.value)}</literal>'
        return f"<literal>{_xml_text(term.value)}</literal>"
    return f"<literal>{_xml_text(str(term))}</literal>"


def _xml_text(text: str) -> str:
    """Escape markup, and write characters XML 1.0 cannot carry (most C0 controls) as U+FFFD."""
    text = xml_escape(text, {'"': "&quot;"})
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "\ufffd", text)
