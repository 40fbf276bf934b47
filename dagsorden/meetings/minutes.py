"""Writing the minutes (referat): attendance, decisions and notes on items.

The minutes are written from the moment the meeting is held until they are approved:
in any other state every service here raises ``MinutesLocked`` and writes nothing. Like
``meetings.editing``, the services check nothing about the user (the views ask
``access``); each runs in one transaction, locks the meeting row first and writes an
audit entry. Carrying items forward to the next meeting is in ``meetings.carry_forward``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from dagsorden.audit.services import audit_record
from dagsorden.bodies.models import Body, Membership, Person
from dagsorden.lib.richtext import text_clean_input
from dagsorden.meetings import access
from dagsorden.meetings.models import AgendaItem, Attendance, ItemNote, Meeting
from dagsorden.meetings.stamps import meeting_touch

State = Meeting.State
EDITABLE = (State.HELD, State.MINUTES_DRAFT)

PRESENT, ABSENT, SUBSTITUTE = "present", "absent", "substitute"
DEFAULT_REASON = "Afbud"
SUBSTITUTE_REASON = "Stedfortræder deltog"
REASON_MAX = Attendance._meta.get_field("reason").max_length
NOTE_MAX = ItemNote._meta.get_field("text").max_length
_ROLE_RANK = {Membership.Role.FORMAND: 0, Membership.Role.NAESTFORMAND: 1}


class MinutesLocked(ValidationError):
    def __init__(self, meeting: Meeting):
        if not access.at_least(meeting, State.HELD):
            message = _("Referatet kan først skrives, når mødet er afholdt (status: %(state)s).")
        else:
            message = _("Referatet er godkendt og kan ikke længere ændres (status: %(state)s).")
        super().__init__(message % {"state": meeting.get_state_display()}, code="locked")


@dataclass(frozen=True)
class AttendanceChoice:
    """What the secretary recorded for one member's row: ``PRESENT``, ``ABSENT`` (with a
    reason; blank means "Afbud") or ``SUBSTITUTE`` (the personal substitute came)."""

    attendance_id: int
    status: str
    reason: str = ""


# -- attendance --------------------------------------------------------------------------


def memberships_on(*, body: Body, on: dt.date) -> list[Membership]:
    """The body's memberships current on a day: formand, næstformand, then by name."""
    rows = (
        Membership.objects.current_on(on)
        .filter(body=body)
        .select_related("person", "party", "municipality", "substitute")
    )
    return sorted(rows, key=lambda m: (_ROLE_RANK.get(m.role, 2), danish_key(m.person.name)))


@transaction.atomic
def attendance_from_memberships(*, meeting: Meeting, by) -> list[Attendance]:
    """Add every member of the body on the meeting's date to its attendance, present.

    Rows already recorded are kept as they are; a member is only added if no row names
    them (an imported row with the member's name is linked to the person instead).
    Returns the rows added.
    """
    meeting = _meeting_for_minutes(meeting.pk)
    rows = list(meeting.attendance.order_by("order", "pk"))
    known = {row.person_id for row in rows if row.person_id}
    unlinked = {row.name: row for row in rows if row.person_id is None}
    order = max((row.order for row in rows), default=-1) + 1
    added, linked = [], []
    for membership in memberships_on(body=meeting.body, on=meeting.date):
        person = membership.person
        if person.pk in known:
            continue
        known.add(person.pk)
        if person.name in unlinked:
            row = unlinked.pop(person.name)
            row.person = person
            linked.append(row)
            continue
        added.append(
            Attendance(
                meeting=meeting,
                order=order,
                name=person.name,
                party=party_label(membership),
                role=role_label(membership),
                present=True,
                person=person,
            )
        )
        order += 1
    Attendance.objects.bulk_update(linked, ["person"])
    Attendance.objects.bulk_create(added)
    if added or linked:
        meeting_touch(meeting)  # bulk writes: no signals
    if added or linked:
        audit_record(
            user=by,
            action="attendance_fill",
            obj=meeting,
            body=meeting.body,
            changes={"added": [r.name for r in added], "linked": [r.name for r in linked]},
        )
    return added


def party_label(membership: Membership) -> str | None:
    party = membership.party
    return (party.letter or party.name) if party is not None else None


def role_label(membership: Membership) -> str:
    """ "Formand", "Medlem, Gentofte", or for a mayor "Borgmester, Albertslund"."""
    born = membership.basis == Membership.Basis.BORN
    words = []
    if not (born and membership.role == Membership.Role.MEDLEM):
        words.append(str(membership.get_role_display()))
    if born:
        words.append("borgmester" if words else "Borgmester")
    if membership.municipality is not None:
        words.append(membership.municipality.name)
    return ", ".join(words)


