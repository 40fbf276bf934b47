"""The one writer: storing a ``Document`` as a meeting.

A meeting's identity is (body, date), so importing a document again updates the
meeting in place. Sections are matched by number and items by (section number, item
number), which keeps their primary keys (and so their addresses) across re-imports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from dagsorden.audit.services import audit_record
from dagsorden.bodies.models import Body
from dagsorden.cases.models import Attachment, Case
from dagsorden.documents import format as fmt
from dagsorden.meetings import selectors
from dagsorden.meetings.models import AgendaItem, AgendaSection, Attendance, ItemPart, Meeting
from dagsorden.meetings.stamps import meeting_touch, touching

# slugify() drops letters it cannot transliterate; Danish has its own spelling for these.
_DANISH_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def document_validate(*, document: fmt.Document) -> None:
    """Raise ``DocumentError`` if ``document_import`` cannot store the document exactly.

    Runs before anything is written, so an invalid document changes nothing. The
    message names the offending value the way ``Document.from_dict`` does.
    """
    # The dict form is what every importer promises; checking it catches hand-built
    # documents with e.g. a bad time or kind before they reach a column.
    fmt.Document.from_dict(document.to_dict())
    seen_sections: set[str] = set()
    for s, section in enumerate(document.sections):
        if section.number in seen_sections:
            raise fmt.DocumentError(
                f"sections[{s}].number: duplicate section number {section.number}"
            )
        seen_sections.add(section.number)
        seen_items: set[str] = set()
        for i, item in enumerate(section.items):
            if item.number in seen_items:
                raise fmt.DocumentError(
                    f"sections[{s}].items[{i}].number: duplicate item number {item.number}"
                )
            seen_items.add(item.number)
    for path, value, model, field in _bounded_values(document):
        limit = model._meta.get_field(field).max_length
        if value is not None and len(value) > limit:
            raise fmt.DocumentError(f"{path}: {len(value)} characters, at most {limit} fit")


def _bounded_values(document: fmt.Document) -> Iterable[tuple[str, str | None, type, str]]:
    # PostgreSQL refuses an over-long value and SQLite would store it; check both the same way.
    yield "body", document.body, Body, "name"
    yield "meeting.location", document.meeting.location, Meeting, "location"
    for group in ("present", "absent"):
        for n, person in enumerate(getattr(document.attendance, group)):
            path = f"attendance.{group}[{n}]"
            yield f"{path}.name", person.name, Attendance, "name"
            yield f"{path}.party", person.party, Attendance, "party"
            yield f"{path}.role", person.role, Attendance, "role"
            yield f"{path}.reason", person.reason, Attendance, "reason"
            yield f"{path}.substitute_for", person.substitute_for, Attendance, "substitute_for"
    for s, section in enumerate(document.sections):
        yield f"sections[{s}].number", section.number, AgendaSection, "number"
        yield f"sections[{s}].title", section.title, AgendaSection, "title"
        for i, item in enumerate(section.items):
            path = f"sections[{s}].items[{i}]"
            yield f"{path}.number", item.number, AgendaItem, "number"
            yield f"{path}.title", item.title, AgendaItem, "title"
            yield f"{path}.case_number", item.case_number, Case, "number"
            for p, part in enumerate(item.parts):
                yield f"{path}.parts[{p}].heading", part.heading, ItemPart, "heading"
            for a, ref in enumerate(item.attachments):
                yield f"{path}.attachments[{a}].title", ref.title, Attachment, "title"
                yield f"{path}.attachments[{a}].url", ref.url, Attachment, "url"
                yield f"{path}.attachments[{a}].file", ref.file, Attachment, "source_file"


@transaction.atomic
def document_import(*, document: fmt.Document, state: str | None = None) -> Meeting:
    """Store a document as the meeting of its body on its date; create or update it.

    All or nothing: raises ``DocumentError`` (nothing written) for a document that
    cannot be stored exactly. Importing an unchanged document writes nothing.
    A new meeting gets ``state``, by default published: an imported agenda or minutes
    is an archive of what was made public. An existing meeting keeps its state.
    """
    document_validate(document=document)
    body = _body_for(name=document.body)
    meeting = (
        selectors.meeting_agenda_queryset()
        # Two imports of the same meeting at once would interleave deletes and inserts.
        .select_for_update(of=("self",))
        .filter(body=body, date=document.meeting.date)
        .first()
    )
    if meeting is not None:
        _import_may_update(meeting=meeting, document=document)
    old = selectors.meeting_document(meeting=meeting) if meeting is not None else None
    if old == document:
        return meeting

    if meeting is not None:
        audit_record(
            user=None,
            action="meeting_import_update",
            obj=meeting,
            body=body,
            changes={"source": document.source.path},
        )
    # Bulk writes and deletes: the per-row signals stay quiet and the meeting is touched once.
    with touching():
        meeting = _meeting_save(meeting=meeting, body=body, document=document, state=state)
        sections = _sections_save(meeting=meeting, document=document, old=old)
        _items_save(meeting=meeting, sections=sections, document=document, old=old)
        if old is None or old.attendance != document.attendance:
            _attendance_save(
                meeting=meeting, attendance=document.attendance, existed=old is not None
            )
    meeting_touch(meeting)
    if old is None:
        return meeting
    # The instance read above caches the old agenda; the caller gets a fresh one.
    return Meeting.objects.select_related("body").get(pk=meeting.pk)


def _import_may_update(*, meeting: Meeting, document: fmt.Document) -> None:
    """An import may refresh an earlier import, never the secretariat's own work."""
    source = (meeting.source or {}).get("format") or selectors.MANUAL_FORMAT
    if source == selectors.MANUAL_FORMAT:
        raise fmt.DocumentError(
            f"{meeting} was made in dagsorden (status: {meeting.get_state_display()}); "
            "an import never overwrites it"
        )
    if document.meeting.document == "agenda" and meeting.document == "minutes":
        raise fmt.DocumentError(
            f"{meeting} already holds minutes; importing its agenda would remove the "
            "decisions: import the minutes instead"
        )


