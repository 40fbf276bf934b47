"""Importer for eDoc's publishing XML (``eDocAgendaPublishing.xml``).

eDoc (Ballerup and other councils) publishes a meeting as one XML file beside PDFs:
``<Meeting>`` holds Committee, MeetingDate and MeetingState, then one
``<MeetingAgendaType>`` per part of the agenda ("Åben dagsorden", "Lukket dagsorden")
naming its complete PDF, and in it one ``<MeetingAgendaItem>`` per item with the item's
PDF, its ``<Document>`` (title, attachments with their PDFs) and ``<FullText>``: the
item's text as Word wrote it, one paragraph a line, parts headed by lines such as
"Sagsfremstilling", and in minutes a decision block "<Udvalg>s beslutning den
04.12.2012 Punkt 2". The sample is ``shared/data/edoc-ballerup-sfu-2012-12-04``.

eDoc writes character references XML 1.0 forbids (``&#xC;``, Word's page break), which
every conforming parser refuses, so they are mended before parsing.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from dagsorden.documents.format import (
    AttachmentRef,
    Attendance,
    Attendee,
    Document,
    Item,
    MeetingInfo,
    Part,
    Section,
    Source,
)
from dagsorden.importers.base import ImportFailed, report
from dagsorden.importers.xmlsafe import xml_root

FORMAT = "edoc-xml"

# Part headings as eDoc's templates print them, each a line of its own.
HEADINGS = frozenset(
    {
        "Sammendrag",
        "Resumé",
        "Baggrund",
        "Sagsfremstilling",
        "Sagens baggrund",
        "Vurdering",
        "Forvaltningens vurdering",
        "Økonomiske konsekvenser og finansiering",
        "Økonomiske konsekvenser",
        "Økonomi",
        "Lovgrundlag",
        "Retsgrundlag",
        "Høring",
        "Kommunikation",
        "Tidsplan",
        "Bilag",
        "Beslutningen træffes af",
        "Beslutningskompetence",
        "Indstilling",
    }
)
BILAG = "Bilag"
ABSENT = "Følgende deltog ikke i behandlingen af punktet:"

_DETECT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<Meeting(?:\s[^>]*)?>",
    re.DOTALL,
)
_DECLARED = re.compile(rb"^<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_CHARREF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DECISION = re.compile(
    r"^(?P<body>\S.*?)\s+beslutning\s+den\s+(?P<date>\d{1,2}\.\d{1,2}\.\d{4})"
    r"(?:,?\s+(?:Punkt|pkt\.?)\s*\d+)?$",
    re.IGNORECASE,
)
_CASE = re.compile(r"^Sagsnr\.?\s*:\s*(?P<case>\S+)", re.IGNORECASE)
_DOCNR = re.compile(r"^Dok\.?\s*nr\.?\s*:", re.IGNORECASE)
_BILAG_LINE = re.compile(r"^(?:\d{4}\s*[-–]\s*\d+\s*[-–]\s*\S|Ingen\b)")
# "A)" or "b." alone on a line: Word's numbering, printed apart from the text it numbers.
_MARKER = re.compile(r"^(?:[A-Za-zÆØÅæøå]|\d{1,2})[.)]$")
_WHEN = re.compile(r"\bkl\.?\s*(\d{1,2})[:.](\d{2})(?:\s*[-–]\s*(\d{1,2})[:.](\d{2}))?")
_ATTENDEE = re.compile(
    r"^(?P<name>[^()]+?)\s*(?:\((?P<party>[^)]+)\))?\s*(?:[-–]\s*(?P<role>.+))?$"
)


def detect(raw: bytes) -> bool:
    head = raw[:65536]
    return bool(_DETECT.match(head)) and b"<MeetingAgendaTypes" in head


def companions(raw: bytes, path: str) -> list[str]:
    """Every file the XML names, there or not: the complete, item and attachment PDFs.

    Raises ``ImportFailed`` as ``parse`` does: an XML that cannot be read names nothing.
    """
    names = (_file_name(e) for e in _root(raw, path).iter("PDFDocument"))
    return list(dict.fromkeys(n for n in names if n))


def parse(raw: bytes, path: str) -> Document:
    root = _root(raw, path)
    body = _child_text(root, "Committee")
    if not body:
        raise ImportFailed(path, "the eDoc XML names no <Committee>, so whose meeting it is")
    date, start = _meeting_date(_child_text(root, "MeetingDate"), path)
    state = _child_text(root, "MeetingState") or ""
    kind = "minutes" if state.casefold().startswith("referat") else "agenda"
    folder = Path(path).parent
    missing = _Missing(path, folder)
    types = root.findall("MeetingAgendaTypes/MeetingAgendaType")
    sections = []
    for n, agenda_type in enumerate(types, 1):
        missing.check(agenda_type.find("PDFDocument"))
        title = _child_text(agenda_type, "AgendaType") or "Dagsorden"
        public = "lukket" not in title.casefold()
        items = [
            _item(e, p, body=body, public=public, date=date, missing=missing)
            for p, e in enumerate(agenda_type.findall("MeetingAgendaItems/MeetingAgendaItem"), 1)
        ]
        # eDoc lists items in no particular order; the meeting treats them by number.
        items.sort(key=lambda i: (int(i.number) if i.number.isdigit() else 10**6, i.number))
        sections.append(Section(number=str(n), title=title, items=tuple(items)))
    if not sections:
        raise ImportFailed(path, "the eDoc XML has no <MeetingAgendaType>, so no agenda items")
    cover = types[0].findtext("FullText") or ""
    start, end, location = _when_where(cover, start)
    return Document(
        source=Source(format=FORMAT, path=path),
        body=body,
        meeting=MeetingInfo(date=date, start=start, end=end, location=location, document=kind),
        attendance=_attendance(cover),
        sections=tuple(sections),
    )


# -- reading the XML -------------------------------------------------------------------


def _root(raw: bytes, path: str) -> Element:
    text = _mend(_decode(raw, path))
    root = xml_root(text, path, tag="Meeting", system="eDoc")
    return root


def _decode(raw: bytes, path: str) -> str:
    # Decoding here, not in expat, turns a wrong encoding into a message, not a byte offset.
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in raw[:8192]:
        raise ImportFailed(path, "this is a binary file, not eDoc XML")
    elif m := _DECLARED.match(raw.removeprefix(codecs.BOM_UTF8)):
        encoding = m.group(1).decode("ascii")
    else:
        encoding = "utf-8-sig"
    try:
        text = raw.decode(encoding)
    except LookupError:
        raise ImportFailed(path, f"the XML declares an unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            path,
            f"not {encoding.removesuffix('-sig').upper()} text as the XML says "
            f"(invalid byte at position {exc.start})",
        ) from None
    # expat reads a str as UTF-8 whatever the declaration says; drop it so the two agree.
    return re.sub(r"^\ufeff?<\?xml[^>]*\?>", "", text, count=1)


def _mend(text: str) -> str:
    """Replace what XML 1.0 forbids, as references or raw, keeping the text readable."""

    def char(code: int) -> str | None:
        if code in (0x0B, 0x0C):  # vertical tab and form feed: Word's line and page breaks
            return "\n"
        if code < 0x20 and code not in (0x09, 0x0A, 0x0D):
            return ""
        if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF) or code > 0x10FFFF:
            return "\ufffd"
        return None

    def ref(m: re.Match) -> str:
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        mended = char(code)
        return m.group(0) if mended is None else mended

    text = _CHARREF.sub(ref, text)
    return _CONTROL.sub(lambda m: char(ord(m.group(0))) or "", text)


def _child_text(e: Element | None, path: str) -> str | None:
    found = e.find(path) if e is not None else None
    text = " ".join((found.text or "").split()) if found is not None else ""
    return text or None


def _file_name(e: Element | None) -> str | None:
    return _child_text(e, ".") if e is not None else None


def _meeting_date(value: str | None, path: str) -> tuple[dt.date, str | None]:
    for pattern in ("%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y"):
        try:
            when = dt.datetime.strptime(value or "", pattern)
        except ValueError:
            continue
        # eDoc writes midnight for a meeting whose time nobody entered.
        start = when.strftime("%H:%M") if when.time() != dt.time(0) else None
        return when.date(), start
    raise ImportFailed(path, f"<MeetingDate> {value!r} is not a date like 04-12-2012 13:00:00")


@dataclass
class _Missing:
    """Checks each file the XML names once, reporting those absent from the folder."""

    path: str
    folder: Path
    seen: dict[str, bool] = field(default_factory=dict)

    def check(self, e: Element | None) -> str | None:
        """The file's name if it can be used beside the XML, else None."""
        name = _file_name(e)
        if name is None:
            return None
        if name not in self.seen:
            # A name is only ever a file beside the XML; a path could reach anywhere.
            if Path(name).name != name or name.startswith("."):
                report(self.path, f"names {name!r}, which is not a plain file name; ignored")
                self.seen[name] = False
            else:
                self.seen[name] = (self.folder / name).is_file()
                if not self.seen[name]:
                    report(self.path, f"names {name}, which is not in the folder")
        return name if self.seen[name] else None


