"""Uploading, changing and deleting an item's attachments from the item editor."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dagsorden.meetings.attachments import attachment_add, attachment_delete, attachment_update
from dagsorden.staff.forms import AttachmentAddForm, AttachmentUpdateForm, errors_to_form
from dagsorden.staff.views import _access
from dagsorden.staff.views.items import item_page


@require_POST
@_access.staff_view
def attachment_new(request, item_id: int):
    item = _access.get_item_for_editing(request, item_id)
    form = AttachmentAddForm(request.POST, request.FILES, auto_id="id_nytbilag_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            attachment = attachment_add(
                item=item,
                title=data["title"],
                uploaded_file=data["file"],
                public=data["public"],
                by=request.user,
            )
        except ValidationError as error:
            errors_to_form(form, error, default="file")
        else:
            messages.success(request, f"Bilaget »{attachment.title}« er tilføjet.")
            return redirect(_attachments_url(item.pk))
    return item_page(request, item, upload_form=form, status=400)


@require_POST
@_access.staff_view
def attachment_edit(request, attachment_id: int):
    attachment = _access.get_attachment_for_editing(request, attachment_id)
    form = AttachmentUpdateForm(request.POST, request.FILES, auto_id=f"id_bilag{attachment.pk}_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            attachment_update(
                attachment=attachment,
                title=data["title"],
                public=data["public"],
                uploaded_file=data["file"],
                by=request.user,
            )
        except ValidationError as error:
            errors_to_form(form, error, default="file")
        else:
            messages.success(request, f"Bilaget »{data['title']}« er gemt.")
            return redirect(_attachments_url(attachment.item_id))
    item = _access.get_item_for_editing(request, attachment.item_id)
    return item_page(request, item, attachment_forms={attachment.pk: form}, status=400)


@_access.staff_view
def attachment_delete_view(request, attachment_id: int):
    attachment = _access.get_attachment_for_editing(request, attachment_id)
    if request.method != "POST":
        return render(request, "staff/attachment_delete.html", {"attachment": attachment})
    title, item_id = attachment.title, attachment.item_id
    try:
        attachment_delete(attachment=attachment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Bilaget »{title}« er slettet.")
    return redirect(_attachments_url(item_id))


def _attachments_url(item_id: int) -> str:
    return reverse("staff:item", args=[item_id]) + "#bilag"
