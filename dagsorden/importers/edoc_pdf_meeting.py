"""The whole-meeting PDF of eDoc: front page, attendance, contents, furniture, items.

The front page names the committee, "tirsdag den 4. december 2012, kl. 13:00" and the
place ("i Mødecenter C, ..."); attendance follows as "Tilstede" and "Afbud/Fraværende"
with lines "Name (Party) - role"; then a table of contents whose "N. Title  page" lines
are no items (``edoc_pdf.item_starts`` knows items by their case line). Every page
carries a running header and a "Side N" footer that must not reach an item's text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace

from dagsorden.documents.format import (
    Attendance,
    Attendee,
    Document,
    Item,
    MeetingInfo,
    Section,
    Source,
)
from dagsorden.importers import edoc_pdf as e
from dagsorden.importers.base import ImportFailed
from dagsorden.lib.dates import MONTHS

_WHEN = re.compile(
    r"^(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)?\s*(?:den\s+)?"
    r"(?P<d>\d{1,2})\.\s*(?P<month>[a-zæøå]+)\s+(?P<y>\d{4})"
    r"(?:,?\s*(?:kl\.|klokken)\s*(?P<h>\d{1,2})[.:](?P<min>\d{2})"
    r"(?:\s*[-–]\s*(?P<h2>\d{1,2})[.:](?P<min2>\d{2}))?)?",
    re.IGNORECASE,
)
_DATO = re.compile(r"^Dato:\s*(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})")
_PLACE = re.compile(r"^(?:i|på|Sted:|Mødested:)\s+(?P<place>\S.*)$")
_PAGE = re.compile(r"^Side(?:\s+\d+(?:\s*(?:af|/)\s*\d+)?)?$", re.IGNORECASE)
_PRESENT = re.compile(r"^(?:Tilstede|Til stede|Deltagere|Fremmødte)\s*:?$", re.IGNORECASE)
_ABSENT = re.compile(r"^(?:Afbud/Fraværende|Afbud|Fraværende|Fraværende/Afbud)\s*:?$", re.I)
_LIST_END = re.compile(
    r"^(?:Sekretær|Referent|Mødeleder|Protokolfører|Øvrige deltagere|Indholdsfortegnelse"
    r"|Åben(?:t)? (?:dagsorden|referat)|Lukket (?:dagsorden|referat))\s*:?$",
    re.IGNORECASE,
)
_ATTENDEE = re.compile(
    r"^(?P<name>[^\W\d][^()]*?)\s*(?:\((?P<party>[^)]{1,12})\))?\s*(?:[-–]\s*(?P<role>.+))?$"
)
_REASONS = {"afbud", "sygdom", "ferie", "forfald", "barsel", "orlov", "inhabil"}
_KIND_LINES = {
    "referat": "minutes",
    "åbent referat": "minutes",
    "dagsorden": "agenda",
    "åben dagsorden": "agenda",
}


def parse_meeting(pages: tuple[str, ...], path: str) -> Document:
    per_page = [e.clean_lines(page) for page in pages]
    lines = _lines(per_page, _furniture(per_page))
    starts = e.item_starts(lines)
    if not starts:
        raise ImportFailed(path, "no item is left once the page headers are taken away")
    front = lines[: starts[0]]
    # The running header may be the committee's name or "Dagsorden": the front page
    # is read with it, the items and the attendance lists without.
    whole = _lines(per_page, set())
    whole_starts = e.item_starts(whole)
    cover = whole[: whole_starts[0]] if whole_starts else front

    sections: dict[str, list[Item]] = {}
    section = _first_section(front, e.ITEM_START.match(lines[starts[0]])["n"])
    decided = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        chunk = lines[start:end]
        # "Lukket referat" before the next item closes the open part of the meeting.
        following = section
        while len(chunk) > 1 and e.SECTION_MARK.match(chunk[-1]):
            following = _section_of(chunk.pop())
        parsed = e.parse_item(chunk, public=section == e.OPEN)
        sections.setdefault(section, []).append(parsed.item)
        if parsed.decided:
            decided.append(parsed.decided)
        section = following

    listing = e.xml_listing(path)
    if listing is not None:
        for items in sections.values():
            items[:] = [
                replace(item, attachments=listing.attachments.get(item.number, ()))
                for item in items
            ]
    body, date, start_time, end_time, place = _front(cover)
    if listing is not None:
        body, date = body or listing.committee, date or listing.date
    if body is None and decided:
        body = Counter(d.body for d in decided).most_common(1)[0][0]
    if date is None and decided:
        date = Counter(d.date for d in decided).most_common(1)[0][0]
    if body is None and cover and cover[0].casefold() not in _KIND_LINES:
        # A cover with no "tirsdag den ..." line: eDoc puts the committee first.
        body = cover[0]
    if body is None or date is None:
        missing = "committee" if body is None else "meeting date"
        raise ImportFailed(
            path,
            f"the front page names no {missing}, no item has a decision block, "
            f"and no {e.XML_NAME} beside it lists this file",
        )
    kind = next((_KIND_LINES[f.casefold()] for f in cover if f.casefold() in _KIND_LINES), None)
    if kind is None:
        kind = "minutes" if decided else "agenda"
    return Document(
        source=Source(format=e.FORMAT, path=path),
        body=body,
        meeting=MeetingInfo(
            date=date, start=start_time, end=end_time, location=place, document=kind
        ),
        attendance=_attendance(front),
        sections=tuple(
            Section(e.SECTION_NUMBERS[title], title, tuple(items))
            for title, items in sorted(sections.items(), key=lambda s: e.SECTION_NUMBERS[s[0]])
        ),
    )


# Header and footer lines eDoc can stack at a page's top or bottom.
_EDGE = 6


def _furniture(per_page: list[list[str]]) -> set[str]:
    """The running header and footer: lines (digits aside) at the top or bottom of
    most pages. An item's own lines ("Indstilling", a decision heading) may land there
    by chance and are never furniture.
    """
    if len(per_page) < 3:
        return set()
    edges: Counter[str] = Counter()
    for lines in per_page:
        edges.update({_key(line) for line in lines[:_EDGE] + lines[-_EDGE:]})
    threshold = max(3, len(per_page) // 2)
    return {key for key, n in edges.items() if n >= threshold and not _structural(key)}


def _lines(per_page: list[list[str]], furniture: set[str]) -> list[str]:
    """The lines of all pages without furniture and page numbers.

    Only an unbroken run of furniture from a page's top or bottom goes: when the
    header is the committee's name, the same name under "Beslutningen træffes af"
    just below it stays.
    """

    def edge(line: str) -> bool:
        return bool(_PAGE.match(line)) or _key(line) in furniture

    out = []
    for lines in per_page:
        top, bottom = 0, len(lines)
        while top < min(_EDGE, bottom) and edge(lines[top]):
            top += 1
        while bottom > max(top, len(lines) - _EDGE) and edge(lines[bottom - 1]):
            bottom -= 1
        out += [line for line in lines[top:bottom] if not _PAGE.match(line)]
    return out


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def _structural(key: str) -> bool:
    return (
        key in e.HEADINGS
        or bool(e.SECTION_MARK.match(key))
        or bool(e.NOT_PRESENT.match(key))
        or "beslutning den" in key
        or key.startswith(("Sagsnr.", "Dok.nr."))
    )


def _section_of(line: str) -> str:
    return e.CLOSED if line.casefold().startswith("lukket") else e.OPEN


def _first_section(front: list[str], number: str) -> str:
    # The contents list the items under "Åbent referat" and "Lukket referat" (the
    # latter printed even when empty): the first item's entry says where it belongs.
    mark = e.OPEN
    for line in front:
        if e.SECTION_MARK.match(line):
            mark = _section_of(line)
        elif (m := e.ITEM_START.match(line)) and m["n"] == number:
            return mark
    return e.OPEN


def _front(front: list[str]):
    body = date = start = end = place = None
    for i, line in enumerate(front):
        m = _WHEN.match(line)
        month = m and m["month"].casefold()
        if not m or month not in MONTHS:
            continue
        try:
            date = dt.date(int(m["y"]), MONTHS.index(month) + 1, int(m["d"]))
        except ValueError:
            continue
        start = _time(m["h"], m["min"])
        end = _time(m["h2"], m["min2"])
        body = next(
            (
                f
                for f in reversed(front[:i])
                if f.casefold() not in _KIND_LINES
                and not e.SECTION_MARK.match(f)
                and not _DATO.match(f)
            ),
            None,
        )
        if i + 1 < len(front) and (p := _PLACE.match(front[i + 1])):
            place = p["place"]
        break
    if date is None:
        for line in front:
            if m := _DATO.match(line):
                date = e.decision_date(m)
                break
    return body, date, start, end, place


def _time(hour: str | None, minute: str | None) -> str | None:
    if hour is None or int(hour) > 23 or int(minute) > 59:
        return None
    return f"{int(hour):02}:{minute}"


def _attendance(front: list[str]) -> Attendance:
    lists: dict[str, list[Attendee]] = {"present": [], "absent": []}
    current = None
    for line in front:
        if _PRESENT.match(line):
            current = "present"
        elif _ABSENT.match(line):
            current = "absent"
        elif _LIST_END.match(line) or e.ITEM_START.match(line):
            current = None
        elif current and (m := _ATTENDEE.match(line)):
            role = (m["role"] or "").strip() or None
            reason = None
            if current == "absent" and role and role.casefold() in _REASONS:
                reason, role = role, None
            lists[current].append(
                Attendee(name=m["name"].strip(), party=m["party"], role=role, reason=reason)
            )
    return Attendance(present=tuple(lists["present"]), absent=tuple(lists["absent"]))
