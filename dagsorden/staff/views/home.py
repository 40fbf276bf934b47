from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from dagsorden.meetings import access, selectors


@login_required
def home(request):
    """The secretariat's start page: its bodies and their meetings, newest first."""
    bodies = access.bodies_for_secretary(request.user)
    meetings = selectors.meeting_list().filter(body__in=bodies) if bodies else []
    return render(request, "staff/home.html", {"bodies": bodies, "meetings": meetings})
