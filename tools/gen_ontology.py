"""Write the event-class section of ontology/newskg.ttl from ontology/event_taxonomy.csv.

The taxonomy is data (one row per class: parents, CAMEO code, label, other words for it, the roles
it takes, behaviour traits); the Turtle between the BEGIN/END markers is generated from it, so the
two never disagree (tests/test_ontology.py checks). Run after editing the CSV, then
tools/gen_namespace.py.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAXONOMY = ROOT / "ontology" / "event_taxonomy.csv"
ONTOLOGY = ROOT / "ontology" / "newskg.ttl"
BEGIN = "# BEGIN GENERATED event classes (tools/gen_ontology.py from ontology/event_taxonomy.csv; do not edit)"
END = "# END GENERATED event classes"


def read_taxonomy(path: Path = TAXONOMY) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#") and line.strip()))


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


def render_class(row: dict[str, str]) -> str:
    parents = ", ".join(f"nkg:{p}" for p in row["parents"].split("|"))
    lines = [f"nkg:{row['class']} a owl:Class ;", f"    rdfs:subClassOf {parents} ;",
             f"    rdfs:label {_literal(row['label'])} ;", f"    rdfs:comment {_literal(row['definition'])}"]
    if row["cameo"]:
        lines.append(f'    nkg:cameoCode "{row["cameo"]}"')
    if row["roles"]:
        lines.append("    nkg:takesRole " + ", ".join(f"nkg:{r}" for r in row["roles"].split("|")))
    alts = [a for a in row["alt_labels"].split("|") if a]
    if alts:
        lines.append("    skos:altLabel " + ", ".join(_literal(a) for a in alts))
    return " ;\n".join(lines) + " ."


def render(rows: list[dict[str, str]]) -> str:
    return "\n\n".join([BEGIN, *(render_class(r) for r in rows), END])


def updated(ontology_text: str, rows: list[dict[str, str]]) -> str:
    start, end = ontology_text.index(BEGIN), ontology_text.index(END) + len(END)
    return ontology_text[:start] + render(rows) + ontology_text[end:]


if __name__ == "__main__":
    text = ONTOLOGY.read_text(encoding="utf-8")
    new = updated(text, read_taxonomy())
    if "--check" in sys.argv:
        sys.exit(0 if new == text else "ontology/newskg.ttl is out of date: run tools/gen_ontology.py")
    ONTOLOGY.write_text(new, encoding="utf-8")
    print(f"wrote {ONTOLOGY}")
