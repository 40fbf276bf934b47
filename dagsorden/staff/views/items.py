"""The item editor, and the page a secretary gets when someone else saved the item first."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from dagsorden.meetings import access, editing_selectors
from dagsorden.meetings.attachments import size_format
from dagsorden.meetings.editing import EditConflict, item_update, item_values
from dagsorden.meetings.lint import meeting_lint
from dagsorden.meetings.models import Meeting
from dagsorden.staff.forms import (
    AttachmentAddForm,
    AttachmentUpdateForm,
    ItemForm,
    PartFormSet,
    errors_to_form,
)
from dagsorden.staff.views import _access


@_access.staff_view
def item(request, item_id: int):
    item = _access.get_item_for_editing(request, item_id)
    if request.method != "POST":
        return item_page(request, item)
    form = ItemForm(request.POST)
    parts = PartFormSet(request.POST, prefix="part")
    parts_errors: list[str] = []
    if form.is_valid() and parts.is_valid():
        data = form.cleaned_data
        try:
            item = item_update(
                item=item,
                by=request.user,
                expected_revision=data["revision"],
                title=data["title"],
                case_number=data["case_number"],
                handlers=data["handlers"],
                public=not data["closed"],
                parts=[(p["heading"], p["text"]) for p in parts.cleaned_data if p],
                links=data["links"],
            )
        except EditConflict as conflict:
            return _conflict_page(request, item, conflict)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                parts_errors = error.message_dict.pop("parts", [])
                error = ValidationError(error.message_dict) if error.message_dict else None
            if error is not None:
                errors_to_form(form, error, default=None)
        else:
            messages.success(request, f"Punkt {item.number} {item.title} er gemt.")
            url = reverse("staff:meeting", args=[item.section.meeting_id])
            return redirect(f"{url}#punkt-{item.pk}")
    return item_page(request, item, form=form, parts=parts, parts_errors=parts_errors, status=400)


def item_page(
    request,
    item,
    *,
    form=None,
    parts=None,
    parts_errors=(),
    upload_form=None,
    attachment_forms=None,
    status=200,
):
    """The editor with the stored item, or with the forms given (bound, with their errors)."""
    values = item_values(item)
    if form is None:
        form = ItemForm(
            initial={
                "revision": item.revision,
                "title": values["title"],
                "case_number": values["case_number"],
                "handlers": " ".join(values["handlers"]),
                "closed": not values["public"],
                "links": "\n".join(values["links"]),
            }
        )
    if parts is None:
        parts = PartFormSet(
            prefix="part", initial=[{"heading": h, "text": t} for h, t in values["parts"]]
        )
    attachment_forms = attachment_forms or {}
    attachments = [
        (
            attachment,
            attachment_forms.get(attachment.pk)
            or AttachmentUpdateForm(
                initial={"title": attachment.title, "public": attachment.public},
                auto_id=f"id_bilag{attachment.pk}_%s",
            ),
        )
        for attachment in item.attachments.all()
    ]
    meeting = item.section.meeting
    findings = [f for f in meeting_lint(meeting=meeting) if f.item == item.number]
    context = {
        "item": item,
        "meeting": meeting,
        "sent": access.at_least(meeting, Meeting.State.SENT),
        "form": form,
        "parts": parts,
        "parts_errors": parts_errors,
        "part_findings": _by_part(findings),
        "item_findings": [f for f in findings if f.part is None],
        "attachment_findings": [f for f in findings if f.part == "attachments"],
        "attachments": attachments,
        "upload_form": upload_form or AttachmentAddForm(auto_id="id_nytbilag_%s"),
        "cases": editing_selectors.case_choices(bodies=access.bodies_for_secretary(request.user)),
        "allowed_types": ", ".join(settings.ATTACHMENT_TYPES),
        "max_size": size_format(settings.ATTACHMENT_MAX_BYTES),
    }
    return render(request, "staff/item.html", context, status=status)


def _by_part(findings) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for finding in findings:
        if finding.part not in (None, "attachments"):
            grouped.setdefault(finding.part, []).append(finding)
    return grouped


def _conflict_page(request, item, conflict: EditConflict):
    """409: both versions side by side, and the editor refilled with what was sent, now
    against the stored revision, so "save mine" is one click and nothing typed is lost."""
    data = request.POST.copy()
    data["revision"] = conflict.item.revision
    form = ItemForm(data)
    parts = PartFormSet(data, prefix="part")
    form.is_valid(), parts.is_valid()
    context = {
        "item": conflict.item,
        "meeting": item.section.meeting,
        "rows": _comparison(conflict.current, conflict.submitted),
        "last_change": editing_selectors.item_last_change(item=conflict.item),
        "form": form,
        "parts": parts,
        "cases": editing_selectors.case_choices(bodies=access.bodies_for_secretary(request.user)),
    }
    return render(request, "staff/item_conflict.html", context, status=409)


def _comparison(current: dict, submitted: dict) -> list[dict]:
    def show(key: str, value) -> str:
        if key == "public":
            return "Åbent punkt" if value else "Lukket punkt"
        if key == "handlers":
            return " ".join(value)
        if key == "links":
            return "\n".join(value)
        return value or ""

    labels = {
        "title": "Titel",
        "case_number": "Sagsnummer",
        "handlers": "Sagsbehandlere",
        "public": "Åbent/lukket",
    }
    rows = [
        _row(label, show(key, current[key]), show(key, submitted[key]))
        for key, label in labels.items()
    ]
    stored_parts = {heading: text for heading, text in current["parts"]}
    sent_parts = {heading: text for heading, text in submitted["parts"] if heading or text}
    for heading in [*stored_parts, *(h for h in sent_parts if h not in stored_parts)]:
        rows.append(
            _row(heading or "(uden overskrift)", stored_parts.get(heading), sent_parts.get(heading))
        )
    rows.append(_row("Links", show("links", current["links"]), show("links", submitted["links"])))
    return rows


def _row(label: str, stored: str | None, sent: str | None) -> dict:
    stored, sent = stored or "", sent or ""
    return {"label": label, "stored": stored, "sent": sent, "differs": stored != sent}
