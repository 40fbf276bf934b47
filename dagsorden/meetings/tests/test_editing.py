"""Building an agenda by hand: template, new meeting, items added, edited, moved, deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dagsorden.audit.models import AuditEntry
from dagsorden.cases.models import Case
from dagsorden.meetings.editing import (
    AgendaLocked,
    EditConflict,
    item_create,
    item_delete,
    item_move,
    item_update,
    item_values,
    meeting_create,
    template_for,
    template_update,
)
from dagsorden.meetings.models import AgendaItem, Meeting, MeetingVersion
from dagsorden.meetings.tests.editing_factories import items_add, kkr_create
from dagsorden.meetings.tests.personas import body_create, secretary_create
from dagsorden.meetings.versions import version_record

pytestmark = pytest.mark.django_db

PARTS = ["Baggrund", "Indstilling", "Sagsfremstilling"]


@pytest.fixture
def kkr():
    return kkr_create()


@pytest.fixture
def secretary(kkr):
    return secretary_create(body=kkr, username="sekretaer")


@pytest.fixture
def meeting(kkr, secretary):
    return meeting_create(body=kkr, date=dt.date(2027, 2, 5), by=secretary)


def agenda(meeting: Meeting) -> list[tuple[str, str]]:
    return [
        (item.number, item.title)
        for item in AgendaItem.objects.filter(section__meeting=meeting).order_by(
            "section__order", "order"
        )
    ]


def section(meeting: Meeting, number: str):
    return meeting.sections.get(number=number)


def update(item: AgendaItem, by, **changes) -> AgendaItem:
    values = {**item_values(item), **changes}
    values["parts"] = [tuple(part) for part in values["parts"]]
    return item_update(item=item, by=by, expected_revision=item.revision, **values)


# -- template and new meeting --------------------------------------------------------------


def test_a_kkr_meeting_gets_the_seven_sections_and_four_standard_items(meeting):
    assert [(s.number, s.title) for s in meeting.sections.all()] == [
        ("1", "Godkendelse af referat og dagsorden"),
        ("2", "Siden sidst"),
        ("3", "Regionalpolitiske sager"),
        ("4", "Udpegninger"),
        ("5", "KKR"),
        ("6", "Punkter til næste møde"),
        ("7", "Eventuelt"),
    ]
    assert agenda(meeting) == [
        ("1.1", "Godkendelse af referat"),
        ("1.2", "Godkendelse af dagsorden"),
        ("2.1", "Siden sidst"),
        ("7.1", "Eventuelt"),
    ]
    for item in AgendaItem.objects.filter(section__meeting=meeting):
        assert [(p.heading, p.text) for p in item.parts.all()] == [(h, "") for h in PARTS]
    assert meeting.state == Meeting.State.DRAFT


def test_the_minutes_item_points_at_the_latest_earlier_meeting(kkr, secretary, meeting):
    june = meeting_create(body=kkr, date=dt.date(2026, 6, 1), by=secretary)
    december = meeting_create(body=kkr, date=dt.date(2026, 12, 11), by=secretary)
    april = meeting_create(body=kkr, date=dt.date(2027, 4, 9), by=secretary)

    def minutes_of(meeting):
        return AgendaItem.objects.get(section__meeting=meeting, number="1.1").minutes_of

    assert minutes_of(meeting) is None  # the body's first meeting
    assert minutes_of(june) is None
    assert minutes_of(december) == june
    assert minutes_of(april) == meeting


def test_another_body_gets_the_small_default(secretary):
    body = body_create("Beskæftigelsesudvalget")
    meeting = meeting_create(body=body, date=dt.date(2027, 1, 1), by=secretary)
    assert [s.title for s in meeting.sections.all()] == [
        "Godkendelse af dagsorden",
        "Sager",
        "Eventuelt",
    ]
    assert agenda(meeting) == [("1.1", "Godkendelse af dagsorden"), ("3.1", "Eventuelt")]


def test_a_second_meeting_on_the_same_day_is_refused(kkr, secretary, meeting):
    with pytest.raises(ValidationError) as refused:
        meeting_create(body=kkr, date=meeting.date, by=secretary)
    assert "allerede et møde 5. februar 2027" in refused.value.message_dict["date"][0]
    assert Meeting.objects.count() == 1


def test_a_meeting_ending_before_it_starts_is_refused(kkr, secretary):
    with pytest.raises(ValidationError):
        meeting_create(
            body=kkr, date=dt.date(2027, 1, 1), start=dt.time(12), end=dt.time(9), by=secretary
        )
    assert not Meeting.objects.exists()


def test_an_edited_template_is_what_new_meetings_get(kkr, secretary):
    template_update(
        body=kkr,
        sections=[
            {"number": "1", "title": "Dagsorden", "items": [{"title": "Godkendelse"}]},
            {"number": "2", "title": "Sager", "items": []},
        ],
        parts=["Indstilling", "Sagsfremstilling"],
        by=secretary,
    )
    meeting = meeting_create(body=kkr, date=dt.date(2027, 3, 1), by=secretary)

    assert agenda(meeting) == [("1.1", "Godkendelse")]
    item = AgendaItem.objects.get(section__meeting=meeting)
    assert [p.heading for p in item.parts.all()] == ["Indstilling", "Sagsfremstilling"]
    assert template_for(body=kkr).parts == ["Indstilling", "Sagsfremstilling"]
    entry = AuditEntry.objects.get(action="template_update")
    assert entry.user == secretary and entry.body == kkr and "sections" in entry.changes


# -- adding, moving, deleting ---------------------------------------------------------------


def test_new_items_are_numbered_in_order(meeting, secretary):
    first, second = items_add(meeting, "3", "Trafik", "Klima", by=secretary)
    assert (first.number, second.number) == ("3.1", "3.2")
    inserted = item_create(
        section=section(meeting, "3"), title="Sundhed", after=first, by=secretary
    )

    assert inserted.number == "3.2"
    assert [n for n in agenda(meeting) if n[0].startswith("3.")] == [
        ("3.1", "Trafik"),
        ("3.2", "Sundhed"),
        ("3.3", "Klima"),
    ]
    assert [p.heading for p in inserted.parts.all()] == PARTS
    assert AuditEntry.objects.filter(action="item_create").count() == 3


def test_moving_within_a_section_renumbers_it(meeting, secretary):
    *_, c = items_add(meeting, "3", "A", "B", "C", by=secretary)
    item_move(item=c, section=section(meeting, "3"), position=1, by=secretary)
    assert agenda(meeting)[3:6] == [("3.1", "C"), ("3.2", "A"), ("3.3", "B")]

    item_move(item=c, section=section(meeting, "3"), position=99, by=secretary)
    assert agenda(meeting)[3:6] == [("3.1", "A"), ("3.2", "B"), ("3.3", "C")]
    entry = AuditEntry.objects.filter(action="item_move").first()
    assert entry.changes == {"number": ["3.1", "3.3"]}


def test_moving_between_sections_renumbers_both(meeting, secretary):
    a, *_ = items_add(meeting, "3", "A", "B", "C", by=secretary)
    items_add(meeting, "4", "D", by=secretary)

    moved = item_move(item=a, section=section(meeting, "4"), position=1, by=secretary)

    assert moved.number == "4.1"
    numbers = dict((title, number) for number, title in agenda(meeting))
    assert (numbers["B"], numbers["C"], numbers["A"], numbers["D"]) == ("3.1", "3.2", "4.1", "4.2")


def test_an_item_cannot_move_to_another_meeting(kkr, meeting, secretary):
    other = meeting_create(body=kkr, date=dt.date(2027, 4, 9), by=secretary)
    (a,) = items_add(meeting, "3", "A", by=secretary)
    with pytest.raises(ValidationError):
        item_move(item=a, section=section(other, "3"), position=1, by=secretary)
    assert AgendaItem.objects.get(pk=a.pk).number == "3.1"


def test_deleting_closes_the_gap(meeting, secretary):
    a, *_ = items_add(meeting, "3", "A", "B", "C", by=secretary)
    item_delete(item=a, by=secretary)

    assert agenda(meeting)[3:5] == [("3.1", "B"), ("3.2", "C")]
    entry = AuditEntry.objects.get(action="item_delete")
    assert entry.changes == {"number": "3.1", "title": "A"} and entry.user == secretary


# -- editing ------------------------------------------------------------------------------


def test_an_edit_saves_everything_and_bumps_the_revision(meeting, secretary):
    (item,) = items_add(meeting, "3", "Trafik", by=secretary)
    saved = item_update(
        item=item,
        by=secretary,
        expected_revision=1,
        title="Trafikplan 2027",
        case_number="SAG-2027-00001",
        handlers=["ssan", "nihj"],
        public=False,
        parts=[
            ("Baggrund", "KKR drøftede **trafik** i 2026."),
            ("Indstilling", "Det indstilles, at KKR godkender planen."),
            ("Sagsfremstilling", "Se [planen](https://kl.dk/plan)."),
            ("Økonomi", "Ingen udgifter."),
            ("", ""),
        ],
        links=["https://kl.dk/a", " ", "http://example.org/b"],
    )

    item = AgendaItem.objects.get(pk=item.pk)
    assert saved.revision == item.revision == 2
    assert item_values(item) == {
        "title": "Trafikplan 2027",
        "case_number": "SAG-2027-00001",
        "handlers": ["ssan", "nihj"],
        "public": False,
        "parts": [
            ["Baggrund", "KKR drøftede **trafik** i 2026."],
            ["Indstilling", "Det indstilles, at KKR godkender planen."],
            ["Sagsfremstilling", "Se [planen](https://kl.dk/plan)."],
            ["Økonomi", "Ingen udgifter."],
        ],
        "links": ["https://kl.dk/a", "http://example.org/b"],
    }
    entry = AuditEntry.objects.get(action="item_update")
    assert entry.changes["title"] == ["Trafik", "Trafikplan 2027"]
    assert entry.changes["public"] == [True, False]


def test_an_existing_case_is_reused(meeting, secretary):
    case = Case.objects.create(number="SAG-2027-00002", title="Trafik")
    (item,) = items_add(meeting, "3", "Trafik", by=secretary)
    update(item, secretary, case_number="SAG-2027-00002")
    assert AgendaItem.objects.get(pk=item.pk).case == case
    assert Case.objects.count() == 1


def test_a_stale_revision_is_a_conflict_and_writes_nothing(meeting, secretary):
    (item,) = items_add(meeting, "3", "Trafik", by=secretary)
    loaded_by_both = AgendaItem.objects.get(pk=item.pk)
    update(loaded_by_both, secretary, title="Først gemt")
    entries = AuditEntry.objects.count()

    with pytest.raises(EditConflict) as conflict:
        update(loaded_by_both, secretary, title="Gemt bagefter")

    assert conflict.value.current["title"] == "Først gemt"
    assert conflict.value.submitted["title"] == "Gemt bagefter"
    stored = AgendaItem.objects.get(pk=item.pk)
    assert (stored.title, stored.revision) == ("Først gemt", 2)
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "   "),
        ("links", ["javascript:alert(1)"]),
        ("links", ["www.kl.dk"]),
        ("parts", [("", "Tekst uden overskrift")]),
        ("parts", [("Baggrund", "<script>alert(1)</script>")]),
        ("parts", [("Baggrund", '<img src=x onerror="alert(1)">')]),
    ],
)
def test_bad_input_is_refused_by_field_and_changes_nothing(meeting, secretary, field, value):
    (item,) = items_add(meeting, "3", "Trafik", by=secretary)
    before = item_values(item)

    with pytest.raises(ValidationError) as refused:
        update(item, secretary, **{field: value})

    assert field in refused.value.message_dict
    item = AgendaItem.objects.get(pk=item.pk)
    assert (item_values(item), item.revision) == (before, 1)
    assert not AuditEntry.objects.filter(action="item_update").exists()


def test_a_held_meeting_cannot_be_edited(meeting, secretary):
    (item,) = items_add(meeting, "3", "Trafik", by=secretary)
    Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.HELD)
    before = agenda(meeting)

    for attempt in (
        lambda: items_add(meeting, "3", "Ny", by=secretary),
        lambda: update(item, secretary, title="Ændret"),
        lambda: item_move(item=item, section=section(meeting, "4"), position=1, by=secretary),
        lambda: item_delete(item=item, by=secretary),
    ):
        with pytest.raises(AgendaLocked) as refused:
            attempt()
        assert "kan ikke længere ændres" in refused.value.messages[0]
    assert agenda(meeting) == before


def test_after_sending_every_edit_is_a_new_version(meeting, secretary):
    (item,) = items_add(meeting, "3", "Trafik", by=secretary)
    Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.SENT)
    meeting.refresh_from_db()
    version_record(meeting=meeting, by=secretary, note="Udsendt")

    update(item, secretary, title="Trafikplan")

    latest = MeetingVersion.objects.filter(meeting=meeting).order_by("-number").first()
    assert latest.number == 2
    assert latest.note == "Punkt 3.1 rettet: titel"
    assert latest.by == secretary
    items_add(meeting, "4", "Ny sag", by=secretary)
    assert MeetingVersion.objects.filter(meeting=meeting).count() == 3


def test_editing_an_item_someone_else_deleted_is_a_message_not_a_crash(meeting, secretary):
    (item,) = items_add(meeting, "3", "Trafik", by=secretary)
    stale = AgendaItem.objects.get(pk=item.pk)
    item_delete(item=item, by=secretary)

    with pytest.raises(ValidationError, match="findes ikke længere"):
        item_move(item=stale, section=stale.section, position=1, by=secretary)
    with pytest.raises(ValidationError, match="findes ikke længere"):
        item_update(
            item=stale, by=secretary, expected_revision=stale.revision, **item_values(stale)
        )
