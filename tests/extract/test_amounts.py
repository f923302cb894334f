"""kg.extract.amounts: sums of money and percentages as plain decimals with their currency."""
import pytest

from kg.extract.amounts import money, percentage

CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "rupee": "INR", "Sh": "KES", "A$": "AUD"}


@pytest.mark.parametrize("text, expected", [
    ("$1.1 billion", ("1100000000", "USD")),
    ("US$14 billion", ("14000000000", "USD")),
    ("€5bn", ("5000000000", "EUR")),
    ("£2.5 million", ("2500000", "GBP")),
    ("1 million rupees", ("1000000", "INR")),
    ("Sh320m", ("320000000", "KES")),
    ("A$300m", ("300000000", "AUD")),
    ("$3,590", ("3590", "USD")),
    ("12 million", ("12000000", None)),
])
def test_money_phrases(text, expected):
    assert money(text, CURRENCIES) == expected


def test_percentages():
    assert percentage("3.2%") == "3.2" and percentage("22 percent") == "22" and percentage("7 per cent") == "7"
    assert percentage("no figure") is None
