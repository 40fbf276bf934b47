"""iCalendar feeds: a body's meetings, and the meetings of the bodies a person sits on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.http import Http404, HttpResponse
from django.urls import reverse

from dagsorden.bodies import selectors as bodies
from dagsorden.feeds import public
from dagsorden.meetings import selectors
from dagsorden.meetings.models import Meeting

# Meeting times are stored as local wall-clock times of the councils.
LOCAL = ZoneInfo("Europe/Copenhagen")
PRODID = "-//dagsorden//Dagsordener og referater//DA"


def body_calendar(request, slug: str):
    body = bodies.body_get(slug=slug)
    if body is None:
        raise Http404("Organet findes ikke.")
    meetings = selectors.meetings_with_item_titles(body_ids=[body.pk])
    return _response(request, name=body.name, meetings=meetings)


def person_calendar(request, person_id: int):
    person = bodies.person_get(person_id=person_id)
    if person is None:
        raise Http404("Personen findes ikke.")
    seats = list(bodies.person_memberships(person=person))
    meetings = selectors.meetings_with_item_titles(body_ids={s.body_id for s in seats})
    # Only the meetings held while the person had the seat, not the body's whole history.
    held = [m for m in meetings if any(_covers(s, m.date) for s in seats if s.body_id == m.body_id)]
    return _response(request, name=person.name, meetings=held)


def _covers(seat, day: dt.date) -> bool:
    return (seat.start_date is None or seat.start_date <= day) and (
        seat.end_date is None or day <= seat.end_date
    )


def _response(request, *, name: str, meetings: Iterable[Meeting]) -> HttpResponse:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{name}: møder")
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    for meeting in meetings:
        if public.visible(meeting):
            calendar.add_component(_event(request, meeting))
    # No Content-Disposition file name: the static export then keeps the file at this
    # address, so a subscription works the same against a static copy of the portal.
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


def _event(request, meeting: Meeting) -> icalendar.Event:
    event = icalendar.Event()
    # The meeting's id, not its address: the UID must not change with the host name.
    event.add("uid", f"moede-{meeting.pk}@dagsorden")
    event.add("dtstamp", meeting.modified.astimezone(dt.UTC))
    event.add("last-modified", meeting.modified.astimezone(dt.UTC))
    for name, value in _times(meeting).items():
        event.add(name, value)
    event.add("summary", f"{meeting.body.name}: møde")
    if meeting.location:
        event.add("location", meeting.location)
    url = request.build_absolute_uri(reverse("portal:meeting_detail", args=[meeting.pk]))
    event.add("url", url)
    lines = public.item_lines(meeting)
    event.add("description", "\n".join(["Dagsorden:", *lines, "", url] if lines else [url]))
    return event


def _times(meeting: Meeting) -> dict:
    """DTSTART and DTEND in UTC; a meeting without a start time is a whole-day event, and
    one without an end time gets none rather than an invented one."""
    if meeting.start is None:
        return {"dtstart": meeting.date, "dtend": meeting.date + dt.timedelta(days=1)}
    times = {"dtstart": _utc(meeting.date, meeting.start)}
    if meeting.end is not None and meeting.end > meeting.start:
        times["dtend"] = _utc(meeting.date, meeting.end)
    return times


def _utc(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=LOCAL).astimezone(dt.UTC)
