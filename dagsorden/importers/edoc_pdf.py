"""Importer for agenda and minutes PDFs from eDoc (the sample: Ballerup, 2012).

eDoc publishes a meeting as one PDF per item ("2. Title", "Sagsnr.: 2012-28504",
"Dok.nr.: ...", parts under headings on lines of their own, and in minutes a decision
block "<Udvalg>s beslutning den 04.12.2012 Punkt 2") and as one PDF of the whole meeting
with a front page, attendance, a table of contents and page furniture
(``edoc_pdf_meeting``). An item PDF holds one item of its meeting: it is a ``partial``
document, merged into the meeting's other items.

eDoc publishes the PDFs in a folder with ``eDocAgendaPublishing.xml``, which says which
PDF is an item's and which are its attachments. When it lies beside the PDF, the items
get their attachments from it (``companions`` names those files), and an item PDF of an
agenda, which has no decision block and so names neither its committee nor its date,
takes both from it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from dagsorden.documents.format import (
    AttachmentRef,
    Document,
    Item,
    MeetingInfo,
    Part,
    Section,
    Source,
)
from dagsorden.importers.base import ImportFailed, report
from dagsorden.importers.pdftext import is_pdf, pdf_text
from dagsorden.lib.text import estimate_width, is_list_item, normalise_list_item

FORMAT = "edoc-pdf"

# The headings eDoc's item template writes on lines of their own.
HEADINGS = (
    "Resumé",
    "Sammendrag",
    "Baggrund",
    "Sagsfremstilling",
    "Forvaltningens vurdering",
    "Lovgrundlag",
    "Retsgrundlag",
    "Høring",
    "Kommunikation",
    "Tidsplan",
    "Økonomi",
    "Økonomiske konsekvenser",
    "Økonomiske konsekvenser og finansiering",
    "Personalemæssige konsekvenser",
    "Miljømæssige konsekvenser",
    "Bilag",
    "Beslutningen træffes af",
    "Indstilling",
)
EARLIER = "Tidligere behandling"
# eDoc's XML names the sections so in minutes too ("Åbent referat" on the page).
OPEN, CLOSED = "Åben dagsorden", "Lukket dagsorden"
# Numbered by kind, not by order: item PDFs of one meeting must agree on their section.
SECTION_NUMBERS = {OPEN: "1", CLOSED: "2"}
XML_NAME = "eDocAgendaPublishing.xml"

ITEM_START = re.compile(r"^(?P<n>\d{1,3})\.\s+(?P<title>\S.*)$")
CASE = re.compile(r"^Sagsnr\.:\s*(?P<case>\d{2,4}\s*[-–]\s*\d+)\s*$")
DOC_NUMBER = re.compile(r"^Dok\.\s*nr\.:")
DECISION = re.compile(
    r"^(?P<body>\S.*?)(?:s|')\s+beslutning\s+den\s+"
    r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:\s+Punkt\s+(?P<n>\d+))?$"
)
NOT_PRESENT = re.compile(r"^Følgende deltog ikke i behandlingen af punktet:?\s*(?P<rest>.*)$")
# "Kommunalbestyrelsen den 30. januar 2012 Punkt 5": where the case was treated before.
EARLIER_LINE = re.compile(r"^\S.* den \d{1,2}\. \w+ \d{4},? Punkt \d+$")
SECTION_MARK = re.compile(r"^(?P<kind>Åben|Åbent|Lukket)\s+(?:dagsorden|referat)$", re.I)
# "A) ...", "b. ..." and the attachment lines "2012-200782 - Title" each begin a line.
_LIST_MARK = re.compile(r"^(?:(?:[A-Za-zÆØÅæøå]|\d{1,2})[.)]\s|\d{4}\s*[-–]\s*\d+\s+-\s)")
# A line-end hyphen before these words ends the first half of a compound: "Sundheds- og".
_CONJUNCTIONS = {"og", "eller", "samt"}


@dataclass(frozen=True)
class Decided:
    """The decision block of the item's own meeting."""

    body: str
    date: dt.date


@dataclass(frozen=True)
class ParsedItem:
    item: Item
    decided: Decided | None
    decides: str | None  # the text of "Beslutningen træffes af"
    heading: str | None = None  # the own decision block's heading, as written


