"""Attachment downloads and the corrections of a sent agenda."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render

from dagsorden.meetings import access, selectors
from dagsorden.meetings.versions import version_diff, version_document
from dagsorden.portal.views._shared import refuse, visible_meeting

NO_VERSIONS = (
    "Rettelserne til dagsordenen kan kun ses af organets medlemmer og sekretariatet, "
    "og først når dagsordenen er sendt ud."
)


def version_list(request, meeting_id: int):
    meeting = visible_meeting(request, meeting_id)
    if not access.can_see_versions(request.user, meeting):
        return refuse(request, NO_VERSIONS)
    versions = list(selectors.meeting_versions(meeting=meeting))
    context = {"meeting": meeting, "versions": versions}
    return render(request, "portal/version_list.html", context)


def version_compare(request, meeting_id: int, old: int, new: int):
    meeting = visible_meeting(request, meeting_id)
    if not access.can_see_versions(request.user, meeting):
        return refuse(request, NO_VERSIONS)
    before = selectors.meeting_version_get(meeting=meeting, number=old)
    after = selectors.meeting_version_get(meeting=meeting, number=new)
    if before is None or after is None:
        raise Http404("Versionen findes ikke.")
    changes = version_diff(version_document(before), version_document(after))
    context = {"meeting": meeting, "old": before, "new": after, "changes": changes}
    return render(request, "portal/version_compare.html", context)


def attachment_download(request, attachment_id: int):
    attachment = selectors.attachment_get(attachment_id=attachment_id)
    if (
        attachment is None
        or not attachment.file
        or not access.can_see_attachment(request.user, attachment)
    ):
        raise Http404("Bilaget findes ikke.")
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("Bilaget findes ikke.") from None
    extension = PurePath(attachment.file.name).suffix.lower()
    response = FileResponse(
        handle,
        filename=download_name(attachment.title, extension),
        content_type=settings.ATTACHMENT_TYPES.get(extension, "application/octet-stream"),
    )
    # A browser must not guess an HTML type from an uploaded file's bytes and run it here.
    response["X-Content-Type-Options"] = "nosniff"
    # A closed attachment must not stay on a shared meeting-room PC's disk either.
    public = attachment.public and attachment.item.public
    response["Cache-Control"] = "private" if public else "private, no-store"
    return response


def download_name(title: str, extension: str) -> str:
    """A file name from an attachment's title: letters, digits, dashes; never a path."""
    stem = unicodedata.normalize("NFC", title)
    stem = re.sub(r"[^\w\s-]", "", stem).strip()
    stem = re.sub(r"[\s_-]+", "-", stem)[:80].strip("-") or "bilag"
    extension = extension if re.fullmatch(r"\.[a-z0-9]{1,5}", extension) else ""
    return stem + extension
