"""Agendas built by hand for tests, the way the secretariat builds them (see
``personas`` for the users)."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from dagsorden.bodies.models import Body
from dagsorden.meetings.editing import item_create, meeting_create
from dagsorden.meetings.models import AgendaItem, Meeting
from dagsorden.meetings.tests.personas import body_create

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
DOCX = b"PK\x03\x04" + b"\x00" * 26
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56


def kkr_create(**fields) -> Body:
    return body_create(
        "KKR Hovedstaden", **{"slug": "kkr-hovedstaden", "kind": Body.Kind.KKR, **fields}
    )


def draft_create(*, body: Body, by, date: dt.date = dt.date(2027, 2, 5), **fields) -> Meeting:
    """A draft meeting from the body's template."""
    return meeting_create(body=body, date=date, by=by, **fields)


def items_add(meeting: Meeting, section: str, *titles: str, by) -> list[AgendaItem]:
    """Items added at the end of section ``section`` (its number), in order."""
    target = meeting.sections.get(number=section)
    return [item_create(section=target, title=title, by=by) for title in titles]


def upload(name: str, content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
