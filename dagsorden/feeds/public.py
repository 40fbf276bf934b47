"""What the calendars and feeds show: always what the public sees.

A calendar app or feed reader fetches without the visitor's session, and a feed address
is easily shared, so a logged-in member gets the public view here too.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.utils import formats, translation

from dagsorden.meetings import access
from dagsorden.meetings.models import Meeting

PUBLIC = AnonymousUser()


def visible(meeting: Meeting) -> bool:
    return access.can_see_meeting(PUBLIC, meeting)


def minutes_visible(meeting: Meeting) -> bool:
    return access.can_see_minutes(PUBLIC, meeting)


def item_lines(meeting: Meeting) -> list[str]:
    """ "<number>. <title>" per item, in agenda order; a closed item with the title the
    portal shows the public. Sections and items must be prefetched."""
    lines = []
    for section in meeting.sections.all():
        for item in section.items.all():
            title = item.title if item.public else access.closed_title(meeting.body, item.title)
            lines.append(f"{item.number}. {title}")
    return lines


def long_date(day: dt.date) -> str:
    """ "15. oktober 2021", whatever language the request asked for."""
    with translation.override("da"):
        return formats.date_format(day, "j. F Y")
