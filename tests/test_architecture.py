"""The data flows one way: extraction never imports rdflib, the RDF stage never imports spaCy."""
import ast
from pathlib import Path

KG = Path(__file__).resolve().parent.parent / "kg"


def _imports(folder: Path) -> dict[str, set[str]]:
    found = {}
    for path in sorted(folder.rglob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module.split(".")[0] if node.level == 0 else "")
        found[str(path.relative_to(KG))] = names
    return found


def test_extract_does_not_import_rdflib():
    offenders = {f for f, names in _imports(KG / "extract").items() if "rdflib" in names}
    assert offenders == set()


def test_rdf_does_not_import_spacy():
    offenders = {f for f, names in _imports(KG / "rdf").items() if "spacy" in names}
    assert offenders == set()


def test_model_is_plain():
    names = _imports(KG)["model.py"]
    assert not names & {"rdflib", "spacy"}
