"""Joining the items of one meeting that arrive in separate files (eDoc's per-item PDFs)."""

from __future__ import annotations

import datetime as dt

from dagsorden.documents.format import Document, MeetingInfo, Section, Source
from dagsorden.importers import partial
from dagsorden.meetings.tests.factories import item_build


def one_item(number: str, *, title: str | None = None, minutes: bool = True) -> Document:
    return Document(
        source=Source(format="edoc-pdf", path=f"{number}.pdf"),
        body="Sundheds- og Forebyggelsesudvalget",
        meeting=MeetingInfo(date=dt.date(2012, 12, 4), document="minutes" if minutes else "agenda"),
        sections=(Section(number="1", title="Åben dagsorden", items=(item_build(number, title),)),),
    )


def numbers(document: Document) -> list[str]:
    return [item.number for item in document.items]


def test_items_from_several_files_become_one_meeting_in_number_order():
    merged = partial.merge(None, [one_item("10"), one_item("2"), one_item("9")])

    assert numbers(merged) == ["2", "9", "10"]
    assert len(merged.sections) == 1


def test_a_stored_meeting_keeps_its_other_items_and_gets_the_new_one():
    stored = partial.merge(None, [one_item("1"), one_item("2", title="Gammel titel")])

    merged = partial.merge(stored, [one_item("2", title="Ny titel"), one_item("3")])

    assert numbers(merged) == ["1", "2", "3"]
    assert merged.items[1].title == "Ny titel"


def test_minutes_win_over_an_agenda_for_the_same_meeting():
    merged = partial.merge(None, [one_item("1"), one_item("2", minutes=False)])

    assert merged.meeting.document == "minutes"
