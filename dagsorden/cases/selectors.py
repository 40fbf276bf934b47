"""Reading cases for the portal: one case and every agenda item about it."""

from __future__ import annotations

from django.db.models import QuerySet

from dagsorden.cases.models import Case
from dagsorden.lib.validators import storable_id
from dagsorden.meetings.models import AgendaItem


def case_get(*, case_id: int) -> Case | None:
    return Case.objects.filter(pk=case_id).first()


def case_items(*, case: Case) -> QuerySet[AgendaItem]:
    """The case's items across meetings, oldest meeting first, each with its section,
    meeting and body (what ``meetings.access`` needs). Who may see which is the caller's
    to decide, item by item."""
    return (
        AgendaItem.objects.filter(case=case)
        .select_related("section__meeting__body")
        .defer("section__meeting__preamble", "section__meeting__source")
        .order_by("section__meeting__date", "section__order", "order", "pk")
    )


def cases_with_items(*, states: list[str], public_only: bool) -> QuerySet[Case]:
    """Cases with at least one item in a meeting in ``states`` (and, with ``public_only``,
    an open item), oldest id first: a case only closed items are about stays unknown."""
    items = {"items__section__meeting__state__in": states}
    if public_only:
        items["items__public"] = True
    return Case.objects.filter(**items).distinct().order_by("pk")


def case_api_get(*, case_id: int) -> Case | None:
    # Ids from an address can be any size; past 64 bits the database errors, not misses.
    return case_get(case_id=case_id) if storable_id(case_id) else None
