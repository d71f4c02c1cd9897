"""Exact money, date and time parsing."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expensecli.core.values import (
    PlainScalar,
    ValueProblem,
    money_display,
    money_text,
    parse_date,
    parse_decimal,
    parse_money,
    parse_time,
)


@pytest.mark.parametrize("text, expected", [
    ("199", "199"), ("199.5", "199.5"), ("199.50", "199.50"), ("199,50", "199.50"),
    ("1 110,50", "1110.50"), ("1 110.50", "1110.50"), ("1\u00a0110,50", "1110.50"),
    ("12 345 678,90", "12345678.90"), ("0.10", "0.10"), ("-5", "-5"),
])
def test_amounts_are_read_exactly_from_text(text, expected):
    assert parse_money(text) == Decimal(expected)
    assert str(parse_money(text)) == expected


@pytest.mark.parametrize("text, fragment", [
    ("612.505", "more than 2 decimals"),
    ("1234567890123", "more than 12 digits"),
    (".nan", "finite"), ("NaN", "finite"), (".inf", "finite"), ("-.inf", "finite"),
    ("1e3", "exponent"),
    ("1.110,50", "space as thousands separator"), ("1,110.50", "space as thousands separator"),
    ("12 34", "not a number"), ("abc", "not a number"), ("", "not a number"),
])
def test_bad_amounts_say_why(text, fragment):
    with pytest.raises(ValueProblem, match=fragment):
        parse_money(text)


def test_floats_and_booleans_are_not_amounts():
    with pytest.raises(ValueProblem):
        parse_money(0.1)
    with pytest.raises(ValueProblem):
        parse_money(True)


def test_rates_allow_six_decimals_but_not_seven():
    assert parse_decimal("11.680212", places=6) == Decimal("11.680212")
    with pytest.raises(ValueProblem, match="more than 6 decimals"):
        parse_decimal("11.6802121", places=6)


@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2, allow_nan=False,
                   allow_infinity=False))
def test_money_round_trips_through_text(amount):
    text = money_text(amount)
    assert parse_money(text) == amount
    assert parse_money(text.replace(".", ",")) == amount
    assert parse_money(money_display(amount)) == amount


def test_display_groups_thousands_with_spaces():
    assert money_display(Decimal("2108.6")) == "2 108.60"
    assert money_display(Decimal("760.5")) == "760.50"
    assert money_text(Decimal("1110")) == "1110.00"
    assert money_text(Decimal("0.005")) == "0.01"  # half-up


def test_dates():
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    with pytest.raises(ValueProblem, match="not a real date"):
        parse_date("2024-02-30")
    with pytest.raises(ValueProblem, match="not a real date"):
        parse_date("2024-13-01")
    with pytest.raises(ValueProblem, match="YYYY-MM-DD"):
        parse_date("1.3.2024")


def test_times_must_be_quoted_and_real():
    assert parse_time("10:30") == dt.time(10, 30)
    with pytest.raises(ValueProblem, match="must be quoted"):
        parse_time(PlainScalar("10:30"))
    with pytest.raises(ValueProblem, match="not a time of day"):
        parse_time("25:00")
    with pytest.raises(ValueProblem, match="in quotes"):
        parse_time(630)
