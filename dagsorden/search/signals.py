"""Keeping the index in step: every touch of a meeting reindexes it once, after commit.

``stamps.meeting_changed`` is sent for every write to a meeting's content, bulk writes
and imports included; a meeting's own save (a workflow step) is caught here too. The
meetings are collected during the transaction and reindexed when it commits, so a
rolled-back change never reaches the index and a bulk import reindexes each meeting once.
"""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models.signals import post_save, pre_delete

from dagsorden.meetings.models import Meeting
from dagsorden.meetings.stamps import meeting_changed

_local = threading.local()


def _pending() -> set[int]:
    if not hasattr(_local, "ids"):
        _local.ids = set()
    return _local.ids


def meetings_schedule(ids: set[int]) -> None:
    if not ids:
        return
    _pending().update(ids)
    # One callback per change, each cheap: the first to run takes every pending id.
    # A rolled-back transaction drops its callbacks; its ids wait for the next commit.
    transaction.on_commit(_flush, robust=True)


def _flush() -> None:
    from dagsorden.search.services import meeting_reindex

    pending = _pending()
    while pending:
        meeting_reindex(meeting_id=pending.pop())


def _changed(sender, where, **kwargs) -> None:
    meetings_schedule(set(Meeting.objects.filter(where).values_list("pk", flat=True)))


def _meeting_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        meetings_schedule({instance.pk})


def _meeting_deleting(sender, instance, **kwargs) -> None:
    # Before the cascade: the FTS5 rows are found by the ids of the rows it deletes.
    from dagsorden.search.services import meeting_unindex

    meeting_unindex(meeting_id=instance.pk)


def receivers_connect() -> None:
    meeting_changed.connect(_changed, dispatch_uid="search-meeting-changed")
    post_save.connect(_meeting_saved, sender=Meeting, dispatch_uid="search-meeting-saved")
    pre_delete.connect(_meeting_deleting, sender=Meeting, dispatch_uid="search-meeting-delete")
