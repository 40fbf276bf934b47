"""Reading bodies for the portal: the list, one body, and each body's next meetings."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from dagsorden.bodies.models import Body, LegislativeTerm, Membership, Person
from dagsorden.lib.validators import storable_id
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


def person_memberships(*, person: Person) -> QuerySet[Membership]:
    """All the person's seats, past and future, with their bodies."""
    return person.memberships.select_related("body").order_by("body__name", "start_date")


# -- the public API: lists in id order, so a page boundary never moves ----------------------


def body_list_by_id() -> QuerySet[Body]:
    return Body.objects.order_by("pk")


def body_find(*, key: str) -> Body | None:
    """A body by id (all digits) or slug, or None."""
    if "\x00" in key:
        # PostgreSQL refuses a NUL in any text parameter with an error, not an empty result.
        return None
    if key.isascii() and key.isdigit():
        return Body.objects.filter(pk=int(key)).first() if storable_id(int(key)) else None
    return body_get(slug=key)


def term_list() -> QuerySet[LegislativeTerm]:
    return LegislativeTerm.objects.order_by("pk")


def term_get(*, term_id: int) -> LegislativeTerm | None:
    return LegislativeTerm.objects.filter(pk=term_id).first() if storable_id(term_id) else None


def person_list() -> QuerySet[Person]:
    return Person.objects.order_by("pk")


def person_get(*, person_id: int) -> Person | None:
    return Person.objects.filter(pk=person_id).first() if storable_id(person_id) else None


def membership_list(
    *, body: Body | None = None, person: Person | None = None, term: LegislativeTerm | None = None
) -> QuerySet[Membership]:
    memberships = Membership.objects.select_related("party", "municipality").order_by("pk")
    if body is not None:
        memberships = memberships.filter(body=body)
    if person is not None:
        memberships = memberships.filter(person=person)
    if term is not None:
        memberships = memberships.filter(term=term)
    return memberships
