"""The workflow: one step at a time, the agenda check at sending, and a record of each step."""

import threading

import pytest
from django.db import connection

from dagsorden.audit.models import AuditEntry
from dagsorden.meetings.models import Meeting, MeetingEvent, MeetingVersion
from dagsorden.meetings.tests.factories import document_build
from dagsorden.meetings.tests.personas import meeting_create, secretary_create
from dagsorden.meetings.workflow import WorkflowError, meeting_advance

pytestmark = pytest.mark.django_db

S = Meeting.State

ALLOWED = [
    (S.DRAFT, S.APPROVED),
    (S.APPROVED, S.SENT),
    (S.SENT, S.PUBLISHED),
    (S.PUBLISHED, S.HELD),
    (S.HELD, S.MINUTES_DRAFT),
    (S.MINUTES_DRAFT, S.MINUTES_APPROVED),
    (S.MINUTES_APPROVED, S.MINUTES_PUBLISHED),
    (S.APPROVED, S.DRAFT),  # genåbn dagsordenen
    (S.MINUTES_APPROVED, S.MINUTES_DRAFT),  # genåbn referatet
]

REFUSED = [
    (S.DRAFT, S.SENT),  # skipping approval
    (S.DRAFT, S.MINUTES_PUBLISHED),
    (S.SENT, S.APPROVED),  # an agenda that members have cannot be taken back
    (S.SENT, S.DRAFT),
    (S.PUBLISHED, S.SENT),
    (S.HELD, S.PUBLISHED),
    (S.MINUTES_DRAFT, S.HELD),
    (S.MINUTES_PUBLISHED, S.MINUTES_APPROVED),
    (S.DRAFT, S.DRAFT),
    (S.MINUTES_PUBLISHED, "archived"),  # not a state at all
]


@pytest.fixture
def secretary():
    return secretary_create(body=meeting_create().body)


def meeting_in(state):
    """The fixture's meeting, put in ``state`` directly (not through the workflow)."""
    Meeting.objects.update(state=state)
    return Meeting.objects.get()


def labels(*states):
    return [str(S(s).label) if s in S.values else s for s in states]


@pytest.mark.parametrize(("from_state", "to_state"), ALLOWED)
def test_it_moves_one_step_and_records_it(from_state, to_state):
    meeting = meeting_create(state=from_state)
    user = secretary_create(body=meeting.body)

    event = meeting_advance(meeting=meeting, to_state=to_state, by=user)

    meeting.refresh_from_db()
    assert meeting.state == to_state
    assert (event.from_state, event.to_state, event.by, event.reason) == (
        from_state,
        to_state,
        user,
        "",
    )
    entry = AuditEntry.objects.get(action="meeting_advance")
    assert entry.user == user and entry.body == meeting.body
    assert entry.changes["state"] == [from_state, to_state]


def test_no_requested_state_is_refused_with_a_hint(secretary):
    meeting = meeting_in(S.DRAFT)
    with pytest.raises(WorkflowError, match="Vælg det trin, mødet skal tage"):
        meeting_advance(meeting=meeting, to_state="", by=secretary)
    assert not MeetingEvent.objects.exists()


@pytest.mark.parametrize(("from_state", "to_state"), REFUSED)
def test_it_refuses_other_steps_and_changes_nothing(from_state, to_state, secretary):
    meeting = meeting_in(from_state)

    with pytest.raises(WorkflowError) as refused:
        meeting_advance(meeting=meeting, to_state=to_state, by=secretary)

    message = refused.value.messages[0]
    current, requested = labels(from_state, to_state)
    assert f"»{current}«" in message and f"»{requested}«" in message
    assert "Intet er ændret" in message
    meeting.refresh_from_db()
    assert meeting.state == from_state
    assert not MeetingEvent.objects.exists() and not AuditEntry.objects.exists()


def test_sending_records_the_first_version(secretary):
    meeting = meeting_in(S.APPROVED)

    meeting_advance(meeting=meeting, to_state=S.SENT, by=secretary)

    [version] = MeetingVersion.objects.filter(meeting=meeting)
    assert (version.number, version.note, version.by) == (1, "Udsendt til medlemmerne", secretary)
    assert version.document["meeting"]["date"] == "2021-10-15"


def test_no_version_before_sending(secretary):
    meeting = Meeting.objects.get()
    meeting_advance(meeting=meeting, to_state=S.APPROVED, by=secretary)
    assert not MeetingVersion.objects.exists()


