"""Meetings, agenda items, attachments and cases, as the public may see them.

Every rule comes from ``meetings.access`` asked about ``PUBLIC``: unpublished meetings
do not exist here, and a closed item keeps its number and the body's neutral title only.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.urls import reverse
from ninja import Query, Router

from dagsorden.api.bodies import BodyKey, Limit, Offset, body_filter
from dagsorden.api.http import (
    ERRORS,
    PUBLIC,
    PUBLIC_STATES,
    IsoDate,
    IsoDateTime,
    absolute,
    conditional,
    not_found,
    page,
    set_last_modified,
    utc,
)
from dagsorden.api.schemas import (
    AttachmentOut,
    CaseDetail,
    CasePage,
    ItemDetail,
    MeetingDetail,
    MeetingPage,
)
from dagsorden.cases import selectors as cases
from dagsorden.meetings import access
from dagsorden.meetings import selectors as meetings

router = Router(tags=["møder"])

DateFrom = Query(None, description="Møder på eller efter denne dato.")
DateTo = Query(None, description="Møder på eller før denne dato.")
ModifiedSince = Query(None, description="Kun møder ændret siden; uden tidszone er det dansk tid.")


def _body_ref(body) -> dict:
    return {"id": body.pk, "slug": body.slug, "name": body.name}


def _meeting_ref(request, meeting) -> dict:
    url = reverse("api:meeting_detail", args=[meeting.pk])
    return {
        "id": meeting.pk,
        "date": meeting.date,
        "body": _body_ref(meeting.body),
        "url": absolute(request, url),
    }


def meeting_out(request, meeting, *, item_count: int | None = None) -> dict:
    minutes = access.can_see_minutes(PUBLIC, meeting)
    return {
        **_meeting_ref(request, meeting),
        "start": _hhmm(meeting.start),
        "end": _hhmm(meeting.end),
        "location": meeting.location,
        "kind": meeting.kind,
        "virtual": meeting.virtual,
        # The minutes' text is not the public's until they are published.
        "document": meeting.document if minutes else "agenda",
        "state": meeting.state,
        "item_count": meeting.item_count if item_count is None else item_count,
        "modified": meeting.modified,
        "portal_url": absolute(request, reverse("portal:meeting_detail", args=[meeting.pk])),
    }


def _hhmm(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _visible_meeting(meeting):
    if meeting is None or not access.can_see_meeting(PUBLIC, meeting):
        raise not_found("Mødet")
    return meeting


def item_summary(request, item, body) -> dict:
    url = absolute(request, reverse("api:item_detail", args=[item.pk]))
    if not item.public:
        # As document_redact: the number and the neutral title, not even the case.
        title = access.closed_title(body, item.title)
        return {
            "id": item.pk,
            "number": item.number,
            "title": title,
            "public": False,
            "case": None,
            "url": url,
        }
    case = None
    if item.case is not None:
        case_url = absolute(request, reverse("api:case_detail", args=[item.case.pk]))
        case = {"id": item.case.pk, "number": item.case.number, "url": case_url}
    return {
        "id": item.pk,
        "number": item.number,
        "title": item.title,
        "public": True,
        "case": case,
        "url": url,
    }


def attachment_out(request, attachment) -> dict:
    download = None
    if attachment.file:
        download = absolute(request, reverse("portal:attachment", args=[attachment.pk]))
    return {
        "id": attachment.pk,
        "item_id": attachment.item_id,
        "title": attachment.title,
        "public": attachment.public,
        "download_url": download,
        "url": attachment.url,
    }


@router.get("/meetings", response={200: MeetingPage, **ERRORS}, url_name="meeting_list")
@conditional
def meeting_list(
    request,
    body: str | None = BodyKey,
    date_from: IsoDate | None = DateFrom,
    date_to: IsoDate | None = DateTo,
    modified_since: IsoDateTime | None = ModifiedSince,
    limit: int = Limit,
    offset: int = Offset,
):
    """Offentliggjorte møder, ældste id først."""
    queryset = meetings.meetings_in_states(
        states=PUBLIC_STATES,
        body=body_filter(body),
        date_from=date_from,
        date_to=date_to,
        modified_since=utc(modified_since),
    )
    serialize = lambda m: meeting_out(request, m)  # noqa: E731
    return page(request, queryset, limit=limit, offset=offset, serialize=serialize)


@router.get(
    "/meetings/{meeting_id}", response={200: MeetingDetail, **ERRORS}, url_name="meeting_detail"
)
@conditional
def meeting_detail(request, response: HttpResponse, meeting_id: int):
    """Et møde med dagsordenens afsnit og punkter; fremmøde, når referatet er offentligt."""
    meeting = _visible_meeting(meetings.meeting_api_get(meeting_id=meeting_id))
    sections = list(meeting.sections.all())
    items = [item for section in sections for item in section.items.all()]
    minutes = access.can_see_minutes(PUBLIC, meeting)
    attendance = (
        [
            {
                f: getattr(row, f)
                for f in ("name", "party", "role", "present", "reason", "substitute_for")
            }
            for row in meeting.attendance.all()
        ]
        if minutes
        else []
    )
    # meetings.stamps moves the meeting's stamp on every write to what its pages show,
    # items, parts, attachments and cases included: Last-Modified can rest on it alone.
    set_last_modified(response, meeting.modified)
    return {
        **meeting_out(request, meeting, item_count=len(items)),
        "sections": [
            {
                "number": section.number,
                "title": section.title,
                "items": [item_summary(request, i, meeting.body) for i in section.items.all()],
            }
            for section in sections
        ],
        "attendance": attendance,
    }


@router.get("/items/{item_id}", response={200: ItemDetail, **ERRORS}, url_name="item_detail")
@conditional
def item_detail(request, response: HttpResponse, item_id: int):
    """Et dagsordenspunkt med tekst, bilag og, når referatet er offentligt, beslutning."""
    item = meetings.agenda_item_get(item_id=item_id)
    if item is None or not access.can_see_meeting(PUBLIC, item.section.meeting):
        raise not_found("Punktet")
    meeting = item.section.meeting
    out = {
        **item_summary(request, item, meeting.body),
        "meeting": _meeting_ref(request, meeting),
        "section": item.section.number,
        "handlers": [],
        "parts": [],
        "decision": None,
        "attachments": [],
        "links": [],
        "modified": meeting.modified,
    }
    set_last_modified(response, meeting.modified)
    if not item.public:
        return out
    closed = access.can_see_closed(PUBLIC, meeting)
    minutes = access.can_see_minutes(PUBLIC, meeting)
    return {
        **out,
        "handlers": list(item.handlers or ()),
        "parts": [{"heading": p.heading, "text": p.text} for p in item.parts.all()],
        "decision": item.decision if minutes else None,
        "attachments": [
            attachment_out(request, a)
            for a in item.attachments.all()
            if access.attachment_visible(item=item, attachment=a, closed=closed)
        ],
        "links": list(item.links or ()),
    }


@router.get(
    "/attachments/{attachment_id}",
    response={200: AttachmentOut, **ERRORS},
    url_name="attachment_detail",
)
@conditional
def attachment_detail(request, attachment_id: int):
    """Et bilags metadata; selve filen hentes fra ``download_url``."""
    attachment = meetings.attachment_api_get(attachment_id=attachment_id)
    if attachment is None or not access.can_see_attachment(PUBLIC, attachment):
        raise not_found("Bilaget")
    return attachment_out(request, attachment)


def case_out(request, case) -> dict:
    url = absolute(request, reverse("api:case_detail", args=[case.pk]))
    return {"id": case.pk, "number": case.number, "title": case.title, "url": url}


@router.get("/cases", response={200: CasePage, **ERRORS}, url_name="case_list")
@conditional
def case_list(request, limit: int = Limit, offset: int = Offset):
    """Sager, som et åbent punkt på et offentliggjort møde handler om."""
    queryset = cases.cases_with_items(states=PUBLIC_STATES, public_only=True)
    serialize = lambda c: case_out(request, c)  # noqa: E731
    return page(request, queryset, limit=limit, offset=offset, serialize=serialize)


@router.get("/cases/{case_id}", response={200: CaseDetail, **ERRORS}, url_name="case_detail")
@conditional
def case_detail(request, case_id: int):
    """En sag med dens punkter på tværs af møder, ældste møde først."""
    case = cases.case_api_get(case_id=case_id)
    if case is None:
        raise not_found("Sagen")
    rows = []
    for item in cases.case_items(case=case):
        if not access.can_see_item_on_case_page(PUBLIC, item):
            continue
        meeting = item.section.meeting
        minutes = access.can_see_minutes(PUBLIC, meeting)
        rows.append(
            {
                "id": item.pk,
                "number": item.number,
                "title": item.title,
                "meeting": _meeting_ref(request, meeting),
                "decision": item.decision if minutes else None,
                "url": absolute(request, reverse("api:item_detail", args=[item.pk])),
            }
        )
    # As the portal: a case only closed items are about does not exist for the public.
    if not rows:
        raise not_found("Sagen")
    return {**case_out(request, case), "items": rows}
