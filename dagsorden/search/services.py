"""Writing the search index: a meeting's rows are rebuilt whole from the meeting.

A meeting is small (tens of items), so rebuilding its rows on every change is cheap
and leaves no way for the index to drift from what was saved.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from dagsorden.lib.dates import danish_date
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.selectors import meeting_agenda_queryset
from dagsorden.search.backends import backend
from dagsorden.search.models import SearchDocument
from dagsorden.search.text import clean

Kind = SearchDocument.Kind


def meeting_title(meeting: Meeting) -> str:
    # Spelled out here, not with date_format: the title is stored, so it must not
    # depend on which language a command or request happened to run in.
    date = meeting.date
    return f"{meeting.body.name} {danish_date(date)}"


def _join(parts: Iterable[str | None]) -> str:
    return clean("\n".join(p for p in parts if p))


def _rows(meeting: Meeting) -> list[SearchDocument]:
    common = {
        "meeting": meeting,
        "body": meeting.body,
        "date": meeting.date,
        "state": meeting.state,
        "document": meeting.document,
    }
    preamble = [
        f"{part.get('heading', '')}\n{part.get('text', '')}"
        for part in meeting.preamble or []
        if isinstance(part, dict)
    ]
    sections = list(meeting.sections.all())
    rows = [
        SearchDocument(
            kind=Kind.MEETING,
            title=meeting_title(meeting),
            text=_join([meeting.location, *preamble, *(s.title for s in sections)]),
            **common,
        )
    ]
    for section in sections:
        for item in section.items.all():
            about = {
                "item": item,
                "public": item.public,
                "case_number": item.case.number if item.case else "",
                "number": item.number,
                "title": item.title,
                **common,
            }
            text = _join(
                [
                    *(f"{p.heading}\n{p.text}" for p in item.parts.all()),
                    *(a.title for a in item.attachments.all()),
                ]
            )
            rows.append(SearchDocument(kind=Kind.ITEM, text=text, **about))
            if item.decision:
                rows.append(SearchDocument(kind=Kind.DECISION, text=clean(item.decision), **about))
    return rows


def meeting_unindex(*, meeting_id: int) -> None:
    ids = list(SearchDocument.objects.filter(meeting_id=meeting_id).values_list("pk", flat=True))
    if ids:
        backend().delete(ids)
        SearchDocument.objects.filter(pk__in=ids).delete()


@transaction.atomic
def meeting_reindex(*, meeting_id: int) -> int:
    """Rebuild one meeting's rows (none if it is gone); returns how many it has now."""
    meeting_unindex(meeting_id=meeting_id)
    meeting = meeting_agenda_queryset().filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    rows = SearchDocument.objects.bulk_create(_rows(meeting))
    backend().write(rows)
    return len(rows)


def index_rebuild() -> tuple[int, int]:
    """Empty the index and rebuild it from every meeting: (meetings, rows)."""
    with transaction.atomic():
        backend().clear()
        SearchDocument.objects.all().delete()
    ids = list(Meeting.objects.order_by("pk").values_list("pk", flat=True))
    rows = sum(meeting_reindex(meeting_id=pk) for pk in ids)
    return len(ids), rows
