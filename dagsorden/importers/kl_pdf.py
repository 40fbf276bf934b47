"""Importer for agenda and minutes PDFs in KL's layout: KL's own, and the ones we render.

The text is read line by line with its position and font size (PDFium's text rects),
because plain extracted text has lost what the layout says: the extra space that ends
a paragraph, and the larger type that tells a wrapped heading from the text after it.
The lines are then written out as the text ``kl_text`` parses, blank lines between
paragraphs, with our renderer's additions turned into KL's forms or taken out first:
the table of contents, the attendance page, the closed-item notice and the "Links" list.

Hyphens at a line end: in a WeasyPrint PDF (ours) an automatic hyphen is U+2010 and a
hyphen-minus is always the text's own, so both are decided here exactly. Other PDFs
(Word's) print automatic hyphens as hyphen-minus, and ``lib.text`` judges them by the
letters around them.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, replace

import pypdfium2 as pdfium

from dagsorden.documents.format import Attendance, Attendee, Document, MeetingInfo
from dagsorden.importers import kl_text
from dagsorden.importers.base import ImportFailed
from dagsorden.importers.kl_text import BREAK  # here too: where a paragraph ends
from dagsorden.importers.pdftext import is_pdf, pdf_text
from dagsorden.lib.text import HYPHENS

FORMAT = "kl-pdf"

_HEADER = re.compile(r"^\s*\S.*?\|\s*\d{1,2}-\d{1,2}-\d{4}(?:\s+SIDE\s*\|\s*\d+)?\s*$", re.I)
_ITEM = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.\s+\S", re.MULTILINE)
_FURNITURE = (kl_text._HEADER, kl_text._PAGE)
_TOC_ENTRY = re.compile(r"(?:–\s*|^)side\s+\d+\s*$")
_CLOSED_NOTICE = re.compile(r"^Lukket punkt – kun for organets medlemmer og sekretariatet\.?$")
_BULLET = "• "
_HEADINGS = {*kl_text.PART_HEADINGS, kl_text.DECISION_HEADING, "Links", "Til stede", "Fraværende"}
_NUMBERED = re.compile(r"^\d{1,2}\.(?:\d{1,2}\.)?\s")
# What starts a line of its own in our PDFs: a list's marker, an attachment.
_LINE_START = re.compile(r"^(?:• |\d{1,2}\) |\./\.\s*Bilag)")
_CONJUNCTIONS = {"og", "eller", "samt", "som", "til"}
_MARKER = re.compile(r"^(\d{1,2})\.\s*$")
_TIME = re.compile(r"^kl\.\s*\d")
_PRESENT = re.compile(
    r"^(?P<name>.+?)(?: \((?P<party>[^()]*)\))?(?:, (?P<role>.+?))?"
    r"(?: – stedfortræder for (?P<sub>.+))?$"
)
_ABSENT = re.compile(r"^(?P<name>.+?)(?: \((?P<party>[^()]*)\))?(?:: (?P<reason>.+))?$")
_VIRTUAL = " og virtuelt"
_VIRTUAL_ONLY = "Virtuelt møde"
# A line this much further apart than the usual line pitch starts a new paragraph: our
# paragraphs are 1.4 lines apart, lines of one paragraph exactly 1.
_PARAGRAPH_GAP = 1.25


@dataclass
class Line:
    """A line as printed: its text and where it stands (PDF points, y upwards)."""

    text: str
    left: float
    right: float
    bottom: float  # of the loose box, which is the same for every line of one font size
    size: float
    height: float = 0.0  # of the loose box: the font's ascent and descent
    furniture: bool = False  # the running header or its page number
    char_width: float = 0.0  # the average, of the line as printed (before any joining)

    def __post_init__(self):
        self.furniture = any(p.match(self.text) for p in _FURNITURE)
        self.char_width = max(self.right - self.left, 1.0) / max(len(self.text), 1)


def detect(raw: bytes) -> bool:
    if not is_pdf(raw):
        return False
    try:
        # The same path as ``parse`` asks with, so the extraction is cached for both.
        text = pdf_text(raw, "").text
    except ImportFailed:
        return False
    has_header = any(_HEADER.match(line) for line in text.splitlines())
    return has_header and bool(_ITEM.search(text))


def parse(raw: bytes, path: str) -> Document:
    try:
        text = pdf_text(raw, "").text
    except ImportFailed as exc:
        raise ImportFailed(path, exc.reason) from None
    if not text.strip():
        raise ImportFailed(path, "the PDF has no text (a scan?): it needs OCR first")
    text, attendance = kl_source(*_layout(raw, path))
    document = kl_text.parse_text(text, path, format=FORMAT, lines_wrapped=False)
    return replace(document, meeting=_virtual(document.meeting), attendance=attendance)


def _virtual(meeting: MeetingInfo) -> MeetingInfo:
    """Our cover's "Rådhuset og virtuelt" and "Virtuelt møde" back to ``virtual``."""
    location = meeting.location or ""
    if location == _VIRTUAL_ONLY:
        return replace(meeting, virtual=True, location=None)
    if location.endswith(_VIRTUAL):
        return replace(meeting, virtual=True, location=location.removesuffix(_VIRTUAL))
    return meeting