@transaction.atomic
def attendance_update(*, meeting: Meeting, rows: Iterable[AttendanceChoice], by) -> Meeting:
    """Record present / absent with a reason / substitute attended for members' rows.

    A member whose personal substitute came is absent ("Stedfortræder deltog") and the
    substitute gets a present row of their own right after, with ``substitute_for``.
    Rows not named in ``rows`` stay as they are. All or nothing: bad input raises a
    ``ValidationError`` keyed by the row's id (as a string) and writes nothing.
    """
    meeting = _meeting_for_minutes(meeting.pk)
    members, substitutes = attendance_rows(meeting)
    by_id = {row.pk: row for row in members}
    available = substitutes_available(meeting)
    taken = {row.person_id for row in members if row.person_id}
    errors: dict[str, list[str]] = {}
    plan: list[tuple[Attendance, str, str | None]] = []
    for choice in rows:
        row = by_id.get(choice.attendance_id)
        key = str(choice.attendance_id)
        if row is None:
            errors.setdefault(key, []).append(_("Deltageren står ikke på mødets deltagerliste."))
            continue
        try:
            reason = _reason_clean(row, choice, available, taken)
        except ValidationError as error:
            errors.setdefault(key, []).extend(error.messages)
            continue
        plan.append((row, choice.status, reason))
    if errors:
        raise ValidationError(errors)

    changes = {}
    for row, status, reason in plan:
        before = _status_of(row, substitutes)
        after = (status, reason if status == ABSENT else None)
        if before == after:
            continue
        changes[row.name] = [list(before), list(after)]
        row.present, row.reason = status == PRESENT, reason
        row.save(update_fields=["present", "reason"])
        stale = substitutes.pop(row.name, None)
        if stale is not None:
            stale.delete()
        if status == SUBSTITUTE:
            substitute = available[row.person_id]
            substitutes[row.name] = Attendance.objects.create(
                meeting=meeting,
                name=substitute.name,
                party=row.party,
                role="Stedfortræder",
                present=True,
                substitute_for=row.name,
                person=substitute,
            )
    if changes:
        _reorder(members, substitutes)
        meeting_touch(meeting)  # the new order is a bulk update
        audit_record(
            user=by, action="attendance_update", obj=meeting, body=meeting.body, changes=changes
        )
    return meeting


def attendance_status(row: Attendance, substitutes: dict[str, Attendance]) -> str:
    """``PRESENT``, ``ABSENT`` or ``SUBSTITUTE`` for a member's row, as the form shows it."""
    return _status_of(row, substitutes)[0]


def _status_of(row: Attendance, substitutes: dict[str, Attendance]) -> tuple[str, str | None]:
    if row.present:
        return PRESENT, None
    if row.name in substitutes:
        return SUBSTITUTE, None
    return ABSENT, row.reason


def _reason_clean(
    row: Attendance, choice: AttendanceChoice, available: dict[int, Person], taken: set[int]
) -> str | None:
    reason = " ".join((choice.reason or "").split())
    if choice.status == PRESENT:
        if reason:
            raise ValidationError(
                _(
                    "%(name)s er markeret som til stede, men der står en fraværsgrund. "
                    "Vælg afbud, eller fjern grunden."
                )
                % {"name": row.name}
            )
        return None
    if choice.status == ABSENT:
        if len(reason) > REASON_MAX:
            raise ValidationError(
                _("Grunden er for lang (højst %(max)d tegn).") % {"max": REASON_MAX}
            )
        return reason or DEFAULT_REASON
    if choice.status == SUBSTITUTE:
        substitute = available.get(row.person_id) if row.person_id else None
        if substitute is None:
            raise ValidationError(
                _("%(name)s har ingen personlig stedfortræder.") % {"name": row.name}
            )
        if substitute.pk in taken:
            raise ValidationError(
                _("Stedfortræderen %(name)s står allerede på deltagerlisten som medlem.")
                % {"name": substitute.name}
            )
        if reason and reason != SUBSTITUTE_REASON:
            raise ValidationError(
                _(
                    "Når stedfortræderen deltog, er grunden altid »%(reason)s«: "
                    "fjern grunden, eller vælg afbud."
                )
                % {"reason": SUBSTITUTE_REASON}
            )
        return SUBSTITUTE_REASON
    raise ValidationError(
        _("Vælg til stede, afbud eller stedfortræder for %(name)s.") % {"name": row.name}
    )


def attendance_rows(meeting: Meeting) -> tuple[list[Attendance], dict[str, Attendance]]:
    """The members' rows in order, and the substitutes' rows by the member they came for."""
    rows = list(meeting.attendance.order_by("order", "pk"))
    members = [row for row in rows if not row.substitute_for]
    return members, {row.substitute_for: row for row in rows if row.substitute_for}


