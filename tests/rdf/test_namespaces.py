"""kg.rdf.namespaces.NKG and ontology/newskg.ttl define the same terms, both ways."""
from pathlib import Path

import pytest

from kg.rdf.namespaces import NKG

ROOT = Path(__file__).resolve().parents[2]


def test_namespace_matches_ontology_both_ways():
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from gen_namespace import ontology_terms

    in_ontology = set(ontology_terms(ROOT / "ontology" / "newskg.ttl"))
    in_python = set(NKG.__annotations__)
    assert in_ontology - in_python == set(), "terms in the ontology missing from NKG (run tools/gen_namespace.py)"
    assert in_python - in_ontology == set(), "terms in NKG that the ontology does not define"


def test_unknown_term_fails_fast():
    with pytest.raises(AttributeError):
        NKG.Persn  # noqa: B018 - a typo must not mint a new IRI
