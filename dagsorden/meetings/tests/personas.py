"""The personas of docs/access.md and a meeting for them to look at, built for tests.

Plain functions, every default overridable::

    meeting = meeting_create(state=Meeting.State.SENT)
    user = persona_create("member", body=meeting.body)   # AnonymousUser for "anonymous"
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from dagsorden.bodies.models import Body, Membership, Person
from dagsorden.meetings.access import ORDER
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.factories import document_build, item_build, section_replace

PERSONAS = ("anonymous", "other_member", "member", "secretariat", "administrator")

# The short column names of the expected tables in tests, in workflow order.
COLUMNS = {
    "draft": Meeting.State.DRAFT,
    "approved": Meeting.State.APPROVED,
    "sent": Meeting.State.SENT,
    "published": Meeting.State.PUBLISHED,
    "held": Meeting.State.HELD,
    "m_draft": Meeting.State.MINUTES_DRAFT,
    "m_approved": Meeting.State.MINUTES_APPROVED,
    "m_published": Meeting.State.MINUTES_PUBLISHED,
}

_serial = itertools.count(1)


def grid(text: str) -> dict[tuple[str, str], str]:
    """An expected table as a test writes it out: a header of states (``COLUMNS``), then
    one row per persona. Returns ``{(persona, state): cell}``."""
    header, *rows = (line.split() for line in text.strip().splitlines())
    states = [COLUMNS[name] for name in header]
    table = {}
    for persona, *cells in rows:
        if persona not in PERSONAS or len(cells) != len(states):
            raise ValueError(f"bad row in expected table: {persona} {cells}")
        table.update({(persona, state): cell for state, cell in zip(states, cells, strict=True)})
    return table


def user_create(username: str | None = None, **fields):
    return get_user_model().objects.create_user(
        username=username or f"bruger{next(_serial)}", **fields
    )


def admin_create(username: str | None = None, **fields):
    return user_create(username, is_superuser=True, is_staff=True, **fields)


def body_create(name: str | None = None, **fields) -> Body:
    name = name or f"Udvalg {next(_serial)}"
    slug = name.lower().replace(" ", "-")
    return Body.objects.create(name=name, **{"slug": slug, "kind": Body.Kind.OTHER, **fields})


def secretary_create(*, body: Body, username: str | None = None, **fields):
    user = user_create(username, **fields)
    body.secretaries.add(user)
    return user


def member_create(
    *, body: Body, username: str | None = None, start_date=None, end_date=None, **fields
):
    """A user linked to a Person with a membership of ``body`` (current unless dated)."""
    user = user_create(username, **fields)
    person = Person.objects.create(name=f"Medlem {user.username}", user=user)
    Membership.objects.create(
        person=person,
        body=body,
        basis=Membership.Basis.BORN,
        start_date=start_date,
        end_date=end_date,
    )
    return user


def persona_create(persona: str, *, body: Body):
    """The user of one persona for a meeting of ``body``."""
    if persona == "anonymous":
        return AnonymousUser()
    if persona == "other_member":
        return member_create(body=body_create())
    if persona == "member":
        return member_create(body=body)
    if persona == "secretariat":
        return secretary_create(body=body)
    if persona == "administrator":
        return admin_create()
    raise ValueError(f"unknown persona {persona!r}; one of {', '.join(PERSONAS)}")


def meeting_create(*, state: str = Meeting.State.DRAFT, **fields) -> Meeting:
    """KKR Hovedstaden's meeting of 15 October 2021 in ``state``: public and closed items,
    a decision, attendance and a closed attachment, and no errors for the agenda check.

    Before the minutes states it is an agenda, after them minutes; ``fields`` go to
    ``document_build``.
    """
    document = document_build(**fields)
    if "sections" not in fields:
        # The factory's 4.1 has a case number and no Indstilling: an error for the check.
        item = item_build("4.1", "Siden sidst", case_number=None, parts=())
        document = section_replace(document, 3, items=(item,))
    if "meeting" not in fields:
        minutes = ORDER[state] >= ORDER[Meeting.State.MINUTES_DRAFT]
        document = replace(
            document,
            meeting=replace(document.meeting, document="minutes" if minutes else "agenda"),
        )
    return document_import(document=document, state=state)
