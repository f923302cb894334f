"""Normalize a DATE span ("Tuesday", "in February", "June 22, 2021") against the publication date.

Only spaCy's DATE (and TIME) spans are parsed (dateparser's own search finds dates in words like
"now"); dateparser reads the numeric dates among them ("22.06.2021").
Weekdays resolve to the latest such day on or before publication (the same day counts: a
Tuesday article's "on Tuesday" is that day), months to the latest such month, unless the clause
speaks of the future; a month in a phrase no past tense governs ("the June 2 elections", "is
scheduled for January") to the next when it is less than half as far as the last. Durations
("six months") are not points in time and give nothing.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

#: Modalities whose dates point forward: "will strike on June 3" and "would strike on June 3 if
#: ..." name the coming June 3, not the last one.
FORWARD_MODALITIES = ("future", "hypothetical")
LABELS = ("DATE", "TIME")  # spaCy's labels of spans that may name a day ("this morning" is a TIME)
_RECORD_WORDS = {"first", "record"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_DURATION = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many)\s+"
                       r"(days?|weeks?|months?|years?|decades?|hours?)\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b([0-3]?\d)(st|nd|rd|th)?\b")


def since_a_record(ent) -> bool:
    """"Its worst fall since 1987", "the first time since 2008": the date a record is measured
    from, not the day anything happened (a DATE span in a "since" phrase after a superlative)."""
    prep = ent.root.head
    if prep.lower_ != "since" or prep.dep_ != "prep":
        return False
    return any(t.tag_ == "JJS" or t.lower_ in _RECORD_WORDS for t in prep.head.subtree if t.i < prep.i)


def an_end_point(ent) -> bool:
    """"postponed the vote until next month", "extended the curfew till Friday": the day something
    lasts until, not the day anything happened."""
    prep = ent.root.head
    return prep.dep_ == "prep" and prep.lower_ in ("until", "till")


def a_baseline(ent) -> bool:
    """"Sales fell 23% compared to March of 2008", "compared with the same period in 2008",
    "higher than in 2019": the date a change is measured against, not the day anything happened."""
    token = ent.root
    while token.dep_ in ("pobj", "prep") and token.head != token:
        token = token.head
        if token.dep_ == "prep" and (token.lower_ in ("than", "versus", "vs", "vs.") or (
                token.lower_ in ("to", "with") and token.head.lemma_.lower() == "compare")):
            return True
    return False


def names_a_happening_day(ent) -> bool:
    """Whether a date span may say when an event happened: not a record's start, an end point or
    a baseline (:func:`since_a_record`, :func:`an_end_point`, :func:`a_baseline`)."""
    return not (since_a_record(ent) or an_end_point(ent) or a_baseline(ent))


def governor(token):
    """The word a phrase hangs on ("said on Sunday" -> said, "an attack in X" -> attack)."""
    while token.dep_ in ("pobj", "prep", "npadvmod", "compound", "nummod", "appos") and token.head != token:
        token = token.head
    return token


def in_the_past(ent) -> bool:
    """Whether a date phrase hangs (through its prepositions) on a verb in a past tense: "fell in
    March", "was arrested on May 2", "has risen since June"; not "the June 2 elections" or "is
    scheduled for January", which may look ahead."""
    token = governor(ent.root)
    if token.pos_ not in ("VERB", "AUX"):
        return False
    auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    return token.tag_ == "VBD" or (token.tag_ == "VBN" and token.dep_ != "acl"  # "a meeting scheduled for May"
                                   and not auxes & {"is", "are", "be", "will", "'s", "'re"})


#: Verbs that set a happening ahead: "are scheduled for Monday", "is set to begin on Wednesday",
#: "plans to stand down on January 15", "is due to arrive on Friday".
_SCHEDULING = {"schedule", "set", "due", "expect", "slate", "plan", "intend"}


