from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.money import find_money, format_amount, parse_amount, qualifier_for, role_for


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("£84,500", "84500.00"),
        ("£1,790,932.20", "1790932.20"),
        ("£0.600m", "600000.00"),
        ("£1,510k", "1510000.00"),
        ("£424.764 million", "424764000.00"),
        ("£25m", "25000000.00"),
        ("£19M", "19000000.00"),
        ("£1,159.1m", "1159100000.00"),
        ("£2bn", "2000000000.00"),
        ("PS865,312", "865312.00"),
        ("171,790", "171790.00"),
        ("32,663.22", "32663.22"),
        ("0", "0.00"),
    ],
)
def test_parse_amount(printed: str, value: str) -> None:
    assert parse_amount(printed) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "£", "2023/24", "£12 and £13", "12/06/2023"])
def test_parse_amount_refuses(text: str) -> None:
    assert parse_amount(text) is None


def test_find_money_in_running_text() -> None:
    text = "a maximum of £84,500 from MOPAC, ranges £16.00- £24.00 and up £1,013,030; 2023/24 is a year, not money."
    found = find_money(text)
    assert [f.amount for f in found] == [Decimal("84500.00"), Decimal("16.00"), Decimal("24.00"), Decimal("1013030.00")]
    assert found[0].qualifier == "maximum"
    assert found[3].qualifier == "up to"  # "up £1,013,030": a printed error, read as meant


def test_a_sum_straight_after_circa_is_read_but_not_one_inside_a_word() -> None:
    found = find_money("a two-year programme worth c.£373k, ca.£1.2m in all; code abc.£5 and 1.£400 are not sums")
    assert [f.amount for f in found] == [Decimal("373000.00"), Decimal("1200000.00")]
    assert [f.qualifier for f in found] == ["approximately", "approximately"]


def test_qualifiers_after_the_sum() -> None:
    text = "£2m including VAT (£1.6m excluding VAT)"
    found = find_money(text)
    assert [f.qualifier for f in found] == ["including VAT", "excluding VAT"]
    assert (
        qualifier_for("value of £500,000 or above", 9, 17) == "more than"
        or qualifier_for("value of £500,000 or above", 9, 17) == "or more"
    )


def test_roles() -> None:
    s = "contracts with an original value of £500,000 or above require the approval of the DMPC."
    m = find_money(s)[0]
    assert role_for(s, m.start, m.end) == "threshold"
    s = "MOPAC's match funding of £674,734 will be used."
    m = find_money(s)[0]
    assert role_for(s, m.start, m.end) == "match funding"
    s = "The Home Office grant totals £5,192,871.25 over two years."
    m = find_money(s)[0]
    assert role_for(s, m.start, m.end) in {"grant", "total"}


@given(st.text(max_size=200))
def test_parsers_never_raise(text: str) -> None:
    parse_amount(text)
    find_money(text)


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_format_then_parse_round_trips(value: Decimal) -> None:
    printed = format_amount(value)
    assert parse_amount(printed) == value
    assert parse_amount("£" + f"{value:,.2f}") == value


def test_a_tables_unit_in_running_text_is_not_a_sum() -> None:
    from pipeline.extract.money import find_money

    text = "All figures are in £000 and exclude VAT. The budget is £2,300k; a further £0.5m and £1,000 are held."
    assert [m.raw for m in find_money(text)] == ["£2,300k", "£0.5m", "£1,000"]
