"""The iCalendar feeds of a body and of a person, read back by a strict parser."""

import datetime as dt
from dataclasses import replace

import icalendar
import pytest
from django.urls import reverse

from dagsorden.bodies.models import Membership, Person
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.tests.factories import document_build
from dagsorden.meetings.tests.personas import body_create, meeting_create, member_create

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def on(day: dt.date, state=Meeting.State.PUBLISHED, **info) -> Meeting:
    meeting = replace(document_build().meeting, date=day, **info)
    return meeting_create(meeting=meeting, state=state)


def calendar_of(client, url: str) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content.decode("utf-8"))


def events_of(calendar) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def body_url(slug="kkr-hovedstaden") -> str:
    return reverse("feeds:body_calendar", args=[slug])


def test_a_body_calendar_has_one_event_per_public_meeting(client):
    autumn = on(dt.date(2021, 10, 15))
    winter = on(dt.date(2021, 12, 2), state=Meeting.State.MINUTES_PUBLISHED)

    calendar = calendar_of(client, body_url())

    assert str(calendar["version"]) == "2.0" and calendar["prodid"]
    events = events_of(calendar)
    assert set(events) == {f"moede-{autumn.pk}@dagsorden", f"moede-{winter.pk}@dagsorden"}
    event = events[f"moede-{autumn.pk}@dagsorden"]
    assert str(event["summary"]) == "KKR Hovedstaden: møde"
    assert str(event["location"]) == "Rådhuset, Ærøgade 1, Højbjerg"
    assert str(event["url"]) == f"http://testserver/moeder/{autumn.pk}/"
    # 09:30–12:00 in Copenhagen: summer time (UTC+2) in October, winter time in December.
    assert event.decoded("dtstart") == dt.datetime(2021, 10, 15, 7, 30, tzinfo=UTC)
    assert event.decoded("dtend") == dt.datetime(2021, 10, 15, 10, 0, tzinfo=UTC)
    december = events[f"moede-{winter.pk}@dagsorden"]
    assert december.decoded("dtstart") == dt.datetime(2021, 12, 2, 8, 30, tzinfo=UTC)


def test_the_description_lists_the_items_with_a_closed_title_redacted(client):
    meeting = on(dt.date(2021, 10, 15))

    (event,) = calendar_of(client, body_url()).walk("VEVENT")

    lines = str(event["description"]).splitlines()
    assert lines[:6] == [
        "Dagsorden:",
        "1.1. Godkendelse af referat",
        "1.2. Godkendelse af dagsorden",
        "2.1. Status for den forberedende grunduddannelse (FGU)",
        "2.2. Lukket punkt",
        "4.1. Siden sidst",
    ]
    assert lines[-1] == f"http://testserver/moeder/{meeting.pk}/"
    assert "Udpegning til bestyrelse" not in str(event["description"])


def test_a_body_that_shows_closed_titles_shows_them_in_the_calendar_too(client):
    meeting = on(dt.date(2021, 10, 15))
    meeting.body.show_closed_titles = True
    meeting.body.save()

    (event,) = calendar_of(client, body_url()).walk("VEVENT")

    assert "2.2. Udpegning til bestyrelse" in str(event["description"]).splitlines()


@pytest.mark.parametrize("state", [Meeting.State.DRAFT, Meeting.State.APPROVED, Meeting.State.SENT])
def test_a_meeting_not_yet_published_is_absent_even_for_its_members(client, state):
    published = on(dt.date(2021, 10, 15))
    hidden = on(dt.date(2021, 11, 20), state=state)
    # Calendar apps fetch without a session, so a member's calendar is the public one too.
    client.force_login(member_create(body=hidden.body))

    events = events_of(calendar_of(client, body_url()))

    assert set(events) == {f"moede-{published.pk}@dagsorden"}


def test_a_meeting_without_times_is_a_whole_day_event(client):
    on(dt.date(2021, 10, 15), start=None, end=None)

    (event,) = calendar_of(client, body_url()).walk("VEVENT")

    assert event.decoded("dtstart") == dt.date(2021, 10, 15)
    assert event.decoded("dtend") == dt.date(2021, 10, 16)


def test_a_meeting_without_an_end_time_gets_no_invented_end(client):
    on(dt.date(2021, 10, 15), end=None)

    (event,) = calendar_of(client, body_url()).walk("VEVENT")

    assert event.decoded("dtstart") == dt.datetime(2021, 10, 15, 7, 30, tzinfo=UTC)
    assert "dtend" not in event


def test_a_person_calendar_has_the_meetings_of_their_seats_while_they_held_them(client):
    kkr = on(dt.date(2021, 10, 15)).body
    early = on(dt.date(2020, 3, 1))
    on(dt.date(2021, 11, 20), state=Meeting.State.DRAFT)
    other_body = body_create("Børneudvalget", slug="boerneudvalget")
    other = meeting_create(
        body="Børneudvalget",
        meeting=replace(document_build().meeting, date=dt.date(2021, 9, 1)),
        state=Meeting.State.PUBLISHED,
    )
    body_create("Ukendt udvalg")  # a body the person does not sit on
    person = Person.objects.create(name="Åse Ærø")
    Membership.objects.create(
        person=person, body=kkr, basis=Membership.Basis.BORN, start_date=dt.date(2021, 1, 1)
    )
    Membership.objects.create(person=person, body=other_body, basis=Membership.Basis.APPOINTED)

    calendar = calendar_of(client, reverse("feeds:person_calendar", args=[person.pk]))

    assert str(calendar["x-wr-calname"]) == "Åse Ærø: møder"
    summaries = sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))
    assert summaries == ["Børneudvalget: møde", "KKR Hovedstaden: møde"]
    assert f"moede-{early.pk}@dagsorden" not in events_of(calendar)  # before the seat
    assert f"moede-{other.pk}@dagsorden" in events_of(calendar)


def test_a_person_without_seats_has_an_empty_calendar(client):
    person = Person.objects.create(name="Ny Person")

    calendar = calendar_of(client, reverse("feeds:person_calendar", args=[person.pk]))

    assert calendar.walk("VEVENT") == []


@pytest.mark.parametrize(
    "url",
    [
        "/organer/findes-ikke/kalender.ics",
        "/personer/999999/kalender.ics",
        f"/personer/{2**70}/kalender.ics",
    ],
)
def test_an_unknown_body_or_person_is_404(client, url):
    assert client.get(url).status_code == 404


def test_the_queries_do_not_grow_with_the_meetings(client, django_assert_max_num_queries):
    for month in (3, 6, 9, 12):
        on(dt.date(2021, month, 1))
    person = Person.objects.create(name="Åse Ærø")
    body = Meeting.objects.first().body
    Membership.objects.create(person=person, body=body, basis=Membership.Basis.BORN)

    with django_assert_max_num_queries(4):
        assert len(calendar_of(client, body_url()).walk("VEVENT")) == 4
    with django_assert_max_num_queries(5):
        url = reverse("feeds:person_calendar", args=[person.pk])
        assert len(calendar_of(client, url).walk("VEVENT")) == 4