def set_ahead(ent, reporting_verbs=frozenset()) -> bool:
    """Whether a date phrase hangs on a verb that speaks of what is to come: "will", a verb of
    scheduling, or a present tense that is no saying ("a meeting that ends on Wednesday"; not
    "the company says")."""
    token = governor(ent.root)
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if {c.lower_ for c in token.children if c.dep_ == "aux"} & {"will", "'ll", "shall"}:
        return True
    scheduler = token.head if token.dep_ == "xcomp" and token.tag_ == "VB" else token
    if scheduler.lemma_.lower() in _SCHEDULING and (scheduler.tag_ in ("VBZ", "VBP") or (
            scheduler.tag_ in ("VBN", "JJ") and any(c.lower_ in ("is", "are", "'s", "'re")
                                                    for c in scheduler.children if c.dep_ in ("aux", "auxpass")))):
        return True
    return token.tag_ in ("VBZ", "VBP") and token.dep_ != "xcomp" and token.lemma_.lower() not in reporting_verbs


def tense_of(ent, modality_forward: bool, reporting_verbs=frozenset()) -> bool | None:
    """The ``future`` argument of :func:`normalize` for a date phrase: True where the clause
    speaks of the future (its modality, or the verb the phrase hangs on), False where a past tense
    governs it, None where nothing says."""
    if modality_forward or set_ahead(ent, reporting_verbs):
        return True
    return False if in_the_past(ent) else None


def normalize(text: str, published: date | None, future: bool | None = False) -> str | None:
    """An ISO date, year-month or year for a DATE span, or None when it names no point in time.
    ``future``: True looks forward, False back, None takes the nearer month (weekdays look back)."""
    lower = text.lower().strip()
    if not lower or _DURATION.search(lower) and not re.search(r"\bago\b", lower):
        return None
    if any(w in lower for w in ("decade", "century", "1990s", "2000s")) or re.search(r"\d0'?s\b", lower):
        return None
    words = re.findall(r"[a-z]+", lower)
    year_match = _YEAR.search(lower)
    year = int(year_match.group(1)) if year_match else None
    month = _month(words)
    if month:
        day = _day(lower, year_match)
        if "last" in words or "next" in words:
            future = "next" in words  # "last September", "next March": the words say which
        if year is None:
            if published is None:
                return None
            year = _resolve_year(month, day, published, future)
        if day and _valid(year, month, day):
            return date(year, month, day).isoformat()
        return f"{year:04d}-{month:02d}"
    if published is not None:
        relative = _relative(words, published, future)
        if relative:
            return relative
    if year and (re.fullmatch(r"(in |the year |early |late |mid-?)?\s*(1[89]\d\d|20\d\d)", lower)
                 or _PART_OF_YEAR.fullmatch(lower)):
        return f"{year:04d}"
    return _by_dateparser(lower, published)


#: "the first quarter of 2009", "the second half of 2024", "Q3 2023": a part of a year, told by its year.
_PART_OF_YEAR = re.compile(r"(?:in |during )?(?:the )?(?:(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
                           r"\s+(?:quarter|half)\s+of|q[1-4]|h[12])\s+(?:1[89]\d\d|20\d\d)")
_NUMERIC = re.compile(r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))\b")
_AGO = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)\s+ago\b")
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}


def _by_dateparser(lower: str, published: date | None) -> str | None:
    """Numeric dates ("2021-06-22", "22.06.2021"), which dateparser reads well; it is given only
    these (its own search finds dates in words like "now", and it puts "Tuesday" a week before a
    Tuesday publication). "Three days ago" is counted back from the publication date."""
    ago = _AGO.search(lower)
    if ago and published:
        n = ago.group(1)
        days = (int(n) if n.isdigit() else _WORD_NUMBERS[n]) * (7 if ago.group(2).startswith("week") else 1)
        return (published - timedelta(days=days)).isoformat()
    numeric = _NUMERIC.search(lower)
    if numeric is None:
        return None
    parsed = _date_parser(published).get_date_data(numeric.group(0))
    return parsed.date_obj.date().isoformat() if parsed and parsed.date_obj else None


@lru_cache(maxsize=8)
def _date_parser(published: date | None):
    """One English dateparser per publication date (making one costs more than parsing with it)."""
    from dateparser.date import DateDataParser  # imported on first use: most articles never need it

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


def _month(words: list[str]) -> int | None:
    for w in words:
        if w in MONTHS:
            return MONTHS.index(w) + 1
        if w in _MONTH_ABBR and w != "may":
            return _MONTH_ABBR[w]
    return None


