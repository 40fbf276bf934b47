"""An Atom feed per body of its agendas and minutes as they are made public."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from dagsorden.bodies import selectors as bodies
from dagsorden.bodies.models import Body
from dagsorden.feeds import public
from dagsorden.meetings import selectors
from dagsorden.meetings.models import Meeting

State = Meeting.State
LIMIT = 50
# The state that makes each document public, and the word for it in an entry's title.
KINDS = (
    (State.PUBLISHED, "dagsorden", "Dagsorden"),
    (State.MINUTES_PUBLISHED, "referat", "Referat"),
)


@dataclass(frozen=True)
class Entry:
    meeting: Meeting
    kind: str
    label: str
    published: dt.datetime


class BodyFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug: str) -> Body:
        body = bodies.body_get(slug=slug)
        if body is None:
            raise Http404("Organet findes ikke.")
        return body

    def title(self, body: Body) -> str:
        return f"{body.name}: dagsordener og referater"

    def subtitle(self, body: Body) -> str:
        return f"Nye offentliggjorte dagsordener og referater fra {body.name}."

    def link(self, body: Body) -> str:
        return reverse("portal:body_detail", args=[body.slug])

    def feed_url(self, body: Body) -> str:
        return reverse("feeds:body_atom", args=[body.slug])

    def items(self, body: Body) -> list[Entry]:
        meetings = [
            m for m in selectors.meetings_with_item_titles(body_ids=[body.pk]) if public.visible(m)
        ]
        times = selectors.meeting_state_times(
            meeting_ids=[m.pk for m in meetings], states=[state for state, _, _ in KINDS]
        )
        entries = []
        for meeting in meetings:
            for state, kind, label in KINDS:
                if kind == "referat" and not public.minutes_visible(meeting):
                    continue
                # Imported meetings arrive already public: their import is the publication.
                published = times.get((meeting.pk, state), meeting.created)
                entries.append(Entry(meeting, kind, label, published))
        entries.sort(key=lambda e: (e.published, e.meeting.date, e.kind == "referat"), reverse=True)
        return entries[:LIMIT]

    def item_title(self, entry: Entry) -> str:
        return f"{entry.label}: {entry.meeting.body.name} {public.long_date(entry.meeting.date)}"

    def item_link(self, entry: Entry) -> str:
        return reverse("portal:meeting_detail", args=[entry.meeting.pk])

    def item_guid(self, entry: Entry) -> str:
        # Agenda and minutes share the meeting's page; each needs its own id.
        return f"tag:dagsorden,2021:moede-{entry.meeting.pk}-{entry.kind}"

    item_guid_is_permalink = False

    def item_description(self, entry: Entry) -> str:
        # An Atom summary is HTML to the reader: titles are escaped, never markup.
        lines = public.item_lines(entry.meeting) or [entry.label]
        return "<br>".join(escape(line) for line in lines)

    def item_pubdate(self, entry: Entry) -> dt.datetime:
        return entry.published

    def item_updateddate(self, entry: Entry) -> dt.datetime:
        return entry.published
