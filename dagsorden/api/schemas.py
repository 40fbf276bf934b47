"""What the API answers with; the OpenAPI schema at /api/v1/openapi.json is built from these."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class PageBase(Schema):
    count: int
    next: str | None
    previous: str | None


class BodyRef(Schema):
    id: int
    slug: str
    name: str


class BodyOut(BodyRef):
    kind: str
    municipalities: list[str]
    url: str


class BodyPage(PageBase):
    results: list[BodyOut]


class TermOut(Schema):
    id: int
    name: str
    start: dt.date
    end: dt.date


class TermPage(PageBase):
    results: list[TermOut]


class PersonOut(Schema):
    # No e-mail: an address given to the secretariat is not published.
    id: int
    name: str
    url: str


class PersonPage(PageBase):
    results: list[PersonOut]


class MembershipOut(Schema):
    id: int
    person_id: int
    body_id: int
    term_id: int | None
    role: str
    basis: str
    substitute_id: int | None
    party: str | None
    municipality: str | None
    start_date: dt.date | None
    end_date: dt.date | None


class MembershipPage(PageBase):
    results: list[MembershipOut]


class MeetingOut(Schema):
    id: int
    body: BodyRef
    date: dt.date
    # "HH:MM", local time: a JSON Schema "time" demands a UTC offset a meeting has none of.
    start: str | None = Field(pattern=r"^\d{2}:\d{2}$")
    end: str | None = Field(pattern=r"^\d{2}:\d{2}$")
    location: str | None
    kind: str
    virtual: bool
    document: str
    state: str
    item_count: int
    modified: dt.datetime
    url: str
    portal_url: str


class MeetingPage(PageBase):
    results: list[MeetingOut]


class CaseRef(Schema):
    id: int
    number: str
    url: str


class ItemSummary(Schema):
    id: int
    number: str
    title: str
    public: bool
    case: CaseRef | None
    url: str


class SectionOut(Schema):
    number: str
    title: str
    items: list[ItemSummary]


class AttendeeOut(Schema):
    name: str
    party: str | None
    role: str | None
    present: bool
    reason: str | None
    substitute_for: str | None


class MeetingDetail(MeetingOut):
    sections: list[SectionOut]
    attendance: list[AttendeeOut]


class PartOut(Schema):
    heading: str
    text: str


class AttachmentOut(Schema):
    id: int
    item_id: int
    title: str
    public: bool
    # The portal's download, which checks access again; None when only a link is known.
    download_url: str | None
    url: str | None


class MeetingRef(Schema):
    id: int
    date: dt.date
    body: BodyRef
    url: str


class ItemDetail(ItemSummary):
    meeting: MeetingRef
    section: str
    handlers: list[str]
    parts: list[PartOut]
    decision: str | None
    attachments: list[AttachmentOut]
    links: list[str]
    # The meeting's stamp: any change to the meeting's content moves it.
    modified: dt.datetime


class CaseOut(Schema):
    id: int
    number: str
    title: str
    url: str


class CasePage(PageBase):
    results: list[CaseOut]


class CaseItem(Schema):
    id: int
    number: str
    title: str
    meeting: MeetingRef
    decision: str | None
    url: str


class CaseDetail(CaseOut):
    items: list[CaseItem]