def _body_for(*, name: str) -> Body:
    body = Body.objects.filter(name=name).first()
    if body is not None:
        return body
    kind = Body.Kind.KKR if name.startswith("KKR ") else Body.Kind.OTHER
    return Body.objects.create(name=name, slug=_free_slug(name), kind=kind)


def _free_slug(name: str) -> str:
    limit = Body._meta.get_field("slug").max_length - 4
    base = slugify(name.translate(_DANISH_ASCII))[:limit].strip("-") or "organ"
    taken = set(Body.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _meeting_save(
    *, meeting: Meeting | None, body: Body, document: fmt.Document, state: str | None
) -> Meeting:
    info = document.meeting
    values = {
        "start": _time(info.start),
        "end": _time(info.end),
        "location": info.location,
        "kind": info.kind,
        "virtual": info.virtual,
        "document": info.document,
        "preamble": [{"heading": p.heading, "text": p.text} for p in document.preamble],
        "source": {"format": document.source.format, "path": document.source.path},
    }
    if meeting is None:
        if state is None:
            minutes = info.document == Meeting.DocumentKind.MINUTES
            state = Meeting.State.MINUTES_PUBLISHED if minutes else Meeting.State.PUBLISHED
        return Meeting.objects.create(body=body, date=info.date, state=state, **values)
    for name, value in values.items():
        setattr(meeting, name, value)
    meeting.save()
    return meeting


def _sections_save(
    *, meeting: Meeting, document: fmt.Document, old: fmt.Document | None
) -> dict[str, AgendaSection]:
    rows = {row.number: row for row in meeting.sections.all()} if old is not None else {}
    wanted = {section.number for section in document.sections}
    stale = [row.pk for number, row in rows.items() if number not in wanted]
    if stale:
        # Cascades to the items of those sections and their parts and attachments.
        AgendaSection.objects.filter(pk__in=stale).delete()
    changed, new = [], []
    for order, section in enumerate(document.sections):
        row = rows.get(section.number)
        if row is None:
            new.append(
                AgendaSection(
                    meeting=meeting, order=order, number=section.number, title=section.title
                )
            )
        elif (row.order, row.title) != (order, section.title):
            row.order, row.title = order, section.title
            changed.append(row)
    AgendaSection.objects.bulk_update(changed, ["order", "title"])
    AgendaSection.objects.bulk_create(new)
    return {row.number: row for row in [*rows.values(), *new] if row.number in wanted}


def _items_save(
    *,
    meeting: Meeting,
    sections: dict[str, AgendaSection],
    document: fmt.Document,
    old: fmt.Document | None,
) -> None:
    rows: dict[tuple[str, str], AgendaItem] = {}
    before: dict[tuple[str, str], fmt.Item] = {}
    if old is not None:
        # meeting_document() built ``old`` from these very rows, in the same order.
        for row_section, old_section in zip(meeting.sections.all(), old.sections, strict=True):
            for row, item in zip(row_section.items.all(), old_section.items, strict=True):
                rows[row_section.number, row.number] = row
                before[row_section.number, row.number] = item
    wanted = {(s.number, i.number) for s in document.sections for i in s.items}
    stale = [row.pk for key, row in rows.items() if key not in wanted and key[0] in sections]
    if stale:
        AgendaItem.objects.filter(pk__in=stale).delete()

    cases = _cases_for(numbers={i.case_number for i in document.items if i.case_number is not None})
    now = timezone.now()
    new: list[AgendaItem] = []
    changed: list[AgendaItem] = []
    # Items whose parts and attachments are (re)written; unchanged items keep theirs.
    rewrite: list[tuple[AgendaItem, fmt.Item]] = []
    for section in document.sections:
        for order, item in enumerate(section.items):
            key = (section.number, item.number)
            row = rows.get(key)
            values = {
                "order": order,
                "title": item.title,
                "case": cases.get(item.case_number) if item.case_number is not None else None,
                "handlers": list(item.handlers),
                "public": item.public,
                "decision": item.decision,
                "links": list(item.links),
            }
            if row is None:
                row = AgendaItem(section=sections[section.number], number=item.number, **values)
                new.append(row)
                rewrite.append((row, item))
                continue
            content_changed = before[key] != item
            if content_changed or row.order != order:
                for name, value in values.items():
                    setattr(row, name, value)
                if content_changed:
                    row.modified = now
                    rewrite.append((row, item))
                changed.append(row)

    AgendaItem.objects.bulk_update(changed, [*_ITEM_FIELDS, "modified"])
    AgendaItem.objects.bulk_create(new)
    _parts_and_attachments_save(rewrite=rewrite, existing={row.pk for row in changed})


_ITEM_FIELDS = ["order", "title", "case", "handlers", "public", "decision", "links"]


def _parts_and_attachments_save(
    *, rewrite: list[tuple[AgendaItem, fmt.Item]], existing: set[int]
) -> None:
    replaced = [row for row, _item in rewrite if row.pk in existing]
    # An uploaded file is not part of the document; keep it on the attachment it belongs to.
    files = {
        (row.pk, a.title, a.url, a.source_file): a.file.name
        for row in replaced
        for a in row.attachments.all()
        if a.file
    }
    if replaced:
        ids = [row.pk for row in replaced]
        ItemPart.objects.filter(item_id__in=ids).delete()
        Attachment.objects.filter(item_id__in=ids).delete()
    ItemPart.objects.bulk_create(
        ItemPart(item=row, order=n, heading=part.heading, text=part.text)
        for row, item in rewrite
        for n, part in enumerate(item.parts)
    )
    Attachment.objects.bulk_create(
        Attachment(
            item=row,
            order=n,
            title=ref.title,
            url=ref.url,
            public=ref.public,
            source_file=ref.file,
            file=files.get((row.pk, ref.title, ref.url, ref.file), ""),
        )
        for row, item in rewrite
        for n, ref in enumerate(item.attachments)
    )


def _cases_for(*, numbers: set[str]) -> dict[str, Case]:
    if not numbers:
        return {}
    found = {case.number: case for case in Case.objects.filter(number__in=numbers)}
    missing = numbers - found.keys()
    if missing:
        # ignore_conflicts: another import may create the same case meanwhile.
        Case.objects.bulk_create([Case(number=n) for n in sorted(missing)], ignore_conflicts=True)
        found.update((case.number, case) for case in Case.objects.filter(number__in=missing))
    return found


def _attendance_save(*, meeting: Meeting, attendance: fmt.Attendance, existed: bool) -> None:
    people: dict[str, int] = {}
    if existed:
        # A person linked by hand in the admin stays linked when the same name comes back.
        people = {row.name: row.person_id for row in meeting.attendance.all() if row.person_id}
        Attendance.objects.filter(meeting=meeting).delete()
    entries = [(a, True) for a in attendance.present] + [(a, False) for a in attendance.absent]
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            order=n,
            name=a.name,
            party=a.party,
            role=a.role,
            reason=a.reason,
            substitute_for=a.substitute_for,
            present=present,
            person_id=people.get(a.name),
        )
        for n, (a, present) in enumerate(entries)
    )


def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value is not None else None
