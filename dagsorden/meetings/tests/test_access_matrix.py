"""docs/access.md, cell by cell, on the functions in ``meetings.access``.

Each table below is written out by hand from docs/access.md, not derived from the code:
"yes" where the persona may, "-" where they may not. The HTTP side of the same rules is
dagsorden/portal/tests/test_access_pages.py.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from dagsorden.bodies.models import Body
from dagsorden.cases.models import Attachment
from dagsorden.documents import format as fmt
from dagsorden.meetings import access
from dagsorden.meetings.models import AgendaItem, AgendaSection, Meeting
from dagsorden.meetings.tests.factories import document_build
from dagsorden.meetings.tests.personas import (
    PERSONAS,
    admin_create,
    body_create,
    grid,
    member_create,
    persona_create,
    secretary_create,
)

pytestmark = pytest.mark.django_db

# -- the tables ----------------------------------------------------------------------------

SEE_MEETING = grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous        -       -       -       yes      yes    yes       yes         yes
other_member     -       -       -       yes      yes    yes       yes         yes
member           -       -      yes      yes      yes    yes       yes         yes
secretariat     yes     yes     yes      yes      yes    yes       yes         yes
administrator   yes     yes     yes      yes      yes    yes       yes         yes
""")

# A closed item's content, a closed attachment, any attachment of a closed item.
SEE_CLOSED = grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous        -       -       -       -         -      -         -           -
other_member     -       -       -       -         -      -         -           -
member           -       -      yes      yes      yes    yes       yes         yes
secretariat     yes     yes     yes      yes      yes    yes       yes         yes
administrator   yes     yes     yes      yes      yes    yes       yes         yes
""")

# Decisions, attendance, notes.
SEE_MINUTES = grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous        -       -       -       -         -      -         -          yes
other_member     -       -       -       -         -      -         -          yes
member           -       -       -       -         -      -        yes         yes
secretariat      -       -       -       -        yes    yes       yes         yes
administrator    -       -       -       -        yes    yes       yes         yes
""")

SEE_VERSIONS = grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous        -       -       -       -         -      -         -           -
other_member     -       -       -       -         -      -         -           -
member           -       -      yes      yes      yes    yes       yes         yes
secretariat      -       -      yes      yes      yes    yes       yes         yes
administrator    -       -      yes      yes      yes    yes       yes         yes
""")

RUN_WORKFLOW = grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous        -       -       -       -         -      -         -           -
other_member     -       -       -       -         -      -         -           -
member           -       -       -       -         -      -         -           -
secretariat     yes     yes     yes      yes      yes    yes       yes         yes
administrator   yes     yes     yes      yes      yes    yes       yes         yes
""")

EDIT_AGENDA = grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous        -       -       -       -         -      -         -           -
other_member     -       -       -       -         -      -         -           -
member           -       -       -       -         -      -         -           -
secretariat     yes     yes     yes      yes       -      -         -           -
administrator   yes     yes     yes      yes       -      -         -           -
""")

EDIT_MINUTES = grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous        -       -       -       -         -      -         -           -
other_member     -       -       -       -         -      -         -           -
member           -       -       -       -         -      -         -           -
secretariat      -       -       -       -        yes    yes        -           -
administrator    -       -       -       -        yes    yes        -           -
""")

# Not by state: the log page is the secretariat's (its bodies) and the administrators'.
SEE_AUDIT_LOG = {
    "anonymous": False,
    "other_member": False,
    "member": False,
    "secretariat": True,
    "administrator": True,
}

# -- building what the rules look at --------------------------------------------------------


@pytest.fixture
def body():
    return body_create("KKR Hovedstaden", slug="kkr-hovedstaden", kind=Body.Kind.KKR)


def meeting_in(body: Body, state: str) -> Meeting:
    return Meeting.objects.create(body=body, date=dt.date(2026, 12, 11), state=state)


def attachment_of(meeting: Meeting, *, item_public: bool, public: bool) -> Attachment:
    section = AgendaSection.objects.create(meeting=meeting, number="1", title="Sager")
    item = AgendaItem.objects.create(section=section, number="1.1", title="Sag", public=item_public)
    attachment = Attachment.objects.create(item=item, title="Notat", public=public)
    # As the download view loads it: item, section and meeting at hand.
    return Attachment.objects.select_related("item__section__meeting__body").get(pk=attachment.pk)


def cells(table):
    return [
        pytest.param(persona, state, want, id=f"{persona}-{state}")
        for (persona, state), want in table.items()
    ]


def allowed(cell: str) -> bool:
    assert cell in ("yes", "-"), cell
    return cell == "yes"


# -- the cells --------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "state", "want"), cells(SEE_MEETING))
def test_who_sees_the_meeting(body, persona, state, want):
    user = persona_create(persona, body=body)
    assert access.can_see_meeting(user, meeting_in(body, state)) is allowed(want)


@pytest.mark.parametrize(("persona", "state", "want"), cells(SEE_MEETING))
def test_who_gets_a_public_attachment(body, persona, state, want):
    # A public attachment of a public item goes with the meeting.
    attachment = attachment_of(meeting_in(body, state), item_public=True, public=True)
    user = persona_create(persona, body=body)
    assert access.can_see_attachment(user, attachment) is allowed(want)


@pytest.mark.parametrize(("persona", "state", "want"), cells(SEE_CLOSED))
def test_who_sees_closed_content(body, persona, state, want):
    user = persona_create(persona, body=body)
    assert access.can_see_closed(user, meeting_in(body, state)) is allowed(want)


