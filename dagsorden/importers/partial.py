"""Putting partial documents together: the items of one meeting from several files.

eDoc publishes each item of a meeting as a PDF of its own. Imported one by one, each
would replace the meeting with a one-item agenda; merged, they are the meeting.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from dagsorden.documents.format import Document, Item, Section


def meeting_key(document: Document) -> tuple[str, str]:
    return (document.body, document.meeting.date.isoformat())


def merge(base: Document | None, parts: list[Document]) -> Document:
    """``base`` (the meeting as stored, if any) with every item of ``parts`` added.

    An item with the number of one already there replaces it; sections and items are
    ordered by number. The last part decides the meeting's facts (minutes beat agenda).
    """
    documents = ([base] if base is not None else []) + parts
    last = parts[-1]
    sections: dict[str, Section] = {}
    items: dict[str, dict[str, Item]] = defaultdict(dict)
    for document in documents:
        for section in document.sections:
            sections.setdefault(section.number, section)
            for item in section.items:
                items[section.number][item.number] = item
    kind = "minutes" if any(d.meeting.document == "minutes" for d in documents) else "agenda"
    merged_sections = tuple(
        replace(
            sections[number],
            items=tuple(items[number][n] for n in sorted(items[number], key=_number_key)),
        )
        for number in sorted(sections, key=_number_key)
    )
    attendance = next(
        (d.attendance for d in reversed(documents) if d.attendance.present or d.attendance.absent),
        last.attendance,
    )
    return replace(
        last,
        meeting=replace(last.meeting, document=kind),
        preamble=next((d.preamble for d in reversed(documents) if d.preamble), ()),
        attendance=attendance,
        sections=merged_sections,
    )


def _number_key(number: str) -> tuple:
    # "10" after "9", and "3.10" after "3.9": numbers compare piece by piece.
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in number.split("."))
