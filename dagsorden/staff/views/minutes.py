"""The minutes (referat): attendance, each item's decision and notes, and carrying the
items under "Punkter til næste møde" forward to the next meeting.

One page shows it all; every change is its own small POST form, so the page works
without JavaScript. A refused change redirects back with a message and changes nothing;
a form with errors comes back with the errors next to the fields (status 400).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dagsorden.meetings import access, minutes_selectors
from dagsorden.meetings.carry_forward import carry_items, items_carry_forward
from dagsorden.meetings.minutes import (
    MinutesLocked,
    attendance_from_memberships,
    attendance_rows,
    attendance_update,
    decision_set,
    note_add,
    note_delete,
    substitutes_available,
)
from dagsorden.meetings.models import AgendaItem, ItemNote, Meeting
from dagsorden.staff.minutes_forms import AttendanceForm, CarryForwardForm, DecisionForm, NoteForm
from dagsorden.staff.views import _access


def _not_secretary(meeting: Meeting) -> str:
    return _(
        "Du har ikke adgang til referatet for %(body)s: det kræver, at du er med i organets "
        "sekretariat. Kontakt en administrator, hvis du skal have adgang."
    ) % {"body": meeting.body.name}


# -- access --------------------------------------------------------------------------------


def _meeting_for_minutes(request, meeting_id: int) -> Meeting:
    """The meeting with agenda, attendance and notes, for its secretariat; any state."""
    meeting = minutes_selectors.minutes_meeting_get(meeting_id=meeting_id)
    if meeting is None:
        raise Http404(_("Mødet findes ikke."))
    _access.hide_unseen(request, meeting)
    if not access.is_secretary(request.user, meeting.body):
        raise PermissionDenied(_not_secretary(meeting))
    return meeting


def _locked(request, meeting: Meeting):
    """A redirect with the reason if the minutes cannot be changed now, else None."""
    if access.can_edit_minutes(request.user, meeting):
        return None
    messages.error(request, " ".join(MinutesLocked(meeting).messages))
    return redirect("staff:minutes", meeting_id=meeting.pk)


def _item_of(meeting: Meeting, item_id: int) -> AgendaItem:
    for section in meeting.sections.all():
        for item in section.items.all():
            if item.pk == item_id:
                return item
    raise Http404(_("Punktet findes ikke på dette møde."))


def _back(meeting: Meeting, anchor: str):
    return redirect(reverse("staff:minutes", args=[meeting.pk]) + f"#{anchor}")


# -- the page ------------------------------------------------------------------------------


@_access.staff_view
def minutes(request, meeting_id: int):
    meeting = _meeting_for_minutes(request, meeting_id)
    return _page(request, meeting)


def _page(request, meeting, *, attendance_form=None, item_forms=None, carry_form=None, status=200):
    members, substitutes = attendance_rows(meeting)
    if attendance_form is None:
        attendance_form = AttendanceForm(
            members=members, substitutes=substitutes, available=substitutes_available(meeting)
        )
    attendance = [*members, *substitutes.values()]
    item_forms = item_forms or {}
    sections = []
    for section in meeting.sections.all():
        items = []
        for item in section.items.all():
            decision_form, note_form = item_forms.get(item.pk, (None, None))
            items.append(
                {
                    "item": item,
                    "decision_form": decision_form
                    or DecisionForm(
                        initial={"decision": item.decision or "", "revision": item.revision},
                        auto_id=f"id_beslutning{item.pk}_%s",
                    ),
                    "note_form": note_form
                    or NoteForm(attendance=attendance, auto_id=f"id_bemaerkning{item.pk}_%s"),
                }
            )
        sections.append({"section": section, "items": items})
    targets = minutes_selectors.carry_forward_targets(meeting=meeting)
    context = {
        "meeting": meeting,
        "editable": access.can_edit_minutes(request.user, meeting),
        "locked_message": " ".join(MinutesLocked(meeting).messages),
        "attendance_form": attendance_form,
        "sections": sections,
        "carry_items": carry_items(meeting),
        "carry_targets": targets,
        "carry_form": carry_form or CarryForwardForm(targets=targets),
        "approved_in": minutes_selectors.minutes_approved_in(meeting=meeting),
    }
    return render(request, "staff/minutes.html", context, status=status)


# -- attendance ----------------------------------------------------------------------------


@require_POST
@_access.staff_view
def attendance_fetch(request, meeting_id: int):
    meeting = _meeting_for_minutes(request, meeting_id)
    if refusal := _locked(request, meeting):
        return refusal
    try:
        added = attendance_from_memberships(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if added:
            messages.success(
                request,
                ngettext(
                    "%(count)d medlem er tilføjet til fremmødet.",
                    "%(count)d medlemmer er tilføjet til fremmødet.",
                    len(added),
                )
                % {"count": len(added)},
            )
        elif meeting.attendance.exists():
            messages.info(request, _("Alle organets medlemmer står allerede på fremmødet."))
        else:
            messages.warning(
                request,
                _(
                    "%(body)s har ingen medlemmer på mødedatoen. Tilføj medlemskaberne i "
                    "administrationen, og hent igen."
                )
                % {"body": meeting.body.name},
            )
    return _back(meeting, "fremmoede")


@require_POST
@_access.staff_view
def attendance_save(request, meeting_id: int):
    meeting = _meeting_for_minutes(request, meeting_id)
    if refusal := _locked(request, meeting):
        return refusal
    members, substitutes = attendance_rows(meeting)
    form = AttendanceForm(
        request.POST,
        members=members,
        substitutes=substitutes,
        available=substitutes_available(meeting),
    )
    if form.is_valid():
        try:
            attendance_update(meeting=meeting, rows=form.choices(), by=request.user)
        except MinutesLocked as error:
            messages.error(request, " ".join(error.messages))
            return _back(meeting, "fremmoede")
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Fremmødet er gemt."))
            return _back(meeting, "fremmoede")
    return _page(request, meeting, attendance_form=form, status=400)


# -- decisions and notes -------------------------------------------------------------------


@require_POST
@_access.staff_view
def decision_save(request, meeting_id: int, item_id: int):
    meeting = _meeting_for_minutes(request, meeting_id)
    if refusal := _locked(request, meeting):
        return refusal
    item = _item_of(meeting, item_id)
    form = DecisionForm(request.POST, auto_id=f"id_beslutning{item.pk}_%s")
    if form.is_valid():
        try:
            decision_set(
                item=item,
                text=form.cleaned_data["decision"],
                revision=form.cleaned_data["revision"],
                by=request.user,
            )
        except MinutesLocked as error:
            messages.error(request, " ".join(error.messages))
            return _back(meeting, f"punkt-{item.pk}")
        except ValidationError as error:
            if "conflict" in _codes(error):
                form = _conflict_form(form, item)
            _errors_to_form(form, error)
        else:
            messages.success(
                request, _("Beslutningen til punkt %(number)s er gemt.") % {"number": item.number}
            )
            return _back(meeting, f"punkt-{item.pk}")
    return _page(request, meeting, item_forms={item.pk: (form, None)}, status=400)


def _codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def _conflict_form(form: DecisionForm, item: AgendaItem) -> DecisionForm:
    # Keep the secretary's text, but with the stored revision: saving again is then a
    # deliberate choice to replace what the other person saved, shown beside the form.
    stored = AgendaItem.objects.get(pk=item.pk)
    data = form.data.copy()
    data["revision"] = stored.revision
    fresh = DecisionForm(data, auto_id=form.auto_id)
    fresh.is_valid()
    fresh.stored_decision = stored.decision or ""
    return fresh


@require_POST
@_access.staff_view
def note_add_view(request, meeting_id: int, item_id: int):
    meeting = _meeting_for_minutes(request, meeting_id)
    if refusal := _locked(request, meeting):
        return refusal
    item = _item_of(meeting, item_id)
    attendance = list(meeting.attendance.all())
    form = NoteForm(request.POST, attendance=attendance, auto_id=f"id_bemaerkning{item.pk}_%s")
    if form.is_valid():
        try:
            note_add(
                item=item,
                person=form.cleaned_data["person"],
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except MinutesLocked as error:
            messages.error(request, " ".join(error.messages))
            return _back(meeting, f"punkt-{item.pk}")
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("Bemærkningen til punkt %(number)s er tilføjet.") % {"number": item.number},
            )
            return _back(meeting, f"punkt-{item.pk}")
    return _page(request, meeting, item_forms={item.pk: (None, form)}, status=400)


@require_POST
@_access.staff_view
def note_delete_view(request, meeting_id: int, note_id: int):
    meeting = _meeting_for_minutes(request, meeting_id)
    if refusal := _locked(request, meeting):
        return refusal
    note = (
        ItemNote.objects.select_related("item__section")
        .filter(pk=note_id, item__section__meeting=meeting)
        .first()
    )
    if note is None:
        raise Http404(_("Bemærkningen findes ikke på dette møde."))
    try:
        note_delete(note=note, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Bemærkningen til punkt %(number)s er slettet.") % {"number": note.item.number},
        )
    return _back(meeting, f"punkt-{note.item_id}")


# -- carrying items forward ----------------------------------------------------------------


@require_POST
@_access.staff_view
def carry_forward(request, meeting_id: int):
    meeting = _meeting_for_minutes(request, meeting_id)
    targets = minutes_selectors.carry_forward_targets(meeting=meeting)
    form = CarryForwardForm(request.POST, targets=targets)
    if form.is_valid():
        section = form.cleaned_data["section"]
        try:
            copies = items_carry_forward(
                from_meeting=meeting, to_meeting=section.meeting, section=section, by=request.user
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d punkt er ført videre til mødet %(date)s: %(numbers)s.",
                    "%(count)d punkter er ført videre til mødet %(date)s: %(numbers)s.",
                    len(copies),
                )
                % {
                    "count": len(copies),
                    "date": date_format(section.meeting.date, "j. F Y"),
                    "numbers": ", ".join(f"{c.number} {c.title}" for c in copies),
                },
            )
            return _back(meeting, "videre")
    return _page(request, meeting, carry_form=form, status=400)


def _errors_to_form(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
