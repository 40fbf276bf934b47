"""Who may see and do what with a meeting. Every page, command and API asks here.

Personas: the public (anyone, logged in or not, without a role), a member of another
body, a member of the meeting's body (a user linked to a Person with a current
Membership), the body's secretariat, and administrators (superusers). The rules, by
workflow state, are written out as a table in docs/access.md and tested cell by cell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.utils import timezone

from dagsorden.bodies.models import Body, Membership
from dagsorden.documents import format as fmt
from dagsorden.meetings.models import Meeting

State = Meeting.State
ORDER = {state: n for n, state in enumerate(State.values)}


def at_least(meeting: Meeting, state: str) -> bool:
    return ORDER[meeting.state] >= ORDER[state]


# -- roles -------------------------------------------------------------------------------


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def _secretariat_ids(user) -> frozenset[int]:
    # Cached on the user object: one query per request however many checks a page makes.
    if not (user and user.is_authenticated):
        return frozenset()
    if not hasattr(user, "_dagsorden_secretariat"):
        user._dagsorden_secretariat = frozenset(user.secretariat_of.values_list("pk", flat=True))
    return user._dagsorden_secretariat


def _member_ids(user, on: dt.date) -> frozenset[int]:
    if not (user and user.is_authenticated):
        return frozenset()
    cache = user.__dict__.setdefault("_dagsorden_member", {})
    if on not in cache:
        cache[on] = frozenset(
            Membership.objects.current_on(on)
            .filter(person__user=user)
            .values_list("body_id", flat=True)
        )
    return cache[on]


def is_secretary(user, body: Body) -> bool:
    return is_admin(user) or body.pk in _secretariat_ids(user)


def is_member(user, body: Body, *, on: dt.date | None = None) -> bool:
    return body.pk in _member_ids(user, on or timezone.localdate())


def bodies_for_secretary(user) -> list[Body]:
    if is_admin(user):
        return list(Body.objects.all())
    return list(Body.objects.filter(pk__in=_secretariat_ids(user)))


# -- meetings ----------------------------------------------------------------------------


def can_see_meeting(user, meeting: Meeting) -> bool:
    if is_secretary(user, meeting.body):
        return True
    if at_least(meeting, State.SENT) and is_member(user, meeting.body):
        return True
    return is_public(meeting.state)


def is_public(state: str) -> bool:
    """Whether everyone, logged in or not, may see a meeting in ``state``."""
    return ORDER[state] >= ORDER[State.PUBLISHED]


def can_see_closed(user, meeting: Meeting) -> bool:
    """Closed items' content and closed attachments."""
    if is_secretary(user, meeting.body):
        return True
    return at_least(meeting, State.SENT) and is_member(user, meeting.body)


def can_see_minutes(user, meeting: Meeting) -> bool:
    """Decisions, attendance and notes."""
    if is_secretary(user, meeting.body):
        # From held: the secretariat writes the minutes from then, and reads what it writes.
        return at_least(meeting, State.HELD)
    if is_member(user, meeting.body) and at_least(meeting, State.MINUTES_APPROVED):
        return True
    return at_least(meeting, State.MINUTES_PUBLISHED)


def can_see_versions(user, meeting: Meeting) -> bool:
    """The corrections list and diffs: versions hold closed content, so members only."""
    return can_see_closed(user, meeting) and at_least(meeting, State.SENT)


def attachment_visible(*, item, attachment, closed: bool) -> bool:
    """Whether an attachment of a meeting one may see is shown; ``closed`` is
    ``can_see_closed`` for that meeting. A closed item hides all its attachments."""
    return closed or (item.public and attachment.public)


def can_see_item_on_case_page(user, item) -> bool:
    """Whether a case page lists this item (its section and meeting loaded).

    A case number belongs to a closed item's closed content: one who may not see the
    item does not learn that it is about the case, so it is left out whole.
    """
    meeting = item.section.meeting
    if not can_see_meeting(user, meeting):
        return False
    return item.public or can_see_closed(user, meeting)


def can_see_attachment(user, attachment) -> bool:
    """The download of one attachment (its item, section and meeting loaded)."""
    item = attachment.item
    meeting = item.section.meeting
    return can_see_meeting(user, meeting) and attachment_visible(
        item=item, attachment=attachment, closed=can_see_closed(user, meeting)
    )


def can_edit_agenda(user, meeting: Meeting) -> bool:
    return is_secretary(user, meeting.body) and not at_least(meeting, State.HELD)


def can_edit_minutes(user, meeting: Meeting) -> bool:
    return is_secretary(user, meeting.body) and meeting.state in (
        State.HELD,
        State.MINUTES_DRAFT,
    )


def can_run_workflow(user, meeting: Meeting) -> bool:
    return is_secretary(user, meeting.body)


def can_see_audit_log(user) -> bool:
    """The log page itself; which entries it shows is ``audit.selectors.audit_entries``."""
    return is_admin(user) or bool(_secretariat_ids(user))


def has_role(user) -> bool:
    """Administrator, in a secretariat, or a current member of some body: someone the
    pages tell more than the public, such as a meeting's workflow state."""
    return (
        is_admin(user)
        or bool(_secretariat_ids(user))
        or bool(_member_ids(user, timezone.localdate()))
    )


def audience(user, meeting: Meeting) -> str:
    return "members" if can_see_closed(user, meeting) else "public"


# -- documents ---------------------------------------------------------------------------


def closed_title(body: Body, item_title: str) -> str:
    return item_title if body.show_closed_titles else body.closed_item_title


def document_redact(
    *, document: fmt.Document, body: Body, closed: bool, minutes: bool
) -> fmt.Document:
    """The document as an audience may see it.

    ``closed=False``: a closed item keeps only its number and the body's neutral title,
    and closed attachments disappear. ``minutes=False``: no decisions, no attendance.
    """
    sections = []
    for section in document.sections:
        items = []
        for item in section.items:
            if not item.public and not closed:
                items.append(
                    fmt.Item(number=item.number, title=closed_title(body, item.title), public=False)
                )
                continue
            attachments = (
                item.attachments if closed else tuple(a for a in item.attachments if a.public)
            )
            items.append(
                replace(
                    item,
                    attachments=attachments,
                    decision=item.decision if minutes else None,
                )
            )
        sections.append(replace(section, items=tuple(items)))
    return replace(
        document,
        sections=tuple(sections),
        attendance=document.attendance if minutes else fmt.Attendance(),
        meeting=replace(
            document.meeting, document=document.meeting.document if minutes else "agenda"
        ),
    )