# -- lines with their geometry -------------------------------------------------------------


def _layout(raw: bytes, path: str) -> tuple[list[list[Line]], bool]:
    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError:
        raise ImportFailed(path, "the PDF cannot be opened (damaged or not a PDF)") from None
    try:
        producer = document.get_metadata_value("Producer") or ""
        pages = []
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(_page_lines(textpage))
                finally:
                    textpage.close()
            except pdfium.PdfiumError:
                raise ImportFailed(path, f"page {index + 1} of the PDF is damaged") from None
            finally:
                page.close()
    finally:
        document.close()
    return pages, producer.startswith("WeasyPrint")


def _font(textpage, indices: list[int], box: tuple) -> tuple:
    """(bottom, size, height) of a run's letters, from their loose boxes and font size.

    A few letters across the run are measured and the middle one taken: a single glyph
    (a dash, a quote mark) may come from another font.
    """
    found = []
    for index in indices:
        if pdfium.raw.FPDFText_IsGenerated(textpage, index):
            continue
        size = pdfium.raw.FPDFText_GetFontSize(textpage, index)
        if size > 0:
            _, base, _, loose_top = textpage.get_charbox(index, loose=True)
            found.append((size, base, loose_top - base))
    if not found:
        _, bottom, _, top = box
        return bottom, top - bottom, top - bottom
    size, base, height = sorted(found)[len(found) // 2]
    return base, size, height


def _page_lines(textpage) -> list[Line]:
    # The rects follow the text's order, so each one's characters are found by searching
    # the page's text onwards (PDFium's hit test by position misses many glyphs).
    full = textpage.get_text_range()
    at = 0
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        # PDFium's bounded text takes every glyph the box touches: a bullet's box takes
        # the first letter of the text beside it, so the box is narrowed a little.
        inset = 0.5 if right - left > 2 else 0
        text = textpage.get_text_bounded(left + inset, bottom, right - inset, top)
        text = text.replace("\r", "").replace("\n", " ")
        if not text.strip():
            continue
        # The whole page's text writes PDFium's line-end hyphen as U+FFFE, and goes on.
        key = text.strip().replace("\x02", "\ufffe").rstrip("\ufffe")
        start = full.find(key, at)
        indices = []
        if start >= 0:
            at = start + len(key)
            indices = sorted({start, start + len(key) // 2, at - 1})
        box = (left, bottom, right, top)
        runs.append(Line(text, left, right, *_font(textpage, indices, box)))
    # Runs on one baseline make a line (a bullet and its text are two runs); runs far
    # apart on it are separate lines, like the header's body and date and its page number.
    runs.sort(key=lambda r: -r.bottom)
    rows: list[list[Line]] = []
    for run in runs:
        if rows and abs(rows[-1][0].bottom - run.bottom) < 0.35 * min(run.size, rows[-1][0].size):
            rows[-1].append(run)
        else:
            rows.append([run])
    lines = []
    for row in rows:
        row.sort(key=lambda r: r.left)
        line = None
        for run in row:
            if line is not None and run.left - line.right < 2 * run.size:
                touching = line.text.endswith(" ") or run.left - line.right < 0.15 * run.size
                line.text += ("" if touching else " ") + run.text
                line.right, line.size = run.right, max(line.size, run.size)
            else:
                line = replace(run)
                lines.append(line)
            if len(row) > 1 and run is row[0] and _MARKER.match(run.text):
                # Our numbered list's marker ("1. ", a run of its own): KL text writes "1)",
                # and "1." would be taken for a section's number.
                line.text = _MARKER.sub(r"\1) ", run.text)
    for line in lines:
        line.text = line.text.strip(" ")
        line.__post_init__()
    return lines


# -- from lines to KL text ----------------------------------------------------------------


def kl_source(pages: list[list[Line]], ours: bool) -> tuple[str, Attendance]:
    """The text ``kl_text`` parses, one line a line of the text form, and the attendance."""
    stream, attendance = _take_attendance(_stream(pages, ours))
    return _kl_text(stream), attendance


def _stream(pages: list[list[Line]], ours: bool) -> list:
    """Every page's lines in order, with ``BREAK`` where a paragraph ends."""
    content = [line for page in pages for line in page if not line.furniture]
    sizes = [round(line.size, 1) for line in content]
    body = statistics.mode(sizes) if sizes else 10.0
    pitch = _usual_pitch(pages, body)
    right = _column_right(pages, body)
    pages = _without_contents(pages)
    out: list = []
    previous: Line | None = None
    for page in pages:
        for line in page:
            if line.furniture:
                out.append(line)
                continue
            if (
                previous is not None
                and _ends_paragraph(previous, line, pitch, body, right)
                # "…, herunder:" and its list print apart but are one paragraph.
                and not (previous.text.endswith(":") and line.text.startswith(_BULLET))
            ):
                out.append(BREAK)
            out.append(line)
            previous = line
    return _join_wrapped(_join_headings(_join_hyphens(out, ours), body), right)


def _usual_pitch(pages: list[list[Line]], body: float) -> float:
    pitches = []
    for page in pages:
        lines = [line for line in page if not line.furniture and round(line.size, 1) == body]
        for a, b in itertools.pairwise(lines):
            if 0.8 * body < a.bottom - b.bottom < 2 * body:
                pitches.append(a.bottom - b.bottom)
    pitches.sort()
    # The lines of one paragraph are the closest; a short agenda may have too few of them
    # to tell, and then a line is as high as its font and a little more.
    usual = pitches[len(pitches) // 5] if pitches else 1.4 * body
    lines = [line for page in pages for line in page if round(line.size, 1) == body]
    heights = [line.height for line in lines if line.height]
    return min(usual, 1.25 * statistics.median(heights)) if heights else usual


def _column_right(pages: list[list[Line]], body: float) -> float:
    """Where a full line ends: the longest line that stays inside the column.

    The page number is set flush with the column's edge (in KL's layout and ours) and
    bounds it: a long URL runs past the margin. With few lines, the number is all we have.
    """
    numbers = [line.right for page in pages for line in page if kl_text._PAGE.match(line.text)]
    edge = max(numbers, default=float("inf"))
    rights = [
        line.right
        for page in pages
        for line in page
        if not line.furniture and round(line.size, 1) == body and line.right <= edge + 1
    ]
    if len(rights) >= 20 or edge == float("inf"):
        return max(rights, default=0.0)
    return edge


def _ends_paragraph(a: Line, b: Line, pitch: float, body: float, right: float) -> bool:
    if b.bottom < a.bottom:  # same page: the gap says it
        return a.bottom - b.bottom > _PARAGRAPH_GAP * pitch * max(a.size, b.size) / body
    # A new page: a heading starts one, and a paragraph that ended short ended there.
    return max(a.size, b.size) > 1.1 * body or a.right < right - 3 * body or b.text in _HEADINGS


def _join_hyphens(stream: list, ours: bool) -> list:
    """In our PDFs, a line that ends in a hyphen goes on in the next: see the module doc."""
    out: list = []
    last: Line | None = None  # the last content line, while no paragraph break followed
    for entry in stream:
        if entry is BREAK:
            last = None
        elif not entry.furniture:
            if ours and last is not None and _hyphen_join(last, entry):
                continue
            last = entry
        out.append(entry)
    for entry in out:
        if isinstance(entry, Line):
            entry.text = entry.text.replace("\x02", "-")
    return out


def _hyphen_join(a: Line, b: Line) -> bool:
    if not a.text.endswith(("\x02", "-", "\u2010")) or _LINE_START.match(b.text):
        return False
    if abs(a.size - b.size) > 0.5:
        return False  # a title ending in "2022-", and its case line below
    word = b.text.split()[0].strip(",.") if b.text.strip() else ""
    if a.text[-1] == "\u2010":
        glue = ""  # WeasyPrint's automatic hyphen
    elif a.text[-2:-1] == " " or word in _CONJUNCTIONS:
        glue = "- "  # a dash, or "sygehus- og psykiatriområdet"
    else:
        glue = "-"
    a.text = a.text[:-1] + glue + b.text
    a.right, a.char_width = b.right, b.char_width
    return True


def _join_wrapped(stream: list, right: float) -> list:
    """Lines the page wrapped become one; a line that ended early ended where it was meant to.

    Whether the next line's first word would have fitted is measured in the line's own
    average character width: a wrong guess costs a line break, never a word.
    """
    out: list = []
    last: Line | None = None
    for entry in stream:
        if entry is BREAK:
            last = None
        elif not entry.furniture:
            if last is not None and _wrapped(last, entry, right):
                last.text += " " + entry.text
                last.right, last.char_width = entry.right, entry.char_width
                continue
            last = entry
        out.append(entry)
    return out


def _wrapped(a: Line, b: Line, right: float) -> bool:
    if abs(a.size - b.size) > 0.1 or not a.text or not b.text.strip():
        return False
    if a.text in _HEADINGS or b.text in _HEADINGS:
        return False  # set in bold at the text's size, and not always a paragraph apart
    if a.text[-1] in HYPHENS or _LINE_START.match(b.text):
        return False  # a hyphen is lib.text's to judge; a list item or attachment starts anew
    width = a.char_width
    word = b.text.split()[0]
    if word[:1].isupper() and word.endswith(":") and a.text[-1] not in ",;":
        return False  # "Egedal: …" / "Fredensborg: …": labelled lines, as lib.text has it
    return a.right + (len(word) + 1) * width > right - 0.5 * width


def _join_headings(stream: list, body: float) -> list:
    """A numbered heading that wrapped becomes one line: larger type, same size, no gap.

    Only a numbered one after the cover, which has no running header: the cover's date
    ("3. januar 2037"), time and place are as large, a line each.
    """
    out: list = []
    cover = True
    for entry in stream:
        prev = out[-1] if out else None
        cover = cover and (entry is BREAK or not entry.furniture)
        if (
            not cover
            and isinstance(entry, Line)
            and isinstance(prev, Line)
            and not entry.furniture
            and not prev.furniture
            and entry.size > 1.1 * body
            and abs(entry.size - prev.size) < 0.1
            and _NUMBERED.match(prev.text)
        ):
            prev.text += " " + entry.text
            continue
        out.append(entry)
    return out


def _without_contents(pages: list[list[Line]]) -> list[list[Line]]:
    """The table of contents out: its "1.1. Title – side 3" lines look like the agenda."""
    out, in_toc = [], False
    for page in pages:
        content = [line for line in page if not line.furniture]
        if content and content[0].text == "Indholdsfortegnelse":
            in_toc = True
        elif in_toc and not (content and _TOC_ENTRY.search(content[-1].text)):
            in_toc = False
        out.append([line for line in page if line.furniture] if in_toc else page)
    return out


def _take_attendance(stream: list) -> tuple[list, Attendance]:
    """The minutes' attendance page out of the stream, as ``Attendance``."""
    start = next(
        (
            n
            for n, e in enumerate(stream)
            if isinstance(e, Line) and e.text == "Fremmøde" and not e.furniture
        ),
        None,
    )
    if start is None:
        return stream, Attendance()
    size = stream[start].size
    end = next(
        (
            n
            for n in range(start + 1, len(stream))
            if isinstance(stream[n], Line) and stream[n].size >= size - 0.1
        ),
        len(stream),
    )
    groups: dict[str, list[str]] = {"Til stede": [], "Fraværende": []}
    current: list[str] | None = None
    for entry in stream[start + 1 : end]:
        if not isinstance(entry, Line) or entry.furniture:
            continue
        if entry.text in groups:
            current = groups[entry.text]
        elif current is not None and entry.text.startswith(_BULLET):
            current.append(entry.text.removeprefix(_BULLET).strip())
        elif current and entry.text not in ("Ingen.", "Ingen oplyst."):
            current[-1] += " " + entry.text
    present = tuple(_attendee(_PRESENT, row) for row in groups["Til stede"])
    absent = tuple(_attendee(_ABSENT, row) for row in groups["Fraværende"])
    return stream[:start] + stream[end:], Attendance(present=present, absent=absent)


def _attendee(pattern: re.Pattern, row: str) -> Attendee:
    m = pattern.match(row)
    fields = m.groupdict()
    return Attendee(
        name=fields["name"],
        party=fields.get("party"),
        role=fields.get("role"),
        reason=fields.get("reason"),
        substitute_for=fields.get("sub"),
    )


def _kl_text(stream: list) -> str:
    """The stream as the text ``kl_text`` reads (a blank line is written " ": see there)."""
    lines: list[str] = []
    entries = [e if e is BREAK else e.text for e in stream]
    cover_facts = _cover_facts([BREAK if e is BREAK or e.furniture else e.text for e in stream])
    for n, entry in enumerate(entries):
        if entry is BREAK:
            lines.append(" ")
        elif n in cover_facts:
            if cover_facts[n]:
                lines.append(cover_facts[n])
        elif _CLOSED_NOTICE.match(entry):
            # kl_text knows a closed item by its title's "(lukket punkt)".
            heading = next(i for i in range(len(lines) - 1, -1, -1) if lines[i].strip())
            lines[heading] += " (lukket punkt)"
        elif entry == "Links" and _next_text(entries, n).startswith(_BULLET + "http"):
            continue  # our list of an item's links: the bare URLs below are KL's form
        elif entry.startswith(_BULLET + "http") and " " not in entry.removeprefix(_BULLET):
            lines.append(entry.removeprefix(_BULLET))
        else:
            lines.append(entry)
    return "\n".join(lines) + "\n"


def _next_text(entries: list, n: int) -> str:
    return next((e for e in entries[n + 1 :] if e is not BREAK), "")


def _cover_facts(entries: list) -> dict[int, str]:
    """Our cover's date, time and place, rewritten as KL's "Tid:" and "Sted:" lines.

    ``entries`` are the stream's lines, with ``BREAK`` for a paragraph's end or furniture.
    """
    kind = next((n for n, e in enumerate(entries[:8]) if e in ("Dagsorden", "Referat")), None)
    if kind is None:
        return {}
    facts = []
    for n in range(kind + 1, len(entries)):
        if entries[n] is BREAK:
            break
        facts.append(n)
    rewritten: dict[int, str] = {n: "" for n in facts}
    place = []
    for n in facts[1:]:  # the first is the date, which the header also carries
        if _TIME.match(entries[n]) and not place:
            rewritten[n] = f"Tid: {entries[n]}"
        else:
            place.append(entries[n])
    if place:
        rewritten[facts[-1]] = "Sted: " + " ".join(place)
    return rewritten
