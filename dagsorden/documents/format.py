"""The intermediate document format, version 1.

Every importer produces a ``Document`` and every renderer consumes one, so a new
source format or a new output never has to know about the other side. The classes
are frozen (a document is a value) and hold tuples, so they compare by content:
``Document.from_dict(doc.to_dict()) == doc`` is the round-trip guarantee.

Texts are in "the text form": paragraphs are separated by a blank line, a line break
inside a paragraph is kept as ``\\n``, list items are lines starting with ``- `` or
``1) ``, and a few marks carry formatting (``**fed**``, ``*kursiv*``, ``[tekst](url)``,
``| tabel |`` lines). Never HTML: see ``dagsorden.lib.richtext``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 1
DOCUMENT_KINDS = ("agenda", "minutes")
MEETING_KINDS = ("ordinary", "constituting", "extraordinary")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class DocumentError(ValueError):
    """A dict or JSON text that is not a valid version-1 document; the message names the key."""


@dataclass(frozen=True)
class Source:
    format: str
    path: str | None = None


@dataclass(frozen=True)
class MeetingInfo:
    date: dt.date
    start: str | None = None  # "HH:MM", local time
    end: str | None = None
    location: str | None = None
    document: str = "agenda"
    kind: str = "ordinary"
    virtual: bool = False


@dataclass(frozen=True)
class Part:
    heading: str
    text: str


@dataclass(frozen=True)
class Attendee:
    name: str
    party: str | None = None
    role: str | None = None
    reason: str | None = None  # why an absent member was absent ("afbud", "sygdom")
    substitute_for: str | None = None  # the member a personal substitute attended for


@dataclass(frozen=True)
class Attendance:
    present: tuple[Attendee, ...] = ()
    absent: tuple[Attendee, ...] = ()


@dataclass(frozen=True)
class AttachmentRef:
    title: str
    url: str | None = None
    public: bool = True
    file: str | None = None  # path of the file as the source names it, if it has one


@dataclass(frozen=True)
class Item:
    number: str
    title: str
    case_number: str | None = None
    handlers: tuple[str, ...] = ()
    public: bool = True
    parts: tuple[Part, ...] = ()
    decision: str | None = None
    attachments: tuple[AttachmentRef, ...] = ()
    links: tuple[str, ...] = ()

    def part(self, heading: str) -> Part | None:
        return next((p for p in self.parts if p.heading == heading), None)


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Document:
    source: Source
    body: str
    meeting: MeetingInfo
    preamble: tuple[Part, ...] = ()
    attendance: Attendance = field(default_factory=Attendance)
    sections: tuple[Section, ...] = ()
    format_version: int = FORMAT_VERSION

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    # -- serialisation ---------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "format_version": self.format_version,
            "source": {"format": self.source.format, "path": self.source.path},
            "body": self.body,
            "meeting": {
                "date": self.meeting.date.isoformat(),
                "start": self.meeting.start,
                "end": self.meeting.end,
                "location": self.meeting.location,
                "document": self.meeting.document,
                "kind": self.meeting.kind,
                "virtual": self.meeting.virtual,
            },
            "preamble": [_part_dict(p) for p in self.preamble],
            "attendance": {
                "present": [_attendee_dict(a) for a in self.attendance.present],
                "absent": [_attendee_dict(a) for a in self.attendance.absent],
            },
            "sections": [
                {
                    "number": s.number,
                    "title": s.title,
                    "items": [_item_dict(i) for i in s.items],
                }
                for s in self.sections
            ],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Document:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DocumentError(f"not JSON: {exc}") from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Any) -> Document:
        r = _Reader(data, "document")
        version = r.get("format_version", int)
        if version != FORMAT_VERSION:
            raise DocumentError(
                f"format_version: this dagsorden reads version {FORMAT_VERSION}, not {version!r}"
            )
        src = r.sub("source", dict)
        meeting = r.sub("meeting", dict)
        attendance = r.sub("attendance", dict, optional=True)
        return cls(
            format_version=version,
            source=Source(format=src.get("format", str), path=src.opt("path", str)),
            body=r.text("body"),
            meeting=_meeting_from(meeting),
            preamble=tuple(_part_from(p) for p in r.each("preamble", optional=True)),
            attendance=Attendance(
                present=tuple(_attendee_from(a) for a in attendance.each("present", True)),
                absent=tuple(_attendee_from(a) for a in attendance.each("absent", True)),
            )
            if attendance is not None
            else Attendance(),
            sections=tuple(_section_from(s) for s in r.each("sections")),
        )


def _part_dict(p: Part) -> dict:
    return {"heading": p.heading, "text": p.text}


def _attendee_dict(a: Attendee) -> dict:
    return {
        "name": a.name,
        "party": a.party,
        "role": a.role,
        "reason": a.reason,
        "substitute_for": a.substitute_for,
    }


def _item_dict(i: Item) -> dict:
    return {
        "number": i.number,
        "title": i.title,
        "case_number": i.case_number,
        "handlers": list(i.handlers),
        "public": i.public,
        "parts": [_part_dict(p) for p in i.parts],
        "decision": i.decision,
        "attachments": [
            {"title": a.title, "url": a.url, "public": a.public, "file": a.file}
            for a in i.attachments
        ],
        "links": list(i.links),
    }


class _Reader:
    """Typed access to one JSON object, with the path of every value for error messages."""

    def __init__(self, data: Any, path: str):
        if not isinstance(data, dict):
            raise DocumentError(f"{path}: expected an object, got {type(data).__name__}")
        self.data = data
        self.path = path

    def _check(self, key: str, value: Any, kind: type) -> Any:
        # bool is an int in Python; a document with "public": 1 is still wrong.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise DocumentError(
                f"{self.path}.{key}: expected {kind.__name__}, got {type(value).__name__}"
            )
        return value

    def get(self, key: str, kind: type) -> Any:
        if key not in self.data:
            raise DocumentError(f"{self.path}.{key}: missing")
        return self._check(key, self.data[key], kind)

    def opt(self, key: str, kind: type, default: Any = None) -> Any:
        value = self.data.get(key)
        return default if value is None else self._check(key, value, kind)

    def text(self, key: str) -> str:
        value = self.get(key, str)
        if not value.strip():
            raise DocumentError(f"{self.path}.{key}: empty")
        return value

    def sub(self, key: str, kind: type, optional: bool = False) -> _Reader | None:
        if optional and self.data.get(key) is None:
            return None
        return _Reader(self.get(key, kind), f"{self.path}.{key}")

    def each(self, key: str, optional: bool = False) -> list[Any]:
        if optional and self.data.get(key) is None:
            return []
        values = self.get(key, list)
        return [(f"{self.path}.{key}[{n}]", v) for n, v in enumerate(values)]

    def strings(self, key: str) -> tuple[str, ...]:
        values = self.opt(key, list, [])
        for n, v in enumerate(values):
            if not isinstance(v, str):
                raise DocumentError(f"{self.path}.{key}[{n}]: expected str")
        return tuple(values)


def _meeting_from(r: _Reader) -> MeetingInfo:
    raw_date = r.get("date", str)
    try:
        date = dt.date.fromisoformat(raw_date)
    except ValueError:
        raise DocumentError(f"{r.path}.date: {raw_date!r} is not a date (YYYY-MM-DD)") from None
    times = {}
    for key in ("start", "end"):
        value = r.opt(key, str)
        if value is not None and not _TIME.match(value):
            raise DocumentError(f"{r.path}.{key}: {value!r} is not a time (HH:MM)")
        times[key] = value
    document = r.opt("document", str, "agenda")
    if document not in DOCUMENT_KINDS:
        raise DocumentError(f"{r.path}.document: {document!r} is not one of {DOCUMENT_KINDS}")
    kind = r.opt("kind", str, "ordinary")
    if kind not in MEETING_KINDS:
        raise DocumentError(f"{r.path}.kind: {kind!r} is not one of {MEETING_KINDS}")
    return MeetingInfo(
        date=date,
        start=times["start"],
        end=times["end"],
        location=r.opt("location", str),
        document=document,
        kind=kind,
        virtual=r.opt("virtual", bool, False),
    )


def _part_from(entry: tuple[str, Any]) -> Part:
    r = _Reader(entry[1], entry[0])
    return Part(heading=r.get("heading", str), text=r.get("text", str))


def _attendee_from(entry: tuple[str, Any]) -> Attendee:
    r = _Reader(entry[1], entry[0])
    return Attendee(
        name=r.text("name"),
        party=r.opt("party", str),
        role=r.opt("role", str),
        reason=r.opt("reason", str),
        substitute_for=r.opt("substitute_for", str),
    )


def _section_from(entry: tuple[str, Any]) -> Section:
    r = _Reader(entry[1], entry[0])
    return Section(
        number=r.text("number"),
        title=r.get("title", str),
        items=tuple(_item_from(i) for i in r.each("items", optional=True)),
    )


def _item_from(entry: tuple[str, Any]) -> Item:
    r = _Reader(entry[1], entry[0])
    return Item(
        number=r.text("number"),
        title=r.get("title", str),
        case_number=r.opt("case_number", str),
        handlers=r.strings("handlers"),
        public=r.opt("public", bool, True),
        parts=tuple(_part_from(p) for p in r.each("parts", optional=True)),
        decision=r.opt("decision", str),
        attachments=tuple(_attachment_from(a) for a in r.each("attachments", optional=True)),
        links=r.strings("links"),
    )


def _attachment_from(entry: tuple[str, Any]) -> AttachmentRef:
    r = _Reader(entry[1], entry[0])
    return AttachmentRef(
        title=r.get("title", str),
        url=r.opt("url", str),
        public=r.opt("public", bool, True),
        file=r.opt("file", str),
    )