def _day(lower: str, year_match) -> int | None:
    rest = lower.replace(year_match.group(1), " ") if year_match else lower
    match = _DAY.search(rest)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 31 else None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
        return True
    except ValueError:
        return False


def _resolve_year(month: int, day: int | None, published: date, future: bool | None) -> int:
    candidate = date(published.year, month, min(day or 1, 28))
    ahead = published.year if candidate >= published.replace(day=1) else published.year + 1
    back = published.year if candidate <= published else published.year - 1
    if future is None and ahead != back:  # "the June 2 elections" told in May are this June's
        middle = 15 if day is None else min(day, 28)
        gap_ahead = date(ahead, month, middle) - published
        gap_back = published - date(back, month, middle)
        return ahead if 2 * gap_ahead < gap_back else back  # news looks back more often than ahead
    return ahead if future else back


def _relative(words: list[str], published: date, future: bool) -> str | None:
    for w in words:
        if w in WEEKDAYS:
            target = WEEKDAYS.index(w)
            if future or "next" in words:
                delta = (target - published.weekday()) % 7
                return (published + timedelta(days=delta)).isoformat()
            delta = (published.weekday() - target) % 7
            if "last" in words and delta == 0:
                delta = 7
            return (published - timedelta(days=delta)).isoformat()
    if "today" in words or ("this" in words and any(w in words for w in ("morning", "afternoon", "evening"))) \
            or words == ["tonight"]:
        return published.isoformat()
    if "yesterday" in words:
        return (published - timedelta(days=1)).isoformat()
    if "tomorrow" in words:
        return (published + timedelta(days=1)).isoformat()
    if "week" in words and ("last" in words or "this" in words):
        return _month_of_week(published, last="last" in words, future=future)
    if "last" in words and "month" in words:
        first = published.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if "this" in words and "month" in words:
        return f"{published.year:04d}-{published.month:02d}"
    if "last" in words and "year" in words:
        return f"{published.year - 1:04d}"
    if "this" in words and "year" in words:
        return f"{published.year:04d}"
    if "next" in words and "year" in words:
        return f"{published.year + 1:04d}"
    if "next" in words and "month" in words:
        following = published.replace(day=28) + timedelta(days=4)
        return f"{following.year:04d}-{following.month:02d}"
    return None


def _month_of_week(published: date, last: bool, future: bool = False) -> str | None:
    """"Last week" (Monday to Sunday before the publication's week) or "this week" (its Monday up
    to the publication day, or to its Sunday when the clause speaks of the future) as the month it
    lies in; a week across two months names no month."""
    monday = published - timedelta(days=published.weekday() + (7 if last else 0))
    end = monday + timedelta(days=6) if last or future else published
    return f"{monday.year:04d}-{monday.month:02d}" if (monday.year, monday.month) == (end.year, end.month) else None


_ANCHORED = re.compile(r"^(?:the\s+)?(?:(?P<n>a|an|one|two|three|four|five|six|seven|\d{1,2})\s+(?P<unit>days?|weeks?)"
                       r"\s+(?P<way>earlier|before|later|after)|(?P<prev>previous|preceding)\s+day"
                       r"|(?P<next>next|following)\s+day|day\s+(?P<rel>before|after))$", re.I)


def anchored_offset(text: str) -> int | None:
    """Days from the event told just before: "a day earlier" -> -1, "two days later" -> 2, "the
    next day" -> 1. None for anything else (those need no anchor, or cannot be placed)."""
    match = _ANCHORED.match(" ".join(text.lower().split()))
    if not match:
        return None
    if match.group("prev") or match.group("rel") == "before":
        return -1
    if match.group("next") or match.group("rel") == "after":
        return 1
    n = match.group("n")
    days = (int(n) if n.isdigit() else _WORD_NUMBERS[n]) * (7 if match.group("unit").startswith("week") else 1)
    return -days if match.group("way") in ("earlier", "before") else days


def shift(iso: str, days: int) -> str | None:
    """An ISO day moved by some days; None unless it is a full day."""
    if len(iso) != 10:
        return None
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