# -- items -------------------------------------------------------------------------------


def _item(
    e: Element, position: int, *, body: str, public: bool, date: dt.date, missing: _Missing
) -> Item:
    missing.check(e.find("PDFDocument"))  # the item's own PDF: the item itself, not a file of it
    doc = e.find("Document")
    number = _child_text(e, "AgendaItemNumber") or str(position)
    lines = (e.findtext("FullText") or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = _ItemText.read(lines, number)
    # A closed item's Title may name a person; NeutralTitle is the one eDoc made to publish.
    titles = ("Title", "NeutralTitle") if public else ("NeutralTitle", "Title")
    title = next(filter(None, (_child_text(doc, t) for t in titles)), None)
    case = _child_text(doc, "CaseLogicIdentifier") or _child_text(doc, "Case/LogicIdentifier")
    worker = _child_text(doc, "CaseWorker")
    attachments = [
        _attachment(a, public=public, missing=missing)
        for a in (doc.findall("Attachments/Attachment") if doc is not None else [])
    ]
    parts, decision = text.parts(body, date)
    return Item(
        number=number,
        title=title or text.title or f"Punkt {number}",
        case_number=case or text.case_number,
        handlers=(worker,) if worker else (),
        public=public,
        parts=parts,
        decision=decision,
        attachments=tuple(attachments),
    )


def _attachment(e: Element, *, public: bool, missing: _Missing) -> AttachmentRef:
    titles = ("Title", "Name", "NeutralTitle") if public else ("NeutralTitle", "Title", "Name")
    file = missing.check(e.find("PDFDocument"))
    title = next(filter(None, (_child_text(e, t) for t in titles)), None)
    return AttachmentRef(
        title=title or _file_name(e.find("PDFDocument")) or "Bilag",
        url=_public_url(_child_text(e, "UrlShowAttachment")),
        public=public and _may_publish(e),
        file=file,
    )


def _may_publish(e: Element) -> bool:
    publishing = (_child_text(e, "PublishingType") or "").casefold()
    access = (_child_text(e, "PublicAccess") or "").casefold()
    closed = ("nej", "lukket", "ikke", "false", "0", "fortrolig")
    return "ikke" not in publishing and not access.startswith(closed)


def _public_url(url: str | None) -> str | None:
    # eDoc links to its own server ("http://edocfarm/..."), which nobody outside can reach.
    if not url or len(url) > 1000:
        return None
    parts = urlsplit(url)
    host = parts.hostname or ""
    return url if parts.scheme in ("http", "https") and "." in host else None


@dataclass
class _Block:
    heading: str | None  # None: the text before the first heading
    lines: list[str] = field(default_factory=list)


@dataclass
class _ItemText:
    """An item's FullText cut at its headings, without the title and case lines."""

    title: str | None
    case_number: str | None
    blocks: list[_Block]

    @classmethod
    def read(cls, lines: list[str], number: str) -> _ItemText:
        title = case = None
        blocks = [_Block(None)]
        for raw in lines:
            line = " ".join(raw.split())
            head = blocks[-1].heading is None and not any(blocks[-1].lines)
            if head and title is None and line.startswith(f"{number}."):
                title = line.removeprefix(f"{number}.").strip() or None
            elif head and (m := _CASE.match(line)):
                case = m.group("case")
            elif head and _DOCNR.match(line):
                pass
            elif line.rstrip(":") in HEADINGS or _DECISION.match(line):
                blocks.append(_Block(line.rstrip(":")))
            else:
                blocks[-1].lines.append(line)
        return cls(title, case, _inline_bilag(blocks))

    def parts(self, body: str, date: dt.date) -> tuple[tuple[Part, ...], str | None]:
        """The parts, and the decision ``body`` made on ``date`` if the text has it.

        An item often carries the decisions of the bodies that treated it before (the
        committee's, then Økonomiudvalget's): those stay parts under their own lines.
        """
        ours = [b for b in self.blocks if _decided_on(b.heading, date)]
        # Two bodies can meet the same day; the decision line names the one deciding.
        own = [b for b in ours if b.heading.casefold().startswith(body.casefold())]
        decision = (own or ours or [None])[-1]
        parts = []
        for block in self.blocks:
            text = _paragraphs(block.lines)
            if block is not decision and (text or block.heading):
                parts.append(Part(heading=block.heading or "", text=text))
        said = _paragraphs(decision.lines) if decision else ""
        return tuple(parts), said or None


def _decided_on(heading: str | None, date: dt.date) -> bool:
    m = _DECISION.match(heading or "")
    return bool(m) and tuple(map(int, m["date"].split("."))) == (date.day, date.month, date.year)


def _inline_bilag(blocks: list[_Block]) -> list[_Block]:
    # A "Bilag" line inside running text (each point of "Meddelelser" has its own) is
    # not a part: the text after its list goes on with what came before it.
    kept: list[_Block] = []
    for block in blocks:
        paragraphs = _paragraphs(block.lines).split("\n\n")
        if (
            block.heading == BILAG
            and kept
            and any(not _BILAG_LINE.match(p) for p in paragraphs[1:])
        ):
            kept[-1].lines += ["", BILAG, *block.lines]
        else:
            kept.append(block)
    return kept


def _paragraphs(lines: list[str]) -> str:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
        elif paragraphs[-1] and _MARKER.match(paragraphs[-1][-1]):
            paragraphs[-1][-1] += " " + line
        else:
            paragraphs[-1].append(line)
    # The minutes print "Følgende deltog ikke ..." under every decision, mostly with no one
    # after it; only a list with names in it says anything.
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and paragraphs[-1][-1] == ABSENT:
        paragraphs[-1].pop()
        paragraphs = [p for p in paragraphs if p]
    return "\n\n".join("\n".join(p) for p in paragraphs)


# -- the cover of the complete text --------------------------------------------------------


def _cover_lines(cover: str) -> list[str]:
    lines = cover.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for line in lines:
        if line.strip() == "INDHOLDSFORTEGNELSE":
            break
        out.append(" ".join(line.split()))
    return out


def _when_where(cover: str, start: str | None) -> tuple[str | None, str | None, str | None]:
    lines = _cover_lines(cover)
    for n, line in enumerate(lines):
        if m := _WHEN.search(line):
            end = f"{int(m[3]):02}:{m[4]}" if m[3] else None
            after = lines[n + 1] if n + 1 < len(lines) else ""
            location = after.removeprefix("i ").strip() if after.startswith("i ") else None
            return start or f"{int(m[1]):02}:{m[2]}", end, (location or None)
    return start, None, None


def _attendance(cover: str) -> Attendance:
    lines = _cover_lines(cover)
    groups: dict[str, list[Attendee]] = {"Tilstede": [], "Afbud/Fraværende": []}
    for n, line in enumerate(lines):
        if line in groups and not groups[line]:
            for name in lines[n + 1 :]:
                if not name:
                    break
                m = _ATTENDEE.match(name)
                groups[line].append(
                    Attendee(name=m["name"], party=m["party"], role=m["role"])
                    if m and m["name"]
                    else Attendee(name=name)
                )
    return Attendance(present=tuple(groups["Tilstede"]), absent=tuple(groups["Afbud/Fraværende"]))