@pytest.mark.parametrize(("persona", "state", "want"), cells(SEE_CLOSED))
def test_who_gets_a_closed_attachment(body, persona, state, want):
    attachment = attachment_of(meeting_in(body, state), item_public=True, public=False)
    user = persona_create(persona, body=body)
    assert access.can_see_attachment(user, attachment) is allowed(want)


@pytest.mark.parametrize(("persona", "state", "want"), cells(SEE_CLOSED))
def test_who_gets_a_public_attachment_of_a_closed_item(body, persona, state, want):
    attachment = attachment_of(meeting_in(body, state), item_public=False, public=True)
    user = persona_create(persona, body=body)
    assert access.can_see_attachment(user, attachment) is allowed(want)


@pytest.mark.parametrize(("persona", "state", "want"), cells(SEE_MINUTES))
def test_who_sees_the_minutes(body, persona, state, want):
    user = persona_create(persona, body=body)
    assert access.can_see_minutes(user, meeting_in(body, state)) is allowed(want)


@pytest.mark.parametrize(("persona", "state", "want"), cells(SEE_VERSIONS))
def test_who_sees_the_versions(body, persona, state, want):
    user = persona_create(persona, body=body)
    assert access.can_see_versions(user, meeting_in(body, state)) is allowed(want)


@pytest.mark.parametrize(("persona", "state", "want"), cells(RUN_WORKFLOW))
def test_who_runs_the_workflow(body, persona, state, want):
    user = persona_create(persona, body=body)
    assert access.can_run_workflow(user, meeting_in(body, state)) is allowed(want)


@pytest.mark.parametrize(("persona", "state", "want"), cells(EDIT_AGENDA))
def test_who_edits_the_agenda(body, persona, state, want):
    user = persona_create(persona, body=body)
    assert access.can_edit_agenda(user, meeting_in(body, state)) is allowed(want)


@pytest.mark.parametrize(("persona", "state", "want"), cells(EDIT_MINUTES))
def test_who_writes_the_minutes(body, persona, state, want):
    user = persona_create(persona, body=body)
    assert access.can_edit_minutes(user, meeting_in(body, state)) is allowed(want)


@pytest.mark.parametrize(("persona", "want"), SEE_AUDIT_LOG.items())
def test_who_reads_the_audit_log(body, persona, want):
    assert access.can_see_audit_log(persona_create(persona, body=body)) is want


def test_every_table_has_every_cell():
    for table in (SEE_MEETING, SEE_CLOSED, SEE_MINUTES, SEE_VERSIONS, RUN_WORKFLOW):
        assert len(table) == len(PERSONAS) * len(Meeting.State.values)


# -- the edges of the personas ------------------------------------------------------------


def test_a_former_member_is_the_public(body):
    user = member_create(body=body, start_date=dt.date(2018, 1, 1), end_date=dt.date(2021, 12, 31))
    meeting = meeting_in(body, Meeting.State.SENT)
    assert not access.can_see_meeting(user, meeting)
    assert not access.can_see_closed(user, meeting)


def test_a_member_who_has_not_started_yet_is_the_public(body):
    user = member_create(body=body, start_date=dt.date.today() + dt.timedelta(days=30))
    assert not access.can_see_closed(user, meeting_in(body, Meeting.State.PUBLISHED))


def test_the_secretariat_of_another_body_is_the_public(body):
    user = secretary_create(body=body_create())
    meeting = meeting_in(body, Meeting.State.PUBLISHED)
    assert access.can_see_meeting(user, meeting)
    assert not access.can_see_closed(user, meeting)
    assert not access.can_run_workflow(user, meeting)
    assert access.can_see_audit_log(user)  # its own bodies' entries only: audit.selectors


def test_a_user_without_any_role_is_the_public(body):
    user = persona_create("other_member", body=body_create())
    assert access.has_role(user)
    assert not access.has_role(AnonymousUser())
    assert access.has_role(admin_create())


# -- what the public reads of a closed item -------------------------------------------------


def test_a_closed_item_shows_the_neutral_title_unless_the_body_shows_real_ones(body):
    assert access.closed_title(body, "Udpegning til bestyrelse") == "Lukket punkt"
    body.closed_item_title = "Punkt for lukkede døre"
    assert access.closed_title(body, "Udpegning til bestyrelse") == "Punkt for lukkede døre"
    body.show_closed_titles = True
    assert access.closed_title(body, "Udpegning til bestyrelse") == "Udpegning til bestyrelse"


def test_the_public_document_keeps_only_number_and_title_of_a_closed_item(body):
    document = document_build()
    public = access.document_redact(document=document, body=body, closed=False, minutes=False)

    closed_item = next(item for item in public.items if item.number == "2.2")
    assert closed_item == fmt.Item(number="2.2", title="Lukket punkt", public=False)
    item = next(item for item in public.items if item.number == "2.1")
    assert [a.title for a in item.attachments] == ["Notat om FGU", "Tidsplan kan rekvireres"]
    assert all(item.decision is None for item in public.items)
    assert public.attendance == fmt.Attendance() and public.meeting.document == "agenda"


def test_the_members_document_keeps_closed_content_but_not_unapproved_minutes(body):
    document = document_build()
    members = access.document_redact(document=document, body=body, closed=True, minutes=False)
    assert [i.title for i in members.items] == [i.title for i in document.items]
    assert all(item.decision is None for item in members.items)
    full = access.document_redact(document=document, body=body, closed=True, minutes=True)
    assert full == document
