"""Building an agenda by hand: templates, new meetings, and adding, editing, moving and
deleting items. Attachments are in ``meetings.attachments``.

The services check nothing about the user (the views ask ``access``), but they do
enforce the workflow: an agenda can be edited until the meeting is held, and after that
every service raises ``AgendaLocked``. Each runs in one transaction, locks the meeting
row first (so two secretaries' edits of one agenda queue up instead of interleaving
their renumbering), writes an audit entry, and records a version once the agenda has
been sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format

from dagsorden.audit.services import audit_record, changes_between
from dagsorden.bodies.models import Body
from dagsorden.cases.models import Attachment, Case
from dagsorden.meetings import access
from dagsorden.meetings.item_input import (
    case_number_clean,
    change_names,
    collect,
    links_clean,
    parts_clean,
    title_clean,
)
from dagsorden.meetings.models import AgendaItem, AgendaSection, AgendaTemplate, ItemPart, Meeting
from dagsorden.meetings.stamps import meeting_touch, touching
from dagsorden.meetings.templates_default import default_template
from dagsorden.meetings.versions import version_record


class AgendaLocked(ValidationError):
    def __init__(self, meeting: Meeting):
        super().__init__(
            "Dagsordenen kan ikke længere ændres: mødet er afholdt "
            f"(status: {meeting.get_state_display()}).",
            code="locked",
        )


class EditConflict(Exception):
    """Someone saved the item after this editor opened it; nothing was written.

    ``current`` is the item as stored now, ``submitted`` what this editor sent; both are
    dicts with the keys of ``item_values``.
    """

    def __init__(self, *, item: AgendaItem, current: dict[str, Any], submitted: dict[str, Any]):
        super().__init__(
            f"Punkt {item.number} er ændret af en anden, efter du åbnede det; "
            "dine ændringer er ikke gemt."
        )
        self.item = item
        self.current = current
        self.submitted = submitted


# -- templates ---------------------------------------------------------------------------


@transaction.atomic
def template_for(*, body: Body) -> AgendaTemplate:
    """The body's agenda template; the default one is stored on first use."""
    template, _created = AgendaTemplate.objects.get_or_create(
        body=body, defaults=default_template(kkr=body.kind == Body.Kind.KKR)
    )
    return template


@transaction.atomic
def template_update(
    *, body: Body, sections: list[dict[str, Any]], parts: list[str], by
) -> AgendaTemplate:
    """Replace the body's template; ``sections`` as ``template_text.template_parse`` gives."""
    if not sections:
        raise ValidationError("Skabelonen skal have mindst ét afsnit.")
    template = template_for(body=body)
    before = {"sections": template.sections, "parts": template.parts}
    template.sections, template.parts = sections, list(parts)
    template.save()
    audit_record(
        user=by,
        action="template_update",
        obj=template,
        body=body,
        changes=changes_between(before, {"sections": sections, "parts": list(parts)}),
    )
    return template


# -- meetings ----------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    body: Body,
    date: dt.date,
    start: dt.time | None = None,
    end: dt.time | None = None,
    location: str | None = None,
    kind: str = Meeting.Kind.ORDINARY,
    by,
) -> Meeting:
    """A draft meeting whose agenda is the body's template, numbered and ready to fill in."""
    if kind not in Meeting.Kind.values:
        raise ValidationError({"kind": f"Ukendt mødetype: {kind}."})
    if start and end and end <= start:
        raise ValidationError({"end": "Mødet skal slutte efter det begynder."})
    location = (location or "").strip() or None
    if location and len(location) > Meeting._meta.get_field("location").max_length:
        raise ValidationError({"location": "Mødestedet er for langt."})
    if Meeting.objects.filter(body=body, date=date).exists():
        raise _date_taken(body, date)
    template = template_for(body=body)
    previous = Meeting.objects.filter(body=body, date__lt=date).order_by("-date").first()
    try:
        # A savepoint, so a meeting created meanwhile by someone else becomes the same
        # message as above and not a broken transaction.
        with transaction.atomic():
            meeting = Meeting.objects.create(
                body=body,
                date=date,
                start=start,
                end=end,
                location=location,
                kind=kind,
                state=Meeting.State.DRAFT,
            )
    except IntegrityError:
        raise _date_taken(body, date) from None
    for order, section_data in enumerate(template.sections):
        section = AgendaSection.objects.create(
            meeting=meeting,
            order=order,
            number=section_data["number"],
            title=section_data["title"],
        )
        for position, item_data in enumerate(section_data.get("items", []), start=1):
            _item_new(
                section=section,
                number=f"{section.number}.{position}",
                order=position - 1,
                title=item_data["title"],
                parts=template.parts,
                minutes_of=previous if item_data.get("minutes_of_previous") else None,
            )
    audit_record(
        user=by,
        action="meeting_create",
        obj=meeting,
        body=body,
        changes={"date": date.isoformat(), "state": meeting.state},
    )
    return meeting


