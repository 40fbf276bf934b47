"""Reading meetings: lists for a portal, one meeting with its agenda, and the document.

Every function here runs a fixed number of queries however long the agenda is.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.db import connection
from django.db.models import (
    Count,
    Max,
    Prefetch,
    QuerySet,
    prefetch_related_objects,
)

from dagsorden.bodies.models import Body
from dagsorden.cases.models import Attachment
from dagsorden.documents import format as fmt
from dagsorden.lib.validators import storable_id
from dagsorden.meetings.models import (
    AgendaItem,
    AgendaSection,
    Attendance,
    ItemNote,
    ItemPart,
    Meeting,
    MeetingEvent,
    MeetingVersion,
)

# Meetings created by hand in the admin have no import source.
MANUAL_FORMAT = "manual"


def _agenda_prefetches() -> tuple[Prefetch, ...]:
    # The "pk" tie-breaker keeps rows that share an order (edited by hand) stable.
    return (
        Prefetch("sections", queryset=AgendaSection.objects.order_by("order", "pk")),
        Prefetch(
            "sections__items",
            # minutes_of with its body: the page links an approving item to that meeting
            # and asks whether the visitor may see it.
            queryset=AgendaItem.objects.select_related("case", "minutes_of__body").order_by(
                "order", "pk"
            ),
        ),
        Prefetch("sections__items__parts", queryset=ItemPart.objects.order_by("order", "pk")),
        Prefetch(
            "sections__items__attachments", queryset=Attachment.objects.order_by("order", "pk")
        ),
        Prefetch("attendance", queryset=Attendance.objects.order_by("order", "pk")),
    )


def meeting_agenda_queryset() -> QuerySet[Meeting]:
    """Meetings with body, sections → items (with case) → parts and attachments, attendance."""
    return Meeting.objects.select_related("body").prefetch_related(*_agenda_prefetches())


def meeting_list(*, body: Body | None = None, year: int | None = None) -> QuerySet[Meeting]:
    """Meetings newest first, with their body and ``item_count``; no agenda content."""
    meetings = (
        Meeting.objects.select_related("body")
        .annotate(item_count=Count("sections__items"))
        .order_by("-date", "body__name")
    )
    if body is not None:
        meetings = meetings.filter(body=body)
    if year is not None:
        meetings = meetings.filter(date__year=year)
    return meetings


def meeting_get(*, meeting_id: int) -> Meeting | None:
    """One meeting with its whole agenda prefetched, or None."""
    return meeting_agenda_queryset().filter(pk=meeting_id).first()


def meeting_header_get(*, meeting_id: int) -> Meeting | None:
    """One meeting with its body and no agenda, or None."""
    return Meeting.objects.select_related("body").filter(pk=meeting_id).first()


def meeting_page_get(*, meeting_id: int) -> Meeting | None:
    """One meeting as a page shows it: the whole agenda and the items' notes, or None."""
    notes = Prefetch(
        "sections__items__notes",
        queryset=ItemNote.objects.select_related("person").order_by("order", "pk"),
    )
    return meeting_agenda_queryset().prefetch_related(notes).filter(pk=meeting_id).first()


def meeting_stamp_get(*, meeting_id: int) -> Meeting | None:
    """One meeting's header and body, plus what else its cached pages show, or None.

    A page shows its own meeting (moved on by ``stamps``), the later meeting whose item
    approves its minutes, and the earlier meetings whose minutes its items approve;
    ``approving_item``, ``approving_modified`` and ``approved_modified`` catch changes
    to those. One query.

    Every public page view starts here, so the query is written out once per process
    instead of built by the ORM on each request: building the subqueries cost ten times
    what running them does, and decided how many cached pages a second the portal serves.
    """
    if not storable_id(meeting_id):
        return None
    body_columns = _body_columns()
    rows = Meeting.objects.raw(_stamp_sql(), [meeting_id])
    meeting = next(iter(rows), None)
    if meeting is None:
        return None
    values = [getattr(meeting, alias) for _, alias in body_columns]
    meeting.body = Body.from_db(rows.db, [name for name, _ in body_columns], values)
    return meeting


def meeting_stamp_row(*, meeting_id: int) -> tuple | None:
    """The meeting's state followed by everything that identifies what its pages show
    (the values ``meeting_stamp_get`` carries, as the database gives them), or None.

    The cheapest question the portal asks: a cached public page is served on this row
    alone, so it is one plain cursor query with no model objects built.
    """
    if not storable_id(meeting_id):
        return None
    with connection.cursor() as cursor:
        cursor.execute(_stamp_row_sql(), [meeting_id])
        return cursor.fetchone()


@functools.cache
def _stamp_row_sql() -> str:
    q = connection.ops.quote_name
    body = ", ".join(
        f"b.{q(name)}" for name in ("id", "name", "slug", "closed_item_title", "show_closed_titles")
    )
    meeting = "m.state, m.modified, m.document"
    full = _stamp_sql()
    # The same joins and subqueries as the full stamp, with only the stamp's columns.
    return f"SELECT {meeting}, {body}, " + full[full.index("(SELECT i.id") :]


