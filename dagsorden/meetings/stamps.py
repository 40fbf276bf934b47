"""A meeting's stamp: ``Meeting.modified``, moved on by every write to what its pages show.

The portal caches a published meeting's rendered pages under a key made from the stamp
(``selectors.meeting_stamp_get``), so a write that leaves the stamp alone would leave
the public reading a stale page. Two things keep it moving:

* receivers on every model a meeting page shows (registered in ``MeetingsConfig.ready``)
  touch the meeting on each per-row ``save()`` and ``delete()``, which covers the admin
  and any plain ORM code;
* services that write with ``bulk_create``, ``bulk_update`` or ``QuerySet.update`` send
  no per-row signals, so they call ``meeting_touch`` themselves, or run inside
  ``touching``, which also folds a delete's per-row signals into one touch.

A touch inside a transaction is enough however early it comes: readers see the new
stamp and the new content at the same commit.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal
from django.utils import timezone

from dagsorden.cases.models import Attachment, Case
from dagsorden.meetings.models import (
    AgendaItem,
    AgendaSection,
    Attendance,
    ItemNote,
    ItemPart,
    Meeting,
)

# Sent with ``where``, a Q over Meeting, each time meetings are touched: the hook for
# what else must follow a meeting's content (the search index), bulk writes included.
meeting_changed = Signal()

# While set, receivers stay quiet: the block touches its meetings once as it ends.
_quiet: contextvars.ContextVar[bool] = contextvars.ContextVar("meeting_stamps_quiet", default=False)


def meeting_touch(*meetings: Meeting | int) -> None:
    """Move the stamp of these meetings (instances or ids) on; instances get it too."""
    ids = {m.pk if isinstance(m, Meeting) else m for m in meetings}
    ids.discard(None)
    if not ids:
        return
    now = _touch(Q(pk__in=ids))
    for meeting in meetings:
        if isinstance(meeting, Meeting):
            meeting.modified = now


@contextmanager
def touching(*meetings: Meeting | int) -> Iterator[None]:
    """Write to these meetings' content in bulk: no per-row touches, one touch at the end."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)
    meeting_touch(*meetings)


def _touch(where: Q):
    # QuerySet.update: no save(), so no signals and no recursion; the subquery finds the
    # meetings without loading anything first.
    now = timezone.now()
    Meeting.objects.filter(where).update(modified=now)
    meeting_changed.send(sender=Meeting, where=where)
    return now


# What identifies the meeting(s) of each row that a meeting page shows.
_WHERE = {
    AgendaSection: lambda row: Q(pk=row.meeting_id),
    Attendance: lambda row: Q(pk=row.meeting_id),
    AgendaItem: lambda row: Q(sections__id=row.section_id),
    ItemPart: lambda row: Q(sections__items__id=row.item_id),
    ItemNote: lambda row: Q(sections__items__id=row.item_id),
    Attachment: lambda row: Q(sections__items__id=row.item_id),
    # A case's number is on every page of an item about it.
    Case: lambda row: Q(sections__items__case_id=row.pk),
}


# The link to the meeting a row can be moved along (in the admin, say): the meeting it
# leaves must move on too, or its cached pages would keep showing the row.
_PARENT = {
    AgendaSection: "meeting_id",
    Attendance: "meeting_id",
    AgendaItem: "section_id",
    ItemPart: "item_id",
    ItemNote: "item_id",
    Attachment: "item_id",
}


def _row_changed(sender, instance, **kwargs) -> None:
    if _quiet.get() or kwargs.get("raw"):
        return
    _touch(_WHERE[sender](instance))


def _row_moving(sender, instance, **kwargs) -> None:
    if _quiet.get() or kwargs.get("raw") or instance.pk is None:
        return
    parent = _PARENT[sender]
    before = sender.objects.filter(pk=instance.pk).values_list(parent, flat=True).first()
    if before is not None and before != getattr(instance, parent):
        _touch(_WHERE[sender](type(instance)(**{parent: before})))


def receivers_connect() -> None:
    for model in _WHERE:
        uid = f"meeting-stamp-{model._meta.label_lower}"
        post_save.connect(_row_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for model in _PARENT:
        uid = f"meeting-stamp-{model._meta.label_lower}-move"
        pre_save.connect(_row_moving, sender=model, dispatch_uid=uid)
