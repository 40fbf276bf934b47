"""The minutes: attendance from the members, substitutes, decisions, notes, and the lock."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from dagsorden.audit.models import AuditEntry
from dagsorden.bodies.models import Membership, Municipality, Party, Person
from dagsorden.documents import format as fmt
from dagsorden.meetings.minutes import (
    ABSENT,
    PRESENT,
    SUBSTITUTE,
    AttendanceChoice,
    MinutesLocked,
    attendance_from_memberships,
    attendance_update,
    decision_set,
    note_add,
    note_delete,
)
from dagsorden.meetings.models import AgendaItem, Attendance, ItemNote, Meeting
from dagsorden.meetings.selectors import meeting_document
from dagsorden.meetings.tests.personas import meeting_create, secretary_create

pytestmark = pytest.mark.django_db

State = Meeting.State
MEETING_DAY = dt.date(2021, 10, 15)


def seat_create(body, name, *, role="medlem", basis="born", party=None, town=None, **fields):
    """A current membership of ``body`` for a new person; ``party`` is (letter, name)."""
    if party is not None:
        party, _ = Party.objects.get_or_create(name=party[1], defaults={"letter": party[0]})
    if town is not None:
        code = f"{Municipality.objects.count() + 101}"
        town, _ = Municipality.objects.get_or_create(
            name=town, defaults={"code": code, "region": "Hovedstaden"}
        )
    person = Person.objects.create(name=name)
    return Membership.objects.create(
        person=person,
        body=body,
        role=role,
        basis=basis,
        party=party,
        municipality=town,
        **fields,
    )


@pytest.fixture
def meeting():
    """A held meeting of KKR Hovedstaden with no attendance recorded yet."""
    return meeting_create(state=State.HELD, attendance=fmt.Attendance())


@pytest.fixture
def secretary(meeting):
    return secretary_create(body=meeting.body)


def rows_of(meeting):
    return list(meeting.attendance.order_by("order", "pk"))


def row_named(meeting, name):
    return meeting.attendance.get(name=name)


# -- attendance from the memberships -------------------------------------------------------


def test_it_lists_the_chair_first_then_the_vice_chair_then_members_by_name(meeting, secretary):
    body = meeting.body
    seat_create(body, "Øjvind Østergaard", party=("V", "Venstre"), town="Furesø")
    seat_create(body, "Anne Andersen", basis="supplementary", party=("", "Lokallisten"))
    seat_create(
        body,
        "Steen Christiansen",
        role="formand",
        party=("A", "Socialdemokratiet"),
        town="Albertslund",
    )
    seat_create(body, "Åse Ærø", basis="appointed")
    seat_create(body, "Zenia Zahle", role="naestformand", basis="supplementary", town="Gentofte")
    seat_create(body, "Gammel Borgmester", end_date=MEETING_DAY - dt.timedelta(days=1))
    seat_create(body, "Ny Borgmester", start_date=MEETING_DAY + dt.timedelta(days=1))

    added = attendance_from_memberships(meeting=meeting, by=secretary)

    table = [(r.name, r.party, r.role, r.present) for r in rows_of(meeting)]
    assert table == [
        ("Steen Christiansen", "A", "Formand, borgmester, Albertslund", True),
        ("Zenia Zahle", None, "Næstformand, Gentofte", True),
        ("Anne Andersen", "Lokallisten", "Medlem", True),
        ("Øjvind Østergaard", "V", "Borgmester, Furesø", True),
        ("Åse Ærø", None, "Medlem", True),
    ]
    assert len(added) == 5
    assert all(row.person is not None for row in rows_of(meeting))
    assert AuditEntry.objects.filter(action="attendance_fill", user=secretary).count() == 1


def test_it_keeps_what_was_recorded_and_adds_only_missing_members(secretary):
    meeting = meeting_create(
        state=State.MINUTES_DRAFT,
        attendance=fmt.Attendance(
            absent=(fmt.Attendee(name="Steen Christiansen", party="A", reason="Sygdom"),)
        ),
    )
    secretary.secretariat_of.add(meeting.body)
    chair = seat_create(meeting.body, "Steen Christiansen", role="formand")
    seat_create(meeting.body, "Bo Berg")

    added = attendance_from_memberships(meeting=meeting, by=secretary)

    assert [row.name for row in added] == ["Bo Berg"]
    steen = row_named(meeting, "Steen Christiansen")
    assert (steen.present, steen.reason, steen.person) == (False, "Sygdom", chair.person)
    assert attendance_from_memberships(meeting=meeting, by=secretary) == []
    assert meeting.attendance.count() == 2


# -- attendance: present, absent, substitute -----------------------------------------------


def test_a_personal_substitute_attends_in_the_members_place(meeting, secretary):
    substitute = Person.objects.create(name="Signe Stedfortræder")
    seat_create(
        meeting.body, "Steen Christiansen", role="formand", party=("A", "S"), substitute=substitute
    )
    seat_create(meeting.body, "Bo Berg")
    attendance_from_memberships(meeting=meeting, by=secretary)
    steen = row_named(meeting, "Steen Christiansen")

    attendance_update(meeting=meeting, rows=[AttendanceChoice(steen.pk, SUBSTITUTE)], by=secretary)

    table = [(r.name, r.present, r.reason, r.substitute_for) for r in rows_of(meeting)]
    assert table == [
        ("Steen Christiansen", False, "Stedfortræder deltog", None),
        ("Signe Stedfortræder", True, None, "Steen Christiansen"),
        ("Bo Berg", True, None, None),
    ]
    assert row_named(meeting, "Signe Stedfortræder").person == substitute

    attendance_update(meeting=meeting, rows=[AttendanceChoice(steen.pk, PRESENT)], by=secretary)
    assert [(r.name, r.present, r.reason) for r in rows_of(meeting)] == [
        ("Steen Christiansen", True, None),
        ("Bo Berg", True, None),
    ]


def test_an_absent_member_has_a_reason_and_afbud_by_default(meeting, secretary):
    seat_create(meeting.body, "Anne Andersen")
    seat_create(meeting.body, "Bo Berg")
    attendance_from_memberships(meeting=meeting, by=secretary)
    anne, bo = rows_of(meeting)

    attendance_update(
        meeting=meeting,
        rows=[AttendanceChoice(anne.pk, ABSENT, "  Sygdom "), AttendanceChoice(bo.pk, ABSENT)],
        by=secretary,
    )

    assert [(r.present, r.reason) for r in rows_of(meeting)] == [
        (False, "Sygdom"),
        (False, "Afbud"),
    ]
    entry = AuditEntry.objects.get(action="attendance_update")
    assert entry.changes["Anne Andersen"] == [["present", None], ["absent", "Sygdom"]]


@pytest.mark.parametrize(
    ("status", "reason", "message"),
    [
        (SUBSTITUTE, "", "Anne Andersen har ingen personlig stedfortræder."),
        (PRESENT, "Afbud", "Anne Andersen er markeret som til stede, men der står en fraværsgrund"),
        ("maybe", "", "Vælg til stede, afbud eller stedfortræder for Anne Andersen."),
        (ABSENT, "x" * 201, "Grunden er for lang (højst 200 tegn)."),
    ],
)
def test_bad_attendance_is_refused_and_changes_nothing(meeting, secretary, status, reason, message):
    seat_create(meeting.body, "Anne Andersen")
    seat_create(meeting.body, "Bo Berg")
    attendance_from_memberships(meeting=meeting, by=secretary)
    anne, bo = rows_of(meeting)

    with pytest.raises(ValidationError) as refusal:
        attendance_update(
            meeting=meeting,
            rows=[AttendanceChoice(bo.pk, ABSENT), AttendanceChoice(anne.pk, status, reason)],
            by=secretary,
        )

    assert message in refusal.value.message_dict[str(anne.pk)][0]
    assert [(r.present, r.reason) for r in rows_of(meeting)] == [(True, None), (True, None)]
    assert not AuditEntry.objects.filter(action="attendance_update").exists()


def test_a_row_of_another_meeting_is_refused(meeting, secretary):
    stranger = Attendance.objects.create(
        meeting=meeting_create(state=State.HELD, body="Et andet organ"), name="Fremmed"
    )
    with pytest.raises(ValidationError, match="står ikke på mødets deltagerliste"):
        attendance_update(
            meeting=meeting, rows=[AttendanceChoice(stranger.pk, ABSENT)], by=secretary
        )
    assert Attendance.objects.get(pk=stranger.pk).present


# -- decisions and notes -------------------------------------------------------------------


def first_item(meeting) -> AgendaItem:
    """Item 1.2, which has no decision yet (1.1 was imported with one)."""
    return AgendaItem.objects.get(section__meeting=meeting, number="1.2")


def test_a_decision_is_saved_and_audited(meeting, secretary):
    item = first_item(meeting)
    revision = item.revision

    decision_set(item=item, text="Godkendt.\n\nMed bemærkning om tidsplanen.", by=secretary)

    item.refresh_from_db()
    assert item.decision == "Godkendt.\n\nMed bemærkning om tidsplanen."
    assert item.revision == revision + 1
    entry = AuditEntry.objects.get(action="decision_set")
    assert entry.user == secretary and entry.changes["decision"][1] == item.decision

    decision_set(item=item, text="   ", by=secretary)
    item.refresh_from_db()
    assert item.decision is None


def test_a_decision_from_an_old_page_does_not_overwrite_a_newer_one(meeting, secretary):
    item = first_item(meeting)
    opened = item.revision
    decision_set(item=item, text="Godkendt.", by=secretary, revision=opened)
    with pytest.raises(ValidationError, match="ændret af en anden"):
        decision_set(item=item, text="Udsat.", by=secretary, revision=opened)
    item.refresh_from_db()
    assert item.decision == "Godkendt."


def test_a_decision_with_a_script_is_refused(meeting, secretary):
    item = first_item(meeting)
    with pytest.raises(ValidationError):
        decision_set(item=item, text='<script>alert("x")</script>Godkendt.', by=secretary)
    item.refresh_from_db()
    assert item.decision is None


def test_a_note_names_a_participant_who_did_not_take_part(meeting, secretary):
    seat_create(meeting.body, "Steen Christiansen", role="formand", party=("A", "S"))
    attendance_from_memberships(meeting=meeting, by=secretary)
    steen = row_named(meeting, "Steen Christiansen").person
    item = first_item(meeting)

    note = note_add(item=item, person=steen, text="", by=secretary)
    own = note_add(
        item=item, person=None, text="Punktet blev behandlet sammen med 2.1.", by=secretary
    )

    assert note.text == "Steen Christiansen (A) deltog ikke i behandlingen af dette punkt."
    assert [n.text for n in item.notes.order_by("order")] == [note.text, own.text]
    note_delete(note=note, by=secretary)
    assert list(item.notes.all()) == [own]
    actions = AuditEntry.objects.filter(user=secretary).values_list("action", flat=True)
    assert sorted(a for a in actions if a.startswith("note_")) == [
        "note_add",
        "note_add",
        "note_delete",
    ]


def test_a_note_for_someone_not_at_the_meeting_is_refused(meeting, secretary):
    outsider = Person.objects.create(name="Ikke Med")
    with pytest.raises(ValidationError) as refusal:
        note_add(item=first_item(meeting), person=outsider, text="", by=secretary)
    assert refusal.value.message_dict["person"] == ["Ikke Med står ikke på mødets deltagerliste."]
    with pytest.raises(ValidationError, match="Skriv en bemærkning"):
        note_add(item=first_item(meeting), person=None, text=" ", by=secretary)
    assert not ItemNote.objects.exists()


# -- the lock ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (State.DRAFT, "Referatet kan først skrives, når mødet er afholdt (status: Kladde)."),
        (State.PUBLISHED, "kan først skrives"),
        (State.MINUTES_APPROVED, "Referatet er godkendt og kan ikke længere ændres"),
        (State.MINUTES_PUBLISHED, "kan ikke længere ændres"),
    ],
)
def test_the_minutes_are_locked_outside_held_and_minutes_draft(state, message):
    meeting = meeting_create(state=state)
    secretary = secretary_create(body=meeting.body)
    seat_create(meeting.body, "Bo Berg")
    item = first_item(meeting)
    row = meeting.attendance.first()
    note = ItemNote.objects.create(item=item, text="Står der i forvejen.")
    before = meeting_document(meeting=Meeting.objects.get(pk=meeting.pk))
    attempts = [
        lambda: attendance_from_memberships(meeting=meeting, by=secretary),
        lambda: attendance_update(
            meeting=meeting, rows=[AttendanceChoice(row.pk, ABSENT)], by=secretary
        ),
        lambda: decision_set(item=item, text="Ændret.", by=secretary),
        lambda: note_add(item=item, person=None, text="Ny.", by=secretary),
        lambda: note_delete(note=note, by=secretary),
    ]
    for attempt in attempts:
        with pytest.raises(MinutesLocked, match=re.escape(message)):
            attempt()
    assert meeting_document(meeting=Meeting.objects.get(pk=meeting.pk)) == before
    assert list(ItemNote.objects.all()) == [note]
    assert not AuditEntry.objects.exists()


# -- the minutes document --------------------------------------------------------------------


def test_the_minutes_document_round_trips_through_json(secretary):
    meeting = meeting_create(state=State.MINUTES_DRAFT, attendance=fmt.Attendance())
    secretary.secretariat_of.add(meeting.body)
    substitute = Person.objects.create(name="Signe Stedfortræder")
    seat_create(
        meeting.body,
        "Steen Christiansen",
        role="formand",
        party=("A", "S"),
        town="Albertslund",
        substitute=substitute,
    )
    seat_create(meeting.body, "Anne Andersen", party=("C", "K"))
    seat_create(meeting.body, "Bo Berg")
    attendance_from_memberships(meeting=meeting, by=secretary)
    steen, anne, _bo = rows_of(meeting)
    attendance_update(
        meeting=meeting,
        rows=[AttendanceChoice(steen.pk, SUBSTITUTE), AttendanceChoice(anne.pk, ABSENT, "Sygdom")],
        by=secretary,
    )
    decision_set(item=first_item(meeting), text="Godkendt.", by=secretary)

    document = meeting_document(meeting=Meeting.objects.get(pk=meeting.pk))

    assert fmt.Document.from_json(document.to_json()) == document
    assert document.meeting.document == "minutes"
    assert document.attendance.present == (
        fmt.Attendee(
            name="Signe Stedfortræder",
            party="A",
            role="Stedfortræder",
            substitute_for="Steen Christiansen",
        ),
        fmt.Attendee(name="Bo Berg", role="Borgmester"),
    )
    assert document.attendance.absent == (
        fmt.Attendee(
            name="Steen Christiansen",
            party="A",
            role="Formand, borgmester, Albertslund",
            reason="Stedfortræder deltog",
        ),
        fmt.Attendee(name="Anne Andersen", party="C", role="Borgmester", reason="Sygdom"),
    )
    assert document.sections[0].items[1].decision == "Godkendt."