def detect(raw: bytes) -> bool:
    if not is_pdf(raw):
        return False
    try:
        pages = pdf_text(raw, "").pages
    except ImportFailed:
        return False
    # The first items of a whole meeting follow a front page and a table of contents.
    lines = clean_lines("\n".join(pages[:30]))
    if not item_starts(lines):
        return False
    return any(DOC_NUMBER.match(line) or DECISION.match(line) for line in lines)


def parse(raw: bytes, path: str) -> Document:
    from dagsorden.importers import edoc_pdf_meeting

    pages = pdf_text(raw, path).pages
    lines = clean_lines("\n".join(pages))
    starts = item_starts(lines)
    if not starts:
        raise ImportFailed(
            path,
            "no eDoc item ('N. Title' followed by 'Sagsnr.: ...') found: "
            "is this an agenda or minutes PDF from eDoc?",
        )
    if len(starts) > 1 or starts[0] > 0:
        return edoc_pdf_meeting.parse_meeting(pages, path)
    return _parse_item_pdf(lines, path)


def partial(document: Document) -> bool:
    # An item PDF has no front page: no place, no attendance, one item. A whole
    # meeting's front page always names its place.
    return (
        len(document.items) == 1
        and document.meeting.location is None
        and not document.attendance.present
        and not document.attendance.absent
    )


def _parse_item_pdf(lines: list[str], path: str) -> Document:
    parsed = parse_item(lines)
    listed = xml_listing(path)
    section = listed.agenda_type if listed else OPEN
    item = parsed.item
    if listed:
        # The XML lists this file as an item's PDF: its attachments are that item's.
        attachments = listed.attachments.get(item.number)
        if attachments is None:
            attachments = next(iter(listed.attachments.values()), ())
        item = replace(item, public=section == OPEN, attachments=attachments)
    if parsed.decided is not None:
        body, date, kind = parsed.decided.body, parsed.decided.date, "minutes"
    elif parsed.heading is not None:
        raise ImportFailed(path, f"the decision heading {parsed.heading!r} has no real date")
    elif listed is not None:
        body, date, kind = listed.committee, listed.date, "agenda"
    else:
        decides = f" (it is decided by {parsed.decides})" if parsed.decides else ""
        raise ImportFailed(
            path,
            f"item {item.number} has no decision block naming its committee and date{decides}, "
            f"and no {XML_NAME} beside it lists this file: import the item PDFs together "
            "with that file",
        )
    return Document(
        source=Source(format=FORMAT, path=path),
        body=body,
        meeting=MeetingInfo(date=date, document=kind),
        sections=(Section(SECTION_NUMBERS[section], section, (item,)),),
    )


# -- lines -------------------------------------------------------------------------


def clean_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def item_starts(lines: list[str]) -> list[int]:
    """Where items begin: "N. Title", up to three more title lines, then "Sagsnr.:".

    A table of contents has the same "N. Title" lines, never followed by a case number.
    """
    starts = []
    for i, line in enumerate(lines):
        if not ITEM_START.match(line):
            continue
        for j in range(i + 1, min(i + 5, len(lines))):
            if CASE.match(lines[j]):
                starts.append(i)
                break
            if ITEM_START.match(lines[j]) or SECTION_MARK.match(lines[j]):
                break
    return starts


def decision_line(lines: list[str], i: int) -> tuple[re.Match | None, int]:
    """The decision block starting at ``lines[i]`` and how many lines it takes."""
    if m := DECISION.match(lines[i]):
        return m, 1
    if i + 1 >= len(lines) or "beslutning" not in lines[i] + lines[i + 1]:
        return None, 0
    # A long committee name wraps the heading: "...udvalgets beslutning den" +
    # "04.12.2012 Punkt 8", or "Beskæftigelses- og" + "Integrationsudvalgets beslutning ...".
    alone = DECISION.match(lines[i + 1])
    wrapped = not alone or re.search(r"(?:-|\bog)$", lines[i])
    if wrapped and (m := DECISION.match(f"{lines[i]} {lines[i + 1]}")):
        return m, 2
    return None, 0


def committee(genitive: str) -> str:
    return genitive.rstrip("'")


