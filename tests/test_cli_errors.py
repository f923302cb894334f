"""Bad input and bad usage: one line on stderr, exit status 2, earlier output untouched."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from tests.conftest import ROOT

ENGLISH = ("Workers at the plant walked out on Monday after the company said it would close two lines. "
           "The union said the decision was taken without any consultation with the staff.\n")


def run_cli(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.err


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "graph.ttl").write_text("previous", encoding="utf-8")
    return folder


def assert_one_line_error(code, err, out, pattern):
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert pattern in lines[0], lines[0]
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"


@pytest.mark.parametrize("name, data, pattern", [
    ("empty.txt", b"", "empty article"),
    ("blank.txt", b"  \n \t\n", "empty article"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary"),
    ("bad.txt", b"Headline\n" + b"\xc3\x28 \xa0\xa1 " * 50 + b"\x00", "binary"),
    ("nohtml.html", b"<html><head><title>x</title></head><body></body></html>", "no article text"),
    ("broken.jsonl", b"{broken\n[1,2]\n", "no readable article"),
])
def test_bad_files(capsys, tmp_path, out, name, data, pattern):
    path = tmp_path / name
    path.write_bytes(data)
    code, err = run_cli(capsys, "build", str(path), "-o", str(out))
    assert_one_line_error(code, err, out, pattern)


@pytest.mark.parametrize("name", ["a.docx", "notes.pdf", "page.odt"])
def test_a_file_of_a_kind_kg_does_not_read_is_refused(capsys, tmp_path, out, name):
    """Issue 13, item 11: an a.docx was built as if it were text."""
    path = tmp_path / name
    path.write_text("Headline\n" + ENGLISH, encoding="utf-8")  # readable as text: only the kind says no
    code, err = run_cli(capsys, "build", str(path), "-o", str(out))
    assert_one_line_error(code, err, out, f"kg does not read {Path(name).suffix} files")


def test_missing_path(capsys, tmp_path, out):
    code, err = run_cli(capsys, "build", str(tmp_path / "nope.txt"), "-o", str(out))
    assert_one_line_error(code, err, out, "no such file")


def test_huge_text_is_refused_with_the_limit(capsys, tmp_path, out):
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(50 * 1024 * 1024 // len(ENGLISH)):
            handle.write(ENGLISH)
    code, err = run_cli(capsys, "build", str(path), "-o", str(out))
    assert_one_line_error(code, err, out, "over the limit of 500,000 characters")


def test_single_million_character_line_is_refused_with_the_limit(capsys, tmp_path, out):
    path = tmp_path / "line.txt"
    path.write_text("Headline\n" + ("word " * 200_000), encoding="utf-8")
    code, err = run_cli(capsys, "build", str(path), "-o", str(out))
    assert_one_line_error(code, err, out, "over the limit")


def test_non_english(capsys, tmp_path, out):
    path = tmp_path / "de.txt"
    path.write_text("Streik im Werk\n" + "Die Arbeiter des Werks legten am Montag die Arbeit nieder, nachdem das "
                    "Unternehmen angekündigt hatte, zwei Linien zu schließen. Die Gewerkschaft erklärte, die "
                    "Entscheidung sei ohne Beratung mit der Belegschaft gefallen.\n", encoding="utf-8")
    code, err = run_cli(capsys, "build", str(path), "-o", str(out))
    assert_one_line_error(code, err, out, "English")


def test_unwritable_output(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Headline\n" + ENGLISH, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, err = run_cli(capsys, "build", str(path), "-o", str(blocker / "out"))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "cannot write" in err


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_an_output_folder_nothing_can_be_made_in_is_refused_before_any_parsing(capsys, tmp_path, monkeypatch):
    """Issue 13, item 7: permission bits let root write in /proc; only trying tells."""
    import kg.pipeline

    path = tmp_path / "a.txt"
    path.write_text("Headline\n" + ENGLISH, encoding="utf-8")
    monkeypatch.setattr(kg.pipeline, "build", lambda *a, **k: pytest.fail("parsing started"))
    code, err = run_cli(capsys, "build", str(path), "-o", "/proc/nope")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "/proc/nope: cannot write here" in err, err
    assert not list(tmp_path.glob(".kg-write-test-*"))


def test_bad_usage_is_status_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build"])
    assert exit_info.value.code == 2


def test_jsonl_bad_lines_are_warnings_unless_strict(capsys, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "ok", "title": "T", "text": "Headline\n" + ENGLISH}) + "\n{oops\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    code, err = run_cli(capsys, "build", str(path), "-o", str(out), "--no-html", "--no-validate")
    assert code == 0 and f"{path}:2" in err and (out / "graph.ttl").exists()
    code, err = run_cli(capsys, "build", str(path), "-o", str(tmp_path / "o2"), "--strict")
    assert code == 2 and f"{path}:2" in err


def test_no_traceback_from_a_real_process(tmp_path):
    """The installed entry point, as a user runs it."""
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(path), "-o", str(tmp_path / "o")],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_killed_build_leaves_previous_output_intact(tmp_path):
    """SIGKILL in the middle of a build: the previous graph files are untouched and complete, and
    neither its helper nor its jobs outlive it or print a traceback as they end. (Enough articles
    that no build finishes in the 4 s before the kill.)"""
    import signal
    import time

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"a{i}", "title": "T", "text": "Headline\n" + ENGLISH * 20}) + "\n"
                            for i in range(300)), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    stderr = tmp_path / "stderr"
    with stderr.open("wb") as errors:
        process = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(feed), "-o", str(out), "--jobs", "2"],
                                   stdout=subprocess.DEVNULL, stderr=errors, env=env)
    time.sleep(4)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"
    deadline = time.time() + 15
    while _processes_reading(feed) and time.time() < deadline:
        time.sleep(0.5)
    assert not _processes_reading(feed), "the build's helper or jobs outlived it"
    assert "Traceback" not in stderr.read_text(encoding="utf-8")
    assert not (out / "graph.jsonld").exists() or (out / "graph.jsonld").read_bytes().endswith(b"\n")


def _processes_reading(path) -> list[int]:
    """Processes whose command line names ``path`` (a killed build's forked helpers and jobs)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(path).encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found
