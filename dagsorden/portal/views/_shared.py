"""What every portal view needs: a meeting the visitor may see, and a refusal."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dagsorden.meetings import access, selectors

NO_MEETING = "Mødet findes ikke."


def visible_meeting(request, meeting_id: int, *, stamp: bool = False):
    """The meeting's header (with its stamp, for cached pages), or 404 for a meeting
    that does not exist or that the visitor may not see."""
    if stamp:
        meeting = selectors.meeting_stamp_get(meeting_id=meeting_id)
    else:
        meeting = selectors.meeting_header_get(meeting_id=meeting_id)
    if meeting is None or not access.can_see_meeting(request.user, meeting):
        raise Http404(NO_MEETING)
    return meeting


def refuse(request, message: str):
    """An anonymous visitor is sent to log in; anyone else is refused with 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(message)