def decision_date(m: re.Match) -> dt.date | None:
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


# -- one item ----------------------------------------------------------------------


def parse_item(lines: list[str], *, public: bool = True) -> ParsedItem:
    """One item from its lines, the first being "N. Title"."""
    start = ITEM_START.match(lines[0])
    number = start["n"]
    j = 1
    title_lines = [start["title"]]
    while j < len(lines) and not CASE.match(lines[j]):
        title_lines.append(lines[j])
        j += 1
    case = re.sub(r"\s*[-–]\s*", "-", CASE.match(lines[j])["case"]) if j < len(lines) else None
    j += 1
    if j < len(lines) and DOC_NUMBER.match(lines[j]):
        j += 1
    rest = lines[j:]
    width = estimate_width(lines)

    # The last decision block numbered as this item is this meeting's; earlier ones
    # are other committees' treatment of the case (parts of their own).
    blocks = []
    i = 0
    while i < len(rest):
        m, used = decision_line(rest, i)
        if m:
            blocks.append((i, used, m))
            i += used
        else:
            i += 1
    own = next((b for b in reversed(blocks) if b[2]["n"] == number), None)
    body_end = own[0] if own else len(rest)

    candidates = [line for line in rest[:body_end] if line in HEADINGS]
    # A heading written more than once is text: "Bilag" under each of a Meddelelser
    # item's points, not a part.
    headings = {h for h in candidates if candidates.count(h) == 1}
    others = {b[0]: b for b in blocks if b is not own}
    segments: list[tuple[str, list[str]]] = [("", [])]
    i = 0
    while i < body_end:
        line = rest[i]
        if line in headings:
            segments.append((line, []))
        elif i in others:
            _, used, m = others[i]
            segments.append((f"{m['body']}s beslutning den {m['d']}.{m['m']}.{m['y']}", []))
            i += used
            continue
        else:
            segments[-1][1].append(line)
        i += 1
    first = segments[0][1]
    if first and all(EARLIER_LINE.match(line) for line in first):
        segments[0] = (EARLIER, first)
    parts = []
    for heading, part_lines in segments:
        if heading == EARLIER:
            text = "\n".join(part_lines)
        else:
            text = join_lines(_drop_not_present(part_lines), width)
        if text or heading:
            parts.append(Part(heading=heading, text=text))
    decides = next((p.text for p in parts if p.heading == "Beslutningen træffes af"), None)

    decision = decided = heading = None
    if own:
        i, used, m = own
        heading = " ".join(rest[i : i + used])
        decision = join_lines(_decision_lines(rest[i + used :]), width) or None
        date = decision_date(m)
        if date is not None:
            decided = Decided(body=committee(m["body"]), date=date)
    item = Item(
        number=number,
        title=join_lines(title_lines, 0).replace("\n", " "),
        case_number=case,
        public=public,
        parts=tuple(parts),
        decision=decision,
    )
    return ParsedItem(item=item, decided=decided, decides=decides, heading=heading)


def _drop_not_present(lines: list[str]) -> list[str]:
    return [line for line in lines if not NOT_PRESENT.match(line)]


def _decision_lines(lines: list[str]) -> list[str]:
    """The decision, with eDoc's empty "Følgende deltog ikke ..." line dropped."""
    out = []
    for k, line in enumerate(lines):
        m = NOT_PRESENT.match(line)
        if not m:
            out.append(line)
            continue
        names = " ".join([m["rest"], *lines[k + 1 :]]).strip()
        if names:
            out.append(f"Følgende deltog ikke i behandlingen af punktet: {names}")
        break
    return out


def join_lines(lines: list[str], width: int) -> str:
    """Lines back into paragraphs: a line ends its paragraph where the next word fit.

    eDoc's texts are written in Word without automatic hyphenation, so a hyphen at a
    line end (PDFium's U+00AD marker) is one the author typed: "ikke-planlagte",
    "Sundheds- og Forebyggelsesudvalget" (eDoc's own full text has them so).
    """
    out = ""
    prev = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        listed = is_list_item(line) or bool(_LIST_MARK.match(line))
        if is_list_item(line):
            line = normalise_list_item(line)
        if not out:
            out = line
            prev = line
            continue
        next_word = line.split()[0]
        if prev[-1] in "-\u00ad\u2010" and len(prev) > 1 and not prev[-2].isspace():
            base = out[:-1] + "-"
            glue = " " if next_word.lower() in _CONJUNCTIONS else ""
            out = base + glue + line
        elif line in HEADINGS or prev in HEADINGS:
            out += "\n\n" + line
        elif listed:
            out += "\n" + line
        elif len(prev) + 1 + len(next_word) <= width * 0.85:
            out += "\n\n" + line
        else:
            out += " " + line
        prev = line
    return out.replace("\u00ad", "")


