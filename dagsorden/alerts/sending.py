"""``send-alerts``: mail each confirmed subscriber the agendas and minutes made public
since they confirmed, each publication once.

When a document became public is read as the feeds read it: the last workflow event
into the publishing state, or, for a meeting imported straight into it, its creation.

Once per publication is kept by ``Delivery``: its row is inserted, the mail sent and the
row committed in one transaction. A concurrent run trying the same row waits on the
unique constraint and then skips it; a failed send rolls the row back so the next run
retries. A crash between the mail leaving and the commit could send it twice; the other
order could lose it, and a repeated alert is the lesser harm.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from dagsorden.alerts.models import Delivery, Subscription
from dagsorden.alerts.services import absolute, unsubscribe_url
from dagsorden.bodies.models import Body
from dagsorden.feeds import public
from dagsorden.meetings import access, selectors
from dagsorden.meetings.models import Meeting
from dagsorden.search.selectors import SearchFilters, search

log = logging.getLogger(__name__)

State = Meeting.State
Document = Meeting.DocumentKind
# The state that makes each document public, and the words for it in a subject line.
KINDS = (
    (State.PUBLISHED, Document.AGENDA, "Ny dagsorden", "en ny dagsorden"),
    (State.MINUTES_PUBLISHED, Document.MINUTES, "Nyt referat", "et nyt referat"),
)
PUBLIC_STATES = [s for s in State.values if access.is_public(s)]
# Enough hits to cover every meeting of a date range for any sensible saved search.
SEARCH_LIMIT = 1000


@dataclass(frozen=True)
class Publication:
    meeting: Meeting
    document: str
    at: dt.datetime


@dataclass
class Summary:
    mails: int = 0
    subscribers: int = 0
    failed: int = 0

    def line(self) -> str:
        return (
            f"send-alerts: {self.mails} mail(s) sendt til {self.subscribers} abonnent(er), "
            f"{self.failed} fejlet."
        )


def alerts_send(*, now: dt.datetime | None = None) -> Summary:
    now = now or timezone.now()
    summary = Summary()
    subscriptions = list(
        Subscription.objects.filter(confirmed_at__isnull=False, confirmed_at__lte=now)
        .select_related("body")
        .order_by("pk")
    )
    if not subscriptions:
        return summary
    publications = _publications(subscriptions, now)
    sent = set(
        Delivery.objects.filter(subscription__in=subscriptions).values_list(
            "subscription_id", "meeting_id", "document"
        )
    )
    with get_connection() as connection:
        for subscription in subscriptions:
            due = [
                p
                for p in publications
                if p.at >= subscription.confirmed_at
                and (subscription.pk, p.meeting.pk, p.document) not in sent
                and (subscription.body_id is None or p.meeting.body_id == subscription.body_id)
            ]
            if due and subscription.kind == Subscription.Kind.SEARCH:
                matching = _matching_meeting_ids(subscription, due)
                due = [p for p in due if p.meeting.pk in matching]
            mailed = 0
            for publication in due:
                outcome = _deliver(subscription, publication, connection)
                mailed += outcome is True
                summary.failed += outcome is None
            summary.mails += mailed
            summary.subscribers += mailed > 0
    return summary


def _publications(subscriptions: list[Subscription], now: dt.datetime) -> list[Publication]:
    """Every public agenda and minutes of the bodies subscribed to, published by ``now``
    and no earlier than the first confirmation (nothing older can be due)."""
    if any(s.body_id is None for s in subscriptions):
        body_ids = list(Body.objects.values_list("pk", flat=True))
    else:
        body_ids = list({s.body_id for s in subscriptions})
    since = min(s.confirmed_at for s in subscriptions)
    meetings = [
        m
        for m in selectors.meetings_with_item_titles(body_ids=body_ids).filter(
            state__in=PUBLIC_STATES
        )
        if public.visible(m)
    ]
    times = selectors.meeting_state_times(
        meeting_ids=[m.pk for m in meetings], states=[state for state, *_ in KINDS]
    )
    publications = []
    for meeting in meetings:
        for state, document, *_ in KINDS:
            if document == Document.MINUTES and not public.minutes_visible(meeting):
                continue
            at = times.get((meeting.pk, state), meeting.created)
            if since <= at <= now:
                publications.append(Publication(meeting, document, at))
    publications.sort(key=lambda p: (p.at, p.meeting.pk, p.document))
    return publications


def _matching_meeting_ids(subscription: Subscription, due: list[Publication]) -> set[int]:
    """The meetings among ``due`` where the public finds the saved search: the same
    search the search page runs, so an alert never points at what the page would not."""
    dates = [p.meeting.date for p in due]
    filters = SearchFilters(
        body=subscription.body.slug if subscription.body_id else None,
        date_from=min(dates),
        date_to=max(dates),
    )
    result = search(user=None, query=subscription.query, filters=filters, limit=SEARCH_LIMIT)
    return {hit.meeting_id for hit in result.hits}


def _deliver(subscription: Subscription, publication: Publication, connection) -> bool | None:
    """True when mailed, False when already claimed by another run, None on failure."""
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    Delivery.objects.create(
                        subscription=subscription,
                        meeting=publication.meeting,
                        document=publication.document,
                    )
            except IntegrityError:
                return False
            message_build(subscription, publication, connection).send()
    except Exception:
        # One bad address or a hiccup at the mail server must not stop the others.
        log.exception(
            "alert to subscription %s for meeting %s failed",
            subscription.pk,
            publication.meeting.pk,
        )
        return None
    return True


def message_build(subscription: Subscription, publication: Publication, connection=None):
    meeting = publication.meeting
    _, _, subject_word, phrase = next(k for k in KINDS if k[1] == publication.document)
    day = public.long_date(meeting.date)
    meeting_url = absolute(reverse("portal:meeting_detail", args=[meeting.pk]))
    leave = unsubscribe_url(subscription)
    lines = [
        f"Der er offentliggjort {phrase} for {meeting.body.name}, mødet {day}.",
        "",
        *(public.item_lines(meeting) or []),
        "",
        f"Læs det hele her: {meeting_url}",
        "",
        "-- ",
        f"Du får denne mail, fordi du abonnerer på {subscription.target}.",
        f"Afmeld med ét klik: {leave}",
    ]
    return EmailMessage(
        subject=f"{subject_word}: {meeting.body.name} {day}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{leave}>",
            # RFC 8058: mail clients may unsubscribe with one POST, no page visit.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
