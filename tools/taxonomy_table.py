"""Write the README's taxonomy table from ontology/event_taxonomy.csv and the trigger lexicon.

One row per event class: its family (the first parent below nkg:Event), CAMEO code, roles and a few
example triggers (curated ones first, then those derived from the CAMEO verb dictionary). The table
sits between the BEGIN/END markers of README.md; tests/test_ontology.py fails when it is stale.

    python tools/taxonomy_table.py          # rewrite the table in README.md
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from gen_ontology import read_taxonomy  # noqa: E402

TRIGGERS = ROOT / "data" / "lexicons" / "event_triggers.csv"
README = ROOT / "README.md"
BEGIN = "<!-- BEGIN taxonomy table (tools/taxonomy_table.py; do not edit) -->"
END = "<!-- END taxonomy table -->"
EXAMPLES = 4


def _triggers() -> dict[str, list[str]]:
    found: dict[str, list[tuple[int, str]]] = {}
    with TRIGGERS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#") and line.strip()):
            curated = 0 if not row["source"].startswith("CAMEO:") else 1
            found.setdefault(row["event_class"], []).append((curated, row["lemma"].replace("_", " ")))
    return {cls: [w for _, w in sorted(set(words))] for cls, words in found.items()}


def _family(name: str, rows: dict[str, dict]) -> str:
    current = name
    while rows.get(current) and rows[current]["parents"].split("|")[0] != "Event":
        current = rows[current]["parents"].split("|")[0]
    return current


def table() -> str:
    rows = {row["class"]: row for row in read_taxonomy()}
    triggers = _triggers()
    lines = ["| class | family | CAMEO | roles | example triggers |", "| --- | --- | --- | --- | --- |"]
    for name in sorted(rows, key=lambda n: (_family(n, rows), "family" not in rows[n]["traits"], n)):
        row = rows[name]
        family = "(family)" if "family" in row["traits"].split("|") else rows[_family(name, rows)]["label"]
        examples = ", ".join(triggers.get(name, [])[:EXAMPLES])
        roles = ", ".join(row["roles"].split("|")) if row["roles"] else ""
        lines.append(f"| `nkg:{name}` {row['label']} | {family} | {row['cameo']} | {roles} | {examples} |")
    return "\n".join(lines)


def updated(readme: str) -> str:
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    return readme[:start] + "\n" + table() + "\n" + readme[end:]


if __name__ == "__main__":
    README.write_text(updated(README.read_text(encoding="utf-8")), encoding="utf-8")
