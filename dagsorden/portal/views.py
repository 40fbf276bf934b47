"""The public, read-only portal: the meeting list and one meeting's agenda."""

from django.http import Http404
from django.shortcuts import render

from dagsorden.meetings import selectors


def meeting_list(request):
    return render(request, "portal/meeting_list.html", {"meetings": selectors.meeting_list()})


def meeting_detail(request, meeting_id: int):
    meeting = selectors.meeting_get(meeting_id=meeting_id)
    if meeting is None:
        raise Http404("Mødet findes ikke.")
    return render(request, "portal/meeting_detail.html", {"meeting": meeting})
