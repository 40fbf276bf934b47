"""The secretariat's forms for the minutes. They read what was typed; the services in
``meetings.minutes`` and ``meetings.carry_forward`` decide what is stored."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dagsorden.bodies.models import Person
from dagsorden.meetings.minutes import (
    ABSENT,
    PRESENT,
    SUBSTITUTE,
    AttendanceChoice,
    attendee_label,
)
from dagsorden.meetings.models import Attendance, Meeting

TEXT_HELP = gettext_lazy(
    "Afsnit adskilles af en tom linje; en linje, der begynder med »- «, er et punkt i en liste."
)


class AttendanceForm(forms.Form):
    """One radio group (til stede / afbud / stedfortræder) and one reason per member."""

    def __init__(
        self,
        *args,
        members: list[Attendance],
        substitutes: dict[str, Attendance],
        available: dict[int, Person],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.members = members
        self.substitutes = substitutes
        for row in members:
            choices = [(PRESENT, _("Til stede")), (ABSENT, _("Afbud"))]
            substitute = available.get(row.person_id) if row.person_id else None
            if substitute is not None or row.name in substitutes:
                name = substitute.name if substitute else substitutes[row.name].name
                choices.append((SUBSTITUTE, _("Stedfortræder deltog: %(name)s") % {"name": name}))
            status, reason = _current(row, substitutes)
            self.fields[f"status_{row.pk}"] = forms.ChoiceField(
                label=row.name, choices=choices, initial=status, widget=forms.RadioSelect
            )
            self.fields[f"reason_{row.pk}"] = forms.CharField(
                label=_("Grund ved afbud"), required=False, initial=reason
            )

    def rows(self) -> list[dict]:
        """Per member: the row, its two fields and the substitute's row if one came."""
        return [
            {
                "row": row,
                "status": self[f"status_{row.pk}"],
                "reason": self[f"reason_{row.pk}"],
                "substitute": self.substitutes.get(row.name),
            }
            for row in self.members
        ]

    def choices(self) -> list[AttendanceChoice]:
        return [
            AttendanceChoice(
                attendance_id=row.pk,
                status=self.cleaned_data[f"status_{row.pk}"],
                reason=self.cleaned_data[f"reason_{row.pk}"],
            )
            for row in self.members
        ]

    def add_service_errors(self, error: ValidationError) -> None:
        """Put ``attendance_update``'s errors (keyed by row id) next to the member's row."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            field = f"status_{key}"
            self.add_error(field if field in self.fields else None, messages)


def _current(row: Attendance, substitutes: dict[str, Attendance]) -> tuple[str, str]:
    if row.present:
        return PRESENT, ""
    if row.name in substitutes:
        return SUBSTITUTE, ""
    return ABSENT, row.reason or ""


class DecisionForm(forms.Form):
    decision = forms.CharField(
        label=gettext_lazy("Beslutning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        help_text=TEXT_HELP,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    # Set after a conflicting save: what the other person stored, shown beside the form.
    stored_decision: str | None = None


class NoteForm(forms.Form):
    person = forms.TypedChoiceField(
        label=gettext_lazy("Deltager"), coerce=int, required=False, empty_value=None
    )
    text = forms.CharField(
        label=gettext_lazy("Bemærkning"),
        required=False,
        help_text=gettext_lazy(
            "Vælger du en deltager og lader bemærkningen stå tom, skrives »… deltog ikke i "
            "behandlingen af dette punkt«."
        ),
    )

    def __init__(self, *args, attendance: list[Attendance], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("– ingen –"))] + [
            (row.person_id, attendee_label(row)) for row in attendance if row.person_id
        ]

    def clean_person(self) -> Person | None:
        # The choices hold only people on the attendance, so the id is one of those.
        person_id = self.cleaned_data["person"]
        return Person.objects.get(pk=person_id) if person_id is not None else None


class CarryForwardForm(forms.Form):
    section = forms.TypedChoiceField(label=gettext_lazy("Til mødet og afsnittet"), coerce=int)

    def __init__(self, *args, targets: list[Meeting], **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = {
            section.pk: section for meeting in targets for section in meeting.sections.all()
        }
        # One option group per meeting, so a plain <select> picks meeting and section at once.
        self.fields["section"].choices = [
            (
                _("Mødet %(date)s") % {"date": date_format(meeting.date, "j. F Y")},
                [(s.pk, f"{s.number}. {s.title}") for s in meeting.sections.all()],
            )
            for meeting in targets
        ]

    def clean_section(self):
        return self.sections[self.cleaned_data["section"]]
