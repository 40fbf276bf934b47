"""Links between a meeting's minutes and the item of a later meeting that approves them."""

from django import template
from django.urls import reverse

from dagsorden.meetings import access
from dagsorden.meetings.minutes_selectors import minutes_approved_in

register = template.Library()


@register.inclusion_tag("portal/_minutes_link.html", takes_context=True)
def minutes_link(context, meeting, item=None):
    """Without ``item``: where this meeting's minutes are approved. With an item that
    approves an earlier meeting's minutes: that meeting. Only meetings the visitor may see."""
    user = context["request"].user
    if item is None:
        approving = minutes_approved_in(meeting=meeting)
        if approving is None or not _visible(user, approving):
            return {}
        url = reverse("portal:meeting_detail", args=[approving.section.meeting_id])
        return {
            "approving": approving,
            "date": approving.section.meeting.date,
            "url": f"{url}#punkt-{approving.number}",
        }
    if item.minutes_of_id is None:
        return {}
    approved = item.minutes_of
    if approved is None or not access.can_see_meeting(user, approved):
        return {}
    url = reverse("portal:meeting_detail", args=[approved.pk])
    return {"approved": approved, "date": approved.date, "url": url}


def _visible(user, item) -> bool:
    meeting = item.section.meeting
    if not access.can_see_meeting(user, meeting):
        return False
    return item.public or access.can_see_closed(user, meeting)
