"""``{% workflow_panel meeting %}``: the meeting's state, its next and back steps as
buttons, the agenda check's errors before sending, and the history of steps."""

from django import template

from dagsorden.meetings import access, selectors
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.workflow import STEP_LABELS, back_step, lint_errors, next_step

register = template.Library()


@register.inclusion_tag("staff/_workflow.html", takes_context=True)
def workflow_panel(context, meeting):
    request = context["request"]
    state = meeting.state
    forward, back = next_step(state), back_step(state)
    can_run = access.can_run_workflow(request.user, meeting)
    sending = can_run and forward == Meeting.State.SENT
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "meeting": meeting,
        "can_run": can_run,
        "forward": forward and {"state": forward, "label": STEP_LABELS[(state, forward)]},
        "back": back and {"state": back, "label": STEP_LABELS[(state, back)]},
        "errors": lint_errors(meeting=meeting) if sending else [],
        "events": selectors.meeting_events(meeting=meeting),
    }
