"""Moving a meeting along its workflow: one step at a time, each step on the record.

draft → approved → sent → published → held → minutes_draft → minutes_approved →
minutes_published, and two steps back that a secretariat needs: reopening an approved
agenda (approved → draft) and an approved set of minutes (minutes_approved →
minutes_draft). Everything else is refused with ``WorkflowError`` and changes nothing.

The service checks nothing about the user (the views ask ``access.can_run_workflow``);
it enforces the order, the agenda check at sending and the record: a ``MeetingEvent``
and an audit entry per step, the first version at sending.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dagsorden.audit.services import audit_record
from dagsorden.meetings.lint import ERROR, meeting_lint
from dagsorden.meetings.models import Meeting, MeetingEvent
from dagsorden.meetings.versions import version_record

State = Meeting.State

FORWARD: dict[str, str] = dict(zip(State.values, State.values[1:], strict=False))
BACKWARD: dict[str, str] = {
    State.APPROVED: State.DRAFT,
    State.MINUTES_APPROVED: State.MINUTES_DRAFT,
}

# What the button for a step says: the step's verb, not the state's name.
STEP_LABELS: dict[tuple[str, str], str] = {
    (State.DRAFT, State.APPROVED): _("Godkend dagsordenen"),
    (State.APPROVED, State.SENT): _("Send til medlemmerne"),
    (State.SENT, State.PUBLISHED): _("Offentliggør dagsordenen"),
    (State.PUBLISHED, State.HELD): _("Markér mødet som afholdt"),
    (State.HELD, State.MINUTES_DRAFT): _("Begynd referatet"),
    (State.MINUTES_DRAFT, State.MINUTES_APPROVED): _("Godkend referatet"),
    (State.MINUTES_APPROVED, State.MINUTES_PUBLISHED): _("Offentliggør referatet"),
    (State.APPROVED, State.DRAFT): _("Genåbn dagsordenen"),
    (State.MINUTES_APPROVED, State.MINUTES_DRAFT): _("Genåbn referatet"),
}

SENT_NOTE = "Udsendt til medlemmerne"


class WorkflowError(ValidationError):
    pass


def state_label(state: str) -> str:
    return str(State(state).label) if state in State.values else state


def next_step(state: str) -> str | None:
    return FORWARD.get(state)


def back_step(state: str) -> str | None:
    return BACKWARD.get(state)


def lint_errors(*, meeting: Meeting) -> list:
    """The error-level findings of the agenda check: what blocks sending."""
    return [f for f in meeting_lint(meeting=meeting) if f.severity == ERROR]


@transaction.atomic
def meeting_advance(
    *, meeting: Meeting, to_state: str, by, reason: str = "", from_state: str | None = None
) -> MeetingEvent:
    """Move ``meeting`` one step to ``to_state`` and record who did it and why.

    ``from_state`` is the state the caller saw (by default ``meeting.state``): if the
    meeting has moved since, the step is refused, so a second click or a second person
    working from an old page cannot move it again. Sending runs the agenda check; errors
    block it unless ``reason`` says why it goes out anyway.
    """
    reason = (reason or "").strip()
    seen = from_state or meeting.state
    # The row lock makes a concurrent step wait here and then see the new state.
    locked = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    current = locked.state
    if current != seen:
        raise WorkflowError(
            gettext(
                "Mødet kan ikke gå til »%(requested)s«: det er flyttet fra »%(seen)s« til "
                "»%(current)s«, siden siden blev hentet. Intet er ændret; se status og prøv igen."
            )
            % {
                "requested": state_label(to_state),
                "seen": state_label(seen),
                "current": state_label(current),
            },
            code="stale",
        )
    if to_state not in (FORWARD.get(current), BACKWARD.get(current)):
        raise WorkflowError(_refusal(current, to_state), code="not_allowed")

    changes: dict = {"state": [current, to_state]}
    if to_state == State.SENT:
        errors = lint_errors(meeting=locked)
        if errors and not reason:
            raise WorkflowError(
                gettext(
                    "Dagsordenen kan ikke sendes: tjekket fandt %(count)d fejl. Ret fejlene, "
                    "eller send alligevel med en begrundelse."
                )
                % {"count": len(errors)},
                code="lint",
            )
        if errors:
            changes["lint_errors"] = len(errors)
    if reason:
        changes["reason"] = reason

    locked.state = to_state
    fields = ["state", "modified"]
    if to_state == State.MINUTES_DRAFT and locked.document != Meeting.DocumentKind.MINUTES:
        changes["document"] = [locked.document, Meeting.DocumentKind.MINUTES]
        locked.document = Meeting.DocumentKind.MINUTES
        fields.append("document")
    locked.save(update_fields=fields)

    event = MeetingEvent.objects.create(
        meeting=locked, from_state=current, to_state=to_state, by=by, reason=reason
    )
    audit_record(user=by, action="meeting_advance", obj=locked, body=locked.body, changes=changes)
    if to_state == State.SENT:
        version_record(meeting=locked, by=by, note=SENT_NOTE)

    meeting.state, meeting.document = locked.state, locked.document
    return event


def _refusal(current: str, requested: str) -> str:
    if not requested:
        return gettext(
            "Vælg det trin, mødet skal tage. Mødet er »%(current)s«. Intet er ændret."
        ) % {"current": state_label(current)}
    if requested not in State.values:
        return gettext(
            "»%(requested)s« er ikke en status. Mødet er »%(current)s«. Intet er ændret."
        ) % {
            "requested": requested,
            "current": state_label(current),
        }
    allowed = [s for s in (FORWARD.get(current), BACKWARD.get(current)) if s]
    if not allowed:
        hint = gettext("Det er det sidste trin.")
    else:
        hint = gettext("Mødet kan kun gå til %(allowed)s.") % {
            "allowed": gettext(" eller ").join(f"»{state_label(s)}«" for s in allowed)
        }
    return gettext(
        "Mødet kan ikke gå fra »%(current)s« til »%(requested)s«: det flyttes ét trin ad "
        "gangen. %(hint)s Intet er ændret."
    ) % {"current": state_label(current), "requested": state_label(requested), "hint": hint}
