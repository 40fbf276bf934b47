"""A body's agenda template, edited as plain text."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from dagsorden.meetings.editing import template_for, template_update
from dagsorden.meetings.template_text import template_format
from dagsorden.staff.forms import TemplateForm
from dagsorden.staff.views import _access


@_access.staff_view
def body_template(request, slug: str):
    body = _access.get_body_for_secretary(request, slug)
    if request.method == "POST":
        form = TemplateForm(request.POST)
        if form.is_valid():
            template_update(
                body=body,
                sections=form.cleaned_data["sections"],
                parts=form.cleaned_data["parts"],
                by=request.user,
            )
            messages.success(
                request, f"Skabelonen for {body.name} er gemt; nye møder får de nye afsnit."
            )
            return redirect("staff:home")
        status = 400
    else:
        template = template_for(body=body)
        form = TemplateForm(
            initial={
                "sections": template_format(sections=template.sections),
                "parts": ", ".join(template.parts),
            }
        )
        status = 200
    return render(request, "staff/template.html", {"body": body, "form": form}, status=status)
