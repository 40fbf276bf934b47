"""Reads for the minutes: the meeting with its notes, where its minutes are approved, and
the meetings its "Punkter til næste møde" can go to."""

from __future__ import annotations

from django.db.models import Prefetch

from dagsorden.meetings.models import AgendaItem, AgendaSection, ItemNote, Meeting
from dagsorden.meetings.selectors import meeting_agenda_queryset


def minutes_meeting_get(*, meeting_id: int) -> Meeting | None:
    """The meeting with its agenda, attendance and every item's notes prefetched, or None."""
    return (
        meeting_agenda_queryset()
        .prefetch_related(
            Prefetch("sections__items__notes", queryset=ItemNote.objects.order_by("order", "pk"))
        )
        .filter(pk=meeting_id)
        .first()
    )


def minutes_approved_in(*, meeting: Meeting) -> AgendaItem | None:
    """The item of a later meeting of the body that approves this meeting's minutes."""
    return (
        AgendaItem.objects.select_related("section__meeting__body")
        .filter(
            minutes_of=meeting,
            section__meeting__body_id=meeting.body_id,
            section__meeting__date__gt=meeting.date,
        )
        .order_by("section__meeting__date", "section__order", "order", "pk")
        .first()
    )


def carry_forward_targets(*, meeting: Meeting) -> list[Meeting]:
    """The body's later meetings whose agenda is still a draft, soonest first, with sections."""
    return list(
        Meeting.objects.filter(
            body_id=meeting.body_id, date__gt=meeting.date, state=Meeting.State.DRAFT
        )
        .order_by("date")
        .prefetch_related(
            Prefetch("sections", queryset=AgendaSection.objects.order_by("order", "pk"))
        )
    )
