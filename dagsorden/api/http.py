"""Paging, conditional GET and the public's view: what every endpoint shares."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.middleware.http import ConditionalGetMiddleware
from django.utils import timezone
from django.utils.decorators import decorator_from_middleware
from django.utils.http import http_date
from ninja import Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from pydantic import BeforeValidator

from dagsorden.meetings import access
from dagsorden.meetings.models import Meeting

# The API answers as the portal answers a visitor who is not logged in: a session cookie
# must not widen what a script sees, and tokens with their own rules come later.
PUBLIC = AnonymousUser()
PUBLIC_STATES = [state for state in Meeting.State.values if access.is_public(state)]

MAX_LIMIT = 100
# Past this the database would be asked for an OFFSET no page can reach anyway.
MAX_OFFSET = 10**9

# Django's middleware does the whole RFC 9110 dance: an ETag from the body's hash when the
# view set none, and 304 for a matching If-None-Match or a fresh If-Modified-Since.
conditional = decorate_view(decorator_from_middleware(ConditionalGetMiddleware))


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")


def _iso_only(value):
    # Pydantic reads a bare number as a Unix timestamp; the schema promises ISO 8601 only.
    if isinstance(value, str) and not ISO_DATE.match(value):
        raise ValueError("skal være en ISO 8601-dato, fx 2026-01-31 eller 2026-01-31T12:00:00Z")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_only)]
IsoDateTime = Annotated[dt.datetime, BeforeValidator(_iso_only)]


class Error(Schema):
    detail: str | list | dict


ERRORS = {404: Error, 422: Error}


def not_found(what: str) -> HttpError:
    return HttpError(404, f"{what} findes ikke.")


def set_last_modified(response, stamp: dt.datetime) -> None:
    """For details only: a list's newest row does not move when a row leaves the list,
    so lists carry just the ETag of what they say."""
    response["Last-Modified"] = http_date(stamp.timestamp())


def page(request, queryset, *, limit: int, offset: int, serialize: Callable) -> dict:
    """One page of an id-ordered queryset with ``next``/``previous`` as absolute links."""
    count = queryset.count()
    rows = list(queryset[offset : offset + limit])
    return {
        "count": count,
        "next": _link(request, offset + limit) if offset + limit < count else None,
        "previous": _link(request, max(offset - limit, 0)) if offset > 0 else None,
        "results": [serialize(row) for row in rows],
    }


def _link(request, offset: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{urlencode(sorted(query.items()))}")


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def utc(value: dt.datetime | None) -> dt.datetime | None:
    """A filter's datetime in UTC (a naive one read as Danish time), refused when the
    conversion itself would leave the calendar, as year 1 in a zone east of UTC does."""
    if value is None:
        return None
    try:
        if value.tzinfo is None:
            value = timezone.make_aware(value)
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise HttpError(422, "modified_since ligger uden for det mulige tidsrum.") from None
