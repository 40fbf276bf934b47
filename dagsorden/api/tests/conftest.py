"""Meetings in every state the API must tell apart, built from the shared factories."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from dagsorden.bodies.models import LegislativeTerm, Membership, Person
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.factories import document_build

S = Meeting.State


def meeting_import(day: dt.date, state: str, **fields) -> Meeting:
    document = document_build(**fields)
    document = replace(document, meeting=replace(document.meeting, date=day))
    return document_import(document=document, state=state)


@pytest.fixture
def meetings(db):
    """Minutes published, an agenda published, and one only sent to the members."""
    minutes = meeting_import(dt.date(2021, 10, 15), S.MINUTES_PUBLISHED)
    agenda = meeting_import(dt.date(2021, 11, 15), S.PUBLISHED)
    sent = meeting_import(dt.date(2021, 12, 15), S.SENT)
    other = meeting_import(dt.date(2021, 10, 20), S.PUBLISHED, body="KKR Sjælland")
    term = LegislativeTerm.objects.create(
        name="2022–2025", start=dt.date(2022, 1, 1), end=dt.date(2025, 12, 31)
    )
    person = Person.objects.create(name="Steen Christiansen", email="sc@example.org")
    Membership.objects.create(
        person=person, body=minutes.body, term=term, basis=Membership.Basis.APPOINTED
    )
    return {"minutes": minutes, "agenda": agenda, "sent": sent, "other": other}
