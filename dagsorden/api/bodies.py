"""Bodies, legislative terms, persons and memberships: reference data, all public."""

from __future__ import annotations

from django.urls import reverse
from ninja import Query, Router

from dagsorden.api.http import ERRORS, MAX_LIMIT, MAX_OFFSET, absolute, conditional, not_found, page
from dagsorden.api.schemas import (
    BodyOut,
    BodyPage,
    MembershipPage,
    PersonOut,
    PersonPage,
    TermOut,
    TermPage,
)
from dagsorden.bodies import selectors

router = Router(tags=["organer"])

Limit = Query(50, ge=1, le=MAX_LIMIT, description="Antal pr. side.")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="Hvor mange der springes over.")
BodyKey = Query(None, description="Organets id eller kortnavn (slug).")


def body_out(request, body) -> dict:
    return {
        "id": body.pk,
        "slug": body.slug,
        "name": body.name,
        "kind": body.kind,
        "municipalities": [m.name for m in body.municipalities.all()],
        "url": absolute(request, reverse("api:body_detail", args=[body.slug])),
    }


def body_filter(key: str | None):
    """The body a ``body`` filter names (id or slug), None for no filter; 404 if unknown."""
    if key is None:
        return None
    body = selectors.body_find(key=key)
    if body is None:
        raise not_found(f"Organet {key!r}")
    return body


@router.get("/bodies", response={200: BodyPage, **ERRORS}, url_name="body_list")
@conditional
def body_list(request, limit: int = Limit, offset: int = Offset):
    bodies = selectors.body_list_by_id().prefetch_related("municipalities")
    return page(
        request, bodies, limit=limit, offset=offset, serialize=lambda b: body_out(request, b)
    )


@router.get("/bodies/{key}", response={200: BodyOut, **ERRORS}, url_name="body_detail")
@conditional
def body_detail(request, key: str):
    """One body by slug or id."""
    return body_out(request, body_filter(key))


@router.get("/terms", response={200: TermPage, **ERRORS}, url_name="term_list")
@conditional
def term_list(request, limit: int = Limit, offset: int = Offset):
    return page(request, selectors.term_list(), limit=limit, offset=offset, serialize=term_out)


@router.get("/terms/{term_id}", response={200: TermOut, **ERRORS}, url_name="term_detail")
@conditional
def term_detail(request, term_id: int):
    term = selectors.term_get(term_id=term_id)
    if term is None:
        raise not_found("Valgperioden")
    return term_out(term)


def term_out(term) -> dict:
    return {"id": term.pk, "name": term.name, "start": term.start, "end": term.end}


def person_out(request, person) -> dict:
    url = reverse("api:person_detail", args=[person.pk])
    return {"id": person.pk, "name": person.name, "url": absolute(request, url)}


@router.get("/persons", response={200: PersonPage, **ERRORS}, url_name="person_list")
@conditional
def person_list(request, limit: int = Limit, offset: int = Offset):
    return page(
        request,
        selectors.person_list(),
        limit=limit,
        offset=offset,
        serialize=lambda p: person_out(request, p),
    )


@router.get("/persons/{person_id}", response={200: PersonOut, **ERRORS}, url_name="person_detail")
@conditional
def person_detail(request, person_id: int):
    person = selectors.person_get(person_id=person_id)
    if person is None:
        raise not_found("Personen")
    return person_out(request, person)


@router.get("/memberships", response={200: MembershipPage, **ERRORS}, url_name="membership_list")
@conditional
def membership_list(
    request,
    body: str | None = BodyKey,
    person: int | None = None,
    term: int | None = None,
    limit: int = Limit,
    offset: int = Offset,
):
    filters = {"body": body_filter(body)}
    if person is not None:
        filters["person"] = selectors.person_get(person_id=person)
        if filters["person"] is None:
            raise not_found("Personen")
    if term is not None:
        filters["term"] = selectors.term_get(term_id=term)
        if filters["term"] is None:
            raise not_found("Valgperioden")
    memberships = selectors.membership_list(**filters)
    return page(request, memberships, limit=limit, offset=offset, serialize=membership_out)


def membership_out(m) -> dict:
    return {
        "id": m.pk,
        "person_id": m.person_id,
        "body_id": m.body_id,
        "term_id": m.term_id,
        "role": m.role,
        "basis": m.basis,
        "substitute_id": m.substitute_id,
        "party": str(m.party) if m.party else None,
        "municipality": m.municipality.name if m.municipality else None,
        "start_date": m.start_date,
        "end_date": m.end_date,
    }
