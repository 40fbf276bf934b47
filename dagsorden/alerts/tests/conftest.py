"""Builders for alert tests: a confirmed subscriber and meetings made public at a time."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.cache import cache

from dagsorden.alerts import services
from dagsorden.meetings.models import Meeting, MeetingEvent

State = Meeting.State
CONFIRMED = dt.datetime(2021, 10, 1, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def publish(meeting: Meeting, state: str, at: dt.datetime) -> Meeting:
    """``meeting`` moved into ``state`` at ``at``, recorded as the workflow records it."""
    MeetingEvent.objects.create(meeting=meeting, from_state=meeting.state, to_state=state, at=at)
    meeting.state = state
    meeting.save(update_fields=["state"])
    return meeting


def link_in(message, kind: str) -> str:
    """The path of the portal link of ``kind`` (bekraeft or afmeld) in a mail."""
    match = re.search(rf"http://testserver(/abonnement/{kind}/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def site(settings):
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def subscriber(site):
    """``subscriber(email, body=..., query=...)``: subscribed and confirmed at CONFIRMED,
    the confirmation mail cleared away."""

    def build(email="borger@example.dk", **target):
        subscription = services.subscribe(email=email, **target)
        services.confirm(token=subscription.token, now=CONFIRMED)
        mail.outbox.clear()
        subscription.refresh_from_db()
        return subscription

    return build


@pytest.fixture
def imported(django_capture_on_commit_callbacks):
    """``imported(doc)``: stored as a published meeting and indexed for search, as an
    import does it; with no workflow event, so published when created."""
    from dagsorden.meetings.services import document_import

    def build(doc, state=State.PUBLISHED) -> Meeting:
        with django_capture_on_commit_callbacks(execute=True):
            return document_import(document=doc, state=state)

    return build