# -- eDoc's XML beside the PDFs ----------------------------------------------------


@dataclass(frozen=True)
class Listing:
    """What ``eDocAgendaPublishing.xml`` says of the PDF beside it."""

    committee: str
    date: dt.date
    agenda_type: str
    attachments: dict[str, tuple[AttachmentRef, ...]]  # by item number


_CHAR_REF = re.compile(rb"&#(?:x0*([0-9a-fA-F]+)|0*([0-9]+));")


def companions(raw: bytes, path: str) -> list[str]:
    """The attachment PDFs the XML beside an item or meeting PDF gives its items."""
    listing = xml_listing(path, quiet=True)
    if listing is None:
        return []
    return [a.file for refs in listing.attachments.values() for a in refs if a.file]


def xml_listing(path: str, *, quiet: bool = False) -> Listing | None:
    """The eDoc XML's word on ``path``, if one lies beside it and lists the file: as an
    item's PDF or as the PDF of a whole agenda ("Åben dagsorden").
    """
    folder = Path(path).parent
    xml_path = folder / XML_NAME
    if not path or not xml_path.is_file():
        return None
    say = (lambda problem: None) if quiet else (lambda problem: report(path, problem))
    try:
        root = ElementTree.fromstring(_CHAR_REF.sub(_legal_ref, xml_path.read_bytes()))
    except (OSError, ElementTree.ParseError, DefusedXmlException) as exc:
        say(f"{XML_NAME} beside it cannot be read ({exc})")
        return None
    name = Path(path).name.casefold()
    for agenda_type in root.iter("MeetingAgendaType"):
        entries = list(agenda_type.iter("MeetingAgendaItem"))
        if _pdf_name(agenda_type) != name:
            entries = [entry for entry in entries if _pdf_name(entry) == name]
            if not entries:
                continue
        when = re.match(r"(\d{1,2})-(\d{1,2})-(\d{4})", root.findtext("MeetingDate") or "")
        body = (root.findtext("Committee") or "").strip()
        try:
            date = dt.date(int(when[3]), int(when[2]), int(when[1])) if when else None
        except ValueError:
            date = None
        if date is None or not body:
            say(f"{XML_NAME} beside it names no committee or no real meeting date")
            return None
        kind = (agenda_type.findtext("AgendaType") or "").strip()
        return Listing(
            committee=body,
            date=date,
            agenda_type=CLOSED if kind.casefold().startswith("lukket") else OPEN,
            attachments={
                (entry.findtext("AgendaItemNumber") or "").strip(): _attachments(entry, folder, say)
                for entry in entries
            },
        )
    return None


def _pdf_name(element) -> str:
    # Only the element's own PDFDocument, not that of an attachment below it.
    return (element.findtext("PDFDocument") or "").strip().casefold()


def _attachments(entry, folder: Path, say) -> tuple[AttachmentRef, ...]:
    refs = []
    for attachment in entry.iter("Attachment"):
        title = (attachment.findtext("Title") or "").strip()
        file = (attachment.findtext("PDFDocument") or "").strip() or None
        # A name with a folder in it is no file beside the XML.
        if file and (Path(file).name != file or not (folder / file).is_file()):
            say(f"attachment {file} ({title}) is not beside {XML_NAME}")
            file = None
        refs.append(AttachmentRef(title=title or file or "Bilag", file=file))
    return tuple(refs)


def _legal_ref(m: re.Match) -> bytes:
    # eDoc writes page breaks as "&#xC;", a character XML 1.0 forbids.
    code = int(m[1], 16) if m[1] else int(m[2])
    if code < 0x20 and code not in (0x9, 0xA, 0xD):
        return b" "
    return m[0]
