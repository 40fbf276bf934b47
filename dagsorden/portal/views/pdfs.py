"""A meeting's agenda or minutes as PDF, alone or with its attachments ("samlet PDF").

The visitor gets the PDF of their audience: the members' with closed items, or the
public's, where a closed item is its number and a neutral title. The public's PDF is
rendered once per content stamp and kept (``publishing.pdf_store``); the members' is
rendered for each request and never stored.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse

from dagsorden.meetings import access
from dagsorden.portal import page_cache
from dagsorden.portal.views._shared import refuse, visible_meeting
from dagsorden.publishing.pdf import meeting_pdf
from dagsorden.publishing.pdf_store import stored_pdf

# URL name → (minutes, merged, file name ending)
KINDS = {
    "dagsorden": (False, False, "dagsorden"),
    "dagsorden-samlet": (False, True, "dagsorden-samlet"),
    "referat": (True, False, "referat"),
    "referat-samlet": (True, True, "referat-samlet"),
}
NO_MINUTES = "Referatet er ikke offentliggjort endnu."


def meeting_pdf_download(request, meeting_id: int, kind: str):
    if kind not in KINDS:
        raise Http404("Der findes ingen sådan PDF.")
    minutes, merged, ending = KINDS[kind]
    meeting = visible_meeting(request, meeting_id, stamp=True)
    user = request.user
    if minutes:
        if meeting.document != "minutes":
            raise Http404(NO_MINUTES)
        if not access.can_see_minutes(user, meeting):
            return refuse(request, NO_MINUTES)
    closed = access.can_see_closed(user, meeting)
    filename = f"{meeting.body.slug}-{meeting.date.isoformat()}-{ending}.pdf"

    def render() -> bytes:
        return meeting_pdf(meeting, closed=closed, minutes=minutes, merged=merged)

    if access.has_role(user):
        # Closed content or a member's view: fresh, and not kept on a shared PC's disk.
        response = HttpResponse(render(), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
    key = page_cache.page_key("pdf", meeting, kind)
    handle = stored_pdf(meeting_id=meeting.pk, kind=kind, key=key, render=render)
    return FileResponse(handle, content_type="application/pdf", filename=filename)
