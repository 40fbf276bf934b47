"""Carrying "Punkter til næste møde" forward, and where a meeting's minutes are approved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from dagsorden.audit.models import AuditEntry
from dagsorden.documents import format as fmt
from dagsorden.meetings.carry_forward import items_carry_forward
from dagsorden.meetings.minutes_selectors import carry_forward_targets, minutes_approved_in
from dagsorden.meetings.models import AgendaItem, Meeting
from dagsorden.meetings.tests.factories import item_build
from dagsorden.meetings.tests.personas import meeting_create, secretary_create

pytestmark = pytest.mark.django_db

State = Meeting.State
NEXT_DAY = dt.date(2021, 12, 10)


@pytest.fixture
def held():
    """The 15 October 2021 meeting, held, with two items under "Punkter til næste møde"."""
    sections = (
        fmt.Section(number="1", title="Godkendelse af dagsorden", items=(item_build("1.1"),)),
        fmt.Section(
            number="6",
            title="Punkter til næste møde",
            items=(
                item_build(
                    "6.1",
                    "Budget for det nære sundhedsvæsen",
                    decision="Drøftet.",
                    links=("https://www.kl.dk/budget",),
                    attachments=(fmt.AttachmentRef(title="Notat om budget"),),
                ),
                item_build("6.2", "Udpegning til Vækstforum", public=False, handlers=("nihj",)),
            ),
        ),
    )
    meeting = meeting_create(state=State.HELD, sections=sections)
    attachment = AgendaItem.objects.get(section__meeting=meeting, number="6.1").attachments.get()
    attachment.file.save("notat.pdf", ContentFile(b"%PDF-1.4 notat"))
    return meeting


@pytest.fixture
def secretary(held):
    return secretary_create(body=held.body)


def draft_create(date: dt.date, *, minutes_of: Meeting | None = None) -> Meeting:
    """A draft agenda as the KKR template starts one: 1.1 approves ``minutes_of``'s minutes,
    section 2 holds one item and section 3 none."""
    sections = (
        fmt.Section(
            number="1",
            title="Godkendelse af referat og dagsorden",
            items=(item_build("1.1", "Godkendelse af referat"), item_build("1.2")),
        ),
        fmt.Section(number="2", title="Siden sidst", items=(item_build("2.1", "Siden sidst"),)),
        fmt.Section(number="3", title="Regionalpolitiske sager"),
    )
    meeting = meeting_create(
        state=State.DRAFT, meeting=fmt.MeetingInfo(date=date), sections=sections
    )
    AgendaItem.objects.filter(section__meeting=meeting, number="1.1").update(minutes_of=minutes_of)
    return meeting


@pytest.fixture
def following(held):
    return draft_create(NEXT_DAY, minutes_of=held)


def section_of(meeting, number):
    return meeting.sections.get(number=number)


def test_it_copies_the_items_to_the_end_of_the_chosen_section(held, following, secretary):
    target = section_of(following, "2")  # holds the standard item 2.1 "Siden sidst"

    copies = items_carry_forward(
        from_meeting=held, to_meeting=following, section=target, by=secretary
    )

    assert [(c.number, c.title) for c in copies] == [
        ("2.2", "Budget for det nære sundhedsvæsen"),
        ("2.3", "Udpegning til Vækstforum"),
    ]
    budget, closed = (AgendaItem.objects.get(pk=c.pk) for c in copies)
    original = AgendaItem.objects.get(section__meeting=held, number="6.1")
    assert budget.carried_from == original and budget.decision is None
    assert budget.case == original.case and budget.links == ["https://www.kl.dk/budget"]
    assert [(p.heading, p.text) for p in budget.parts.all()] == [
        (p.heading, p.text) for p in original.parts.all()
    ]
    assert (closed.public, closed.handlers) == (False, ["nihj"])
    [copied] = budget.attachments.all()
    [source] = original.attachments.all()
    assert copied.title == "Notat om budget"
    assert copied.file.name != source.file.name
    assert copied.file.read() == b"%PDF-1.4 notat"
    assert [i.number for i in target.items.order_by("order")] == ["2.1", "2.2", "2.3"]
    assert AuditEntry.objects.filter(action="item_carry_forward", user=secretary).count() == 2


def test_carrying_twice_adds_nothing(held, following, secretary):
    target = section_of(following, "3")
    items_carry_forward(from_meeting=held, to_meeting=following, section=target, by=secretary)

    with pytest.raises(ValidationError, match="allerede ført videre"):
        items_carry_forward(from_meeting=held, to_meeting=following, section=target, by=secretary)
    assert [i.number for i in target.items.order_by("order")] == ["3.1", "3.2"]


def test_only_a_draft_agenda_receives_items(held, following, secretary):
    following.state = State.SENT
    following.save()
    with pytest.raises(ValidationError, match=r"kladde.*Sendt til medlemmerne"):
        items_carry_forward(
            from_meeting=held,
            to_meeting=following,
            section=section_of(following, "3"),
            by=secretary,
        )
    assert not AgendaItem.objects.filter(carried_from__isnull=False).exists()


def test_nothing_to_carry_is_refused(held, following, secretary):
    AgendaItem.objects.filter(section__meeting=held, section__number="6").delete()
    with pytest.raises(ValidationError, match="ingen punkter under »Punkter til næste møde«"):
        items_carry_forward(
            from_meeting=held,
            to_meeting=following,
            section=section_of(following, "3"),
            by=secretary,
        )


def test_the_target_must_be_a_later_meeting_and_the_section_its_own(held, following, secretary):
    with pytest.raises(ValidationError, match="Afsnittet hører ikke til mødet"):
        items_carry_forward(
            from_meeting=held,
            to_meeting=following,
            section=section_of(held, "1"),
            by=secretary,
        )
    with pytest.raises(ValidationError, match="senere møde"):
        items_carry_forward(
            from_meeting=following, to_meeting=held, section=section_of(held, "1"), by=secretary
        )


def test_the_targets_are_the_bodys_later_drafts(held, following, secretary):
    later = draft_create(dt.date(2022, 2, 4))
    later.state = State.APPROVED
    later.save()
    draft_create(dt.date(2021, 9, 1))  # earlier: not a target
    assert carry_forward_targets(meeting=held) == [following]


def test_the_next_meetings_first_item_approves_these_minutes(held, following):
    approving = minutes_approved_in(meeting=held)
    assert approving is not None
    assert (approving.number, approving.title) == ("1.1", "Godkendelse af referat")
    assert approving.section.meeting == following
    assert minutes_approved_in(meeting=following) is None
