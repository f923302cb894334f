"""Ingest: each input kind becomes an Article; bad input is one clear InputError."""
import json
from pathlib import Path

import pytest

from kg import ingest
from kg.config import Settings
from kg.errors import InputError

SETTINGS = Settings()
ENGLISH = ("Workers at the plant walked out on Monday after the company said it would close two lines. "
           "The union said the decision was taken without any consultation with the staff.\n")


def read(path: Path, **kw):
    return list(ingest.read_articles(path, SETTINGS, **kw))


def test_txt_first_line_is_headline(tmp_path):
    path = tmp_path / "strike.txt"
    path.write_text("Plant workers strike\n" + ENGLISH, encoding="utf-8")
    (article,) = read(path)
    assert article.title == "Plant workers strike"
    assert article.text.startswith("Plant workers strike\n")
    assert article.key == "strike"
    assert article.published is None


def test_txt_crlf_and_bom_are_normalized(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\r\n" + ENGLISH.encode())
    (article,) = read(path)
    assert article.text.startswith("Title\nWorkers")


def test_publication_date_inferred_from_embedded_post(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n" + ENGLISH + "Something happened. pic.twitter.com/x\n"
                    "\u2014 Some Outlet (@some_outlet) March 3, 2020\n", encoding="utf-8")
    (article,) = read(path)
    assert article.published == "2020-03-03" and article.published_inferred


def test_jsonl_metadata_and_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = {"id": "a1", "title": "T", "published": "2008-01-09", "url": "https://example.org/a", "text": ENGLISH}
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "a2"}) + "\n", encoding="utf-8")
    problems = []
    (article,) = read(path, problems=problems)
    assert article.key == "a1" and article.published == "2008-01-09" and not article.published_inferred
    assert article.url == "https://example.org/a"
    assert [p.where for p in problems] == [f"{path}:2:2", f"{path}:3"]
    with pytest.raises(InputError, match=":2:2: malformed JSON"):
        read(path, problems=[], strict=True)


@pytest.mark.parametrize("line, where, says", [
    ('{"id": "a", "text": "The strike began', ":1:21", "malformed JSON: Unterminated string starting here"),
    ('{"id": "a" "text": "x"}', ":1:12", "malformed JSON: Expecting ',' delimiter"),
    ('{"id": "a", "text": "x"} trailing', ":1:26", "malformed JSON: Extra data"),
])
def test_a_bad_jsonl_line_says_where_by_file_line_and_column(tmp_path, line, where, says):
    """Issue 13, item 12: the message said "Unterminated string starting at", and not where."""
    path = tmp_path / "feed.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read(path, problems=[], strict=True)
    assert str(error.value) == f"{path}{where}: {says}"
    with pytest.raises(InputError) as error:  # not strict, but the file's only line: still said where
        read(path, problems=[])
    assert str(error.value) == f"{path}{where}: {says}; no readable article in this JSONL file"


def test_html_through_trafilatura(tmp_path):
    path = tmp_path / "page.html"
    body = "".join(f"<p>{ENGLISH} Paragraph {i}.</p>" for i in range(4))
    path.write_text(f"<html><head><title>Plant strike</title><meta property='article:published_time' "
                    f"content='2019-05-04'><script>alert(1)</script></head><body><nav>Home</nav>"
                    f"<article><h1>Plant strike</h1>{body}</article></body></html>", encoding="utf-8")
    (article,) = read(path)
    assert "walked out on Monday" in article.text
    assert "alert(1)" not in article.text
    assert article.published == "2019-05-04"


LEAD = "Rebels attacked the town of Kouki on Monday, killing five soldiers."


def test_a_jsonl_title_is_the_headline_and_every_line_of_text_is_content(tmp_path):
    """Issue 13, item 1: the lead sentence of a record with its own title is content, not a headline."""
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "t1", "title": "Rebels attack town",
                                "text": LEAD + "\nThe army said it would respond."}) + "\n", encoding="utf-8")
    (article,) = read(path)
    assert article.title == "Rebels attack town"
    assert article.text.startswith(LEAD) and not article.opens_with_headline


