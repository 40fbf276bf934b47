"""The agenda builder: a new meeting, its agenda with the check's findings beside each
item, and adding, moving and deleting items."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from dagsorden.meetings import access
from dagsorden.meetings.editing import item_create, item_delete, item_move, meeting_create
from dagsorden.meetings.lint import ERROR, Finding, meeting_lint
from dagsorden.meetings.models import Meeting
from dagsorden.staff.forms import ItemAddForm, ItemMoveForm, MeetingCreateForm, errors_to_form
from dagsorden.staff.views import _access
from dagsorden.staff.views.home import home_page


@require_POST
@_access.staff_view
def meeting_new(request, slug: str):
    body = _access.get_body_for_secretary(request, slug)
    form = MeetingCreateForm(request.POST, auto_id=f"id_{body.slug}_%s")
    if form.is_valid():
        try:
            meeting = meeting_create(body=body, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            errors_to_form(form, error, default=None)
        else:
            when = date_format(meeting.date, "j. F Y")
            messages.success(request, f"Mødet {when} er oprettet med dagsordenens faste punkter.")
            return redirect("staff:meeting", meeting_id=meeting.pk)
    return home_page(request, forms={body.pk: form}, status=400)


@_access.staff_view
def meeting(request, meeting_id: int):
    meeting = _access.get_meeting_for_secretary(request, meeting_id)
    return _meeting_page(request, meeting)


def _meeting_page(request, meeting, *, add_forms=None, status=200):
    findings = meeting_lint(meeting=meeting)
    by_item: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.item is not None:
            by_item[finding.item].append(finding)
    sections = []
    for section in meeting.sections.all():
        items = list(section.items.all())
        sections.append(
            {
                "section": section,
                "items": [(item, by_item.get(item.number, [])) for item in items],
                "add_form": (add_forms or {}).get(section.pk)
                or ItemAddForm(auto_id=f"id_afsnit{section.pk}_%s"),
            }
        )
    errors = sum(1 for f in findings if f.severity == ERROR)
    context = {
        "meeting": meeting,
        "sections": sections,
        "all_sections": meeting.sections.all(),
        "editable": access.can_edit_agenda(request.user, meeting),
        "sent": access.at_least(meeting, Meeting.State.SENT),
        "held": access.at_least(meeting, Meeting.State.HELD),
        "general_findings": [f for f in findings if f.item is None],
        "error_count": errors,
        "warning_count": len(findings) - errors,
    }
    return render(request, "staff/meeting.html", context, status=status)


@require_POST
@_access.staff_view
def item_add(request, section_id: int):
    section = _access.get_section_for_editing(request, section_id)
    form = ItemAddForm(request.POST, auto_id=f"id_afsnit{section.pk}_%s")
    if form.is_valid():
        try:
            item = item_create(section=section, title=form.cleaned_data["title"], by=request.user)
        except ValidationError as error:
            errors_to_form(form, error, default="title")
        else:
            messages.success(request, f"Punkt {item.number} {item.title} er tilføjet.")
            return redirect("staff:item", item_id=item.pk)
    meeting = _access.get_meeting_for_editing(request, section.meeting_id)
    return _meeting_page(request, meeting, add_forms={section.pk: form}, status=400)


@require_POST
@_access.staff_view
def item_move_view(request, item_id: int):
    item = _access.get_item_for_editing(request, item_id)
    meeting = item.section.meeting
    form = ItemMoveForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, "Vælg et afsnit at flytte punktet til.")
        return redirect("staff:meeting", meeting_id=meeting.pk)
    old = item.number
    try:
        item = item_move(
            item=item,
            section=form.cleaned_data["section"],
            position=form.cleaned_data["position"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if item.number != old:
            messages.success(request, f"Punkt {old} er flyttet og er nu punkt {item.number}.")
    return redirect(_item_anchor(meeting.pk, item.pk))


@_access.staff_view
def item_delete_view(request, item_id: int):
    item = _access.get_item_for_editing(request, item_id)
    meeting = item.section.meeting
    if request.method != "POST":
        return render(request, "staff/item_delete.html", {"item": item, "meeting": meeting})
    number, title = item.number, item.title
    try:
        item_delete(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"Punkt {number} {title} er slettet; punkterne efter er rykket op."
        )
    return redirect("staff:meeting", meeting_id=meeting.pk)


def _item_anchor(meeting_id: int, item_id: int) -> str:
    return reverse("staff:meeting", args=[meeting_id]) + f"#punkt-{item_id}"