def _date_taken(body: Body, date: dt.date) -> ValidationError:
    return ValidationError(
        {"date": f"{body.name} har allerede et møde {date_format(date, 'j. F Y')}."},
        code="unique",
    )


# -- items -------------------------------------------------------------------------------


@transaction.atomic
def item_create(
    *, section: AgendaSection, title: str, by, after: AgendaItem | None = None
) -> AgendaItem:
    """A new item in ``section`` (after ``after``, else last) with the template's parts."""
    meeting = meeting_for_edit(section.meeting_id)
    title = title_clean(title)
    items = _section_items(section)
    index = len(items)
    if after is not None:
        index = next((n + 1 for n, row in enumerate(items) if row.pk == after.pk), index)
    item = _item_new(
        section=section,
        # Never a real number; _renumber gives the item its place at once.
        number="~new",
        order=index,
        title=title,
        parts=template_for(body=meeting.body).parts,
    )
    items.insert(index, item)
    _renumber({section: items})
    # The template's parts and the renumbering are bulk writes: no signals.
    meeting_touch(meeting)
    audit_record(
        user=by,
        action="item_create",
        obj=item,
        body=meeting.body,
        changes={"number": item.number, "title": title},
    )
    version_record(meeting=meeting, by=by, note=f"Punkt {item.number} tilføjet: {title}")
    return item


def item_values(item: AgendaItem) -> dict[str, Any]:
    """What the item editor edits, as JSON-friendly values (for the audit log and conflicts)."""
    return {
        "title": item.title,
        "case_number": item.case.number if item.case_id else "",
        "handlers": list(item.handlers or []),
        "public": item.public,
        "parts": [[part.heading, part.text] for part in item.parts.order_by("order", "pk")],
        "links": list(item.links or []),
    }


def still_there(queryset, pk):
    """The row, read again inside the service's transaction; a row someone else deleted
    meanwhile is a message for the user, not a server error."""
    row = queryset.filter(pk=pk).first()
    if row is None:
        label = queryset.model._meta.verbose_name
        raise ValidationError(
            f"{label.capitalize()} findes ikke længere: en anden har slettet det. Genindlæs siden."
        )
    return row


@transaction.atomic
def item_update(
    *,
    item: AgendaItem,
    by,
    expected_revision: int,
    title: str,
    case_number: str | None,
    handlers: Sequence[str],
    public: bool,
    parts: Iterable[tuple[str, str]],
    links: Sequence[str],
) -> AgendaItem:
    """Save the item editor. Raises ``EditConflict`` if the item has been saved since
    ``expected_revision`` was read, ``ValidationError`` (by field) for bad input; either
    way nothing is written."""
    meeting = meeting_for_edit(item.section.meeting_id)
    stored = still_there(
        AgendaItem.objects.select_for_update(of=("self",)).select_related("case", "section"),
        item.pk,
    )
    parts = [(heading or "", text or "") for heading, text in parts]
    submitted = {
        "title": title,
        "case_number": case_number or "",
        "handlers": list(handlers),
        "public": public,
        "parts": [[heading, text] for heading, text in parts],
        "links": list(links),
    }
    if stored.revision != expected_revision:
        raise EditConflict(item=stored, current=item_values(stored), submitted=submitted)

    errors: dict[str, list[str]] = {}
    after = {
        "title": collect(errors, "title", title_clean, title),
        "case_number": collect(errors, "case_number", case_number_clean, case_number),
        "handlers": [h.strip() for h in handlers if h.strip()],
        "public": bool(public),
        "parts": collect(errors, "parts", parts_clean, parts),
        "links": collect(errors, "links", links_clean, links),
    }
    if errors:
        raise ValidationError(errors)
    before = item_values(stored)
    if after == before:
        return stored

    stored.title, stored.handlers, stored.public, stored.links = (
        after["title"],
        after["handlers"],
        after["public"],
        after["links"],
    )
    stored.case = _case_for(after["case_number"])
    stored.revision += 1
    stored.save()
    if after["parts"] != before["parts"]:
        ItemPart.objects.filter(item=stored).delete()
        ItemPart.objects.bulk_create(
            ItemPart(item=stored, order=n, heading=heading, text=text)
            for n, (heading, text) in enumerate(after["parts"])
        )
        meeting_touch(meeting)
    changes = changes_between(before, after)
    audit_record(user=by, action="item_update", obj=stored, body=meeting.body, changes=changes)
    version_record(
        meeting=meeting,
        by=by,
        note=f"Punkt {stored.number} rettet: {', '.join(change_names(changes))}",
    )
    return stored


