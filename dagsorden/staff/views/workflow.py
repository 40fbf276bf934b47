"""Moving a meeting along its workflow. The panel with the buttons is the template tag
``{% workflow_panel meeting %}``; its forms post here."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from dagsorden.meetings import access, selectors
from dagsorden.meetings.workflow import WorkflowError, meeting_advance, state_label
from dagsorden.staff.views import _access

NOT_ALLOWED = (
    "Du kan ikke ændre status for mødet i {body}: det kræver, at du er med i organets "
    "sekretariat. Intet er ændret."
)


@require_POST
@_access.staff_view
def meeting_status(request, meeting_id: int):
    meeting = _get_meeting_for_workflow(request, meeting_id)
    try:
        meeting_advance(
            meeting=meeting,
            to_state=request.POST.get("to_state", ""),
            by=request.user,
            reason=request.POST.get("reason", ""),
            from_state=request.POST.get("from_state") or None,
        )
    except WorkflowError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, f"Mødet har nu status »{state_label(meeting.state)}«.")
    return redirect(_back_to(request, meeting))


def _get_meeting_for_workflow(request, meeting_id: int):
    meeting = selectors.meeting_header_get(meeting_id=meeting_id)
    if meeting is None:
        raise Http404("Mødet findes ikke.")
    _access.hide_unseen(request, meeting)
    if not access.can_run_workflow(request.user, meeting):
        raise PermissionDenied(NOT_ALLOWED.format(body=meeting.body.name))
    return meeting


def _back_to(request, meeting) -> str:
    # The panel sits on whichever page includes it and sends that page's address.
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("staff:meeting", args=[meeting.pk])
