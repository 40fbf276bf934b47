"""After sending, every change is a new version, and versions can be compared."""

from dataclasses import replace

import pytest

from dagsorden.meetings.models import Meeting, MeetingVersion
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.factories import document_build
from dagsorden.meetings.versions import version_diff, version_document, version_record

pytestmark = pytest.mark.django_db


def test_nothing_is_recorded_before_sending():
    meeting = document_import(document=document_build(), state=Meeting.State.DRAFT)
    assert version_record(meeting=meeting, by=None) is None
    assert MeetingVersion.objects.count() == 0


def test_sent_agenda_gets_numbered_versions_only_when_it_changes():
    document = document_build()
    meeting = document_import(document=document, state=Meeting.State.SENT)

    first = version_record(meeting=meeting, by=None, note="Udsendt")
    assert first.number == 1 and version_document(first) == document
    assert version_record(meeting=meeting, by=None) is None  # unchanged: nothing new

    section = document.sections[0]
    changed_item = replace(section.items[0], title="Ny titel")
    corrected = replace(
        document,
        sections=(
            replace(section, items=(changed_item, *section.items[1:])),
            *document.sections[1:],
        ),
    )
    document_import(document=corrected)
    second = version_record(meeting=meeting, by=None, note="Titel rettet")
    assert second.number == 2 and second.note == "Titel rettet"

    [change] = version_diff(version_document(first), version_document(second))
    assert change.status == "changed" and change.title == "Ny titel"
    assert ("-", f"{changed_item.number}. {section.items[0].title}") in change.lines
    assert ("+", f"{changed_item.number}. Ny titel") in change.lines


def test_added_and_removed_items_show_whole():
    document = document_build()
    section = document.sections[0]
    fewer = replace(
        document, sections=(replace(section, items=section.items[1:]), *document.sections[1:])
    )
    changes = version_diff(document, fewer)
    assert [(c.number, c.status) for c in changes] == [(section.items[0].number, "removed")]
    assert all(tag == "-" for tag, _ in changes[0].lines)
    assert [c.status for c in version_diff(fewer, document)] == ["added"]
