"""A body's Atom feed of published agendas and minutes, read back by feedparser."""

import datetime as dt
from dataclasses import replace

import feedparser
import pytest
from django.urls import reverse

from dagsorden.meetings.models import Meeting, MeetingEvent
from dagsorden.meetings.tests.factories import document_build
from dagsorden.meetings.tests.personas import meeting_create, member_create, secretary_create
from dagsorden.meetings.workflow import meeting_advance

pytestmark = pytest.mark.django_db

State = Meeting.State
URL = "/organer/kkr-hovedstaden/feed.atom"


def on(day: dt.date, state=State.PUBLISHED) -> Meeting:
    return meeting_create(meeting=replace(document_build().meeting, date=day), state=state)


def feed_of(client, url: str = URL):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


def published_at(meeting: Meeting, state: str, at: dt.datetime) -> None:
    MeetingEvent.objects.create(meeting=meeting, from_state=state, to_state=state, at=at)


def test_the_feed_has_an_entry_per_published_agenda_and_minutes_newest_first(client):
    agenda = on(dt.date(2021, 11, 20))
    minutes = on(dt.date(2021, 10, 15), state=State.MINUTES_PUBLISHED)
    published_at(minutes, State.PUBLISHED, dt.datetime(2021, 10, 8, 12, tzinfo=dt.UTC))
    published_at(minutes, State.MINUTES_PUBLISHED, dt.datetime(2021, 10, 22, 9, tzinfo=dt.UTC))
    published_at(agenda, State.PUBLISHED, dt.datetime(2021, 11, 13, 9, tzinfo=dt.UTC))

    feed = feed_of(client)

    assert feed.version == "atom10"
    assert feed.feed.title == "KKR Hovedstaden: dagsordener og referater"
    assert feed.feed.link == "http://testserver/organer/kkr-hovedstaden/"
    assert [e.title for e in feed.entries] == [
        "Dagsorden: KKR Hovedstaden 20. november 2021",
        "Referat: KKR Hovedstaden 15. oktober 2021",
        "Dagsorden: KKR Hovedstaden 15. oktober 2021",
    ]
    assert [e.link for e in feed.entries] == [
        f"http://testserver/moeder/{agenda.pk}/",
        f"http://testserver/moeder/{minutes.pk}/",
        f"http://testserver/moeder/{minutes.pk}/",
    ]
    assert len({e.id for e in feed.entries}) == 3
    assert feed.entries[1].updated_parsed[:5] == (2021, 10, 22, 9, 0)
    assert feed.feed.updated_parsed[:5] == (2021, 11, 13, 9, 0)


def test_the_publication_time_is_the_workflow_step_that_made_it_public(client):
    meeting = on(dt.date(2031, 3, 4), state=State.SENT)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    secretary = secretary_create(body=meeting.body)
    meeting_advance(meeting=meeting, to_state=State.PUBLISHED, by=secretary)

    (entry,) = feed_of(client).entries

    assert entry.title == "Dagsorden: KKR Hovedstaden 4. marts 2031"
    updated = dt.datetime(*entry.updated_parsed[:6], tzinfo=dt.UTC)
    assert before <= updated <= dt.datetime.now(dt.UTC)


@pytest.mark.parametrize(
    ("state", "titles"),
    [
        (State.DRAFT, []),
        (State.SENT, []),
        (State.PUBLISHED, ["Dagsorden"]),
        (State.HELD, ["Dagsorden"]),
        (State.MINUTES_APPROVED, ["Dagsorden"]),
        (State.MINUTES_PUBLISHED, ["Referat", "Dagsorden"]),
    ],
)
def test_only_what_the_public_may_see_is_in_the_feed_even_for_a_member(client, state, titles):
    meeting = on(dt.date(2021, 10, 15), state=state)
    client.force_login(member_create(body=meeting.body))

    feed = feed_of(client)

    assert [e.title.split(":")[0] for e in feed.entries] == titles


def test_a_closed_item_shows_only_its_neutral_title(client):
    on(dt.date(2021, 10, 15), state=State.MINUTES_PUBLISHED)

    response = client.get(URL)
    feed = feed_of(client)

    assert "Udpegning til bestyrelse" not in response.content.decode()
    assert "2.2. Lukket punkt" in feed.entries[0].summary
    assert "1.1. Godkendelse af referat" in feed.entries[0].summary


def test_an_item_title_is_text_not_markup(client):
    meeting = on(dt.date(2021, 10, 15))
    meeting.sections.first().items.filter(number="1.1").update(title="<b>Fed</b> & sådan")

    summary = feed_of(client).entries[0].summary

    assert "1.1. &lt;b&gt;Fed&lt;/b&gt; &amp; sådan" in summary


def test_an_unknown_body_is_404(client):
    assert client.get("/organer/findes-ikke/feed.atom").status_code == 404


def test_the_body_page_links_its_calendar_and_feed(client):
    on(dt.date(2021, 10, 15))

    html = client.get(reverse("portal:body_year", args=["kkr-hovedstaden", 2021])).content

    assert b'href="/organer/kkr-hovedstaden/feed.atom"' in html
    assert b'href="/organer/kkr-hovedstaden/kalender.ics"' in html


def test_the_queries_do_not_grow_with_the_meetings(client, django_assert_max_num_queries):
    for month in (3, 6, 9, 12):
        on(dt.date(2021, month, 1), state=State.MINUTES_PUBLISHED)

    with django_assert_max_num_queries(5):
        assert len(feed_of(client).entries) == 8