@functools.cache
def _body_columns() -> tuple[tuple[str, str], ...]:
    return tuple((f.attname, f"body__{f.attname}") for f in Body._meta.concrete_fields)


@functools.cache
def _stamp_sql() -> str:
    q = connection.ops.quote_name
    meeting, section, item = (
        q(model._meta.db_table) for model in (Meeting, AgendaSection, AgendaItem)
    )
    columns = ", ".join(
        f"m.{q(f.column)}"
        for f in Meeting._meta.concrete_fields
        if f.name not in ("preamble", "source")
    )
    body = ", ".join(f"b.{q(name)} AS {q(alias)}" for name, alias in _body_columns())
    order = q("order")
    approving = (
        f"FROM {item} i JOIN {section} s ON s.id = i.section_id "
        f"JOIN {meeting} n ON n.id = s.meeting_id "
        "WHERE i.minutes_of_id = m.id AND n.body_id = m.body_id AND n.date > m.date "
        f"ORDER BY n.date, s.{order}, i.{order}, i.id LIMIT 1"
    )
    approved = (
        f"SELECT p.modified FROM {meeting} p JOIN {item} i ON i.minutes_of_id = p.id "
        f"JOIN {section} s ON s.id = i.section_id WHERE s.meeting_id = m.id "
        "ORDER BY p.modified DESC LIMIT 1"
    )
    return (
        f"SELECT {columns}, {body}, "
        f"(SELECT i.id {approving}) AS approving_item, "
        f"(SELECT n.modified {approving}) AS approving_modified, "
        f"({approved}) AS approved_modified "
        f"FROM {meeting} m JOIN {q(Body._meta.db_table)} b ON b.id = m.body_id "
        "WHERE m.id = %s"
    )


def meeting_item_get(*, meeting_id: int, number: str) -> AgendaItem | None:
    """One item of a meeting by number, with everything its page shows, or None.

    Numbers are unique within a section; should two sections share one, the first in
    agenda order wins, as the meeting page's ``#punkt-`` anchors do.
    """
    return (
        AgendaItem.objects.select_related("section", "case", "minutes_of__body")
        .prefetch_related(
            Prefetch("parts", queryset=ItemPart.objects.order_by("order", "pk")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("order", "pk")),
            Prefetch("notes", queryset=ItemNote.objects.order_by("order", "pk")),
        )
        .filter(section__meeting_id=meeting_id, number=number)
        .order_by("section__order", "section__pk", "order", "pk")
        .first()
    )


def meeting_item_index(*, meeting_id: int) -> list[AgendaItem]:
    """The meeting's items in agenda order, numbers and titles only: for paging between."""
    return list(
        AgendaItem.objects.filter(section__meeting_id=meeting_id)
        .only("pk", "number", "title", "public", "section_id")
        .order_by("section__order", "section__pk", "order", "pk")
    )


def meeting_events(*, meeting: Meeting) -> QuerySet[MeetingEvent]:
    """The workflow history, oldest first, with who took each step."""
    return meeting.events.select_related("by").order_by("at", "pk")


def meeting_versions(*, meeting: Meeting) -> QuerySet[MeetingVersion]:
    """The versions of a sent agenda, first (as sent) to last, without their documents."""
    return meeting.versions.select_related("by").defer("document").order_by("number")


def meeting_version_get(*, meeting: Meeting, number: int) -> MeetingVersion | None:
    return meeting.versions.filter(number=number).first()


def attachment_get(*, attachment_id: int) -> Attachment | None:
    """One attachment with its item, section, meeting and body: what access needs."""
    return (
        Attachment.objects.select_related("item__section__meeting__body")
        .filter(pk=attachment_id)
        .first()
    )


def meeting_get_by_date(*, body_slug: str, date: dt.date) -> Meeting | None:
    """The meeting of a body on a day (the import identity), agenda prefetched, or None."""
    return meeting_agenda_queryset().filter(body__slug=body_slug, date=date).first()


def meeting_document_find(*, body_name: str, date: dt.date) -> fmt.Document | None:
    """The document of the meeting of the body so named on ``date``, if there is one."""
    meeting = meeting_agenda_queryset().filter(body__name=body_name, date=date).first()
    return meeting_document(meeting=meeting) if meeting is not None else None


