"""Versions of a sent agenda, and the differences between them.

Once an agenda is sent, members may have read it: every later change is a correction
they must be able to see. ``version_record`` snapshots the whole document after each
change (the first snapshot is what was sent); ``version_diff`` compares two snapshots
item by item, line by line.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from dagsorden.documents import format as fmt
from dagsorden.meetings import access
from dagsorden.meetings.models import Meeting, MeetingVersion
from dagsorden.meetings.selectors import meeting_document


@transaction.atomic
def version_record(*, meeting: Meeting, by, note: str = "") -> MeetingVersion | None:
    """Snapshot the agenda if it has been sent and differs from the last snapshot.

    Call it after every change, inside the change's transaction. Before sending there is
    nothing to record; an unchanged agenda records nothing either.
    """
    if not access.at_least(meeting, Meeting.State.SENT):
        return None
    # Lock the meeting so two corrections at once get numbers 2 and 3, not 2 and 2.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    document = meeting_document(meeting=Meeting.objects.select_related("body").get(pk=meeting.pk))
    data = document.to_dict()
    last = meeting.versions.order_by("-number").first()
    if last is not None and last.document == data:
        return None
    number = (meeting.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return MeetingVersion.objects.create(
        meeting=meeting, number=number, document=data, note=note[:500], by=by
    )


def version_document(version: MeetingVersion) -> fmt.Document:
    return fmt.Document.from_dict(version.document)


@dataclass(frozen=True)
class ItemChange:
    number: str
    title: str
    status: str  # "added", "removed" or "changed"
    lines: list[tuple[str, str]] = field(default_factory=list)  # (" ", "-", "+"), text


def version_diff(old: fmt.Document, new: fmt.Document) -> list[ItemChange]:
    """What changed between two versions, per item, in the new agenda's order."""
    before = {item.number: item for item in old.items}
    after = {item.number: item for item in new.items}
    changes = []
    for number, item in after.items():
        if number not in before:
            changes.append(ItemChange(number, item.title, "added", _marked("+", _lines(item))))
        elif before[number] != item:
            changes.append(
                ItemChange(
                    number, item.title, "changed", _diff(_lines(before[number]), _lines(item))
                )
            )
    for number, item in before.items():
        if number not in after:
            changes.append(ItemChange(number, item.title, "removed", _marked("-", _lines(item))))
    return changes


def _lines(item: fmt.Item) -> list[str]:
    lines = [f"{item.number}. {item.title}"]
    if not item.public:
        lines.append("(lukket punkt)")
    if item.case_number:
        lines.append(" ".join([item.case_number, *item.handlers]))
    for part in item.parts:
        lines.append(f"[{part.heading}]")
        lines.extend(line for line in part.text.split("\n") if line.strip())
    if item.decision:
        lines.append("[Beslutning]")
        lines.extend(item.decision.split("\n"))
    lines.extend(f"./. Bilag: {a.title}" for a in item.attachments)
    lines.extend(f"Link: {link}" for link in item.links)
    return lines


def _marked(tag: str, lines: list[str]) -> list[tuple[str, str]]:
    return [(tag, line) for line in lines]


def _diff(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.extend((" ", line) for line in old[a1:a2])
        else:
            out.extend(("-", line) for line in old[a1:a2])
            out.extend(("+", line) for line in new[b1:b2])
    return out
