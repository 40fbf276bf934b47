"""document_import: the one writer, its round trip, its updates and its refusals."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dagsorden.bodies.models import Body, Person
from dagsorden.cases.models import Attachment, Case
from dagsorden.documents.format import (
    AttachmentRef,
    Attendee,
    Document,
    DocumentError,
    MeetingInfo,
    Part,
    Section,
)
from dagsorden.meetings import selectors
from dagsorden.meetings.models import AgendaItem, AgendaSection, Attendance, ItemPart, Meeting
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.factories import (
    document_build,
    document_items_build,
    item_build,
    section_replace,
)

pytestmark = pytest.mark.django_db

MODELS = (Body, Meeting, AgendaSection, AgendaItem, ItemPart, Attachment, Attendance, Case)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def stored(meeting: Meeting) -> Document:
    """The document as a fresh read from the database gives it back."""
    return selectors.meeting_document(meeting=selectors.meeting_get(meeting_id=meeting.pk))


def item_pk(meeting: Meeting, number: str) -> int:
    return AgendaItem.objects.get(section__meeting=meeting, number=number).pk


class TestRoundTrip:
    def test_rich_document_comes_back_equal(self):
        document = document_build()

        meeting = document_import(document=document)

        assert stored(meeting) == document
        assert selectors.meeting_document(meeting=meeting) == document

    def test_rows_hold_what_the_document_says(self):
        meeting = document_import(document=document_build())

        assert (meeting.body.name, meeting.date) == ("KKR Hovedstaden", dt.date(2021, 10, 15))
        assert (meeting.start, meeting.end) == (dt.time(9, 30), dt.time(12, 0))
        closed = AgendaItem.objects.get(section__meeting=meeting, number="2.2")
        assert (closed.public, closed.decision, closed.case.number) == (False, "", "2011-29298")
        assert AgendaItem.objects.get(number="2.1").decision is None
        assert [a.present for a in meeting.attendance.order_by("order")] == [True, True, False]
        assert meeting.sections.get(number="3").items.count() == 0

    def test_minimal_document_comes_back_equal(self):
        document = Document(
            source=document_build().source,
            body="Økonomiudvalget",
            meeting=MeetingInfo(date=dt.date(2024, 2, 29)),
            sections=(),
        )

        assert stored(document_import(document=document)) == document

    @pytest.mark.parametrize(
        "change",
        [
            {"location": ""},
            {"attendee": Attendee(name="Æ", party="", role="")},
            {"attachment": AttachmentRef(title="", url="", file="")},
            {"source_path": None},
        ],
        ids=lambda change: next(iter(change)),
    )
    def test_empty_text_and_none_stay_apart(self, change):
        document = document_build()
        if "location" in change:
            document = replace(document, meeting=replace(document.meeting, **change))
        if "attendee" in change:
            attendance = replace(document.attendance, absent=(change["attendee"],))
            document = replace(document, attendance=attendance)
        if "attachment" in change:
            item = item_build("4.1", attachments=(change["attachment"],))
            document = section_replace(document, 3, items=(item,))
        if "source_path" in change:
            document = replace(document, source=replace(document.source, path=None))

        assert stored(document_import(document=document)) == document


class TestReimport:
    def test_same_document_again_changes_nothing(self):
        document = document_build()
        first = document_import(document=document)
        counts, pks = row_counts(), set(AgendaItem.objects.values_list("pk", flat=True))

        again = document_import(document=document)

        assert again.pk == first.pk
        assert row_counts() == counts
        assert set(AgendaItem.objects.values_list("pk", flat=True)) == pks
        assert again.modified == first.modified

    def test_changes_update_in_place(self):
        document = document_build()
        meeting = document_import(document=document)
        kept, removed = item_pk(meeting, "1.1"), item_pk(meeting, "1.2")
        section_1 = document.sections[0]
        changed = section_replace(
            document,
            0,
            title="Godkendelse af referat",
            items=(
                replace(section_1.items[0], title="Godkendelse af referat fra 3. september"),
                item_build("1.3", "Nyt punkt om æøå"),
            ),
        )
        changed = replace(changed, meeting=replace(changed.meeting, start="10:00"))

        again = document_import(document=changed)

        assert again.pk == meeting.pk
        assert Meeting.objects.count() == 1
        assert item_pk(again, "1.1") == kept
        assert AgendaItem.objects.get(pk=kept).title == "Godkendelse af referat fra 3. september"
        assert not AgendaItem.objects.filter(pk=removed).exists()
        assert AgendaItem.objects.filter(section__meeting=again).count() == 5
        assert stored(again) == changed

    def test_removed_section_goes_with_its_items(self):
        document = document_build()
        document_import(document=document)
        without_2 = replace(document, sections=document.sections[:1] + document.sections[2:])

        meeting = document_import(document=without_2)

        assert list(meeting.sections.values_list("number", flat=True)) == ["1", "3", "4"]
        assert not AgendaItem.objects.filter(number__startswith="2.").exists()
        assert not Attachment.objects.exists()
        assert stored(meeting) == without_2

    def test_reordered_items_keep_their_keys(self):
        document = document_build()
        meeting = document_import(document=document)
        pks = {n: item_pk(meeting, n) for n in ("1.1", "1.2")}
        swapped = section_replace(document, 0, items=document.sections[0].items[::-1])

        again = document_import(document=swapped)

        assert {n: item_pk(again, n) for n in ("1.1", "1.2")} == pks
        assert stored(again) == swapped

    def test_minutes_replace_the_agenda(self):
        agenda = document_build(meeting=replace(document_build().meeting, document="agenda"))
        document_import(document=agenda)
        minutes = section_replace(
            replace(agenda, meeting=replace(agenda.meeting, document="minutes")),
            1,
            items=tuple(replace(i, decision="Tiltrådt.") for i in agenda.sections[1].items),
        )

        meeting = document_import(document=minutes)

        assert meeting.document == Meeting.DocumentKind.MINUTES
        assert set(AgendaItem.objects.filter(number__startswith="2.").values_list("decision")) == {
            ("Tiltrådt.",)
        }

    def test_only_changed_items_get_a_new_modified_time(self):
        document = document_build()
        meeting = document_import(document=document)
        before = dict(AgendaItem.objects.values_list("number", "modified"))
        first, *rest = document.sections[0].items
        rewritten = replace(first, parts=(Part(heading="Baggrund", text="Ny tekst."),))
        changed = section_replace(document, 0, items=(rewritten, *rest))

        document_import(document=changed)

        after = dict(AgendaItem.objects.values_list("number", "modified"))
        assert after["1.1"] > before["1.1"]
        assert {n: t for n, t in after.items() if n != "1.1"} == {
            n: t for n, t in before.items() if n != "1.1"
        }
        assert stored(meeting) == changed

    def test_hand_made_links_survive(self):
        document = document_build()
        meeting = document_import(document=document)
        person = Person.objects.create(name="Steen Christiansen")
        meeting.attendance.filter(name=person.name).update(person=person)
        Attachment.objects.filter(title="Notat om FGU").update(file="attachments/2021/fgu.pdf")
        item_21 = document.sections[1].items[0]
        changed = section_replace(
            replace(
                document,
                attendance=replace(document.attendance, present=document.attendance.present[:1]),
            ),
            1,
            items=(replace(item_21, title="Ny titel"), *document.sections[1].items[1:]),
        )

        document_import(document=changed)

        assert Attendance.objects.get(name=person.name).person == person
        assert Attachment.objects.get(title="Notat om FGU").file.name == "attachments/2021/fgu.pdf"


class TestRefusals:
    def test_duplicate_item_number_is_named_and_nothing_is_written(self):
        document = document_build()
        section = document.sections[1]
        bad = section_replace(document, 1, items=(section.items[0], item_build("2.1")))

        with pytest.raises(DocumentError) as error:
            document_import(document=bad)

        assert str(error.value) == "sections[1].items[1].number: duplicate item number 2.1"
        assert set(row_counts().values()) == {0}

    def test_refused_update_leaves_the_old_meeting(self):
        document = document_build()
        meeting = document_import(document=document)
        bad = replace(document, sections=(*document.sections, document.sections[0]))

        with pytest.raises(DocumentError, match=r"^sections\[4\]\.number: duplicate section"):
            document_import(document=bad)

        assert stored(meeting) == document

    def test_an_invalid_value_is_refused_with_its_path(self):
        bad = document_build(meeting=replace(document_build().meeting, start="9.30"))

        with pytest.raises(DocumentError, match=r"meeting\.start: '9\.30' is not a time"):
            document_import(document=bad)

        assert Meeting.objects.count() == 0

    def test_a_title_too_long_for_its_column_is_refused(self):
        long_title = "Lang titel " * 50
        bad = section_replace(document_build(), 3, items=(item_build("4.1", long_title),))

        with pytest.raises(DocumentError, match=r"^sections\[3\]\.items\[0\]\.title: 550 char"):
            document_import(document=bad)

        assert Meeting.objects.count() == 0

    def test_a_failure_midway_rolls_everything_back(self, monkeypatch):
        document = document_build()
        meeting = document_import(document=document)
        counts = row_counts()

        def fail(*args, **kwargs):
            raise RuntimeError("disk full")

        # Parts are written after the meeting, sections and items have been changed.
        monkeypatch.setattr(ItemPart.objects, "bulk_create", fail)
        changed = section_replace(document, 0, items=(item_build("1.9", "Erstatter alt"),))
        with pytest.raises(RuntimeError):
            document_import(document=changed)

        assert row_counts() == counts
        assert stored(meeting) == document


class TestBodiesAndCases:
    def test_a_new_body_gets_kind_and_a_danish_slug(self):
        document_import(document=document_build())
        document_import(document=document_build(body="Økonomiudvalget"))

        kkr, other = (
            Body.objects.get(name="KKR Hovedstaden"),
            Body.objects.get(name="Økonomiudvalget"),
        )
        assert (kkr.kind, kkr.slug) == (Body.Kind.KKR, "kkr-hovedstaden")
        assert (other.kind, other.slug) == (Body.Kind.OTHER, "oekonomiudvalget")

    def test_an_existing_body_is_used_and_slugs_never_clash(self):
        Body.objects.create(name="KKR Hovedstaden", slug="kkr-h", kind=Body.Kind.KKR)
        Body.objects.create(name="Something else", slug="kkr-sjaelland")

        document_import(document=document_build())
        document_import(document=document_build(body="KKR Sjælland"))

        assert Body.objects.count() == 3
        assert Meeting.objects.filter(body__slug="kkr-h").count() == 1
        assert Body.objects.get(name="KKR Sjælland").slug == "kkr-sjaelland-2"

    def test_a_case_number_is_one_case_across_meetings(self):
        document_import(document=document_build())
        later = document_build(meeting=MeetingInfo(date=dt.date(2021, 12, 3)))

        document_import(document=later)

        case = Case.objects.get(number="2011-29298")
        assert case.items.count() == 2
        assert Case.objects.count() == len({i.case_number for i in later.items})


class TestCost:
    def test_queries_do_not_grow_with_the_agenda(self):
        def queries(document: Document) -> tuple[int, int, int]:
            with CaptureQueriesContext(connection) as created:
                meeting = document_import(document=document)
            changed = replace(
                document,
                sections=tuple(
                    replace(
                        s, items=tuple(replace(i, title=f"{i.title} (ændret)") for i in s.items)
                    )
                    for s in document.sections
                ),
            )
            with CaptureQueriesContext(connection) as updated:
                document_import(document=changed)
            rewritten = AgendaItem.objects.filter(section__meeting=meeting, title__endswith="ret)")
            assert rewritten.count() == len(document.items)
            with CaptureQueriesContext(connection) as read:
                selectors.meeting_document(meeting=Meeting.objects.get(pk=meeting.pk))
            return len(created), len(updated), len(read)

        small = queries(document_items_build(2, body="KKR Syddanmark"))
        large = queries(document_items_build(40, body="KKR Nordjylland"))

        assert small == large, f"2 items: {small} queries, 40 items: {large}"

    def test_a_prefetched_meeting_reads_without_queries(self):
        meeting = document_import(document=document_build())
        fetched = selectors.meeting_get(meeting_id=meeting.pk)

        with CaptureQueriesContext(connection) as read:
            selectors.meeting_document(meeting=fetched)

        assert len(read) == 0


def test_sections_keep_document_order_when_numbers_do_not_sort():
    sections = (Section(number="10", title="Ti"), Section(number="9", title="Ni"))
    document = document_build(sections=sections)

    assert stored(document_import(document=document)).sections == sections


def test_an_import_never_overwrites_a_meeting_made_in_dagsorden():
    document = document_build()
    meeting = document_import(document=document, state=Meeting.State.DRAFT)
    Meeting.objects.filter(pk=meeting.pk).update(source={})  # as meeting_create leaves it
    changed = replace(document, preamble=())

    with pytest.raises(DocumentError, match="was made in dagsorden"):
        document_import(document=changed)
    stored = selectors.meeting_document(meeting=Meeting.objects.get(pk=meeting.pk))
    assert stored.preamble == document.preamble


def test_an_agenda_import_does_not_wipe_the_minutes():
    minutes = document_build()  # minutes, with decisions
    meeting = document_import(document=minutes)
    decisions = list(AgendaItem.objects.values_list("decision", flat=True))
    agenda = replace(minutes, meeting=replace(minutes.meeting, document="agenda"))

    with pytest.raises(DocumentError, match="already holds minutes"):
        document_import(document=agenda)
    assert list(AgendaItem.objects.values_list("decision", flat=True)) == decisions
    assert meeting.pk