def meeting_document(*, meeting: Meeting) -> fmt.Document:
    """Rebuild the document a meeting was imported from.

    A meeting from ``meeting_get`` (or ``meeting_agenda_queryset``) costs no further
    queries; any other costs one query per relation, never one per row.
    """
    prefetch_related_objects([meeting], *_agenda_prefetches())
    attendance = list(meeting.attendance.all())
    source = meeting.source or {}
    return fmt.Document(
        source=fmt.Source(format=source.get("format") or MANUAL_FORMAT, path=source.get("path")),
        body=meeting.body.name,
        meeting=fmt.MeetingInfo(
            date=meeting.date,
            start=_hhmm(meeting.start),
            end=_hhmm(meeting.end),
            location=meeting.location,
            document=meeting.document,
            kind=meeting.kind,
            virtual=meeting.virtual,
        ),
        preamble=tuple(
            fmt.Part(heading=part.get("heading", ""), text=part.get("text", ""))
            for part in meeting.preamble or ()
        ),
        attendance=fmt.Attendance(
            present=tuple(_attendee(row) for row in attendance if row.present),
            absent=tuple(_attendee(row) for row in attendance if not row.present),
        ),
        sections=tuple(
            fmt.Section(
                number=section.number,
                title=section.title,
                items=tuple(item_document(item=item) for item in section.items.all()),
            )
            for section in meeting.sections.all()
        ),
    )


def item_document(*, item: AgendaItem) -> fmt.Item:
    """One agenda item as a document item; parts, attachments and case should be prefetched."""
    return fmt.Item(
        number=item.number,
        title=item.title,
        case_number=item.case.number if item.case is not None else None,
        handlers=tuple(item.handlers or ()),
        public=item.public,
        parts=tuple(fmt.Part(heading=p.heading, text=p.text) for p in item.parts.all()),
        decision=item.decision,
        attachments=tuple(
            fmt.AttachmentRef(title=a.title, url=a.url, public=a.public, file=a.source_file)
            for a in item.attachments.all()
        ),
        links=tuple(item.links or ()),
    )


def _attendee(row: Attendance) -> fmt.Attendee:
    return fmt.Attendee(
        name=row.name,
        party=row.party,
        role=row.role,
        reason=row.reason,
        substitute_for=row.substitute_for,
    )


def _hhmm(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def meetings_with_item_titles(*, body_ids) -> QuerySet[Meeting]:
    """The bodies' meetings soonest first, with body and each item's number, title and
    openness only: what a calendar or a feed lists. Three queries."""
    items = AgendaItem.objects.only("pk", "number", "title", "public", "section_id")
    return (
        Meeting.objects.select_related("body")
        .defer("preamble", "source")
        .filter(body_id__in=body_ids)
        .prefetch_related(
            Prefetch("sections", queryset=AgendaSection.objects.order_by("order", "pk")),
            Prefetch("sections__items", queryset=items.order_by("order", "pk")),
        )
        .order_by("date", "start", "pk")
    )


def meeting_state_times(*, meeting_ids, states) -> dict[tuple[int, str], dt.datetime]:
    """When each meeting last entered each of ``states``, as ``{(meeting id, state): at}``.

    A meeting imported straight into a state has no event for it, so no key.
    """
    rows = (
        MeetingEvent.objects.filter(meeting_id__in=meeting_ids, to_state__in=states)
        .values("meeting_id", "to_state")
        .annotate(last=Max("at"))
        .order_by()
    )
    return {(row["meeting_id"], row["to_state"]): row["last"] for row in rows}


# -- the public API: lists in id order, so a page boundary never moves ----------------------


def meetings_in_states(
    *,
    states: list[str],
    body: Body | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    modified_since: dt.datetime | None = None,
) -> QuerySet[Meeting]:
    """Meetings in ``states``, oldest id first, with their body and ``item_count``."""
    meetings = (
        Meeting.objects.select_related("body")
        .defer("preamble", "source")
        .filter(state__in=states)
        .annotate(item_count=Count("sections__items"))
        .order_by("pk")
    )
    if body is not None:
        meetings = meetings.filter(body=body)
    if date_from is not None:
        meetings = meetings.filter(date__gte=date_from)
    if date_to is not None:
        meetings = meetings.filter(date__lte=date_to)
    if modified_since is not None:
        meetings = meetings.filter(modified__gte=modified_since)
    return meetings


def meeting_api_get(*, meeting_id: int) -> Meeting | None:
    """``meeting_get`` for an id from outside, which may not fit the database: None then."""
    return meeting_get(meeting_id=meeting_id) if storable_id(meeting_id) else None


def agenda_item_get(*, item_id: int) -> AgendaItem | None:
    """One item by id with its meeting and body, case, parts and attachments, or None."""
    if not storable_id(item_id):
        return None
    return (
        AgendaItem.objects.select_related("section__meeting__body", "case")
        .defer("section__meeting__preamble", "section__meeting__source")
        .prefetch_related(
            Prefetch("parts", queryset=ItemPart.objects.order_by("order", "pk")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("order", "pk")),
        )
        .filter(pk=item_id)
        .first()
    )


def attachment_api_get(*, attachment_id: int) -> Attachment | None:
    """``attachment_get`` for an id from outside, which may not fit the database."""
    return attachment_get(attachment_id=attachment_id) if storable_id(attachment_id) else None
