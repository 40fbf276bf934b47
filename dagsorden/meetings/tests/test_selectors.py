"""The readers a portal uses: the meeting list and one meeting with its agenda."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from dagsorden.bodies.models import Body
from dagsorden.meetings import selectors
from dagsorden.meetings.models import AgendaItem
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.factories import document_build

pytestmark = pytest.mark.django_db


def on(date: dt.date, body: str = "KKR Hovedstaden"):
    document = document_build(body=body)
    return document_import(document=replace(document, meeting=replace(document.meeting, date=date)))


def test_meeting_list_is_newest_first_with_item_counts():
    on(dt.date(2021, 9, 3))
    on(dt.date(2021, 10, 15))
    on(dt.date(2021, 10, 15), body="KKR Sjælland")

    meetings = list(selectors.meeting_list())

    assert [(m.date.isoformat(), m.body.name) for m in meetings] == [
        ("2021-10-15", "KKR Hovedstaden"),
        ("2021-10-15", "KKR Sjælland"),
        ("2021-09-03", "KKR Hovedstaden"),
    ]
    assert [m.item_count for m in meetings] == [5, 5, 5]


def test_meeting_list_filters_by_body_and_year():
    on(dt.date(2021, 9, 3))
    on(dt.date(2022, 1, 14))
    on(dt.date(2022, 1, 14), body="KKR Sjælland")
    body = Body.objects.get(name="KKR Hovedstaden")

    dates = [m.date.isoformat() for m in selectors.meeting_list(body=body, year=2022)]

    assert dates == ["2022-01-14"]


def test_meeting_get_and_by_date_find_the_meeting_or_none():
    meeting = on(dt.date(2021, 10, 15))

    assert selectors.meeting_get(meeting_id=meeting.pk) == meeting
    assert selectors.meeting_get(meeting_id=meeting.pk + 1) is None
    found = selectors.meeting_get_by_date(body_slug="kkr-hovedstaden", date=meeting.date)
    assert found == meeting
    assert (
        selectors.meeting_get_by_date(body_slug="kkr-hovedstaden", date=dt.date(2021, 1, 1)) is None
    )


def test_public_attachments_leave_out_closed_ones():
    meeting = on(dt.date(2021, 10, 15))
    item = AgendaItem.objects.get(section__meeting=meeting, number="2.1")

    assert [a.title for a in item.public_attachments] == ["Notat om FGU", "Tidsplan kan rekvireres"]
