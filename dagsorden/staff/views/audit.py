"""The audit log: who changed what, and when."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from dagsorden.audit.selectors import audit_entries
from dagsorden.meetings import access
from dagsorden.meetings.workflow import state_label
from dagsorden.staff.views import _access

NOT_ALLOWED = "Loggen kan kun ses af sekretariatet (for dets egne organer) og af administratorer."
LIMIT = 500

ACTIONS = {
    "meeting_create": "Møde oprettet",
    "meeting_advance": "Status ændret",
    "template_update": "Skabelon rettet",
    "item_create": "Punkt oprettet",
    "item_update": "Punkt rettet",
    "item_move": "Punkt flyttet",
    "item_delete": "Punkt slettet",
    "item_carry_forward": "Punkt overført",
    "attachment_add": "Bilag tilføjet",
    "attachment_update": "Bilag rettet",
    "attachment_delete": "Bilag slettet",
    "attendance_fill": "Fremmøde udfyldt",
    "attendance_update": "Fremmøde rettet",
    "decision_set": "Beslutning skrevet",
    "note_add": "Bemærkning tilføjet",
    "note_delete": "Bemærkning slettet",
}
FIELDS = {
    "state": "status",
    "reason": "begrundelse",
    "lint_errors": "fejl i tjekket",
    "document": "dokument",
    "title": "titel",
    "number": "nummer",
    "date": "dato",
    "public": "offentligt",
}


@_access.staff_view
def audit_log(request):
    if not access.can_see_audit_log(request.user):
        raise PermissionDenied(NOT_ALLOWED)
    rows = [
        {
            "entry": entry,
            "action": ACTIONS.get(entry.action, entry.action),
            "changes": _lines(entry),
        }
        for entry in audit_entries(user=request.user, limit=LIMIT)
    ]
    return render(request, "staff/audit_log.html", {"rows": rows, "limit": LIMIT})


def _lines(entry) -> list[str]:
    """Each change as a line a person reads: "status: Godkendt → Sendt til medlemmerne"."""
    lines = []
    for key, value in (entry.changes or {}).items():
        name = FIELDS.get(key, key)
        if isinstance(value, list) and len(value) == 2:
            old, new = (_value(key, v) for v in value)
            lines.append(f"{name}: {old} → {new}")
        else:
            lines.append(f"{name}: {_value(key, value)}")
    return lines


def _value(key: str, value) -> str:
    if value is None or value == "":
        return "–"
    if key == "state":
        return state_label(value)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return str(value)