def test_a_jsonl_text_repeating_its_title_opens_with_the_headline(tmp_path):
    """Feeds (WikiNews) repeat the title as the text's first line, with other spacing: not content twice."""
    path = tmp_path / "feed.jsonl"
    records = [{"id": "r1", "title": 'Plan for " New Tolmar " unveiled', "text": 'Plan for "New Tolmar" unveiled\n' + LEAD},
               {"id": "r2", "text": LEAD + "\nThe army said it would respond."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    repeated, untitled = read(path)
    assert repeated.opens_with_headline and repeated.title == 'Plan for " New Tolmar " unveiled'
    assert untitled.title == LEAD and not untitled.opens_with_headline  # no title: named by line 1, all content


def test_a_txt_first_line_is_the_headline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("\nRebels attack town\n" + LEAD + "\n", encoding="utf-8")
    (article,) = read(path)
    assert article.title == "Rebels attack town" and article.opens_with_headline


@pytest.mark.parametrize("h1", ["<h1>Rebels attack town</h1>", ""])
def test_an_html_title_is_in_the_text_once_and_the_lead_is_content(tmp_path, h1):
    path = tmp_path / "page.html"
    body = "".join(f"<p>{text}</p>" for text in (LEAD, ENGLISH, ENGLISH.replace("Monday", "Tuesday")))
    path.write_text(f"<html><head><title>Rebels attack town</title></head><body>"
                    f"<article>{h1}{body}</article></body></html>", encoding="utf-8")
    (article,) = read(path)
    assert article.title == "Rebels attack town" and article.opens_with_headline
    assert article.text.count("Rebels attack town") == 1
    assert article.text.split("\n")[:2] == ["Rebels attack town", LEAD]


def test_an_html_page_without_a_title_is_all_content(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><article><p>{LEAD}</p><p>{ENGLISH}</p><p>{ENGLISH}</p></article></body></html>",
                    encoding="utf-8")
    (article,) = read(path)
    assert article.title == LEAD and not article.opens_with_headline and article.text.startswith(LEAD)


def test_folder_is_walked_recursively_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("T2\n" + ENGLISH, encoding="utf-8")
    (tmp_path / "one.txt").write_text("T1\n" + ENGLISH, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    files = ingest.expand_inputs([tmp_path])
    assert files == sorted(files)
    assert [f.name for f in files] == ["two.txt", "one.txt"]  # b/two.txt sorts before one.txt


@pytest.mark.parametrize("content, message", [
    (b"", "empty article"),
    (b"   \n\t\n", "empty article"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    (b"caf\xc3 \xff\xfe\x00 broken", "binary|UTF-8"),
])
def test_bad_text_files_are_refused(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read(path)


def test_utf16_with_bom_and_latin1_are_decoded(tmp_path):
    utf16 = tmp_path / "u16.txt"
    utf16.write_bytes("Caf\u00e9 news\n".encode("utf-16") + ENGLISH.encode("utf-16")[2:])
    assert read(utf16)[0].title == "Caf\u00e9 news"
    latin1 = tmp_path / "l1.txt"
    latin1.write_bytes("Caf\u00e9 news\n".encode("latin-1") + ENGLISH.encode("latin-1"))
    assert read(latin1)[0].title == "Caf\u00e9 news"


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        ingest.expand_inputs([tmp_path / "nope.txt"])
    with pytest.raises(InputError, match="holds no"):
        ingest.expand_inputs([tmp_path])


def test_too_long_article_is_refused_with_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("T\n" + "word " * 1000, encoding="utf-8")
    with pytest.raises(InputError, match="over the limit of 100 characters"):
        list(ingest.read_articles(path, SETTINGS.with_(max_article_chars=100)))


def test_non_english_is_refused():
    german = ingest.Article(key="de", source="de.txt", text=(
        "Die Arbeiter des Werks legten am Montag die Arbeit nieder, nachdem das Unternehmen angekündigt hatte, "
        "zwei Linien zu schließen. Die Gewerkschaft erklärte, die Entscheidung sei ohne Beratung gefallen.") * 2)
    with pytest.raises(InputError, match="English"):
        ingest.check_english(german)
    ingest.check_english(ingest.Article(key="en", text=ENGLISH * 2, source="en.txt"))


def test_english_stop_words_file_matches_spacy():
    from spacy.lang.en.stop_words import STOP_WORDS

    from kg.ingest import english_stop_words

    assert english_stop_words(Settings().lexicon_dir) == frozenset(STOP_WORDS)


@pytest.mark.parametrize("encode", [
    lambda text: text.encode("utf-8"),
    lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),  # a BOM and Windows lines
    lambda text: text.encode("utf-16"),
    lambda text: text.encode("cp1252"),
], ids=["utf-8", "bom-crlf", "utf-16", "cp1252"])
def test_a_jsonl_feed_reads_the_same_streamed_line_by_line_or_decoded_whole(tmp_path, encode):
    records = [{"id": f"a{i}", "title": "Caf\u00e9 talks", "text": f"Caf\u00e9 talks {i}\n{ENGLISH}"} for i in range(3)]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(encode("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)))
    articles = list(ingest.read_articles(path, Settings()))
    assert [a.key for a in articles] == ["a0", "a1", "a2"]
    assert all(a.title == "Caf\u00e9 talks" and a.text.startswith("Caf\u00e9 talks") for a in articles)


def test_a_jsonl_feed_is_read_as_it_is_consumed_not_whole(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": ENGLISH}) + "\n" for i in range(3)) + "{broken\n",
                    encoding="utf-8")
    articles = ingest.read_articles(path, Settings(), problems=[])
    assert next(articles).key == "a0"  # read before the bad line further down is reached
