"""The portal, for the public and the members: the meeting list, one meeting's agenda or
minutes, attachment downloads, and the corrections of a sent agenda.

What each visitor may see is decided in ``meetings.access``. A meeting or attachment one
may not see answers 404, as if it did not exist; a page of a meeting one may see but not
this part of it sends an anonymous visitor to log in and refuses anyone else with 403.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render

from dagsorden.meetings import access, selectors
from dagsorden.meetings.versions import version_diff, version_document

NO_MEETING = "Mødet findes ikke."
NO_VERSIONS = (
    "Rettelserne til dagsordenen kan kun ses af organets medlemmer og sekretariatet, "
    "og først når dagsordenen er sendt ud."
)


def meeting_list(request):
    user = request.user
    rows = [
        {"meeting": meeting, "minutes": access.can_see_minutes(user, meeting)}
        for meeting in selectors.meeting_list()
        if access.can_see_meeting(user, meeting)
    ]
    context = {"rows": rows, "show_state": access.has_role(user)}
    return render(request, "portal/meeting_list.html", context)


def meeting_detail(request, meeting_id: int):
    meeting = _visible_meeting(request, meeting_id, agenda=True)
    user = request.user
    can_see_versions = access.can_see_versions(user, meeting)
    context = {
        "meeting": meeting,
        "closed": access.can_see_closed(user, meeting),
        "minutes": access.can_see_minutes(user, meeting),
        "show_state": access.has_role(user),
        "corrected": can_see_versions and selectors.meeting_versions(meeting=meeting).count() > 1,
    }
    return render(request, "portal/meeting_detail.html", context)


def version_list(request, meeting_id: int):
    meeting = _visible_meeting(request, meeting_id)
    if not access.can_see_versions(request.user, meeting):
        return _refuse(request, NO_VERSIONS)
    versions = list(selectors.meeting_versions(meeting=meeting))
    context = {"meeting": meeting, "versions": versions}
    return render(request, "portal/version_list.html", context)


def version_compare(request, meeting_id: int, old: int, new: int):
    meeting = _visible_meeting(request, meeting_id)
    if not access.can_see_versions(request.user, meeting):
        return _refuse(request, NO_VERSIONS)
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


def _visible_meeting(request, meeting_id: int, *, agenda: bool = False):
    if agenda:
        meeting = selectors.meeting_page_get(meeting_id=meeting_id)
    else:
        meeting = selectors.meeting_header_get(meeting_id=meeting_id)
    if meeting is None or not access.can_see_meeting(request.user, meeting):
        raise Http404(NO_MEETING)
    return meeting


def _refuse(request, message: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(message)
