"""Who may open which secretariat page. Every staff view starts with one of these helpers:
it returns the object or raises ``PermissionDenied`` with a Danish message (``Http404``
for an object that does not exist). ``staff_view`` turns the refusal into a 403 page in
the staff layout, and sends an anonymous visitor to the login page."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.formats import date_format

from dagsorden.bodies.models import Body
from dagsorden.cases.models import Attachment
from dagsorden.meetings import access, editing_selectors, selectors
from dagsorden.meetings.models import AgendaItem, AgendaSection, Meeting

NOT_SECRETARY = (
    "Du har ikke adgang til at redigere dagsordener for {body}: det kræver, at du er med i "
    "organets sekretariat. Kontakt en administrator, hvis du skal have adgang."
)
LOCKED = (
    "Dagsordenen til mødet {date} kan ikke længere ændres, fordi mødet er afholdt "
    "(status: {state})."
)


def staff_view(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return render(request, "staff/forbidden.html", {"message": str(refusal)}, status=403)

    return wrapped


def get_body_for_secretary(request, slug: str) -> Body:
    body = get_object_or_404(Body, slug=slug)
    _require_secretary(request, body)
    return body


def get_meeting_for_secretary(request, meeting_id: int) -> Meeting:
    """The meeting with its whole agenda, in any state (a held one is shown read-only)."""
    meeting = selectors.meeting_get(meeting_id=meeting_id)
    if meeting is None:
        raise Http404("Mødet findes ikke.")
    hide_unseen(request, meeting)
    _require_secretary(request, meeting.body)
    return meeting


def get_meeting_for_editing(request, meeting_id: int) -> Meeting:
    meeting = get_meeting_for_secretary(request, meeting_id)
    _require_editable(request, meeting)
    return meeting


def get_section_for_editing(request, section_id: int) -> AgendaSection:
    section = get_object_or_404(
        AgendaSection.objects.select_related("meeting__body"), pk=section_id
    )
    hide_unseen(request, section.meeting)
    _require_secretary(request, section.meeting.body)
    _require_editable(request, section.meeting)
    return section


def get_item_for_editing(request, item_id: int) -> AgendaItem:
    item = editing_selectors.item_get(item_id=item_id)
    if item is None:
        raise Http404("Punktet findes ikke.")
    hide_unseen(request, item.section.meeting)
    _require_secretary(request, item.section.meeting.body)
    _require_editable(request, item.section.meeting)
    return item


def get_attachment_for_editing(request, attachment_id: int) -> Attachment:
    attachment = editing_selectors.attachment_get(attachment_id=attachment_id)
    if attachment is None:
        raise Http404("Bilaget findes ikke.")
    meeting = attachment.item.section.meeting
    hide_unseen(request, meeting)
    _require_secretary(request, meeting.body)
    _require_editable(request, meeting)
    return attachment


def hide_unseen(request, meeting: Meeting) -> None:
    """A meeting the user may not even see answers 404, as in the portal: a staff address
    must not tell an outsider that a draft exists."""
    if not access.can_see_meeting(request.user, meeting):
        raise Http404("Mødet findes ikke.")


def _require_secretary(request, body: Body) -> None:
    if not access.is_secretary(request.user, body):
        raise PermissionDenied(NOT_SECRETARY.format(body=body.name))


def _require_editable(request, meeting: Meeting) -> None:
    if not access.can_edit_agenda(request.user, meeting):
        raise PermissionDenied(
            LOCKED.format(
                date=date_format(meeting.date, "j. F Y"), state=meeting.get_state_display()
            )
        )
