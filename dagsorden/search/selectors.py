"""Searching: ranked hits with highlighted snippets, only what the user may read.

Access is decided twice. The query filters rows by the rules of ``meetings.access``
written as SQL (so ranking and paging see only readable rows), and every hit is then
checked with ``access`` itself, so a rule changed there cannot leak through here.
Closed items are found only by those who may see closed content; everyone else does
not learn that a closed item matched, not even its neutral title.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from dagsorden.bodies.models import Membership
from dagsorden.meetings import access
from dagsorden.meetings.models import Meeting
from dagsorden.search import text as txt
from dagsorden.search.backends import backend
from dagsorden.search.models import SearchDocument

Kind = SearchDocument.Kind
State = Meeting.State
# Case numbers look like SAG-2021-04819 or 2012-28504: letters or digits with a dash
# and digits. Only a query that is exactly an indexed case number is taken as one.
_CASE_NUMBER = re.compile(r"^(?=.*\d)[\w.]+(-[\w.]+)+$")


@dataclass(frozen=True)
class SearchFilters:
    body: str | None = None  # a body's slug
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    document: str | None = None  # Meeting.DocumentKind: agenda or minutes
    case_number: str | None = None


@dataclass(frozen=True)
class SearchHit:
    kind: str
    meeting_id: int
    number: str
    title: str
    snippet: SafeString
    title_html: SafeString
    body: str
    date: dt.date
    document: str
    case_number: str
    public: bool
    rank: float

    @property
    def url(self) -> str:
        if self.number and self.kind != Kind.MEETING:
            return reverse("portal:item_detail", args=[self.meeting_id, self.number])
        return reverse("portal:meeting_detail", args=[self.meeting_id])

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "meeting_id": self.meeting_id,
            "number": self.number,
            "title": self.title,
            "snippet": str(self.snippet),
            "body": self.body,
            "date": self.date.isoformat(),
            "document": self.document,
            "case_number": self.case_number,
            "public": self.public,
            "rank": round(self.rank, 6),
            "url": self.url,
        }


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[SearchHit]
    total: int
    case_number: str | None = None  # set when the query was taken as a case number


def _states(since: str) -> list[str]:
    return [s for s in State.values if access.ORDER[s] >= access.ORDER[since]]


def _rights(user) -> tuple[Q, Q]:
    """``access.can_see_meeting``, ``can_see_closed`` and ``can_see_minutes`` as Qs:
    (rows the user may read, rows whose meeting's minutes the user may read)."""
    secretariat = [b.pk for b in access.bodies_for_secretary(user)]
    member: list[int] = []
    if user.is_authenticated:
        member = list(
            Membership.objects.current_on(timezone.localdate())
            .filter(person__user=user)
            .values_list("body_id", flat=True)
        )
    own = Q(body_id__in=secretariat)
    sent = Q(body_id__in=member, state__in=_states(State.SENT))
    public_states = [s for s in State.values if access.is_public(s)]
    meeting = Q(state__in=public_states) | own | sent
    closed = Q(public=True) | own | sent
    minutes = (
        Q(state__in=_states(State.MINUTES_PUBLISHED))
        | Q(body_id__in=secretariat, state__in=_states(State.HELD))
        | Q(body_id__in=member, state__in=_states(State.MINUTES_APPROVED))
    )
    return meeting & closed & (~Q(kind=Kind.DECISION) | minutes), minutes


def _filtered(filters: SearchFilters, minutes: Q):
    rows = SearchDocument.objects.all()
    if filters.body:
        rows = rows.filter(body__slug=filters.body)
    if filters.date_from:
        rows = rows.filter(date__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(date__lte=filters.date_to)
    if filters.document:
        # Minutes one may not read yet are, to that reader, still the agenda.
        is_minutes = Q(document=Meeting.DocumentKind.MINUTES) & minutes
        if filters.document == Meeting.DocumentKind.MINUTES:
            rows = rows.filter(is_minutes)
        else:
            rows = rows.exclude(is_minutes)
    if filters.case_number:
        rows = rows.filter(case_number__iexact=filters.case_number.strip())
    return rows


def case_number_of(query: str) -> str | None:
    """The indexed case number the query is, spelled as stored, or None."""
    query = query.strip()
    if not _CASE_NUMBER.match(query):
        return None
    return (
        SearchDocument.objects.filter(case_number__iexact=query)
        .values_list("case_number", flat=True)
        .first()
    )


def search(
    *,
    user,
    query: str,
    filters: SearchFilters | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Hits for ``query`` that ``user`` may read (``None`` or anonymous: the public)."""
    filters = filters or SearchFilters()
    user = user or AnonymousUser()
    visible, minutes = _rights(user)
    rows = _filtered(filters, minutes).filter(visible)
    parsed = txt.query_parse(query)
    case_number = case_number_of(query)
    engine = backend()
    if case_number is not None:
        # Every item of the case, newest first: a case number is an identity, not words.
        rows = rows.filter(kind=Kind.ITEM, case_number=case_number).order_by("-date", "number")
        rank_of = lambda row: 1.0  # noqa: E731
    else:
        if not parsed.terms:
            return SearchResult(query=query, hits=[], total=0)
        rows = engine.match(rows, query, parsed).order_by("-rank", "-date", "pk")
        rank_of = lambda row: float(row.rank)  # noqa: E731
    total = rows.count()
    page = list(rows.select_related("body")[offset : offset + limit])
    meetings = Meeting.objects.select_related("body").in_bulk({row.meeting_id for row in page})
    hits = []
    for row in page:
        meeting = meetings.get(row.meeting_id)
        if meeting is None or not _may_read(user, meeting, row):
            continue
        if case_number is not None:
            snippet = txt.highlight(row.text, frozenset())
        else:
            snippet = engine.snippet(row, parsed)
        hits.append(
            SearchHit(
                kind=row.kind,
                meeting_id=row.meeting_id,
                number=row.number,
                title=row.title,
                title_html=txt.highlight(row.title, parsed.stems, size=100),
                snippet=snippet,
                body=row.body.name,
                date=row.date,
                document=_document(user, meeting),
                case_number=row.case_number,
                public=row.public,
                rank=rank_of(row),
            )
        )
    return SearchResult(query=query, hits=hits, total=total, case_number=case_number)


def _document(user, meeting: Meeting) -> str:
    if meeting.document == Meeting.DocumentKind.MINUTES and access.can_see_minutes(user, meeting):
        return Meeting.DocumentKind.MINUTES
    return Meeting.DocumentKind.AGENDA


def _may_read(user, meeting: Meeting, row: SearchDocument) -> bool:
    # The index copies the meeting's state; the meeting read now is what counts.
    if not access.can_see_meeting(user, meeting):
        return False
    if not row.public and not access.can_see_closed(user, meeting):
        return False
    return row.kind != Kind.DECISION or access.can_see_minutes(user, meeting)
