"""Benchmark `kg build` against spaCy alone on a fixed corpus; prints figures (not a test).

Corpus: the 120 WikiNews articles of ../shared/corpora/wikinews-2015 plus the sample article
("1x"), and the same replicated ten times with distinct ids ("10x"). Each measurement runs in a
fresh subprocess so peak memory (max RSS) is its own.

    .venv/bin/python bench/run.py [--corpus PATH.jsonl] [--jobs N] [--skip-10x]
"""
from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews-2015" / "articles.jsonl"
SAMPLE = ROOT / "data" / "articles" / "myanmar-mandalay-pdf-clash.txt"


def make_corpus(source: Path, copies: int) -> Path:
    """The corpus as JSONL, replicated with distinct ids (so nothing is merged or cached away)."""
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    sample = SAMPLE.read_text(encoding="utf-8")
    records.append({"id": "sample", "title": sample.split("\n", 1)[0], "published": None, "text": sample})
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"corpus-{copies}x.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for record in records:
                out.write(json.dumps({**record, "id": f"{record['id']}" if copies == 1 else f"c{copy}-{record['id']}"},
                                     ensure_ascii=False) + "\n")
    return path


# Both scripts time everything after interpreter start-up: imports (spaCy's included), model
# and lexicon loading, work. The spaCy-only script reads the articles before its clock starts.
SPACY_ONLY = """
import sys, time, json
from kg import ingest
from kg.config import Settings
settings = Settings()
articles = list(ingest.read_articles(__import__('pathlib').Path(sys.argv[1]), settings, problems=[]))
t0 = time.perf_counter()
from kg import lexicon, nlp
lex = lexicon.load(settings.lexicon_dir, settings.ontology_path)
pipe = nlp.pipeline(settings, lex)
texts = [piece for a in articles for _, _, piece in nlp.blocks_of(a.text)]
for _ in pipe.pipe(texts, batch_size=64, n_process=int(sys.argv[2])):
    pass
import resource
print(json.dumps({"seconds": time.perf_counter() - t0, "articles": len(articles), "chars": sum(len(t) for t in texts),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

KG_BUILD = """
import sys, time, json
t0 = time.perf_counter()
from pathlib import Path
from kg.pipeline import build
summary = build([Path(sys.argv[1])], out_dir=Path(sys.argv[3]), cache_dir=Path(sys.argv[3]) / ".cache",
                jobs=int(sys.argv[2]), progress=False)
import resource
print(json.dumps({"seconds": time.perf_counter() - t0, "articles": summary.articles, "triples": summary.triples,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "child_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def measure(code: str, *args: str) -> dict:
    """Run code in a fresh interpreter; return its JSON line (seconds, peak RSS of that process)."""
    wall = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - wall
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    data = json.loads(result.stdout.strip().splitlines()[-1])
    data["wall"] = wall
    return data


def run(corpus: Path, jobs: int, rebuild: bool = True) -> dict:
    out = WORK / f"out-{corpus.stem}"
    subprocess.run(["rm", "-rf", str(out)], check=True)
    spacy_only = measure(SPACY_ONLY, str(corpus), str(jobs))
    build = measure(KG_BUILD, str(corpus), str(jobs), str(out))
    again = measure(KG_BUILD, str(corpus), str(jobs), str(out)) if rebuild else None
    return {"spacy": spacy_only, "build": build, "rebuild": again}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--skip-10x", action="store_true", help="only the 1x corpus")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10], help="corpus sizes to run (default 1 10)")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the cached second build")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{__import__('os').cpu_count()} cores; jobs={args.jobs}")
    rows = {}
    for copies in [1] if args.skip_10x else args.copies:
        corpus = make_corpus(args.corpus, copies)
        rows[copies] = run(corpus, args.jobs, rebuild=not args.no_rebuild)
        r = rows[copies]
        ratio = r["build"]["seconds"] / r["spacy"]["seconds"]
        print(f"{copies:>3}x: {r['build']['articles']} articles, {r['spacy']['chars']:,} chars, {r['build']['triples']:,} triples")
        print(f"      spaCy alone (load + parse): {r['spacy']['seconds']:7.1f} s   peak {r['spacy']['peak_mib']:7.0f} MiB")
        print(f"      kg build (everything):      {r['build']['seconds']:7.1f} s   peak {r['build']['peak_mib']:7.0f} MiB"
              f"   ratio {ratio:.2f}x   {r['build']['articles'] / r['build']['seconds']:.1f} articles/s")
        print(f"      (SHACL runs in a forked child: its peak {r['build'].get('child_peak_mib', 0):.0f} MiB,"
              f" mostly pages shared with the parent)")
        if r["rebuild"]:
            print(f"      kg build again (cached):    {r['rebuild']['seconds']:7.1f} s")
        sys.stdout.flush()
    if 10 in rows and 1 in rows:
        growth = rows[10]["build"]["peak_mib"] / rows[1]["build"]["peak_mib"]
        print(f"peak memory 10x / 1x: {growth:.2f}x (target <= 2.5x); "
              f"build/spaCy ratio target <= 1.3x")


if __name__ == "__main__":
    main()
