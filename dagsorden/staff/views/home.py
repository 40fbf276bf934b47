from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from dagsorden.meetings import access, selectors
from dagsorden.staff.forms import MeetingCreateForm


@login_required
def after_login(request):
    """Where logging in lands: the secretariat at work, everyone else in the portal."""
    if access.bodies_for_secretary(request.user):
        return redirect("staff:home")
    return redirect("portal:meeting_list")


@login_required
def home(request):
    """The secretariat's start page: its bodies and their meetings, newest first."""
    return home_page(request)


def home_page(request, *, forms=None, status=200):
    """The start page; ``forms`` holds a body's submitted "Nyt møde" form with its errors."""
    bodies = access.bodies_for_secretary(request.user)
    meetings = selectors.meeting_list().filter(body__in=bodies) if bodies else []
    blocks = [
        (body, (forms or {}).get(body.pk) or MeetingCreateForm(auto_id=f"id_{body.slug}_%s"))
        for body in bodies
    ]
    context = {"bodies": bodies, "blocks": blocks, "meetings": meetings}
    return render(request, "staff/home.html", context, status=status)
