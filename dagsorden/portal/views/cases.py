"""One case across meetings: every item about it that the visitor may see."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from dagsorden.cases import selectors as cases
from dagsorden.meetings import access

NO_CASE = "Sagen findes ikke."


def case_detail(request, case_id: int):
    case = cases.case_get(case_id=case_id)
    if case is None:
        raise Http404(NO_CASE)
    user = request.user
    rows = []
    for item in cases.case_items(case=case):
        if not access.can_see_item_on_case_page(user, item):
            continue
        meeting = item.section.meeting
        rows.append(
            {"item": item, "meeting": meeting, "minutes": access.can_see_minutes(user, meeting)}
        )
    # A case only closed items are about does not exist for those who may not see them.
    if not rows:
        raise Http404(NO_CASE)
    context = {"case": case, "rows": rows, "show_state": access.has_role(user)}
    return render(request, "portal/case_detail.html", context)
