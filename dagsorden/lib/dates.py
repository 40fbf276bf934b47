"""Danish month names and dates as Danish prose writes them ("15. oktober 2021").

Written out here rather than through Django's localisation, so a PDF, a search index or a
parser never depends on the active language.
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    *("januar", "februar", "marts", "april", "maj", "juni"),
    *("juli", "august", "september", "oktober", "november", "december"),
)


def danish_date(day: dt.date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
