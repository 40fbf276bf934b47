"""The secretariat's forms for building agendas. They read and check what was typed; the
services in ``meetings.editing`` and ``meetings.attachments`` decide what is stored."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from dagsorden.lib.richtext import text_clean_input
from dagsorden.meetings.models import AgendaSection
from dagsorden.meetings.template_text import parts_parse, template_parse

TEXT_HELP = (
    "Afsnit adskilles af en tom linje; en linje, der begynder med »- «, er et punkt i en liste. "
    "Du kan skrive **fed**, *kursiv*, [linktekst](https://…) og tabeller med "
    "| lodrette | streger |."
)


class MeetingCreateForm(forms.Form):
    date = forms.DateField(label="Dato", widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label="Starttidspunkt",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end = forms.TimeField(
        label="Sluttidspunkt",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    location = forms.CharField(label="Mødested", required=False, max_length=300)


class TemplateForm(forms.Form):
    sections = forms.CharField(
        label="Afsnit og faste punkter",
        widget=forms.Textarea(attrs={"rows": 24, "cols": 70, "spellcheck": "false"}),
        help_text=(
            "Et afsnit skrives »3. Titel«, et fast punkt under det »   - Titel«. "
            "Skriv »(referat)« efter det punkt, der godkender sidste mødes referat."
        ),
    )
    parts = forms.CharField(
        label="Faste tekstafsnit i nye punkter",
        max_length=2000,
        required=False,
        help_text="Overskrifterne adskilt af komma, fx »Baggrund, Indstilling, Sagsfremstilling«.",
    )

    def clean_sections(self):
        return template_parse(self.cleaned_data["sections"])

    def clean_parts(self):
        return parts_parse(self.cleaned_data["parts"])


class ItemAddForm(forms.Form):
    title = forms.CharField(label="Titel på nyt punkt", max_length=500)


class ItemMoveForm(forms.Form):
    section = forms.ModelChoiceField(queryset=AgendaSection.objects.none())
    position = forms.IntegerField(min_value=1)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = meeting.sections.all()


class ItemForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label="Titel", max_length=500)
    case_number = forms.CharField(
        label="Sagsnummer",
        required=False,
        max_length=100,
        help_text="Vælg en eksisterende sag eller skriv et nyt nummer; så oprettes sagen.",
        widget=forms.TextInput(attrs={"list": "sagsnumre", "autocomplete": "off"}),
    )
    handlers = forms.CharField(
        label="Sagsbehandlere",
        required=False,
        max_length=500,
        help_text="Initialer adskilt af mellemrum eller /, fx »ssan/nihj«.",
    )
    closed = forms.BooleanField(
        label="Lukket punkt (behandles for lukkede døre; offentligheden ser kun nummer og "
        "neutral titel)",
        required=False,
    )
    links = forms.CharField(
        label="Links",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
        help_text="Én adresse pr. linje, der begynder med https:// eller http://.",
    )

    def clean_handlers(self):
        return [h for h in re.split(r"[\s/,;]+", self.cleaned_data["handlers"]) if h]

    def clean_links(self):
        return [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]


class PartForm(forms.Form):
    heading = forms.CharField(label="Overskrift", required=False, max_length=200)
    text = forms.CharField(
        label="Tekst",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 70}),
        help_text=TEXT_HELP,
    )

    def clean_text(self):
        return text_clean_input(self.cleaned_data["text"])

    def clean(self):
        data = super().clean()
        if (data.get("text") or "").strip() and not (data.get("heading") or "").strip():
            self.add_error("heading", "Skriv en overskrift til teksten.")
        return data


# One empty row at the end: an extra part is added by filling it in, without JavaScript.
PartFormSet = forms.formset_factory(PartForm, extra=1)


class AttachmentAddForm(forms.Form):
    file = forms.FileField(label="Fil")
    title = forms.CharField(
        label="Titel",
        required=False,
        max_length=500,
        help_text="Hvad bilaget indeholder. Tomt: filens navn.",
    )
    public = forms.BooleanField(label="Offentligt bilag", required=False, initial=True)


class AttachmentUpdateForm(forms.Form):
    title = forms.CharField(label="Titel", max_length=500)
    public = forms.BooleanField(label="Offentligt bilag", required=False)
    file = forms.FileField(label="Erstat filen", required=False)


def errors_to_form(form: forms.Form, error: ValidationError, *, default: str | None) -> None:
    """Put a service's ``ValidationError`` next to the form's fields: a dict error by field
    name (unknown names at the top), any other at ``default``."""
    if not hasattr(error, "error_dict"):
        form.add_error(default, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
