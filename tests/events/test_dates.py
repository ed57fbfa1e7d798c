from datetime import date

import pytest

from dateline.events.dates import resolve_date

FRIDAY = date(2024, 3, 15)


@pytest.mark.parametrize(("text", "expected"), [
    ("on Tuesday", date(2024, 3, 12)),
    ("Wednesday evening", date(2024, 3, 13)),
    ("Friday night", date(2024, 3, 15)),
    ("last Friday", date(2024, 3, 8)),
    ("yesterday", date(2024, 3, 14)),
    ("overnight", date(2024, 3, 14)),
    ("last week", date(2024, 3, 8)),
    ("earlier this month", date(2024, 3, 1)),
    ("on March 2", date(2024, 3, 2)),
    ("11 February", date(2024, 2, 11)),
    ("December 28", date(2023, 12, 28)),
    ("June 3, 2019", date(2019, 6, 3)),
    ("in February", date(2024, 2, 1)),  # a month alone: its first day, not the publication's day in it
    ("November", date(2023, 11, 1)),
    ("April 2019", date(2019, 4, 1)),
])
def test_dates_resolve_relative_to_publication(text, expected):
    assert resolve_date(text, FRIDAY) == expected


@pytest.mark.parametrize("text", ["in 1995", "three years ago", "the coming decades"])
def test_dates_vague_expressions_resolve_to_nothing(text):
    assert resolve_date(text, FRIDAY) is None


def test_dates_future_weekday_looks_forward():
    assert resolve_date("on Monday", FRIDAY, forward=True) == date(2024, 3, 18)


def test_dates_without_publication_date_is_none():
    assert resolve_date("on Tuesday", None) is None