def substitutes_available(meeting: Meeting) -> dict[int, Person]:
    """Each member's personal substitute on the meeting's date, by the member's person id."""
    return {
        m.person_id: m.substitute
        for m in memberships_on(body=meeting.body, on=meeting.date)
        if m.substitute is not None
    }


def _reorder(members: list[Attendance], substitutes: dict[str, Attendance]) -> None:
    # A substitute is listed right after the member they came for, as the minutes print it.
    ordered = []
    for row in members:
        ordered.append(row)
        if row.name in substitutes:
            ordered.append(substitutes[row.name])
    for order, row in enumerate(ordered):
        row.order = order
    Attendance.objects.bulk_update(ordered, ["order"])


# -- decisions and notes -----------------------------------------------------------------


@transaction.atomic
def decision_set(*, item: AgendaItem, text: str, by, revision: int | None = None) -> AgendaItem:
    """Record the item's decision; empty text means no decision recorded.

    With ``revision`` (the item's revision when the form was opened) a save after someone
    else's is refused instead of overwriting theirs.
    """
    meeting = _meeting_for_minutes(item.section.meeting_id)
    stored = AgendaItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    if revision is not None and stored.revision != revision:
        message = _(
            "Punkt %(number)s er ændret af en anden, efter du åbnede siden; beslutningen er "
            "ikke gemt. Læs den gemte tekst, og gem igen, hvis din skal erstatte den."
        ) % {"number": stored.number}
        raise ValidationError({"decision": ValidationError(message, code="conflict")})
    try:
        cleaned = text_clean_input(text or "").strip() or None
    except ValidationError as error:
        raise ValidationError({"decision": error.messages}) from None
    if cleaned == stored.decision:
        return stored
    before = stored.decision
    stored.decision = cleaned
    stored.revision += 1
    stored.save(update_fields=["decision", "revision", "modified"])
    audit_record(
        user=by,
        action="decision_set",
        obj=stored,
        body=meeting.body,
        changes={"decision": [before, cleaned]},
    )
    return stored


@transaction.atomic
def note_add(*, item: AgendaItem, person: Person | None, text: str, by) -> ItemNote:
    """A note on the item; for a person on the meeting's attendance the text may be left
    empty and becomes "<name> (<party>) deltog ikke i behandlingen af dette punkt."."""
    meeting = _meeting_for_minutes(item.section.meeting_id)
    row = None
    if person is not None:
        row = meeting.attendance.filter(person=person).order_by("order", "pk").first()
        if row is None:
            raise ValidationError(
                {"person": _("%(name)s står ikke på mødets deltagerliste.") % {"name": person.name}}
            )
    try:
        text = " ".join(text_clean_input(text or "").split())
    except ValidationError as error:
        raise ValidationError({"text": error.messages}) from None
    if not text and row is None:
        raise ValidationError({"text": _("Skriv en bemærkning, eller vælg en deltager.")})
    text = text or f"{attendee_label(row)} deltog ikke i behandlingen af dette punkt."
    if len(text) > NOTE_MAX:
        raise ValidationError(
            {"text": _("Bemærkningen er for lang (højst %(max)d tegn).") % {"max": NOTE_MAX}}
        )
    order = (item.notes.aggregate(n=Max("order"))["n"] or 0) + 1
    note = ItemNote.objects.create(item=item, order=order, person=person, text=text)
    audit_record(
        user=by,
        action="note_add",
        obj=note,
        body=meeting.body,
        changes={"item": item.number, "text": text},
    )
    return note


@transaction.atomic
def note_delete(*, note: ItemNote, by) -> None:
    meeting = _meeting_for_minutes(note.item.section.meeting_id)
    audit_record(
        user=by,
        action="note_delete",
        obj=note,
        body=meeting.body,
        changes={"item": note.item.number, "text": note.text},
    )
    note.delete()


def attendee_label(row: Attendance) -> str:
    return f"{row.name} ({row.party})" if row.party else row.name


# -- helpers -----------------------------------------------------------------------------


def minutes_editable(meeting: Meeting) -> bool:
    return meeting.state in EDITABLE


def _meeting_for_minutes(meeting_id: int) -> Meeting:
    """The meeting, locked for this transaction; ``MinutesLocked`` unless minutes are open."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting_id)
    )
    if not minutes_editable(meeting):
        raise MinutesLocked(meeting)
    return meeting


def danish_key(name: str) -> str:
    """Sort key putting æ, ø, å after z, as Danish lists do."""
    return name.casefold().translate({ord("æ"): "z{", ord("ø"): "z|", ord("å"): "z}"})
