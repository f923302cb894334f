"""Sums of money and percentages an event is about, read from its clause: pure functions.

"a $1.1 billion deal" -> money 1100000000, currency USD; "shares fell 3.2%" -> percentage 3.2.
Currency symbols and words are data (data/lexicons/currencies.csv).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from spacy.tokens import Token

_SCALE = {"thousand": 10**3, "k": 10**3, "million": 10**6, "mln": 10**6, "m": 10**6, "mn": 10**6,
          "billion": 10**9, "bln": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12,
          "lakh": 10**5, "crore": 10**7}
_NUMBER = re.compile(r"(?P<symbol>[A-Z]{0,3}[$€£¥₦₩]|[A-Z]{1,3}(?=\s?\d))?\s?(?P<number>\d[\d,]*(?:\.\d+)?)\s?"
                     r"(?P<scale>thousand|million|billion|trillion|bln|mln|bn|mn|tn|lakh|crore|[kmb](?![a-z]))?",
                     re.IGNORECASE)
_PERCENT = re.compile(r"(?P<number>\d+(?:\.\d+)?)\s?(?:%|percent|per cent)", re.IGNORECASE)


def money(text: str, currencies: dict[str, str]) -> tuple[str, str | None] | None:
    """(amount as a plain decimal string, ISO code or None) of a money phrase, or None."""
    match = _NUMBER.search(text)
    if match is None:
        return None
    try:
        value = Decimal(match.group("number").replace(",", ""))
    except InvalidOperation:
        return None
    scale = (match.group("scale") or "").lower()
    value *= _SCALE.get(scale, 1)
    code = None
    symbol = match.group("symbol")
    if symbol:
        code = currencies.get(symbol.strip()) or currencies.get(symbol.strip().upper())
    if code is None:
        for word in re.findall(r"[A-Za-z]+", text[match.end():] + " " + text[:match.start()]):
            code = currencies.get(word.lower()) or currencies.get(word.lower().rstrip("s")) or \
                (currencies.get(word) if word.isupper() else None)
            if code:
                break
    return _plain(value), code


def percentage(text: str) -> str | None:
    match = _PERCENT.search(text)
    return _plain(Decimal(match.group("number"))) if match else None


def _plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 1100000000, 3.2."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def of_clause(tokens: list[Token], currencies: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """(money, currency, percentage) of the MONEY and PERCENT spans among a clause's tokens, the
    first of each kind."""
    found_money, code, found_percent = None, None, None
    seen = {t.i for t in tokens}
    doc = tokens[0].doc if tokens else None
    for ent in doc.ents if doc is not None else ():
        if not any(t.i in seen for t in ent):
            continue
        if ent.label_ == "MONEY" and found_money is None:
            before = doc[ent.start - 1].text if ent.start > 0 and doc[ent.start - 1].text in currencies else ""
            parsed = money(before + ent.text, currencies)  # "$" the NER left outside the span
            if parsed:
                found_money, code = parsed
        elif ent.label_ == "PERCENT" and found_percent is None:
            found_percent = percentage(ent.text)
    return found_money, code, found_percent