def test_lint_errors_block_sending_without_a_reason():
    # document_build's item 4.1 has a case number and no Indstilling: one error.
    meeting = meeting_create(state=S.APPROVED, sections=document_build().sections)
    user = secretary_create(body=meeting.body)

    with pytest.raises(WorkflowError) as refused:
        meeting_advance(meeting=meeting, to_state=S.SENT, by=user, reason="   ")

    assert "fandt 1 fejl" in refused.value.messages[0]
    meeting.refresh_from_db()
    assert meeting.state == S.APPROVED
    assert not MeetingEvent.objects.exists()
    assert not MeetingVersion.objects.exists() and not AuditEntry.objects.exists()


def test_a_reason_overrides_the_lint_errors_and_is_recorded():
    meeting = meeting_create(state=S.APPROVED, sections=document_build().sections)
    user = secretary_create(body=meeting.body)
    reason = "Indstillingen til 4.1 eftersendes; formanden har godkendt."

    event = meeting_advance(meeting=meeting, to_state=S.SENT, by=user, reason=reason)

    assert event.reason == reason and meeting.state == S.SENT
    entry = AuditEntry.objects.get(action="meeting_advance")
    assert entry.changes == {"state": [S.APPROVED, S.SENT], "lint_errors": 1, "reason": reason}
    assert MeetingVersion.objects.get().number == 1


def test_warnings_do_not_block_sending(secretary):
    # The factory's case numbers are short for KKR's scheme: warnings, not errors.
    meeting = meeting_in(S.APPROVED)
    event = meeting_advance(meeting=meeting, to_state=S.SENT, by=secretary)
    assert event.reason == ""


def test_starting_the_minutes_makes_the_document_minutes():
    meeting = meeting_create(state=S.HELD)
    assert meeting.document == Meeting.DocumentKind.AGENDA

    meeting_advance(meeting=meeting, to_state=S.MINUTES_DRAFT, by=None)

    meeting.refresh_from_db()
    assert meeting.document == Meeting.DocumentKind.MINUTES
    entry = AuditEntry.objects.get()
    assert entry.changes["document"] == ["agenda", "minutes"]


def test_a_back_step_keeps_its_reason(secretary):
    meeting = Meeting.objects.get()
    meeting_advance(meeting=meeting, to_state=S.APPROVED, by=secretary)
    meeting_advance(meeting=meeting, to_state=S.DRAFT, by=secretary, reason="Punkt 2.1 mangler")

    events = list(meeting.events.values_list("from_state", "to_state", "reason"))
    assert events == [(S.DRAFT, S.APPROVED, ""), (S.APPROVED, S.DRAFT, "Punkt 2.1 mangler")]
    assert AuditEntry.objects.count() == 2


def test_a_second_advance_from_a_stale_state_is_refused(secretary):
    first = Meeting.objects.get()
    second = Meeting.objects.get()  # a second page, opened before the first click

    meeting_advance(meeting=first, to_state=S.APPROVED, by=secretary)
    with pytest.raises(WorkflowError) as refused:
        meeting_advance(meeting=second, to_state=S.APPROVED, by=secretary)

    assert "siden siden blev hentet" in refused.value.messages[0]
    assert Meeting.objects.get().state == S.APPROVED
    assert MeetingEvent.objects.count() == 1 and AuditEntry.objects.count() == 1


def test_the_state_the_caller_saw_can_be_given(secretary):
    meeting = Meeting.objects.get()
    with pytest.raises(WorkflowError, match="Mødet kan ikke gå til »Godkendt«"):
        meeting_advance(meeting=meeting, to_state=S.APPROVED, by=secretary, from_state=S.SENT)
    assert not MeetingEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks (PostgreSQL)")
def test_two_clicks_at_once_advance_once():
    meeting = meeting_create(state=S.SENT)
    user = secretary_create(body=meeting.body)
    pages = [Meeting.objects.get(pk=meeting.pk) for _ in range(2)]
    start = threading.Barrier(2)
    outcome: list[str] = []

    def click(page):
        start.wait()
        try:
            meeting_advance(meeting=page, to_state=S.PUBLISHED, by=user)
            outcome.append("advanced")
        except WorkflowError:
            outcome.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(page,)) for page in pages]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcome) == ["advanced", "refused"]
    assert MeetingEvent.objects.filter(meeting=meeting).count() == 1
