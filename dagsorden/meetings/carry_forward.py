"""Carrying the items under "Punkter til næste møde" forward to the next meeting's agenda.

A copy remembers its original (``AgendaItem.carried_from``), so running it twice adds
nothing the second time. Decisions and notes stay behind: they belong to the minutes
of the meeting that made them.
"""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dagsorden.audit.services import audit_record
from dagsorden.cases.models import Attachment
from dagsorden.meetings import access
from dagsorden.meetings.models import AgendaItem, AgendaSection, ItemPart, Meeting
from dagsorden.meetings.stamps import meeting_touch

CARRY_SECTION_TITLE = "Punkter til næste møde"


def carry_section(meeting: Meeting) -> AgendaSection | None:
    """The meeting's section "Punkter til næste møde", however its title is cased."""
    wanted = CARRY_SECTION_TITLE.casefold()
    for section in meeting.sections.order_by("order", "pk"):
        if " ".join(section.title.split()).rstrip(".:").casefold() == wanted:
            return section
    return None


def carry_items(meeting: Meeting) -> list[AgendaItem]:
    """The items under "Punkter til næste møde", each with ``carried_to`` prefetched."""
    section = carry_section(meeting)
    if section is None:
        return []
    return list(
        section.items.order_by("order", "pk").prefetch_related("carried_to__section__meeting")
    )


@transaction.atomic
def items_carry_forward(
    *, from_meeting: Meeting, to_meeting: Meeting, section: AgendaSection, by
) -> list[AgendaItem]:
    """Copy the from-meeting's "Punkter til næste møde" items to the end of ``section``.

    Copied: title, case, handlers, public, parts, links, and the attachments with a copy
    of their files. The target must be a later draft meeting of the same body. Items
    already carried (to any meeting) are skipped; if that leaves nothing, or there was
    nothing, a ``ValidationError`` says so and nothing is written. Returns the new items.
    """
    # Both meetings locked, in key order so two carries cannot deadlock: the "already
    # carried" check below must see every earlier carry from this source.
    locked = {
        m.pk: m
        for m in Meeting.objects.select_for_update(of=("self",))
        .select_related("body")
        .filter(pk__in=[to_meeting.pk, from_meeting.pk])
        .order_by("pk")
    }
    target, source = locked[to_meeting.pk], locked[from_meeting.pk]
    _target_check(source=source, target=target, section=section)
    items = carry_items(source)
    if not items:
        raise ValidationError(
            _("Mødet %(day)s har ingen punkter under »%(section)s«.")
            % {"day": _day(source), "section": CARRY_SECTION_TITLE}
        )
    fresh = [item for item in items if not item.carried_to.all()]
    if not fresh:
        meetings = sorted(
            {_day(copy.section.meeting) for item in items for copy in item.carried_to.all()}
        )
        raise ValidationError(
            _("Punkterne under »%(section)s« er allerede ført videre (til mødet %(days)s).")
            % {"section": CARRY_SECTION_TITLE, "days": ", ".join(meetings)}
        )
    copies = _items_copy(items=fresh, section=section)
    # Parts and attachments are bulk-created: no signals.
    meeting_touch(target)
    for item, copy in zip(fresh, copies, strict=True):
        audit_record(
            user=by,
            action="item_carry_forward",
            obj=copy,
            body=target.body,
            changes={
                "from": f"{source.date.isoformat()} punkt {item.number}",
                "number": copy.number,
                "title": copy.title,
            },
        )
    return copies


def _target_check(*, source: Meeting, target: Meeting, section: AgendaSection) -> None:
    if section.meeting_id != target.pk:
        raise ValidationError(
            {"section": _("Afsnittet hører ikke til mødet %(day)s.") % {"day": _day(target)}}
        )
    if target.body_id != source.body_id:
        raise ValidationError(_("Punkter kan kun føres videre til et møde i samme organ."))
    if target.date <= source.date:
        raise ValidationError(_("Punkter kan kun føres videre til et senere møde."))
    if not access.at_least(source, Meeting.State.HELD):
        raise ValidationError(
            _("Punkter kan først føres videre, når mødet %(day)s er afholdt.")
            % {"day": _day(source)}
        )
    if target.state != Meeting.State.DRAFT:
        raise ValidationError(
            _(
                "Punkter kan kun føres videre til et møde, hvis dagsorden er en kladde; "
                "mødet %(day)s har status »%(state)s«."
            )
            % {"day": _day(target), "state": target.get_state_display()}
        )


def _items_copy(*, items: list[AgendaItem], section: AgendaSection) -> list[AgendaItem]:
    existing = list(section.items.order_by("order", "pk"))
    taken = {row.number for row in existing}
    position = len(existing)
    copies = []
    for order, item in enumerate(items, start=len(existing)):
        position += 1
        # A section numbered by hand may already use the next number; take the first free.
        while f"{section.number}.{position}" in taken:
            position += 1
        copies.append(
            AgendaItem.objects.create(
                section=section,
                order=order,
                number=f"{section.number}.{position}",
                title=item.title,
                case_id=item.case_id,
                handlers=list(item.handlers or []),
                public=item.public,
                links=list(item.links or []),
                carried_from=item,
            )
        )
    ItemPart.objects.bulk_create(
        ItemPart(item=copy, order=part.order, heading=part.heading, text=part.text)
        for item, copy in zip(items, copies, strict=True)
        for part in item.parts.order_by("order", "pk")
    )
    _attachments_copy(items=items, copies=copies)
    return copies


def _attachments_copy(*, items: list[AgendaItem], copies: list[AgendaItem]) -> None:
    new: list[Attachment] = []
    stored: list[str] = []
    try:
        for item, copy in zip(items, copies, strict=True):
            for attachment in item.attachments.order_by("order", "pk"):
                clone = Attachment(
                    item=copy,
                    order=attachment.order,
                    title=attachment.title,
                    url=attachment.url,
                    public=attachment.public,
                    source_file=attachment.source_file,
                )
                if attachment.file:
                    # Its own copy of the file: deleting either attachment later deletes
                    # its file, which must not take the other one's with it.
                    _file_copy(attachment, clone, item)
                    stored.append(clone.file.name)
                new.append(clone)
        Attachment.objects.bulk_create(new)
    except BaseException:
        # The rollback undoes the rows but not the storage: remove the copies made.
        for name in stored:
            Attachment._meta.get_field("file").storage.delete(name)
        raise


def _file_copy(attachment: Attachment, clone: Attachment, item: AgendaItem) -> None:
    extension = PurePath(attachment.file.name).suffix.lower()
    try:
        with attachment.file.open("rb") as source:
            clone.file.save(f"{secrets.token_hex(16)}{extension}", File(source), save=False)
    except FileNotFoundError:
        raise ValidationError(
            _(
                "Bilaget »%(title)s« til punkt %(number)s mangler sin fil, så punktet kan "
                "ikke føres videre. Ret bilaget først."
            )
            % {"title": attachment.title, "number": item.number}
        ) from None


def _day(meeting: Meeting) -> str:
    return f"den {date_format(meeting.date, 'j. F Y')}"