@transaction.atomic
def item_delete(*, item: AgendaItem, by) -> None:
    meeting = meeting_for_edit(item.section.meeting_id)
    item = still_there(AgendaItem.objects.select_related("section"), item.pk)
    section = item.section
    audit_record(
        user=by,
        action="item_delete",
        obj=item,
        body=meeting.body,
        changes={"number": item.number, "title": item.title},
    )
    # The uploaded files go with the item, but only once the deletion is committed.
    files_delete_on_commit([a.file.name for a in item.attachments.all() if a.file])
    number, title = item.number, item.title
    # One touch for the item and everything deleted with it, not one per row.
    with touching(meeting):
        item.delete()
        _renumber({section: _section_items(section)})
    version_record(meeting=meeting, by=by, note=f"Punkt {number} slettet: {title}")


@transaction.atomic
def item_move(*, item: AgendaItem, section: AgendaSection, position: int, by) -> AgendaItem:
    """Move ``item`` to 1-based ``position`` in ``section`` (of the same meeting); a
    position past the end means last."""
    meeting = meeting_for_edit(item.section.meeting_id)
    item = still_there(AgendaItem.objects.select_related("section"), item.pk)
    if section.meeting_id != meeting.pk:
        raise ValidationError("Et punkt kan kun flyttes inden for sit eget møde.")
    source = item.section
    old_number = item.number
    source_items = [row for row in _section_items(source) if row.pk != item.pk]
    target_items = source_items if section.pk == source.pk else _section_items(section)
    index = min(max(position - 1, 0), len(target_items))
    target_items.insert(index, item)
    _renumber({source: source_items, section: target_items})
    meeting_touch(meeting)
    if item.number == old_number:
        return item
    audit_record(
        user=by,
        action="item_move",
        obj=item,
        body=meeting.body,
        changes={"number": [old_number, item.number]},
    )
    version_record(
        meeting=meeting, by=by, note=f"Punkt {old_number} flyttet til {item.number}: {item.title}"
    )
    return item


# -- helpers -----------------------------------------------------------------------------


def files_delete_on_commit(names: Iterable[str]) -> None:
    """Remove stored files once the transaction commits; a rollback keeps them."""
    names = [name for name in names if name]
    if names:
        storage = Attachment._meta.get_field("file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


def meeting_for_edit(meeting_id: int) -> Meeting:
    """The meeting, locked for this transaction; ``AgendaLocked`` once it has been held."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting_id)
    )
    if access.at_least(meeting, Meeting.State.HELD):
        raise AgendaLocked(meeting)
    return meeting


def _item_new(
    *,
    section: AgendaSection,
    number: str,
    order: int,
    title: str,
    parts: Sequence[str],
    minutes_of: Meeting | None = None,
) -> AgendaItem:
    item = AgendaItem.objects.create(
        section=section, number=number, order=order, title=title, minutes_of=minutes_of
    )
    ItemPart.objects.bulk_create(
        ItemPart(item=item, order=n, heading=heading, text="") for n, heading in enumerate(parts)
    )
    return item


def _section_items(section: AgendaSection) -> list[AgendaItem]:
    return list(AgendaItem.objects.filter(section=section).order_by("order", "pk"))


def _renumber(sections: dict[AgendaSection, list[AgendaItem]]) -> None:
    """Give every item of these sections its section, place and number "<section>.<n>".

    Two passes: an item taking a number another item still holds would break the unique
    (section, number) constraint, so the changed items first get a number no real item
    can have.
    """
    changed: list[AgendaItem] = []
    for section, items in sections.items():
        for index, item in enumerate(items):
            number = f"{section.number}.{index + 1}"
            if (item.section_id, item.order, item.number) != (section.pk, index, number):
                item.section, item.order, item.number = section, index, number
                changed.append(item)
    if not changed:
        return
    finals = [item.number for item in changed]
    for item in changed:
        item.number = f"~{item.pk}"
    AgendaItem.objects.bulk_update(changed, ["number"])
    for item, number in zip(changed, finals, strict=True):
        item.number = number
    AgendaItem.objects.bulk_update(changed, ["section", "order", "number"])


def _case_for(number: str) -> Case | None:
    if not number:
        return None
    case, _created = Case.objects.get_or_create(number=number)
    return case
