"""Reading bodies for the portal: the list, one body, and each body's next meetings."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from dagsorden.bodies.models import Body, Membership, Person
from dagsorden.meetings.models import Meeting


def body_list() -> QuerySet[Body]:
    return Body.objects.order_by("name")


def body_get(*, slug: str) -> Body | None:
    return Body.objects.filter(slug=slug).first()


def meetings_from(*, on: dt.date) -> QuerySet[Meeting]:
    """Every body's meetings on or after ``on``, soonest first, with their body.

    Who may see which is for ``meetings.access``; the caller filters.
    """
    return (
        Meeting.objects.select_related("body")
        .defer("preamble", "source")
        .filter(date__gte=on)
        .order_by("date", "start", "pk")
    )


def person_get(*, person_id: int) -> Person | None:
    return Person.objects.filter(pk=person_id).first()


def person_memberships(*, person: Person) -> QuerySet[Membership]:
    """All the person's seats, past and future, with their bodies."""
    return person.memberships.select_related("body").order_by("body__name", "start_date")
